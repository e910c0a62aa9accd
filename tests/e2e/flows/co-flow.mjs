import { openPhone, expect } from './helpers.mjs'
import { act, actionKeys, api, apiToken, current, fileProblem, fillText, signInAs, openDetail, tallShot, waitForStatus, screenShot } from './flow-steps.mjs'

/**
 * (c) 会办: the hr handler 签收 and asks 区经济促进局 to co-handle; while it has not answered, the lead
 * has no 答复 button, and a 答复 sent anyway is refused with CONFLICT.
 */
export async function coFlow(ctx) {
  const p = await openPhone(ctx)
  const title = `扩产急需技术工人 ${Date.now() % 10000}`
  try {
    await signInAs(p, 'enterprise')
    const id = await fileProblem(p, {
      title,
      content: '我司产线扩产，急需招聘技术工人 30 名，希望对接招聘会，并了解招用技术工人的社保补贴。',
      anonymous: true,
      shot: () => tallShot(p, ctx.shots, 'flow-c-0-file-anonymous')
    })
    // the filer sees the problem as filed, marked 匿名, with their own name
    await current(p).getByTestId('anonymous').waitFor()
    expect((await current(p).innerText()).includes('陈晓敏'), '匿名件对提交人隐藏了姓名')

    await signInAs(p, 'handler')
    await openDetail(p, id)
    const seen = await current(p).innerText()
    expect(seen.includes('匿名') && !seen.includes('陈晓敏'), '部门看到了匿名提交人的姓名')
    await act(p, 'accept')
    await waitForStatus(p, '办理中')
    await act(p, 'request_co', async (sheet) => {
      await sheet.getByTestId('dept-economy').click()
      await fillText(sheet, '会办事由', '企业同时咨询扩产设备的技改扶持，请经济促进局提供意见')
      await screenShot(p, ctx.shots, 'flow-c-1-request-co-sheet')
    })
    const co = current(p).getByTestId('unit-co').filter({ hasText: '区经济促进局' })
    await co.waitFor()
    expect((await co.innerText()).includes('待签收'), `会办单位的状态不对：${await co.innerText()}`)
    expect(/\d+月\d+日前签收/.test(await co.innerText()), '会办单位没有自己的期限')

    const keys = await actionKeys(p)
    expect(!keys.includes('reply'), `会办单位未答复时，牵头单位仍有“答复”：${keys}`)
    expect(keys.includes('request_extension'), `牵头单位应仍可申请延期：${keys}`)
    expect((await current(p).getByTestId('action-reply').count()) === 0, '页面上有“答复”按钮')
    await tallShot(p, ctx.shots, 'flow-c-2-co-pending')

    // and the server refuses a 答复 sent anyway
    const token = await apiToken(ctx.url, 'handler')
    const refused = await api(ctx.url, token, 'problems', 'act', { id, action: { type: 'reply', content: '已办结，招聘补贴按规定申领即可。' } }, `e2e-co-${Date.now()}`)
    expect(!refused.ok && refused.error.code === 'CONFLICT', `会办未答复时答复没有被拒绝：${JSON.stringify(refused)}`)
    expect(/会办/.test(refused.error.message), `拒绝消息没有说明会办：${refused.error.message}`)

    // the dispatcher sees the same thread, with 撤销会办 among their actions
    await signInAs(p, 'dispatcher')
    await openDetail(p, id)
    const dkeys = await actionKeys(p)
    expect(dkeys.includes('cancel_co'), `调度员没有“撤销会办”：${dkeys}`)
    await current(p).getByTestId('unit-co').filter({ hasText: '区经济促进局' }).waitFor()
    await tallShot(p, ctx.shots, 'flow-c-3-dispatcher-view')
    p.assertClean()
  } finally {
    await p.close()
  }
}
