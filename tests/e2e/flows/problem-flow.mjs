import { openPhone, expect } from './helpers.mjs'

/** 企业联络员 signs in, files a problem, finds it under 我的诉求; the hr handler finds it in the inbox. */
export async function problemFlow(ctx) {
  const p = await openPhone(ctx)
  const title = `新厂区急需招聘焊工 ${Date.now() % 10000}`
  try {
    await p.go('/pages/me/index')
    await p.page.getByTestId('role-enterprise').click()
    await p.page.getByText('退出登录').waitFor()
    await p.shot('me-enterprise')

    await p.go('/packages/problem/file/index')
    const submit = p.page.locator('taro-button-core').filter({ hasText: '提交诉求' })
    await submit.click()
    // nothing filled in: the form explains each field in Chinese and sends nothing
    await p.page.locator('.form-field__error').first().waitFor()
    const messages = await p.page.locator('.form-field__error').allInnerTexts()
    expect(messages.some((m) => m.includes('标题')), `缺少标题提示：${messages}`)
    await p.shot('file-errors')

    await p.page.getByLabel('标题').locator('input').fill(title)
    await p.page.getByLabel('问题描述').locator('textarea').fill('我司新厂区下月投产，焊工缺口约 50 人，希望对接区里的招聘会，并了解技能培训补贴政策。')
    await p.page.locator('.form-field__picker').first().click()
    await p.page.getByText('确定').first().click()
    await p.shot('file-filled')
    await submit.click()

    await p.page.getByTestId('timeline-item').first().waitFor({ timeout: 15_000 })
    const detail = await p.page.locator('.page').first().innerText()
    expect(/SD\d{8}-\d{4}/.test(detail), '详情页没有诉求编号')
    expect(detail.includes('待签收'), '详情页状态不是待签收')
    expect(detail.includes('区民政和人力资源社会保障局'), '没有派至人社部门')
    await p.shot('problem-detail')

    await p.go('/pages/problems/index')
    await p.page.getByTestId('problem-card').filter({ hasText: title }).waitFor()
    await p.shot('my-problems')

    await p.go('/pages/me/index')
    await p.page.locator('taro-button-core').filter({ hasText: '退出登录' }).click()
    await p.page.getByTestId('role-handler').click()
    await p.page.getByText('退出登录').waitFor()
    await p.go('/packages/handler/inbox/index')
    await p.page.getByTestId('problem-card').filter({ hasText: title }).waitFor()
    await p.shot('handler-inbox')
    p.assertClean()
  } finally {
    await p.close()
  }
}
