import fs from 'node:fs'
import { openPhone, expect, watchAllowingRefusals } from './helpers.mjs'
import { current, screenShot, signInAs, tallShot } from './flow-steps.mjs'

// The administrator's console at a district PC's width (1280 px), then a glance at a phone:
//  1. 管理后台 home → 企业;
//  2. 新增企业 with a credit code whose check digit is wrong → the server's message under the field;
//     corrected → saved, listed (and 导出 Excel downloads the list);
//  3. 操作日志 shows the new enterprise, with its content;
//  4. 批量导入: a spreadsheet with one bad row → the trial's report names the row and 正式导入 stays off;
//  5. pictures of 人员与角色 and a station's form, then the enterprise list on a phone.
// The codes are computed as GB 32100 says (same check as cloudfunctions/core/catalog/credit-code.ts).
const NAME = '顺德链上通新材料有限公司'
const GOOD = '91440606MA4W3EBN5R'
const BAD = '91440606MA4W3EBN5A'
const CHAIN = '智能家电'
const PC = { width: 1280, height: 800 }

/** The answer of the next POST /api/admin with this action (the Result body). */
function adminAnswer(p, action) {
  return p.page
    .waitForResponse((r) => r.url().endsWith('/api/admin') && r.request().method() === 'POST' && (r.request().postData() || '').includes(`"action":"${action}"`), {
      timeout: 15_000
    })
    .then((r) => r.json())
}

/** Fails with what the page shows instead, when `locator` does not appear. */
async function shown(p, locator, what, timeout = 15_000) {
  await locator.waitFor({ timeout }).catch(async (e) => {
    const text = await current(p).innerText().catch(() => '')
    throw new Error(`${what}没有出现（${p.page.url()}）：${text.slice(0, 300)}\n${e.message}`)
  })
}

