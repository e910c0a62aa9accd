import { openPhone, expect } from './helpers.mjs'
import { act, actionKeys, buttonIn, current, fileProblem, fillText, signInAs, tallShot, timeline, waitForStatus, screenShot } from './flow-steps.mjs'

/**
 * (a) The whole way: the enterprise files 用工招聘 (routed to hr) → the hr handler finds it in 部门待办,
 * 签收, 答复 → the enterprise 确认已解决 with 5 stars → 已办结.
 */
export async function closeFlow(ctx) {
  const p = await openPhone(ctx)
  const title = `新厂区急需招聘焊工 ${Date.now() % 10000}`
  try {
    await signInAs(p, 'enterprise')
    const id = await fileProblem(p, {
      title,
      content: '我司新厂区下月投产，焊工缺口约 50 人，希望对接区里的招聘会，并了解技能培训补贴政策。'
    })
    await waitForStatus(p, '待签收')
    const filed = await current(p).innerText()
    expect(filed.includes('区民政和人力资源社会保障局'), '没有派至人社部门')
    expect(/\d+月\d+日前签收/.test(filed) && /\d+月\d+日前答复/.test(filed), '详情页没有签收/答复期限')
    expect((await actionKeys(p)).length === 0, `企业在待签收时不应有操作：${await actionKeys(p)}`)
    await tallShot(p, ctx.shots, 'flow-a-1-filed')

    await signInAs(p, 'handler')
    await p.go('/packages/handler/inbox/index')
    const card = current(p).getByTestId('problem-card').filter({ hasText: title })
    await card.waitFor()
    expect((await card.getByTestId('unit-role').innerText()).includes('牵头'), '待办卡片没有“牵头”')
    expect(/\d+月\d+日前签收/.test(await card.innerText()), '待办卡片没有签收期限')
    await tallShot(p, ctx.shots, 'flow-a-2-inbox')
    await card.click()
    await waitForStatus(p, '待签收')
    const keys = await actionKeys(p)
    expect(keys.includes('accept') && keys.includes('return'), `经办人的操作不对：${keys}`)
    await tallShot(p, ctx.shots, 'flow-a-3-handler-routed')

    await act(p, 'accept')
    await waitForStatus(p, '办理中')
    expect((await actionKeys(p)).includes('reply'), '签收后没有“答复”')
    await buttonIn(p, 'action-reply').click()
    await current(p).getByTestId('action-sheet').waitFor()
    await screenShot(p, ctx.shots, 'flow-a-4-reply-sheet')
    await current(p).getByTestId('sheet-close').click()
    await act(p, 'reply', (sheet) =>
      fillText(sheet, '答复内容', '已与贵司对接：12 月 3 日在勒流举办焊工专场招聘会，并可按规定申领技能培训补贴，联系人区人社局就业科。')
    )
    await waitForStatus(p, '已答复')
    await tallShot(p, ctx.shots, 'flow-a-5-replied')

    const number = (await current(p).locator('.detail-head__number').innerText()).match(/SD\d{8}-\d{4}/)[0]

    // the filer learns of the 答复 from 消息: the count on 我的, the list, the notice opens the problem
    await signInAs(p, 'enterprise')
    const unread = current(p).getByTestId('unread-count')
    await unread.waitFor({ timeout: 15_000 })
    expect(Number(await unread.innerText()) >= 1, `未读数不对：${await unread.innerText()}`)
    await tallShot(p, ctx.shots, 'flow-a-6-me-unread')
    await current(p).getByTestId('link-notices').click()
    const notice = current(p).getByTestId('notice').filter({ hasText: number }).first()
    await notice.waitFor({ timeout: 15_000 })
    expect((await notice.getAttribute('data-read')) === 'no', '新消息不是未读')
    await tallShot(p, ctx.shots, 'flow-a-6-notices')
    await notice.click()
    await current(p).getByTestId('timeline-item').first().waitFor({ timeout: 15_000 })
    await waitForStatus(p, '已答复')
    expect(p.page.url().includes(encodeURIComponent(id)) || p.page.url().includes(id), `消息打开的不是这件诉求：${p.page.url()}`)
    const mine = await actionKeys(p)
    expect(mine.join() === 'evaluate_solved,evaluate_unsolved', `企业在已答复时的操作不对：${mine}`)
    expect((await current(p).innerText()).includes('专场招聘会'), '企业看不到答复内容')
    await tallShot(p, ctx.shots, 'flow-a-7-filer-replied')
    await act(p, 'evaluate_solved', async (sheet) => {
      await sheet.getByTestId('star-5').click()
      await fillText(sheet, '评价', '对接及时，招聘会很有帮助')
      await screenShot(p, ctx.shots, 'flow-a-8-evaluate-sheet')
    })
    await waitForStatus(p, '已办结')
    const verdict = await current(p).getByTestId('verdict').innerText()
    expect(verdict.includes('已解决'), `评价区不对：${verdict}`)
    expect((await actionKeys(p)).length === 0, '办结后仍有操作')
    const types = (await timeline(p)).map((e) => e.type)
    for (const t of ['filed', 'routed', 'accepted', 'replied', 'confirmed', 'rated', 'closed']) {
      expect(types.includes(t), `处理记录缺少 ${t}：${types}`)
    }
    await tallShot(p, ctx.shots, 'flow-a-9-closed')
    p.assertClean()
  } finally {
    await p.close()
  }
}
