import { openPhone, expect } from './helpers.mjs'
import { current, signInAs } from './flow-steps.mjs'

const DALIANG = { latitude: 22.84, longitude: 113.25 }

/** Metres from a distance text: 850 米 · 1.2 公里 · 12 公里. */
function metres(text) {
  const m = /([\d.]+)\s*(米|公里)/.exec(text)
  if (!m) return NaN
  return Number(m[1]) * (m[2] === '公里' ? 1000 : 1)
}

async function toast(p, text) {
  // Taro's H5 toast stays in the DOM after it fades: read its text rather than wait for it to show
  await p.page.waitForFunction(
    (source) => [...document.querySelectorAll('.taro__toast')].some((e) => new RegExp(source).test(e.textContent || '')),
    text.source,
    { timeout: 10_000 }
  )
}

/**
 * A rider at 大良 with location granted, not signed in: the nearest open station first, then an amenity
 * filter. Then an enterprise liaison books a sitting, finds it in 我的预约 with its 签到码, and the
 * station manager types the code on the H5 签到台 and records a walk-in.
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

    // an enterprise liaison books the 暑期托管 of 大良德胜 (open to anyone, 20 places)
    await signInAs(p, 'enterprise')
    await p.go('/packages/stations/detail/index?id=s-daliang-warm-1')
    const slot = current(p).locator('.slot--ok, .slot--full').first()
    await slot.waitFor({ timeout: 20_000 })
    await p.shot('station-detail')
    await slot.click()
    await p.page.locator('.taro-modal__foot').filter({ visible: true }).getByText(/^(预约|候补)$/).click()
    await toast(p, /预约成功|已加入候补/)

    await p.go('/packages/stations/bookings/index')
    const booking = current(p).getByTestId('booking-card').filter({ hasText: '暑期托管' }).first()
    await booking.waitFor({ timeout: 15_000 })
    expect((await booking.getByTestId('booking-status').innerText()).includes('已预约'), '我的预约里没有“已预约”')
    await booking.getByTestId('show-code').click()
    const token = (await current(p).getByTestId('checkin-token').innerText()).trim()
    expect(token.length >= 8, `签到码不完整：${token}`)
    await p.shot('my-bookings-code')

    // the station manager types it on H5
    await signInAs(p, 'station')
    await p.go('/packages/station-manager/checkin/index')
    await current(p).locator('.console__input input').fill(token)
    // everything so far was clean; the check-in below may be answered 409 (too early), which the browser logs
    p.assertClean()
    await current(p).getByTestId('submit-code').click()
    const result = current(p).getByTestId('checkin-result')
    await result.waitFor({ timeout: 15_000 })
    const outcome = await result.innerText()
    // the sitting starts hours from now: the rule allows check-in from 30 minutes before the start,
    // so a booking made minutes ago is refused with the time it opens (已签到 needs a sitting about to start)
    expect(/已签到|签到尚未开始/.test(outcome), `签到结果不对：${outcome}`)
    await current(p).getByTestId('walk-in').click()
    const onSite = await current(p).getByTestId('on-site').innerText()
    expect(/在站 \d+ 人/.test(onSite), `登记到站后没有在站人数：${onSite}`)
    await p.shot('station-checkin')
    if (outcome.includes('已签到')) p.assertClean()
  } finally {
    await p.close()
    await context.close()
  }
}
