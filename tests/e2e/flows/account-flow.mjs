import { openPhone, expect, watchAllowingRefusals } from './helpers.mjs'
import { api, apiToken, current, screenShot, tallShot } from './flow-steps.mjs'

// Accounts on the web (H5), through their own pages in packages/account, opened from 我的:
//  1. 我的 signed out: 账号登录 and 使用邀请码 lead to their pages, the demo roles stay on the tab;
//  2. an invite the administrator issued (over the API) opens an account with a login and password on the
//     invite page, which goes back to 我的, signed in with the invite's role;
//  3. signed out, 账号登录: a wrong password is refused with the server's words, the right one signs in and
//     goes back to 我的;
//  4. 修改密码 on its page; the new password signs in (over the API), the old one no longer does.
// Runs last: it adds a person (a dispatcher) that the other walks do not expect.
const LOGIN = `e2e.disp${Date.now() % 100000}`
const FIRST = 'Welcome-2026'
const NEXT = 'Better-pass-2027'

/** Fills a text box of the account forms by its label (H5 renders Input as a wrapper around a real input). */
const fill = (p, label, value) => current(p).getByLabel(label, { exact: true }).locator('input').fill(value)

/** Waits until 我的 is on top again, signed in as `name`. */
async function backOnMe(p, name) {
  await p.page.waitForURL(/#\/pages\/me\/index/, { timeout: 15_000 })
  await current(p).locator('.account-head__name').filter({ hasText: name }).waitFor({ timeout: 15_000 })
}

async function signInOverApi(url, login, password) {
  const r = await fetch(`${url}/api/accounts`, { method: 'POST', body: JSON.stringify({ action: 'signIn', input: { login, password } }) })
  return r.json()
}

export async function accountFlow({ browser, url, shots }) {
  const p = await openPhone({ browser, url, shots })
  const problems = watchAllowingRefusals(p.page)
  try {
    // ---- 1. 我的, signed out --------------------------------------------------------------------------
    await p.go('/pages/me/index')
    const me = current(p)
    await me.getByTestId('sign-in-entry').waitFor()
    expect((await me.getByTestId('sign-in-form').count()) === 0, '“我的”上不应再有登录表单')
    await me.getByTestId('role-enterprise').waitFor()
    await tallShot(p, shots, 'account-1-me-signed-out')

    // ---- 2. an invite opens an account --------------------------------------------------------------
    const admin = await apiToken(url, 'admin')
    const issued = await api(url, admin, 'accounts', 'issueInvite', { role: 'dispatcher', days: 7, note: 'e2e' }, `e2e-invite-${Date.now()}`)
    expect(issued.ok, `签发邀请码失败：${JSON.stringify(issued)}`)
    await me.getByTestId('open-invite').click()
    await p.page.waitForURL(/packages\/account\/invite\/index/, { timeout: 10_000 })
    await current(p).getByTestId('invite-web-newcomer').waitFor()
    await fill(p, '邀请码', issued.data.code.replace(/-/g, '').toLowerCase())
    await fill(p, '姓名', '测试调度员')
    await fill(p, '登录账号', LOGIN)
    await fill(p, '设置密码', FIRST)
    await fill(p, '确认密码', FIRST)
    const typed = await current(p).getByLabel('邀请码', { exact: true }).locator('input').inputValue()
    expect(typed === issued.data.code, `邀请码没有按四位一组显示：${typed}`)
    await screenShot(p, shots, 'account-2-invite')
    await current(p).getByTestId('redeem-submit').click()
    await backOnMe(p, '测试调度员')
    expect((await current(p).getByTestId('grant-row').innerText()).includes('调度员'), '开通后没有调度员角色')

    // ---- 3. 账号登录 ------------------------------------------------------------------------------------
    await current(p).locator('taro-button-core').filter({ hasText: '退出登录' }).click()
    await current(p).getByTestId('sign-in-entry').waitFor()
    await current(p).getByTestId('open-sign-in').click()
    await p.page.waitForURL(/packages\/account\/sign-in\/index/, { timeout: 10_000 })
    await current(p).getByTestId('sign-in-form').waitFor()
    await screenShot(p, shots, 'account-3-sign-in')
    await fill(p, '账号', LOGIN)
    await fill(p, '密码', 'not-the-password-1')
    await current(p).getByTestId('sign-in-submit').click()
    const refused = current(p).getByTestId('sign-in-failure')
    await refused.waitFor({ timeout: 15_000 })
    expect((await refused.innerText()).includes('连续输错 5 次'), `密码错误时没有说明锁定规则：${await refused.innerText()}`)
    await screenShot(p, shots, 'account-4-sign-in-refused')
    await fill(p, '密码', FIRST)
    await current(p).getByTestId('sign-in-submit').click()
    await backOnMe(p, '测试调度员')
    await tallShot(p, shots, 'account-5-me-signed-in')

    // ---- 4. 修改密码 ------------------------------------------------------------------------------------
    await current(p).getByTestId('tool-password').click()
    await p.page.waitForURL(/packages\/account\/password\/index/, { timeout: 10_000 })
    await current(p).getByTestId('password-form').waitFor()
    await fill(p, '当前密码', FIRST)
    await fill(p, '新密码', NEXT)
    await fill(p, '确认新密码', NEXT)
    await current(p).getByTestId('password-submit').click()
    await backOnMe(p, '测试调度员')
    const withNew = await signInOverApi(url, LOGIN, NEXT)
    expect(withNew.ok, `新密码不能登录：${JSON.stringify(withNew)}`)
    const withOld = await signInOverApi(url, LOGIN, FIRST)
    expect(!withOld.ok, '旧密码仍能登录')

    expect(problems.length === 0, `page problems:\n${problems.join('\n')}`)
  } finally {
    await p.close()
  }
}