export async function adminFlow({ browser, url, shots }) {
  const p = await openPhone({ browser, url, shots })
  const problems = watchAllowingRefusals(p.page)
  const phone = p.page.viewportSize()
  try {
    await signInAs(p, 'admin')
    await p.page.setViewportSize(PC)

    // ---- 1. home → 企业 ---------------------------------------------------------------------------
    await p.go('/packages/admin/home/index')
    await shown(p, current(p).getByTestId('tile-enterprises'), '管理后台的“企业”')
    await current(p).locator('[data-testid="tile-enterprises"] .adc-tile__count').waitFor({ timeout: 15_000 })
    await tallShot(p, shots, 'admin-1-home-pc')
    await current(p).getByTestId('tile-enterprises').click()
    await p.page.waitForURL(/packages\/admin\/list\/index\?entity=enterprises/, { timeout: 10_000 })
    await shown(p, current(p).getByTestId('record-row').first(), '企业列表')
    await screenShot(p, shots, 'admin-2-enterprises-pc')

    // ---- 2. 新增企业: the wrong check digit, then the right one ---------------------------------------
    await current(p).getByTestId('add-record').click()
    const form = current(p).getByTestId('record-form')
    await form.waitFor()
    await form.getByLabel('企业名称').locator('input').fill(NAME)
    await form.getByLabel('统一社会信用代码').locator('input').fill(BAD)
    await form.getByTestId('select-chainId').click()
    await form.getByTestId('dropdown-chainId').getByRole('option', { name: new RegExp(CHAIN) }).click()
    await form.getByRole('switch', { name: '链主企业' }).click()
    const refused = adminAnswer(p, 'saveEnterprise')
    await form.getByTestId('form-save').click()
    const first = await refused
    expect(!first.ok && first.error.code === 'VALIDATION' && first.error.fields?.creditCode, `错误的信用代码没有被拒绝：${JSON.stringify(first)}`)
    const error = form.getByTestId('error-creditCode')
    await shown(p, error, '信用代码的错误提示')
    const message = await error.innerText()
    expect(message.includes('校验位'), `信用代码下的提示不是校验位错误：${message}`)
    await screenShot(p, shots, 'admin-3-credit-code-error-pc')

    await form.getByLabel('统一社会信用代码').locator('input').fill(GOOD)
    const accepted = adminAnswer(p, 'saveEnterprise')
    await form.getByTestId('form-save').click()
    const second = await accepted
    expect(second.ok, `改正后仍未保存：${JSON.stringify(second)}`)
    const id = second.data.id
    await form.waitFor({ state: 'detached', timeout: 15_000 })
    const row = current(p).locator(`[data-testid="record-row"][data-id="${id}"]`)
    await shown(p, row, '新企业的一行')
    const rowText = await row.innerText()
    expect(rowText.includes(NAME) && rowText.includes(GOOD) && rowText.includes(CHAIN) && rowText.includes('链主'), `新企业的一行不对：${rowText}`)
    // found again by searching part of its name
    await current(p).getByLabel('搜索企业').locator('input').fill('链上通新材料')
    await current(p).locator('[data-testid="list-count"]').filter({ hasText: '找到 1 家' }).waitFor({ timeout: 10_000 })
    await screenShot(p, shots, 'admin-4-enterprise-saved-pc')

    const downloaded = p.page.waitForEvent('download', { timeout: 15_000 })
    await current(p).getByTestId('export-xlsx').click()
    const download = await downloaded
    const bytes = fs.readFileSync(await download.path())
    expect(download.suggestedFilename().endsWith('.xlsx'), `导出的文件名不对：${download.suggestedFilename()}`)
    expect(bytes.subarray(0, 2).toString() === 'PK', '导出的不是 xlsx 文件')

    // ---- 3. 操作日志 shows the change ----------------------------------------------------------------
    await current(p).getByTestId('nav-audit').click()
    await p.page.waitForURL(/packages\/admin\/audit\/index/, { timeout: 10_000 })
    const entry = current(p).getByTestId('audit-entry').first()
    await shown(p, entry, '操作日志')
    const entryText = await entry.innerText()
    expect(entryText.includes(NAME) && entryText.includes('新增') && entryText.includes('苏建明'), `最新一条日志不是新增的企业：${entryText}`)
    await entry.getByTestId('audit-toggle').click()
    const diff = await entry.getByTestId('audit-diff').innerText()
    expect(diff.includes(GOOD), `日志里没有新企业的信用代码：${diff}`)
    await tallShot(p, shots, 'admin-5-audit-pc')

    // ---- 4. 批量导入: one bad row keeps the batch out --------------------------------------------------
    await current(p).getByTestId('nav-import').click()
    await p.page.waitForURL(/packages\/admin\/import\/index/, { timeout: 10_000 })
    await shown(p, current(p).getByTestId('import-form'), '批量导入')
    const csv = [
      '企业名称,统一社会信用代码,产业链,镇街,链主企业(是/否)',
      `顺德链上通导入测试甲有限公司,,${CHAIN},大良街道,否`,
      `顺德链上通导入测试乙有限公司,91440606MA55KD8L2X,${CHAIN},大良街道,否`
    ].join('\n')
    await current(p).getByTestId('import-file-input').setInputFiles({ name: '企业导入.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${csv}\n`, 'utf8') })
    await shown(p, current(p).getByTestId('chosen-file'), '选中的文件')
    const trial = adminAnswer(p, 'import')
    await current(p).getByTestId('import-dry-run').click()
    const report = await trial
    expect(report.ok && report.data.dryRun && report.data.rejected.length === 1 && report.data.rejected[0].row === 3, `试导入的报告不对：${JSON.stringify(report)}`)
    const rejected = current(p).getByTestId('reject-row')
    await shown(p, rejected, '有误的行')
    expect((await rejected.innerText()).includes('第 3 行'), '报告没有写明第 3 行')
    expect((await current(p).getByTestId('import-apply').getAttribute('aria-disabled')) === 'true', '有误时“正式导入”仍可点击')
    await tallShot(p, shots, 'admin-6-import-report-pc')

    // ---- the other lists at PC width: people with their roles, a station's weekly hours ------------------
    await current(p).getByTestId('nav-people').click()
    await p.page.waitForURL(/entity=people/, { timeout: 10_000 })
    await shown(p, current(p).getByTestId('role-tag').first(), '人员的角色')
    await screenShot(p, shots, 'admin-7-people-pc')
    await current(p).getByTestId('nav-stations').click()
    await p.page.waitForURL(/entity=stations/, { timeout: 10_000 })
    await shown(p, current(p).getByTestId('record-row').first(), '站点列表')
    await current(p).locator('[data-testid="cell-managerPersonId"]').first().filter({ hasNotText: '读取中' }).waitFor({ timeout: 10_000 })
    await screenShot(p, shots, 'admin-8-stations-pc')
    await current(p).getByTestId('row-edit').first().click()
    const station = current(p).getByTestId('record-form')
    await shown(p, station.getByTestId('hours-hours'), '站点的每周开放时间')
    await station.evaluate((el) => {
      // the dialog scrolls inside: bring the weekly hours into the picture
      const hours = el.querySelector('[data-testid="hours-hours"]')
      hours?.scrollIntoView({ block: 'center' })
    })
    await screenShot(p, shots, 'admin-9-station-form-pc')
    await station.getByTestId('sheet-close').click()
    await station.waitFor({ state: 'detached', timeout: 5000 })

    // ---- a phone: the same list as cards ---------------------------------------------------------------
    await p.page.setViewportSize(phone)
    await p.go('/packages/admin/list/index?entity=enterprises')
    await shown(p, current(p).getByTestId('record-row').first(), '手机上的企业列表')
    await screenShot(p, shots, 'admin-10-enterprises-phone')
    await current(p).getByTestId('add-record').click()
    await shown(p, current(p).getByTestId('record-form'), '手机上的新增企业')
    await screenShot(p, shots, 'admin-11-form-phone')
    expect(problems.length === 0, `page problems:\n${problems.join('\n')}`)
  } finally {
    await p.close()
  }
}
