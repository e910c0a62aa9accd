import { openPhone, expect } from './helpers.mjs'
import { current, signInAs } from './flow-steps.mjs'
import { book, bookingCard, chinaTime, clearOfHalfHour, nextHalfHour, openService, toast } from './booking-steps.mjs'

const DALIANG = { latitude: 22.84, longitude: 113.25 }
// the demo station manager's 24-hour station, and its rest places: half-hour sittings round the clock,
// no notice, holidays too, so the earliest sitting always starts within 30 minutes (check-in is open)
const STATION = 's-daliang-warm-1'
const REST = 'svc-daliang-warm-1-rest'

/** Metres from a distance text: 850 米 · 1.2 公里 · 12 公里. */
function metres(text) {
  const m = /([\d.]+)\s*(米|公里)/.exec(text)
  if (!m) return NaN
  return Number(m[1]) * (m[2] === '公里' ? 1000 : 1)
}

/**
 * A rider at 大良 with location granted, not signed in: the nearest open station first, then an amenity
 * filter. Then an enterprise liaison books the earliest 骑手休息位 sitting at 大良德胜 (it starts within
 * half an hour, whatever the time), finds it in 我的预约 with its 签到码; the station manager types the
 * code on the H5 签到台 (已签到), types it again (harmless: no error, still checked in) and records a
 * walk-in; the liaison's 我的预约 then says 已签到.
 */
export async function stationFlow(ctx) {
  const context = await ctx.browser.newContext({
    viewport: { width: 375, height: 740 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
    geolocation: DALIANG,
    permissions: ['geolocation']
  })
  // openPhone opens its page with browser.newPage(): hand it this context instead
  const p = await openPhone({ ...ctx, browser: { newPage: () => context.newPage() } })
  try {
    await p.go('/pages/stations/index')
    const first = current(p).getByTestId('station-card').first()
    await first.waitFor({ timeout: 20_000 })
    expect((await first.getAttribute('data-open')) === 'yes', '第一个结果不是营业中的驿站')
    const distance = await first.getByTestId('station-distance').innerText()
    expect(metres(distance) <= 5000, `最近的驿站不在几公里内：${distance}`)
    expect((await first.innerText()).includes('在站'), '结果没有在站人数')
    expect(!(await current(p).getByTestId('town-picker').isVisible()), '已授权定位却显示了镇街选择')
    await p.shot('station-finder')

    const answered = p.page.waitForResponse((r) => r.url().includes('/api/stations'))
    await current(p).getByTestId('amenity-charging').click()
    await answered
    await p.page.waitForTimeout(300)
    const cards = await current(p).getByTestId('station-card').allInnerTexts()
    expect(cards.length > 0, '筛选“充电”后没有驿站')
    expect(cards.every((t) => t.includes('充电')), '筛选“充电”后有驿站没有充电')
    await p.shot('station-finder-charging')

    // an enterprise liaison books the earliest rest place at 大良德胜
    await signInAs(p, 'enterprise')
    await clearOfHalfHour(p)
    const expected = chinaTime(nextHalfHour())
    await openService(p, STATION, REST)
    const slot = current(p).getByTestId('slot').first()
    const time = (await slot.locator('.slot__time').innerText()).trim()
    expect(time.startsWith(`${expected}–`), `最早的休息位时段不是下一个半点（${expected}）：${time}`)
    expect((await slot.getAttribute('class')).includes('slot--ok'), `最早的休息位不能预约：${await slot.innerText()}`)
    await p.shot('station-detail')
    const booked = await book(p, slot, '预约')
    expect(booked.status === 'confirmed', `预约状态不对：${booked.status}`)
    await toast(p, /预约成功/)

    await p.go('/packages/stations/bookings/index')
    const booking = await bookingCard(p, '骑手休息位', '已预约')
    await booking.getByTestId('show-code').click()
    const tokenText = booking.getByTestId('checkin-token')
    await tokenText.waitFor({ timeout: 15_000 })
    const token = (await tokenText.innerText()).trim()
    expect(token.length >= 8, `签到码不完整：${token}`)
    await p.shot('my-bookings-code')

    // the station manager types it on H5: the sitting starts within half an hour, so check-in is open
    await signInAs(p, 'station')
    await p.go('/packages/station-manager/checkin/index')
    const input = current(p).locator('.console__input input')
    await input.waitFor({ timeout: 15_000 })
    const result = current(p).getByTestId('checkin-result')
    const enter = async () => {
      await input.fill(token)
      const answered = p.page.waitForResponse((r) => r.url().endsWith('/api/bookings') && (r.request().postData() || '').includes('"action":"checkIn"'))
      await current(p).getByTestId('submit-code').click()
      const body = await (await answered).json()
      expect(body.ok && body.data.status === 'checked_in', `签到没有成功：${JSON.stringify(body.error ?? body.data)}`)
      await result.waitFor({ timeout: 15_000 })
      return body.data
    }
    const firstScan = await enter()
    const outcome = await result.innerText()
    expect(outcome.includes('已签到') && outcome.includes('骑手休息位') && outcome.includes(time), `签到结果不对：${outcome}`)
    expect((await result.getAttribute('class')).includes('checkin-result--ok'), `签到结果不是“已签到”：${outcome}`)
    await p.shot('station-checkin')

    // the same code again (the person shows it twice, or the manager taps twice): no error, still the same check-in
    const again = await enter()
    expect(again.id === firstScan.id && again.checkedInAt === firstScan.checkedInAt, '第二次签到改了签到记录')
    const second = await result.innerText()
    expect(/已签到|重复签到/.test(second) && !second.includes('未能签到'), `第二次输入签到码的结果不对：${second}`)
    await current(p).getByTestId('walk-in').click()
    const onSite = current(p).getByTestId('on-site')
    await onSite.waitFor({ timeout: 15_000 })
    const count = await onSite.innerText()
    // the booked check-in and the walk-in are both on site now
    expect(/在站 \d+ 人/.test(count) && Number(/\d+/.exec(count)[0]) >= 2, `登记到站后在站人数不对：${count}`)
    await p.shot('station-checkin-again')

    // the liaison sees it checked in
    await signInAs(p, 'enterprise')
    await p.go('/packages/stations/bookings/index')
    const done = await bookingCard(p, '骑手休息位', '已签到')
    expect(!(await done.getByTestId('show-code').count()), '已签到的预约仍显示“签到码”按钮')
    await p.shot('my-bookings-checked-in')
    p.assertClean()
  } finally {
    await p.close()
    await context.close()
  }
}
