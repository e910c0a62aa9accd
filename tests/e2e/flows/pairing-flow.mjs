import fs from 'node:fs'
import { openPhone, expect } from './helpers.mjs'
import { act, actionKeys, api, apiToken, current, fillText, makePhoto, openDetail, pickOption, screenShot, signInAs, tallShot, waitForStatus } from './flow-steps.mjs'
import { chinaDay, toast } from './booking-steps.mjs'

// The first secretary's pair (seed/pairings.ts): 区市监局机关第一党支部 ⇄ 高宝实业发展公司党支部, enterprise e-gaobao
// (梁志宏 is its first secretary, so she runs the pair). No other walk touches it.
const PAIR = 'pair-2-gaobao'
const ENTERPRISE = 'e-gaobao'
const ENTERPRISE_NAME = '广东高宝实业发展有限公司'
// 用工招聘 about recruiting workers is routed to hr, the demo handler's department (seed/departments.ts)
const HR = '区民政和人力资源社会保障局'
const DAY_MS = 86_400_000
const SHANGHAI = 8 * 3600_000

/**
 * Sign-in codes are valid on the activity's China day only, and the week card counts the China week: a
 * walk that started just before China midnight waits for the new day rather than straddle it.
 */
async function clearOfChinaMidnight(p, marginMs = 5 * 60_000) {
  const left = DAY_MS - ((Date.now() + SHANGHAI) % DAY_MS)
  if (left < marginMs) await p.page.waitForTimeout(left + 2000)
}

/** Picks these photos through the file input Taro's chooseImage opens; waits until all have uploaded. */
async function addPhotos(p, form, files) {
  const chooser = p.page.waitForEvent('filechooser', { timeout: 10_000 })
  await form.getByTestId('photo-add').click()
  await (await chooser).setFiles(files)
  const done = form.locator('[data-testid="photo-item"][data-status="done"]')
  const until = Date.now() + 20_000
  while ((await done.count()) < files.length) {
    if (Date.now() > until) throw new Error(`照片没有全部上传成功：${await form.getByTestId('photo-field').innerText()}`)
    await p.page.waitForTimeout(200)
  }
}

/** Waits until every image of the locator has loaded (a broken photo URL fails the walk). */
async function imagesLoaded(p, images, what) {
  const n = await images.count()
  expect(n > 0, `${what}：没有图片`)
  for (let i = 0; i < n; i++) {
    const img = images.nth(i)
    await p.page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 10_000 }).catch(async () => {
      throw new Error(`${what}：第 ${i + 1} 张没有加载（${await img.getAttribute('src')}）`)
    })
  }
}

/** A number shown by the element with this test id, on the page on top. */
const numberOf = async (p, testId, scope = current(p)) => Number((await scope.getByTestId(testId).first().innerText()).replace(/[^\d]/g, ''))

/** The value of a row of 办理信息 on the problem detail page. */
const detailRow = (p, label) =>
  current(p)
    .locator('.detail-row')
    .filter({ has: p.page.locator('.detail-row__label', { hasText: new RegExp(`^${label}$`) }) })
    .locator('.detail-row__value')

/**
 * Waits until the number shown by the element with this test id is `expected` (a page opened again may
 * show its previous answer until its refresh comes back); fails with what it shows.
 */
async function waitForNumber(p, testId, expected, what, scope = () => current(p)) {
  const until = Date.now() + 15_000
  for (;;) {
    const shown = await numberOf(p, testId, scope()).catch(() => NaN)
    if (shown === expected) return
    if (Date.now() > until) throw new Error(`${what}不是 ${expected}：${shown}`)
    await p.page.waitForTimeout(200)
  }
}

/** Opens the pair's page and waits for its figures. */
async function openPair(p) {
  await p.go(`/packages/pairings/detail/index?id=${PAIR}`)
  await current(p).getByTestId('problems-solved').waitFor({ timeout: 15_000 })
}

/** The answer of the next POST /api/<fn> with this action (the Result body). */
function answerOf(p, fn, action) {
  return p.page
    .waitForResponse((r) => r.url().endsWith(`/api/${fn}`) && r.request().method() === 'POST' && (r.request().postData() || '').includes(`"action":"${action}"`), {
      timeout: 15_000
    })
    .then((r) => r.json())
}

