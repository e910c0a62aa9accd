import { openPhone, expect } from './helpers.mjs'
import { act, actionKeys, current, fileProblem, fillText, openDetail, signInAs, tallShot, timeline, waitForStatus, screenShot } from './flow-steps.mjs'

const RETURN_REASON = '经电话核实，企业急需的是叉车司机特种设备作业证集中考核，属市场监管部门职责，建议转办'

/**
 * (b) 退单 → 转办 → 签收: the hr handler hands a problem back with a reason; the dispatcher sees it in
 * 调度台 with that reason, 转办 it to another unit, then (the demo has only one handler person, in hr)
 * 转办 it back to hr; the hr handler 签收. Every step is in the timeline.
 */
export async function returnFlow(ctx) {
  const p = await openPhone(ctx)
  const title = `急需招聘叉车司机 ${Date.now() % 10000}`
  try {
    await signInAs(p, 'enterprise')
    const id = await fileProblem(p, {
      title,
      content: '仓储中心扩建，急需招聘叉车司机和仓管员共 20 名，希望区里帮忙对接招聘渠道和招聘会。'
    })
    await waitForStatus(p, '待签收')

    await signInAs(p, 'handler')
    await openDetail(p, id)
    await act(p, 'return', (sheet) => fillText(sheet, '退单理由', RETURN_REASON))
    await waitForStatus(p, '退单待调度')
    expect((await actionKeys(p)).length === 0, `退单后经办人不应再有操作：${await actionKeys(p)}`)
    await tallShot(p, ctx.shots, 'flow-b-1-returned')

    await signInAs(p, 'dispatcher')
    await tallShot(p, ctx.shots, 'flow-b-2-me-dispatcher')
    // 全部诉求: the 退单待调度 chip finds it too
    await current(p).getByTestId('link-dispatcher-all').click()
    await current(p).getByTestId('filter-returned').click()
    await current(p).getByTestId('problem-card').filter({ hasText: title }).waitFor({ timeout: 15_000 })
    // the card is in the unfiltered list too: wait for the filtered answer to replace it
    let listed = []
    for (const until = Date.now() + 10_000; Date.now() < until; await p.page.waitForTimeout(200)) {
      listed = await current(p).getByTestId('problem-card').allInnerTexts()
      if (listed.length && listed.every((t) => t.includes('退单待调度'))) break
    }
    expect(listed.every((t) => t.includes('退单待调度')), '“退单待调度”筛选里有其它状态的诉求')
    await tallShot(p, ctx.shots, 'flow-b-2-all-returned')
    await p.go('/pages/home/index')
    await current(p).getByTestId('home-dispatcher').waitFor()
    await tallShot(p, ctx.shots, 'flow-b-2-home-dispatcher')
    await p.go('/pages/me/index')
    await current(p).getByTestId('link-dispatcher-triage').click()
    const card = current(p).getByTestId('problem-card').filter({ hasText: title })
    await card.waitFor({ timeout: 15_000 })
    await card.getByTestId('why').filter({ hasText: RETURN_REASON }).waitFor({ timeout: 15_000 })
    const why = await card.getByTestId('why').innerText()
    expect(why.includes('退单') && why.includes('区民政和人力资源社会保障局'), `调度台卡片没有说明退单：${why}`)
    await tallShot(p, ctx.shots, 'flow-b-3-triage')
    await card.click()
    await waitForStatus(p, '退单待调度')
    const keys = await actionKeys(p)
    expect(keys.includes('reroute') && keys.includes('insist'), `调度员对退单件的操作不对：${keys}`)
    await tallShot(p, ctx.shots, 'flow-b-4-dispatcher-returned')

    await act(p, 'reroute', async (sheet) => {
      await sheet.getByTestId('dept-market').click()
      await fillText(sheet, '转办说明', '特种设备作业证由市场监管局办理')
      await screenShot(p, ctx.shots, 'flow-b-5-reroute-sheet')
    })
    await waitForStatus(p, '待签收')
    await current(p).getByTestId('unit-lead').filter({ hasText: '区市场监督管理局' }).waitFor()
    let events = await timeline(p)
    expect(events[0].type === 'rerouted', `最新记录不是转办：${JSON.stringify(events[0])}`)
    await tallShot(p, ctx.shots, 'flow-b-6-rerouted-market')

    // the demo's only handler works in hr: 转办 back there so that a person can 签收
    await act(p, 'reroute', async (sheet) => {
      await sheet.getByTestId('dept-hr').click()
      await fillText(sheet, '转办说明', '经协调，招聘与培训部分由人社局牵头')
    })
    await waitForStatus(p, '待签收')
    await current(p).getByTestId('unit-lead').filter({ hasText: '区民政和人力资源社会保障局' }).waitFor()

    await signInAs(p, 'handler')
    await openDetail(p, id)
    await waitForStatus(p, '待签收')
    await act(p, 'accept')
    await waitForStatus(p, '办理中')
    events = await timeline(p)
    const types = events.map((e) => e.type)
    expect(types.filter((t) => t === 'rerouted').length === 2, `处理记录里转办不是两次：${types}`)
    const order = ['returned', 'rerouted', 'rerouted', 'accepted']
    const oldestFirst = [...types].reverse().filter((t) => order.includes(t))
    expect(oldestFirst.join() === order.join(), `退单→转办→转办→签收 的顺序不对：${oldestFirst}`)
    const returned = events.find((e) => e.type === 'returned')
    expect(returned.note.includes('特种设备作业证') && returned.actor.includes('人力资源'), `退单记录没有单位与理由：${JSON.stringify(returned)}`)
    const text = await current(p).innerText()
    expect(text.includes('退单 1 次'), '详情页没有“退单 1 次”')
    await tallShot(p, ctx.shots, 'flow-b-7-accepted-after-reroute')
    p.assertClean()
  } finally {
    await p.close()
  }
}
