import { openPhone, expect } from './helpers.mjs'
import { api, apiToken, current, makePhoto, pickOption, signInAs, tallShot } from './flow-steps.mjs'

/** Today in China, YYYY-MM-DD (the host decides whether a session is open by the Beijing date). */
const chinaDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() + offsetDays * 86_400_000)
  )

/**
 * 链上: the enterprise liaison files during an open 吐槽大会 with one photo and 向本链公开; the photo
 * loads on the detail page (for the filer and for the dispatcher); the problem is on 链上诉求 for its
 * own filer with 我也遇到 disabled (a +1 needs another enterprise of the chain — the demo has one
 * liaison, so the count going up and back is covered by tests/ui/chain.test.tsx).
 * Then 我的 of the dispatcher: 数据看板 and the row of tools.
 */
export async function chainFlow(ctx) {
  const p = await openPhone(ctx)
  const title = `技能人才补贴申领材料反复退回 ${Date.now() % 10000}`
  const sessionTitle = `智能家电链吐槽大会 ${Date.now() % 10000}`
  try {
    // a session of the liaison's chain (村田 is on 智能家电), open today
    const dispatcherToken = await apiToken(ctx.url, 'dispatcher')
    const opened = await api(ctx.url, dispatcherToken, 'sessions', 'open', {
      chainId: 'smart_appliance',
      title: sessionTitle,
      startsOn: chinaDay(-1),
      endsOn: chinaDay(7)
    })
    expect(opened.ok, `开吐槽大会失败：${JSON.stringify(opened)}`)

    await signInAs(p, 'enterprise')
    await p.go('/packages/problem/file/index')
    const form = current(p)
    await form.getByLabel('标题').locator('input').fill(title)
    await form.getByLabel('问题描述').locator('textarea').fill('我司申报高技能人才补贴，材料被反复退回补正，每次要求不同，同链几家企业都遇到，希望一次性告知材料清单。')
    await pickOption(p, form.locator('.form-field__picker').first(), '人才政策与补贴')
    await form.getByText('人才政策与补贴').waitFor()

    // the place is pre-filled from the enterprise
    const place = await form.locator('.form-pair').innerText()
    expect(place.includes('智能家电') && place.includes('勒流'), `产业链/镇街没有按企业预填：${place}`)
    expect((await form.getByTestId('place-hint').innerText()).includes('默认为企业所在'), '缺少预填说明')

    // the open session of this chain
    await pickOption(p, form.getByText('不在吐槽大会上提出').or(form.getByText('选择正在召开的吐槽大会')).first(), sessionTitle)
    await form.getByText(sessionTitle).waitFor()

    // 公开 is refused while 匿名 is on
    await form.getByTestId('anonymous-switch').click()
    expect((await form.getByTestId('visible-switch').getAttribute('aria-disabled')) === 'true', '匿名时“向本链公开”没有禁用')
    expect((await form.innerText()).includes('匿名提交的诉求不会在链上公开'), '没有说明匿名时不能公开')

    // a GIF and a photo over 3 MB are refused before anything is uploaded
    const badFiles = p.page.waitForEvent('filechooser', { timeout: 10_000 })
    await form.getByTestId('photo-add').click()
    await (await badFiles).setFiles([
      { name: 'dot.gif', mimeType: 'image/gif', buffer: Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64') },
      { name: 'huge.png', mimeType: 'image/png', buffer: await makePhoto(ctx.browser, { noise: true }) }
    ])
    const notice = form.getByTestId('photo-notice')
    await notice.waitFor()
    const said = await notice.innerText()
    expect(said.includes('只支持 JPG、PNG 或 WebP 图片') && said.includes('图片不超过 3 MB，请压缩后再传'), `拒收提示不对：${said}`)
    expect((await form.getByTestId('photo-item').count()) === 0, '不合格的文件被加入了照片')
    await tallShot(p, ctx.shots, 'chain-0-anonymous-refused')
    await form.getByTestId('anonymous-switch').click()
    await form.getByTestId('visible-switch').click()
    expect((await form.getByTestId('visible-switch').getAttribute('aria-checked')) === 'true', '“向本链公开”没有打开')

    // one photo through the file input Taro's chooseImage opens
    const buffer = await makePhoto(ctx.browser)
    const chooser = p.page.waitForEvent('filechooser', { timeout: 10_000 })
    await form.getByTestId('photo-add').click()
    await (await chooser).setFiles({ name: 'site.png', mimeType: 'image/png', buffer })
    const item = form.getByTestId('photo-item')
    await item.waitFor()
    await form.locator('[data-testid="photo-item"][data-status="done"]').waitFor({ timeout: 15_000 }).catch(async (e) => {
      throw new Error(`照片没有上传成功（${await item.getAttribute('data-status')}）：${await form.innerText()}\n${e.message}`)
    })
    expect((await form.getByTestId('photo-count').innerText()).trim() === '1/9', '照片计数不是 1/9')
    await tallShot(p, ctx.shots, 'chain-1-file-form')

    await form.locator('taro-button-core').filter({ hasText: '提交诉求' }).click()
    await p.page.waitForURL(/packages\/problem\/detail\/index\?id=/, { timeout: 15_000 })
    const id = new URL(p.page.url().replace('#', '')).searchParams.get('id')
    const detail = current(p)
    await detail.getByTestId('timeline-item').first().waitFor({ timeout: 15_000 })
    expect((await detail.getByTestId('detail-votes').innerText()).includes('我也遇到 0'), '详情页没有“我也遇到”计数')
    const img = detail.locator('[data-testid="detail-photo"] img').first()
    await img.waitFor()
    await p.page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout: 10_000 }).catch(async () => {
      throw new Error(`详情页照片没有加载：${await img.getAttribute('src')}`)
    })
    const info = await detail.innerText()
    expect(info.includes('吐槽大会上提出'), '详情页没有标出吐槽大会')
    expect(info.includes('智能家电') && info.includes('勒流'), '详情页没有产业链/镇街')
    await tallShot(p, ctx.shots, 'chain-2-detail-photo')

    // the photo previews full screen on a tap
    await img.click()
    await p.page.locator('.preview-image img').first().waitFor({ timeout: 5000 })
    await p.page.screenshot({ path: `${ctx.shots}/chain-3-preview.png` })
    await p.page.locator('.preview-image').click()
    await p.page.locator('.preview-image').waitFor({ state: 'detached', timeout: 5000 })

    // 链上诉求: there for its filer, 我也遇到 disabled (own enterprise)
    await p.go('/pages/problems/index')
    await current(p).getByTestId('tab-board').click()
    const card = current(p).getByTestId('problem-card').filter({ hasText: title })
    await card.waitFor({ timeout: 15_000 })
    const vote = card.getByTestId('vote-button')
    expect((await vote.getAttribute('data-state')) === 'own', `本企业诉求的按钮状态不对：${await vote.getAttribute('data-state')}`)
    expect(/disabled/.test((await vote.locator('taro-button-core').getAttribute('class')) ?? ''), '本企业诉求的“我也遇到”没有禁用')
    expect((await card.innerText()).includes('本企业提出'), '没有说明是本企业提出')
    await tallShot(p, ctx.shots, 'chain-4-board')

    // the server agrees: the filer's enterprise cannot +1 itself
    const enterpriseToken = await apiToken(ctx.url, 'enterprise')
    const refused = await api(ctx.url, enterpriseToken, 'problems', 'vote', { id }, `e2e-vote-${Date.now()}`)
    expect(!refused.ok && refused.error.code === 'CONFLICT', `本企业 +1 没有被拒绝：${JSON.stringify(refused)}`)

    // the dispatcher: the photo loads for them too; 我的 has 数据看板 and the tools
    await signInAs(p, 'dispatcher')
    await p.go(`/packages/problem/detail/index?id=${encodeURIComponent(id)}`)
    const dImg = current(p).locator('[data-testid="detail-photo"] img').first()
    await dImg.waitFor({ timeout: 15_000 })
    await p.page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await dImg.elementHandle(), { timeout: 10_000 })
    await p.go('/pages/me/index')
    const me = current(p)
    await me.getByTestId('dispatch-tools').waitFor()
    await me.getByTestId('link-reports').waitFor()
    await tallShot(p, ctx.shots, 'chain-5-me-dispatcher')
    await me.getByTestId('link-reports').click()
    await p.page.waitForURL(/packages\/reports\/dashboard\/index/, { timeout: 10_000 })
    await p.page.goBack()
    await p.page.waitForURL(/pages\/me\/index/, { timeout: 10_000 })
    await p.page.getByTestId('link-tools-sessions').filter({ visible: true }).click()
    await p.page.waitForURL(/packages\/dispatch-tools\/sessions\/index/, { timeout: 10_000 })
    p.assertClean()
  } finally {
    await p.close()
  }
}