/**
 * 结对共建 with a first secretary (梁志宏, 高宝's first secretary, so she runs 高宝's pair):
 * 1. she records a 共商发展难题 held today with 2 photos and lands on the activity showing them;
 * 2. she shows the 签到码 (QR and the code as text); a member on another phone (the enterprise liaison)
 *    types it on 活动签到 → 签到成功, again → 已签到过; the activity then reads 签到 1 人;
 * 3. she raises a 用工招聘 problem from the meeting: listed on the activity, routed to 区人社局; its
 *    handler 签收 and 答复; she, who filed it, 确认解决并评价; the pair's 解决问题 goes up by one;
 * 4. she logs a visit to 高宝 from 我联系的企业 (one photo, no location in this browser: it saves
 *    anyway), lands on 走访记录, and the week's card counts it;
 * 5. the dispatcher's 结对共建督导: 高宝's row has the new activity, the sign-in and the solved problem;
 *    导出 Excel downloads 结对共建-<year>.xlsx; the table also at 1280 px, as on a PC.
 */
export async function pairingFlow(ctx) {
  const { shots } = ctx
  const p = await openPhone(ctx)
  // the member signs in on their own phone: a second browser context, its own session
  const memberContext = await ctx.browser.newContext({ viewport: { width: 375, height: 740 }, deviceScaleFactor: 2, locale: 'zh-CN' })
  const m = await openPhone({ ...ctx, browser: { newPage: () => memberContext.newPage() } })
  const stamp = Date.now() % 10000
  const activityTitle = `质量提升与用工难题座谈会 ${stamp}`
  const problemTitle = `新生产线急需招聘普工和焊工 ${stamp}`
  const visitNote = `走访高宝实业，了解新生产线投产准备和招工进展，企业希望尽快对接招聘会（${stamp}）`
  try {
    await clearOfChinaMidnight(p)
    const today = chinaDay(Date.now())
    const year = Number(today.slice(0, 4))

    // the district's figures for the pair before the walk (the dashboard must show them one up)
    const dispatcherToken = await apiToken(ctx.url, 'dispatcher')
    const before = await api(ctx.url, dispatcherToken, 'pairings', 'oversight', { year })
    expect(before.ok, `督导数据读取失败：${JSON.stringify(before.error)}`)
    const rowBefore = before.data.rows.find((r) => r.pairingId === PAIR)
    expect(rowBefore, `督导表里没有 ${PAIR}`)

    // ---- 1. the pair's page, then 记录活动: 共商发展难题 today, with 2 photos --------------------------
    await signInAs(p, 'secretary')
    await openPair(p)
    const solvedBefore = await numberOf(p, 'problems-solved')
    const raisedBefore = await numberOf(p, 'problems-raised')
    const countBefore = await numberOf(p, 'activity-count')
    expect(solvedBefore === rowBefore.problemsSolved, `结对页的解决问题（${solvedBefore}）与督导表（${rowBefore.problemsSolved}）不一致`)
    await tallShot(p, shots, 'pairing-1-pair-before')
    await current(p).getByTestId('post-activity').click()
    await p.page.waitForURL(/packages\/pairings\/post\/index\?pairingId=/, { timeout: 10_000 })
    const form = current(p)
    await form.getByTestId('pick-development').click()
    expect((await form.getByTestId('pick-development').getAttribute('aria-checked')) === 'true', '没有选中“共商发展难题”')
    await form.getByLabel('活动名称').locator('input').fill(activityTitle)
    expect((await form.getByTestId('held-on').innerText()).includes('（今天）'), `活动日期默认不是今天：${await form.getByTestId('held-on').innerText()}`)
    await form.getByLabel('活动地点').locator('input').fill('广东高宝实业发展有限公司三楼会议室')
    await form
      .getByLabel('活动内容')
      .locator('textarea')
      .fill('区市监局机关第一党支部与高宝实业党支部共商企业发展难题：梳理新生产线投产前的用工缺口、产品质量提升和商标保护问题，逐条提出并明确跟进人。')
    await addPhotos(p, form, [
      { name: 'meeting-1.png', mimeType: 'image/png', buffer: await makePhoto(ctx.browser, { caption: '共商发展难题' }) },
      { name: 'meeting-2.png', mimeType: 'image/png', buffer: await makePhoto(ctx.browser, { caption: '会议现场', colors: ['#1f6feb', '#7cc4ff'] }) }
    ])
    expect((await form.getByTestId('photo-count').innerText()).trim() === '2/9', '照片计数不是 2/9')
    await tallShot(p, shots, 'pairing-2-post-form')
    const posted = answerOf(p, 'pairings', 'postActivity')
    await form.locator('taro-button-core').filter({ hasText: '发布活动' }).click()
    const postedBody = await posted
    expect(postedBody.ok, `发布活动失败：${JSON.stringify(postedBody.error)}`)
    await p.page.waitForURL(/packages\/pairings\/activity\/index\?id=/, { timeout: 15_000 })
    const activityId = postedBody.data.id
    const activity = current(p)
    await activity.getByTestId('activity-info').waitFor({ timeout: 15_000 })
    expect((await activity.getByTestId('activity-photo').count()) === 2, `活动页照片不是 2 张：${await activity.getByTestId('activity-photo').count()}`)
    await imagesLoaded(p, activity.locator('[data-testid="activity-photo"] img'), '活动页照片')
    const info = await activity.getByTestId('activity-info').innerText()
    expect(info.includes(activityTitle) && info.includes('共商发展难题') && info.includes('梁志宏'), `活动信息不对：${info}`)
    expect((await activity.getByTestId('activity-date').innerText()).trim() === `${year}年${Number(today.slice(5, 7))}月${Number(today.slice(8))}日`, '活动日期不是今天')
    expect((await numberOf(p, 'attendance')) === 0, '新活动的签到人数不是 0')
    await tallShot(p, shots, 'pairing-3-activity')

    // ---- 2. 显示签到码; a member types it on their phone: 签到成功, then 已签到过 -------------------------
    await activity.getByTestId('show-attendance-code').click()
    const qr = activity.locator('[data-testid="attendance-qr"] img')
    await qr.waitFor({ timeout: 15_000 })
    await imagesLoaded(p, qr, '签到二维码')
    const qrBox = await qr.boundingBox()
    expect(qrBox && qrBox.width >= 150 && Math.abs(qrBox.width - qrBox.height) < 4, `签到二维码太小或不是正方形：${JSON.stringify(qrBox)}`)
    const code = (await activity.getByTestId('attendance-token').innerText()).trim()
    expect(code.startsWith(`${activityId}.`) && code.split('.').length === 3, `签到码文字不对：${code}`)
    const expiry = await activity.getByTestId('code-expiry').innerText()
    // valid to the end of the activity's day
    expect(/今天 24:00 前有效/.test(expiry), `签到码没有说明有效期：${expiry}`)
    await tallShot(p, shots, 'pairing-4-attendance-code')

    await signInAs(m, 'enterprise')
    await m.go('/pages/pairings/index')
    await current(m).getByTestId('open-attend').click()
    await m.page.waitForURL(/packages\/pairings\/attend\/index/, { timeout: 10_000 })
    const attend = async () => {
      const input = current(m).getByTestId('attend-code-input').locator('input')
      await input.fill(code)
      const answered = answerOf(m, 'pairings', 'attend')
      await current(m).getByTestId('attend-submit').click()
      const body = await answered
      expect(body.ok, `签到被拒绝：${JSON.stringify(body.error)}`)
      return current(m).getByTestId('attend-result')
    }
    const first = await attend()
    await first.filter({ hasText: '签到成功' }).waitFor({ timeout: 15_000 })
    expect((await first.getAttribute('data-kind')) === 'ok', `第一次签到的结果不对：${await first.innerText()}`)
    expect((await first.getByTestId('attend-title').innerText()).includes(activityTitle), '签到结果不是这次活动')
    expect((await first.getByTestId('attend-count').innerText()).includes('已有 1 人签到'), `签到人数不对：${await first.getByTestId('attend-count').innerText()}`)
    await tallShot(m, shots, 'pairing-5-attend-ok')
    const again = await attend()
    await again.filter({ hasText: '已签到过' }).waitFor({ timeout: 15_000 })
    expect((await again.getAttribute('data-kind')) === 'again', `再次签到的结果不对：${await again.innerText()}`)
    expect((await again.getByTestId('attend-count').innerText()).includes('已有 1 人签到'), '再次签到后人数变了')
    await tallShot(m, shots, 'pairing-6-attend-again')
    // 查看活动: the member's view says 您已签到
    await again.getByTestId('open-activity').click()
    await m.page.waitForURL(/packages\/pairings\/activity\/index\?id=/, { timeout: 10_000 })
    await current(m).getByTestId('attended').waitFor({ timeout: 15_000 })
    expect((await numberOf(m, 'attendance')) === 1, '成员看到的签到人数不是 1')
    expect(!(await current(m).getByTestId('raise-problem').count()), '非组织者看到了“提出问题”')
    await tallShot(m, shots, 'pairing-7-member-activity')

    // the organiser refreshes the count: 签到 1 人, derived from the sign-ins
    await activity.getByTestId('refresh-count').click()
    await p.page.waitForFunction(() => {
      const el = [...document.querySelectorAll('[data-testid="attendance"]')].filter((e) => e.offsetParent !== null).pop()
      return el && el.textContent.trim() === '1'
    }, null, { timeout: 15_000 })

    // ---- 3. 提出问题 from the meeting: 用工招聘, routed to 区人社局 ----------------------------------------
    expect((await current(p).getByTestId('problems-none').count()) === 1, '新活动不应已有问题')
    await current(p).getByTestId('raise-problem').click()
    const raise = current(p).getByTestId('raise-form')
    await raise.waitFor()
    await raise.getByLabel('问题标题').locator('input').fill(problemTitle)
    await raise
      .getByLabel('问题描述')
      .locator('textarea')
      .fill('企业新生产线下月投产，缺普工约 80 人、焊工 20 人，希望区里协助对接招聘会，并了解职业技能培训补贴政策。')
    await pickOption(p, raise.locator('.form-field__picker'), '用工招聘')
    await raise.getByText('用工招聘').waitFor()
    await tallShot(p, shots, 'pairing-8-raise-form')
    const raised = answerOf(p, 'pairings', 'raiseProblem')
    await raise.getByTestId('raise-submit').click()
    const raisedBody = await raised
    expect(raisedBody.ok, `提出问题失败：${JSON.stringify(raisedBody.error)}`)
    const problemId = raisedBody.data.id
    expect(raisedBody.data.leadDepartmentName === HR, `问题没有派到人社部门：${raisedBody.data.leadDepartmentName}`)
    const listed = current(p).getByTestId('raised-problem').filter({ hasText: problemTitle })
    await listed.waitFor({ timeout: 15_000 })
    await raise.waitFor({ state: 'detached' })
    expect((await current(p).getByTestId('problem-count').innerText()).includes('1 件'), '活动的问题数不是 1 件')
    await tallShot(p, shots, 'pairing-9-activity-raised')

    // its page: 承办部门 区人社局, filed on 高宝's behalf
    await listed.click()
    await p.page.waitForURL(/packages\/problem\/detail\/index\?id=/, { timeout: 10_000 })
    await current(p).getByTestId('timeline-item').first().waitFor({ timeout: 15_000 })
    await waitForStatus(p, '待签收')
    const lead = (await detailRow(p, '承办部门').innerText()).trim()
    expect(lead === HR, `详情页的承办部门不是 ${HR}：${lead}`)
    const routed = await current(p).innerText()
    expect(routed.includes('第一书记代企业提交') && routed.includes(ENTERPRISE_NAME), '详情页没有说明第一书记代企业提交')
    await tallShot(p, shots, 'pairing-10-problem-routed')

    // the hr handler (on the other phone): 签收, 答复
    await signInAs(m, 'handler')
    await openDetail(m, problemId)
    await waitForStatus(m, '待签收')
    await act(m, 'accept')
    await waitForStatus(m, '办理中')
    await act(m, 'reply', (sheet) =>
      fillText(sheet, '答复内容', '已为高宝实业对接 12 月大良专场招聘会（普工、焊工岗位），并指导申领职业技能培训补贴，联系人区人社局就业科。')
    )
    await waitForStatus(m, '已答复')
    await tallShot(m, shots, 'pairing-11-handler-replied')

    // she filed it, so she confirms it solved (确认解决并评价)
    await openDetail(p, problemId)
    await waitForStatus(p, '已答复')
    const keys = await actionKeys(p)
    expect(keys.includes('evaluate_solved'), `第一书记在已答复时没有“确认解决”：${keys}`)
    await act(p, 'evaluate_solved', async (sheet) => {
      await sheet.getByTestId('star-5').click()
      await fillText(sheet, '评价', '招聘会对接及时，企业很满意')
      await screenShot(p, shots, 'pairing-12-evaluate-sheet')
    })
    await waitForStatus(p, '已办结')
    expect((await current(p).getByTestId('verdict').innerText()).includes('已解决'), '评价区没有“已解决”')

    // the activity lists it solved; the pair's figures went up by one each
    await p.go(`/packages/pairings/activity/index?id=${encodeURIComponent(activityId)}`)
    await current(p).getByTestId('raised-problem').filter({ hasText: problemTitle }).filter({ hasText: '已解决' }).waitFor({ timeout: 15_000 })
    await openPair(p)
    await waitForNumber(p, 'problems-solved', solvedBefore + 1, '结对页的解决问题')
    await waitForNumber(p, 'problems-raised', raisedBefore + 1, '结对页的提出问题')
    await waitForNumber(p, 'activity-count', countBefore + 1, '结对页的活动次数')
    const card = current(p).getByTestId('activity-card').first()
    expect((await card.getByTestId('activity-title').innerText()).includes(activityTitle), '结对页最新的活动不是这次')
    expect((await card.getByTestId('activity-attendance').innerText()).includes('签到 1 人'), `活动卡片的签到人数不对：${await card.innerText()}`)
    await imagesLoaded(p, card.locator('[data-testid="activity-cover"] img'), '活动卡片封面')
    await tallShot(p, shots, 'pairing-13-pair-after')

    // ---- 4. 我联系的企业 → 记录走访 (one photo, no location in this browser) → 走访记录 ------------------
    await p.go('/pages/me/index')
    await current(p).getByTestId('link-secretary-enterprises').click()
    await p.page.waitForURL(/packages\/secretary\/enterprises\/index/, { timeout: 10_000 })
    const enterprise = current(p).locator(`[data-testid="enterprise-card"][data-id="${ENTERPRISE}"]`)
    await enterprise.waitFor({ timeout: 15_000 })
    await current(p).locator('[data-testid="week-card"]:not([data-state])').waitFor({ timeout: 15_000 })
    const visitsBefore = await numberOf(p, 'week-visits')
    // the problem raised at the meeting was filed on 高宝's behalf this week, and closed this week
    expect((await numberOf(p, 'week-filed')) >= 1 && (await numberOf(p, 'week-closed')) >= 1, `本周小结没有计入代提并办结的诉求：${await current(p).getByTestId('week-card').innerText()}`)
    await tallShot(p, shots, 'pairing-14-enterprises')
    await enterprise.getByTestId('log-visit').click()
    await p.page.waitForURL(/packages\/secretary\/visit\/index\?enterpriseId=/, { timeout: 10_000 })
    const visit = current(p)
    await visit.getByTestId('enterprise-value').filter({ hasText: ENTERPRISE_NAME }).waitFor({ timeout: 15_000 })
    await visit.getByLabel('走访情况').locator('textarea').fill(visitNote)
    await addPhotos(p, visit, [{ name: 'visit.png', mimeType: 'image/png', buffer: await makePhoto(ctx.browser, { caption: '走访高宝', colors: ['#0f7b3f', '#8fd694'] }) }])
    // no geolocation in this browser context: the row gives up (8 s at most) and says it may be left out
    await visit.locator('[data-testid="location-status"][data-status="none"]').waitFor({ timeout: 15_000 })
    await tallShot(p, shots, 'pairing-15-visit-form')
    const logged = answerOf(p, 'secretaries', 'logVisit')
    await visit.getByTestId('save-visit').click()
    const loggedBody = await logged
    expect(loggedBody.ok, `保存走访失败：${JSON.stringify(loggedBody.error)}`)
    expect(loggedBody.data.lat === null && loggedBody.data.lng === null, '没有定位却保存了位置')
    await p.page.waitForURL(/packages\/secretary\/visits\/index/, { timeout: 15_000 })
    const saved = current(p).locator(`[data-testid="visit"][data-id="${loggedBody.data.id}"]`)
    await saved.waitFor({ timeout: 15_000 })
    const savedText = await saved.innerText()
    expect(savedText.includes(ENTERPRISE_NAME) && savedText.includes(visitNote), `走访记录不对：${savedText}`)
    expect((await saved.getByTestId('visit-place').innerText()).includes('未记录位置'), '没有说明未记录位置')
    await imagesLoaded(p, saved.locator('[data-testid="visit-photos"] img'), '走访照片')
    await current(p).locator('[data-testid="week-card"]:not([data-state])').waitFor({ timeout: 15_000 })
    await waitForNumber(p, 'week-visits', visitsBefore + 1, '本周走访次数')
    expect(!(await current(p).getByTestId('week-not-visited').innerText()).includes(ENTERPRISE_NAME), '本周小结仍把高宝列为尚未走访')
    await tallShot(p, shots, 'pairing-16-visits')

    // ---- 5. the dispatcher's 结对共建督导: 高宝's row, then 导出 Excel; at 375 px and at 1280 px ----------
    await signInAs(p, 'dispatcher')
    await current(p).getByTestId('link-pairing-oversight').click()
    await p.page.waitForURL(/packages\/pairing-oversight\/dashboard\/index/, { timeout: 10_000 })
    const row = current(p).locator(`[data-testid="pair-row"][data-id="${PAIR}"]`)
    await row.waitFor({ timeout: 15_000 })
    const cell = async (testId) => Number((await row.getByTestId(testId).locator('[class*="__value"]').innerText()).trim())
    const development = rowBefore.activitiesByType.development ?? 0
    expect((await cell('type-development')) === development + 1, `督导表的共商发展难题次数不是 ${development + 1}`)
    expect((await cell('activities')) === rowBefore.activities + 1, `督导表的活动合计不是 ${rowBefore.activities + 1}`)
    expect((await cell('solved')) === rowBefore.problemsSolved + 1, `督导表的解决问题不是 ${rowBefore.problemsSolved + 1}`)
    expect((await cell('attendance')) === rowBefore.attendance + 1, `督导表的签到人次不是 ${rowBefore.attendance + 1}`)
    expect((await row.getByTestId('last-activity').innerText()).includes(today), `督导表的最近活动不是今天：${await row.getByTestId('last-activity').innerText()}`)
    expect((await row.getAttribute('data-inactive')) === 'false' && !(await row.getByTestId('inactive-flag').count()), '今天有活动的结对仍标为 60 天未活动')
    expect((await numberOf(p, 'total-solved')) === before.data.totals.problemsSolved + 1, '合计的解决问题没有加 1')
    await tallShot(p, shots, 'pairing-17-oversight')

    const downloaded = p.page.waitForEvent('download', { timeout: 15_000 })
    await current(p).getByTestId('export').click()
    const download = await downloaded
    const fileName = download.suggestedFilename()
    expect(fileName === `结对共建-${year}.xlsx`, `导出的文件名不对：${fileName}`)
    const bytes = fs.readFileSync(await download.path())
    // an .xlsx is a zip: PK\x03\x04
    expect(bytes.length > 1000 && bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])), `导出的不是 xlsx 文件（${bytes.length} 字节）`)
    await toast(p, /已下载 Excel/)

    // a district PC: the same table at 1280 px
    const phone = p.page.viewportSize()
    await p.page.setViewportSize({ width: 1280, height: 800 })
    try {
      await row.waitFor()
      await tallShot(p, shots, 'pairing-18-oversight-pc')
    } finally {
      await p.page.setViewportSize(phone)
    }
    p.assertClean()
    m.assertClean()
  } finally {
    await m.close()
    await memberContext.close()
    await p.close()
  }
}
