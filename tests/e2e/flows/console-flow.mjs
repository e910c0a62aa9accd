import { openPhone, expect } from './helpers.mjs'
import { current, screenShot, signInAs, tallShot } from './flow-steps.mjs'
import { book, bookingCard, chinaDay, confirmModal, openService, pickDay, stripDays } from './booking-steps.mjs'

// The demo station manager's station (cloudfunctions/db/seed/people.ts), its name (seed/stations.ts) and
// the department that runs warm stations: STATION_DEPARTMENT.warm = 'trade_union' = 区总工会 (seed/departments.ts)
const STATION = 's-daliang-warm-1'
const STATION_NAME = '大良德胜暖"新"驿站'
const DEPARTMENT = '区总工会'
// round-the-clock half-hour rest places, bookable today and tomorrow, holidays too (seed/services.ts)
const REST = 'svc-daliang-warm-1-rest'
const REST_NAME = '骑手休息位'
// 暑期托管: no other walk books it, so this walk may change its places and weekly sittings
const CHILDCARE_NAME = '暑期托管'
const DAY_MS = 86_400_000

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
/** The console's day label (src/features/station-console/dates.ts): 11月25日 周二. */
function dayTitle(day) {
  const d = new Date(`${day}T12:00:00Z`)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS[d.getUTCDay()]}`
}

/** Waits until `locator` matches `n` elements. */
async function waitForCount(locator, n, what, timeout = 15_000) {
  const until = Date.now() + timeout
  for (;;) {
    const count = await locator.count()
    if (count === n) return
    if (Date.now() > until) throw new Error(`${what}：应有 ${n} 项，实际 ${count} 项`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/**
 * Waits for a toast with this text, then for it to go (it would cover the next screenshot). Taro's H5
 * toast keeps its element and text after it fades (display: none), and shows a new one at opacity 0
 * for a moment, so the screenshot helpers' own wait could take a toast fading in for one gone.
 */
async function toast(p, text) {
  const shown = (source) => [...document.querySelectorAll('.taro__toast')].find((e) => new RegExp(source).test(e.textContent || ''))
  await p.page.waitForFunction(shown, text.source, { timeout: 10_000 })
  await p.page
    .waitForFunction((source) => {
      const el = [...document.querySelectorAll('.taro__toast')].find((e) => new RegExp(source).test(e.textContent || ''))
      return !el || el.style.display === 'none'
    }, text.source, { timeout: 4000 })
    .catch(() => undefined)
}

/** The answer of the next POST /api/stations with this action (the Result body). */
function stationsAnswer(p, action) {
  return p.page
    .waitForResponse((r) => r.url().endsWith('/api/stations') && r.request().method() === 'POST' && (r.request().postData() || '').includes(`"action":"${action}"`), {
      timeout: 15_000
    })
    .then((r) => r.json())
}

/** The value of a row of 办理信息 on the problem detail page. */
const detailRow = (p, label) =>
  current(p)
    .locator('.detail-row')
    .filter({ has: p.page.locator('.detail-row__label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('.detail-row__value')

/** The Taro H5 picker popup that shows now (its overlay has no box of its own: the sheet slides up). */
const openPicker = (p) => p.page.locator('.weui-picker').filter({ visible: true })

/** Taps what opens a picker and waits for its sheet to finish sliding up. */
async function showPicker(p, opener) {
  await opener.click()
  await openPicker(p).waitFor()
  await p.page.waitForTimeout(400)
}

/**
 * Drags column `column` of the open picker by `rows` rows (positive: later values, as a finger flicks
 * up). Taro's H5 picker follows the mouse too; one drag stays inside the column (7 rows high).
 */
async function dragColumn(p, column, rows) {
  const group = openPicker(p).locator('taro-picker-group').nth(column)
  const box = await group.boundingBox()
  expect(box, '选择器的列没有显示')
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2 + (rows > 0 ? 60 : -60)
  await p.page.mouse.move(x, y)
  await p.page.mouse.down()
  await p.page.mouse.move(x, y - rows * 34, { steps: 8 })
  await p.page.mouse.up()
  await p.page.waitForTimeout(400)
}

/** Taps 确定 on the open picker and waits for it to close. */
async function pickerOk(p) {
  const overlay = openPicker(p)
  await overlay.locator('.weui-picker__action').filter({ hasText: '确定' }).click()
  await overlay.waitFor({ state: 'hidden' })
}

/**
 * 站点反馈 and 站点工作台. An enterprise liaison reports 饮水 at 大良德胜 (the chip fills 饮水机没有热水了)
 * and lands on the problem, routed to 区总工会, and books tomorrow's first 骑手休息位. The station manager
 * opens 我的 → 站点工作台: 今日 lists the feedback, the rest sittings and the stats; 后一天 shows the
 * liaison's booking. 服务时段: 暑期托管 gets 25 places and a Saturday sitting 12:00–13:00 (kept after a
 * reload). 闭站: tomorrow closes (the liaison's booking is cancelled), a day picked in the date picker too;
 * 今日 shows 当天闭站; both reopen. 统计: 14 and 30 days. The liaison's booking reads 已取消, with a notice.
 *
 * Runs last: it changes 暑期托管 (no other walk books it) and closes days at 大良德胜 only after the
 * station walk is done with it (its booking is checked in, which a closure leaves alone).
 */
export async function consoleFlow(ctx) {
  const p = await openPhone(ctx)
  const shots = ctx.shots
  // the walk reads 今天 and 明天 once: start it clear of China's midnight
  const toMidnight = DAY_MS - ((Date.now() + 8 * 3600_000) % DAY_MS)
  if (toMidnight < 120_000) await p.page.waitForTimeout(toMidnight + 2000)
  const today = chinaDay(Date.now())
  const tomorrow = chinaDay(Date.parse(`${today}T12:00:00+08:00`) + DAY_MS)
  try {
    // ---- 1. station feedback, as the enterprise liaison --------------------------------------------
    await signInAs(p, 'enterprise')
    await p.go(`/packages/stations/detail/index?id=${STATION}`)
    const entry = current(p).getByTestId('station-feedback')
    await entry.waitFor({ timeout: 20_000 })
    await entry.scrollIntoViewIfNeeded()
    await screenShot(p, shots, 'feedback-0-entry')
    await entry.click()
    await p.page.waitForURL(/packages\/stations\/feedback\/index\?id=/, { timeout: 15_000 })
    expect(p.page.url().includes(`id=${STATION}`), `反馈页的站点不对：${p.page.url()}`)
    const water = current(p).getByTestId('feedback-amenity-water')
    await water.waitFor({ timeout: 15_000 })
    expect((await current(p).locator('.feedback__station').innerText()).trim() === STATION_NAME, '反馈页的站点名不对')
    await water.click()
    expect((await water.getAttribute('class')).includes('feedback__amenity--on'), '“饮水”没有选中')
    const content = await current(p).getByTestId('feedback-content').locator('textarea').inputValue()
    expect(content === '饮水机没有热水了', `点“饮水”没有填入常用说法：${content}`)
    await tallShot(p, shots, 'feedback-1-form')
    await current(p).getByTestId('feedback-submit').click()
    await p.page.waitForURL(/packages\/problem\/detail\/index\?id=/, { timeout: 15_000 })
    const problemId = new URL(p.page.url().replace('#', '')).searchParams.get('id')
    await current(p).getByTestId('timeline-item').first().waitFor({ timeout: 15_000 })
    await toast(p, /已反馈/)
    const stationRow = (await detailRow(p, '站点').innerText()).trim()
    expect(stationRow === STATION_NAME, `办理信息的站点不对：${stationRow}`)
    const departmentRow = (await detailRow(p, '承办部门').innerText()).trim()
    expect(departmentRow === DEPARTMENT, `站点反馈没有派给站点的主管部门（${DEPARTMENT}）：${departmentRow}`)
    const problemTitle = (await current(p).locator('.detail-head').innerText()).trim()
    expect(problemTitle.includes(`${STATION_NAME}：饮水`), `反馈诉求的标题不对：${problemTitle}`)
    await tallShot(p, shots, 'feedback-2-filed')

    // the liaison also takes tomorrow's first rest place: the manager sees it, and a closure cancels it
    await openService(p, STATION, REST)
    const later = (await stripDays(p)).find((d) => d > today)
    expect(later === tomorrow, `骑手休息位没有明天（${tomorrow}）的时段：${await stripDays(p)}`)
    await pickDay(p, tomorrow)
    const first = current(p).getByTestId('slot').first()
    const firstTime = /^\d\d:\d\d/.exec((await first.locator('.slot__time').innerText()).trim())[0]
    const booked = await book(p, first, '预约')
    expect(booked.status === 'confirmed', `明天的休息位没有约上：${booked.status}`)
    await toast(p, /预约成功/)

    // ---- 2. 站点工作台 · 今日, as the station manager ---------------------------------------------------
    await signInAs(p, 'station')
    const link = current(p).getByTestId('link-station-console')
    await link.waitFor()
    await tallShot(p, shots, 'console-0-me')
    await link.click()
    await p.page.waitForURL(/packages\/station-manager\/console\/index/, { timeout: 15_000 })
    const head = current(p).getByTestId('console-station')
    await head.waitFor({ timeout: 15_000 })
    expect((await head.innerText()).trim() === STATION_NAME, `工作台的站点不对：${await head.innerText()}`)
    await current(p).getByTestId('stat-onsite').waitFor({ timeout: 15_000 })
    expect((await current(p).getByTestId('day-title').innerText()).trim() === `今天 · ${dayTitle(today)}`, '今日的日期不对')
    const onsite = (await current(p).getByTestId('stat-onsite').innerText()).trim()
    expect(/^\d+$/.test(onsite), `在站人数不是数字：${onsite}`)
    const feedback = current(p).getByTestId('console-feedback').filter({ hasText: `${STATION_NAME}：饮水` })
    await feedback.waitFor({ timeout: 15_000 })
    expect((await feedback.innerText()).includes(DEPARTMENT), `待解决的反馈没有承办部门：${await feedback.innerText()}`)
    expect(await current(p).getByText(/^待解决的反馈（\d+）$/).isVisible(), '没有“待解决的反馈”标题')
    // the rest places run every half hour round the clock: 48 sittings a day, the empty ones folded away
    const rest = current(p).getByTestId('console-sitting').filter({ hasText: REST_NAME })
    expect((await rest.count()) < 48, `今天无人预约的休息位没有折叠：${await rest.count()}`)
    await current(p).getByTestId('show-all-sittings').click()
    await waitForCount(rest, 48, '今天的骑手休息位')
    for (const counts of await current(p).getByTestId('sitting-counts').allInnerTexts()) {
      expect(/^名额 \d+ · 已约 \d+ · 已签到 \d+/.test(counts.trim()), `时段的人数写法不对：${counts}`)
    }
    await tallShot(p, shots, 'console-1-day')

    // 后一天: tomorrow, with the liaison's booking; 前一天 back to today
    await current(p).getByTestId('day-next').click()
    await current(p).getByTestId('day-title').filter({ hasText: new RegExp(`^${dayTitle(tomorrow)}$`) }).waitFor({ timeout: 15_000 })
    const mine = current(p)
      .getByTestId('console-sitting')
      .filter({ hasText: `${firstTime}–` })
      .filter({ hasText: REST_NAME })
    await mine.first().waitFor({ timeout: 15_000 })
    const person = mine.first().getByTestId('console-booking').filter({ hasText: '陈晓敏' })
    expect((await person.count()) === 1, `明天 ${firstTime} 的休息位里没有陈晓敏：${await mine.first().innerText()}`)
    expect((await person.innerText()).includes('已预约'), `陈晓敏的预约状态不对：${await person.innerText()}`)
    // demo people have no phone; a real one shows masked (138****0000), never whole
    expect(!/\d{11}/.test(await person.innerText()), `手机号没有打码：${await person.innerText()}`)
    await screenShot(p, shots, 'console-2-day-next')
    await current(p).getByTestId('day-prev').click()
    await current(p).getByTestId('day-title').filter({ hasText: `今天 · ${dayTitle(today)}` }).waitFor({ timeout: 15_000 })

    // the manager may open the feedback
    await feedback.click()
    await p.page.waitForURL(new RegExp(`packages/problem/detail/index\\?id=${problemId}`), { timeout: 15_000 })
    await current(p).getByTestId('timeline-item').first().waitFor({ timeout: 15_000 })
    expect((await detailRow(p, '站点').innerText()).trim() === STATION_NAME, '站点管理员打开的反馈详情不对')
    await tallShot(p, shots, 'console-3-feedback-detail')

    // ---- 3. 服务时段: 暑期托管 gets 25 places and a Saturday sitting 12:00–13:00 --------------------------
    await p.go('/packages/station-manager/console/index')
    await current(p).getByTestId('tab-services').click()
    const service = current(p).getByTestId('console-service').filter({ hasText: CHILDCARE_NAME })
    await service.waitFor({ timeout: 15_000 })
    const names = await current(p).getByTestId('console-service').locator('.sc-service__name').allInnerTexts()
    expect(names.includes(CHILDCARE_NAME) && names.includes(REST_NAME), `服务时段没有列出暑期托管和骑手休息位：${names}`)
    await tallShot(p, shots, 'console-4-services')
    await service.locator('.sc-link', { hasText: '调整' }).click()
    const editor = service.getByTestId('service-editor')
    await editor.waitFor()
    const capacity = editor.getByTestId('field-capacity').locator('input')
    const before = Number(await capacity.inputValue())
    const places = before + 5
    await capacity.fill(String(places))
    const saturday = editor.getByTestId('week-6')
    const chipsBefore = await saturday.locator('.sc-chip:not(.sc-chip--add)').allInnerTexts()
    await editor.getByTestId('add-sitting-6').click()
    const adder = saturday.locator('.sc-add')
    await adder.waitFor()
    // 09:00 → 12:00 and 10:00 → 13:00 in the time pickers (the seeded 09:00–12:00 would overlap)
    await showPicker(p, adder.locator('.sc-add__time').first())
    await dragColumn(p, 0, 3)
    await screenShot(p, shots, 'console-5-time-picker')
    await pickerOk(p)
    await showPicker(p, adder.locator('.sc-add__time').nth(1))
    await dragColumn(p, 0, 3)
    await pickerOk(p)
    const times = (await adder.locator('.sc-add__time').allInnerTexts()).map((t) => t.trim())
    expect(times.join('–') === '12:00–13:00', `时间选择器没有选出 12:00–13:00：${times}`)
    await adder.getByTestId('add-sitting-ok').click()
    const added = saturday.locator('.sc-chip', { hasText: '12:00–13:00' })
    await added.waitFor()
    expect(
      (await saturday.locator('.sc-chip:not(.sc-chip--add)').count()) === chipsBefore.length + 1,
      `周六没有多出一个时段：${await saturday.innerText()}`
    )
    await tallShot(p, shots, 'console-6-service-editor')
    const saved = stationsAnswer(p, 'saveService')
    await editor.getByTestId('save-service').click()
    const savedBody = await saved
    expect(savedBody.ok, `保存服务失败：${JSON.stringify(savedBody.error ?? savedBody)}`)
    await toast(p, /已保存/)
    expect(savedBody.data.capacity === places, `保存后的名额不对：${savedBody.data.capacity}`)
    expect(savedBody.data.schedule[6].some((t) => t.start === '12:00' && t.end === '13:00'), '保存后周六没有 12:00–13:00')
    expect(!(await editor.getByTestId('service-error').count()), '保存后编辑器里有错误')
    await service.locator('.sc-link', { hasText: '收起' }).click()
    await editor.waitFor({ state: 'detached' })
    expect((await service.innerText()).includes(`每时段 ${places} 人`), `收起后服务没有显示新名额：${await service.innerText()}`)
    await service.locator('.sc-link', { hasText: '调整' }).click()
    expect((await editor.getByTestId('field-capacity').locator('input').inputValue()) === String(places), '重新打开后名额不是新值')
    // and from the server: leave the page and come back
    await p.go('/pages/me/index')
    await p.go('/packages/station-manager/console/index')
    await current(p).getByTestId('tab-services').click()
    await service.waitFor({ timeout: 15_000 })
    await service.locator('.sc-link', { hasText: '调整' }).click()
    await editor.waitFor()
    expect((await editor.getByTestId('field-capacity').locator('input').inputValue()) === String(places), '重新进入后名额不是新值')
    expect(await editor.getByTestId('week-6').locator('.sc-chip', { hasText: '12:00–13:00' }).isVisible(), '重新进入后周六没有 12:00–13:00')
    await tallShot(p, shots, 'console-7-service-saved')

    // ---- 4. 闭站: tomorrow (the default date), then a day picked in the date picker; then reopen both --
    await current(p).getByTestId('tab-closures').click()
    const date = current(p).getByTestId('closure-date')
    await date.waitFor({ timeout: 15_000 })
    expect((await date.innerText()).trim() === dayTitle(tomorrow), `闭站日期默认不是明天：${await date.innerText()}`)
    await current(p).getByText('没有闭站日').waitFor({ timeout: 15_000 })
    const closures = current(p).getByTestId('closure')
    expect((await closures.count()) === 0, '一开始就有闭站日')
    await current(p).getByTestId('closure-reason').locator('input').fill('设备检修')
    await current(p).getByTestId('close-day').click()
    await p.page.locator('.taro-modal__foot').filter({ visible: true }).waitFor()
    await screenShot(p, shots, 'console-8-closure-confirm')
    const closed = stationsAnswer(p, 'setClosure')
    await confirmModal(p, '闭站')
    const closedBody = await closed
    expect(closedBody.ok, `闭站失败：${JSON.stringify(closedBody.error ?? closedBody)}`)
    // the liaison's rest place is the only live booking there tomorrow (the station walk's is checked in)
    expect(closedBody.data.cancelled === 1, `闭站取消的预约数不对：${closedBody.data.cancelled}`)
    await toast(p, /已闭站，取消 1 个预约/)
    await closures.filter({ hasText: dayTitle(tomorrow) }).waitFor({ timeout: 15_000 })
    expect((await current(p).getByTestId('closure-reason').locator('input').inputValue()) === '', '闭站后原因没有清空')

    // another day through Taro's date picker: one day on (at a month's or year's end, the next column)
    await showPicker(p, date)
    for (const column of [2, 1, 0]) {
      await dragColumn(p, column, 1)
      await screenShot(p, shots, 'console-9-date-picker')
      await pickerOk(p)
      if ((await date.innerText()).trim() !== dayTitle(tomorrow)) break
      await showPicker(p, date)
    }
    const picked = (await date.innerText()).trim()
    expect(picked !== dayTitle(tomorrow), `日期选择器没有改变日期：${picked}`)
    const closedAgain = stationsAnswer(p, 'setClosure')
    await current(p).getByTestId('close-day').click()
    await confirmModal(p, '闭站')
    const againBody = await closedAgain
    expect(againBody.ok && againBody.data.closures.length === 2, `第二个闭站日没有设上：${JSON.stringify(againBody.error ?? againBody.data.closures)}`)
    await toast(p, /已闭站(?!，)/)
    await waitForCount(closures, 2, '闭站日列表')
    const listed = (await closures.allInnerTexts()).map((t) => t.replace(/\s*恢复开放\s*$/, '').trim())
    expect(listed[0] === dayTitle(tomorrow) && listed[1] === picked, `闭站日列表不对（应按日期排列）：${listed}`)
    await tallShot(p, shots, 'console-10-closures')

    // 今日 on tomorrow: closed
    await current(p).getByTestId('tab-day').click()
    await current(p).getByTestId('stat-onsite').waitFor({ timeout: 15_000 })
    await current(p).getByTestId('day-next').click()
    await current(p).getByTestId('day-title').filter({ hasText: new RegExp(`^${dayTitle(tomorrow)}$`) }).waitFor({ timeout: 15_000 })
    await current(p).getByText('当天闭站').waitFor({ timeout: 15_000 })
    expect((await current(p).getByTestId('console-sitting').count()) === 0, '闭站日仍列出了时段')
    await tallShot(p, shots, 'console-11-day-closed')

    // reopen both
    await current(p).getByTestId('tab-closures').click()
    await waitForCount(closures, 2, '闭站日列表')
    await closures.filter({ hasText: dayTitle(tomorrow) }).getByTestId('reopen-day').click()
    await toast(p, /已恢复开放/)
    await waitForCount(closures, 1, '恢复开放后的闭站日列表')
    expect((await closures.first().innerText()).includes(picked), '恢复开放的不是明天')
    await closures.first().getByTestId('reopen-day').click()
    await waitForCount(closures, 0, '全部恢复开放后的闭站日列表')
    await current(p).getByText('没有闭站日').waitFor({ timeout: 15_000 })
    await tallShot(p, shots, 'console-12-reopened')

    // ---- 5. 统计: 14 days, then 30 -------------------------------------------------------------------
    await current(p).getByTestId('tab-figures').click()
    const total = current(p).getByTestId('total-booked')
    await total.waitFor({ timeout: 15_000 })
    const rows = current(p).getByTestId('figures-day')
    await waitForCount(rows, 14, '近 14 天的统计')
    expect((await rows.first().innerText()).includes(dayTitle(today)), `统计的第一行不是今天：${await rows.first().innerText()}`)
    const sum = async () =>
      (await rows.evaluateAll((els) => els.map((e) => Number(e.querySelectorAll('.sc-row__n')[0]?.textContent ?? NaN)))).reduce((a, b) => a + b, 0)
    const total14 = Number((await total.innerText()).trim())
    expect(Number.isInteger(total14) && total14 === (await sum()), `预约合计（${total14}）与每天之和（${await sum()}）不符`)
    await tallShot(p, shots, 'console-13-figures-14')
    await current(p).getByTestId('range-30').click()
    await waitForCount(rows, 30, '近 30 天的统计')
    expect((await current(p).getByTestId('range-30').getAttribute('class')).includes('sc-chip--on'), '“近 30 天”没有选中')
    const total30 = Number((await total.innerText()).trim())
    expect(total30 >= total14 && total30 === (await sum()), `近 30 天的预约合计不对：${total30}`)
    await tallShot(p, shots, 'console-14-figures-30')

    // ---- the liaison: tomorrow's rest place was cancelled by the closure, with a notice saying why -----
    await signInAs(p, 'enterprise')
    await p.go('/packages/stations/bookings/index')
    await bookingCard(p, REST_NAME, '已取消')
    await p.go('/packages/account/notices/index')
    const notice = current(p).getByTestId('notice').filter({ hasText: `预约已取消：${REST_NAME}` }).first()
    await notice.waitFor({ timeout: 15_000 })
    const said = await notice.innerText()
    expect(said.includes('闭站') && said.includes('设备检修'), `闭站取消的消息没有说明原因：${said}`)
    await tallShot(p, shots, 'console-15-notice')
    p.assertClean()
  } finally {
    await p.close()
  }
}
