import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { Session, User } from '@contract/accounts'
import { MeView } from '@/features/account/MeView'
import { SignInView } from '@/features/account/SignInView'
import { InviteView } from '@/features/account/InviteView'
import { PasswordView } from '@/features/account/PasswordView'
import { getSession } from '@/services/session'
import { PAGE, TAB } from '@/utils/routes'
import { cloud, getCurrentPages, navigateBack, navigateTo, redirectTo, request, showToast, switchTab } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, setBuildConstants, signIn } from './helpers'

beforeEach(resetAll)

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })
const press = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }))
/** The page was opened from 我的: 我的 lies below it in the page stack. */
const openedFromMe = () => getCurrentPages.mockImplementation(() => [{ route: 'pages/me/index' }, { route: 'packages/account/x/index' }])

const newcomer: Session = {
  token: 'tok-new',
  user: { id: 'p-new', name: '何新人', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }] }
}
const admin: Session = { token: 'tok-admin', user: { id: 'p-admin', name: '苏建明', roles: [{ role: 'admin', scopeId: null, scopeName: null }] } }

describe('账号登录 (web): its own page, opened from 我的', () => {
  test('我的 offers 账号登录 and 使用邀请码 as ways to their pages; the forms are not on the tab', () => {
    render(<MeView />)
    expect(screen.queryByTestId('sign-in-form')).toBeNull()
    expect(screen.queryByTestId('redeem-form')).toBeNull()
    fireEvent.click(within(screen.getByTestId('sign-in-entry')).getByRole('button', { name: '登录' }))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: PAGE.signIn })
    fireEvent.click(screen.getByTestId('open-invite'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: PAGE.redeemInvite })
    expect(request).not.toHaveBeenCalled()
  })

  test('login and password sign in: the session is saved, the page goes back and 我的 shows the account', async () => {
    answerBy({ 'accounts.signIn': okBody(admin), 'accounts.me': okBody(admin.user), 'notices.list': okBody([]) })
    openedFromMe()
    // 我的 stays mounted under the sign-in page, as in the page stack
    render(<MeView />)
    render(<SignInView />)
    type('账号', '  Admin.Su ')
    type('密码', 'Secret-pass-42')
    fireEvent.click(screen.getByTestId('sign-in-submit'))
    expect(await screen.findByText('苏建明')).toBeInTheDocument()
    // the schema trims and lower-cases the login; the password goes as typed
    expect(postedTo('accounts.signIn')[0].input).toEqual({ login: 'admin.su', password: 'Secret-pass-42' })
    expect(postedTo('accounts.signIn')[0].requestId).toBeUndefined()
    expect(getSession()?.token).toBe('tok-admin')
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '欢迎，苏建明' }))
    expect(navigateBack).toHaveBeenCalledTimes(1)
    expect(switchTab).not.toHaveBeenCalled()
    // a password account is offered 修改密码; an administrator 邀请码管理
    expect(screen.getByTestId('tool-password')).toBeInTheDocument()
    expect(screen.getByTestId('link-admin-invites')).toBeInTheDocument()
  })

  test('opened on its own (nothing below it), signing in switches to 我的', async () => {
    answerBy({ 'accounts.signIn': okBody(admin) })
    render(<SignInView />)
    type('账号', 'admin.su')
    type('密码', 'Secret-pass-42')
    press('登录')
    await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: TAB.me }))
    expect(navigateBack).not.toHaveBeenCalled()
  })

  test('empty fields are explained under them and nothing is sent', async () => {
    render(<SignInView />)
    press('登录')
    expect(await screen.findByTestId('error-login')).toHaveTextContent('请填写账号')
    expect(screen.getByTestId('error-password')).toHaveTextContent('请填写密码')
    expect(request).not.toHaveBeenCalled()
    // typing clears the field's error
    type('账号', 'he.jiaxin')
    expect(screen.queryByTestId('error-login')).toBeNull()
  })

  test('a wrong password: the server’s words, and how many tries lock the account; the page stays', async () => {
    answerBy({ 'accounts.signIn': errorBody(401, 'UNAUTHENTICATED', '账号或密码不正确') })
    render(<SignInView />)
    type('账号', 'he.jiaxin')
    type('密码', 'not-it-123')
    press('登录')
    const alert = await screen.findByTestId('sign-in-failure')
    expect(alert).toHaveTextContent('账号或密码不正确')
    expect(alert).toHaveTextContent('连续输错 5 次，账号将锁定 15 分钟')
    expect(getSession()).toBeNull()
    expect(navigateBack).not.toHaveBeenCalled()
    expect(switchTab).not.toHaveBeenCalled()
  })

  test('a locked account: the lockout message is shown as the server wrote it', async () => {
    const locked = '密码连续输错 5 次，账号已锁定，请在 14:35 后再试'
    answerBy({ 'accounts.signIn': errorBody(429, 'RATE_LIMITED', locked) })
    render(<SignInView />)
    type('账号', 'he.jiaxin')
    type('密码', 'welcome-2026')
    press('登录')
    const alert = await screen.findByTestId('sign-in-failure')
    expect(alert).toHaveAttribute('data-code', 'RATE_LIMITED')
    expect(within(alert).getByText(locked)).toBeInTheDocument()
    expect(getSession()).toBeNull()
  })

  test('第一次使用？ leads to the invite page in place of this one', () => {
    render(<SignInView />)
    fireEvent.click(screen.getByTestId('sign-in-to-invite'))
    expect(redirectTo).toHaveBeenCalledWith({ url: PAGE.redeemInvite })
  })
})

describe('使用邀请码 (web newcomer)', () => {
  const open = () => {
    render(<InviteView />)
    return screen.getByTestId('redeem-form')
  }

  test('the code is grouped as typed; name, login and password with the password rule', async () => {
    const form = open()
    expect(screen.getByTestId('invite-web-newcomer')).toBeInTheDocument()
    type('邀请码', 'k7qm 3xrd9pwt')
    expect(screen.getByLabelText('邀请码')).toHaveValue('K7QM-3XRD-9PWT')
    expect(within(form).getByLabelText('姓名')).toBeInTheDocument()
    expect(within(form).getByLabelText('登录账号')).toBeInTheDocument()
    expect(within(form).getByLabelText('设置密码')).toBeInTheDocument()
    expect(within(form).getByText(/至少 10 位，含字母和数字/)).toBeInTheDocument()
    // someone with an account goes to 账号登录 instead
    fireEvent.click(screen.getByTestId('invite-to-sign-in'))
    expect(redirectTo).toHaveBeenCalledWith({ url: PAGE.signIn })
  })

  test('a weak password and a mismatched confirmation are explained before sending', async () => {
    open()
    type('邀请码', 'K7QM3XRD9PWT')
    type('姓名', '何新人')
    type('登录账号', 'he.xinren')
    type('设置密码', 'short1')
    type('确认密码', 'short2')
    press('开通账号')
    expect(await screen.findByTestId('error-password')).toHaveTextContent('密码至少 10 位')
    expect(screen.getByTestId('error-confirm')).toHaveTextContent('两次输入的密码不一致')
    expect(request).not.toHaveBeenCalled()
  })

  test('a wrong code: the server’s message under the code field', async () => {
    answerBy({ 'accounts.redeemInvite': errorBody(400, 'VALIDATION', '邀请码不正确', { code: '邀请码不正确' }) })
    open()
    type('邀请码', 'ABCD-EFGH-JKLM')
    type('姓名', '何新人')
    type('登录账号', 'he.xinren')
    type('设置密码', 'welcome-2026')
    type('确认密码', 'welcome-2026')
    press('开通账号')
    expect(await screen.findByTestId('error-code')).toHaveTextContent('邀请码不正确')
    // said once, under the field (no second banner with the same words)
    expect(screen.queryByTestId('redeem-failure')).toBeNull()
    expect(getSession()).toBeNull()
    expect(navigateBack).not.toHaveBeenCalled()
  })

  test('a good code opens the account, signed in, with its role; back on 我的 it shows', async () => {
    answerBy({ 'accounts.redeemInvite': okBody(newcomer), 'accounts.me': okBody(newcomer.user), 'notices.list': okBody([]) })
    openedFromMe()
    render(<MeView />)
    const form = open()
    type('邀请码', 'k7qm-3xrd-9pwt')
    type('姓名', '何新人')
    type('登录账号', 'He.XinRen')
    type('设置密码', 'welcome-2026')
    type('确认密码', 'welcome-2026')
    press('开通账号')
    expect(await screen.findByText('何新人')).toBeInTheDocument()
    const [posted] = postedTo('accounts.redeemInvite')
    expect(posted.input).toEqual({ code: 'K7QM3XRD9PWT', name: '何新人', login: 'he.xinren', password: 'welcome-2026' })
    // retried safely: the request carries an id
    expect(posted.requestId).toEqual(expect.any(String))
    expect(getSession()?.token).toBe('tok-new')
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已获得角色：部门经办人（区民政和人力资源社会保障局）' }))
    expect(navigateBack).toHaveBeenCalledTimes(1)
    // the page keeps the newcomer's form while it goes (it does not turn into a member's)
    expect(within(form).getByLabelText('姓名')).toBeInTheDocument()
  })
})

describe('signed in (web)', () => {
  test('使用邀请码 opens its page, which adds a role with the code alone; 我的 shows the new role', async () => {
    const before = admin
    const after: User = { ...admin.user, roles: [...admin.user.roles, { role: 'dispatcher', scopeId: null, scopeName: null }] }
    signIn(before)
    answerBy({
      'accounts.me': okBody(before.user),
      'notices.list': okBody([]),
      'accounts.redeemInvite': okBody({ token: 'tok-admin-2', user: after })
    })
    openedFromMe()
    render(<MeView />)
    fireEvent.click(within(screen.getByTestId('tool-invite')).getByText('使用邀请码'))
    expect(navigateTo).toHaveBeenCalledWith({ url: PAGE.redeemInvite })

    render(<InviteView />)
    const form = screen.getByTestId('redeem-form')
    expect(screen.getByTestId('invite-member')).toBeInTheDocument()
    expect(within(form).queryByLabelText('姓名')).toBeNull()
    expect(within(form).queryByLabelText('设置密码')).toBeNull()
    type('邀请码', 'QWER-TYUP-ASDF')
    press('使用邀请码')
    await waitFor(() => expect(screen.getAllByTestId('grant-row')).toHaveLength(2))
    expect(postedTo('accounts.redeemInvite')[0].input).toEqual({ code: 'QWERTYUPASDF' })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已获得角色：调度员' }))
    expect(navigateBack).toHaveBeenCalledTimes(1)
  })

  test('修改密码 opens its page: a wrong current password is said under its field; then it is changed', async () => {
    signIn(admin)
    let tries = 0
    answerBy({
      'accounts.me': okBody(admin.user),
      'notices.list': okBody([]),
      'accounts.changePassword': () =>
        ++tries === 1 ? errorBody(400, 'VALIDATION', '当前密码不正确', { current: '当前密码不正确' }) : okBody({ changed: true })
    })
    openedFromMe()
    render(<MeView />)
    fireEvent.click(within(screen.getByTestId('tool-password')).getByText('修改密码'))
    expect(navigateTo).toHaveBeenCalledWith({ url: PAGE.changePassword })

    render(<PasswordView />)
    type('当前密码', 'nope-nope-1')
    type('新密码', 'better-pass-42')
    type('确认新密码', 'better-pass-42')
    press('保存新密码')
    expect(await screen.findByTestId('error-current')).toHaveTextContent('当前密码不正确')
    expect(navigateBack).not.toHaveBeenCalled()
    type('当前密码', 'Secret-pass-42')
    press('保存新密码')
    await waitFor(() => expect(navigateBack).toHaveBeenCalledTimes(1))
    expect(postedTo('accounts.changePassword')[1].input).toEqual({ current: 'Secret-pass-42', next: 'better-pass-42' })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '密码已修改，下次请用新密码登录' }))
    // the session is untouched
    expect(getSession()?.token).toBe('tok-admin')
  })

  test('the new password must differ from the current one and be typed twice alike', async () => {
    signIn(admin)
    render(<PasswordView />)
    type('当前密码', 'Secret-pass-42')
    type('新密码', 'Secret-pass-42')
    press('保存新密码')
    expect(await screen.findByTestId('error-next')).toHaveTextContent('新密码不能与当前密码相同')
    expect(screen.getByTestId('error-confirm')).toHaveTextContent('请再输入一次新密码')
    expect(request).not.toHaveBeenCalled()
  })

  test('修改密码 signed out asks to sign in first, and leads to 我的', () => {
    render(<PasswordView />)
    expect(screen.queryByTestId('password-form')).toBeNull()
    expect(screen.getByText('请先登录')).toBeInTheDocument()
    fireEvent.click(screen.getByText('去登录'))
    expect(switchTab).toHaveBeenCalledWith({ url: TAB.me })
  })

  test('only administrators get 邀请码管理', async () => {
    const handler: Session = { token: 'tok-h', user: newcomer.user }
    signIn(handler)
    answerBy({ 'accounts.me': okBody(handler.user), 'notices.list': okBody([]) })
    render(<MeView />)
    await waitFor(() => expect(postedTo('notices.list')).toHaveLength(1))
    expect(screen.queryByTestId('link-admin-invites')).toBeNull()
  })
})

describe('on WeChat (cloud functions: the OPENID is the account)', () => {
  type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } }
  const wx = (handlers: Record<string, (input: Record<string, unknown>) => Answer>) =>
    cloud.callFunction.mockImplementation(async ({ name, data }) => {
      const h = handlers[`${name}.${data.action}`]
      return { result: h ? h(data.input) : { ok: false, error: { code: 'NOT_FOUND', message: `测试未准备 ${name}.${data.action}` } } }
    })
  const calls = (key: string) =>
    cloud.callFunction.mock.calls.map((c) => c[0]).filter((c) => `${c.name}.${c.data.action}` === key)
  const unknown = (): Answer => ({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })

  beforeEach(() => setBuildConstants({ LST_TRANSPORT: 'wxcloud', LST_API_BASE: '', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: '[]' }))

  test('an unknown WeChat user is offered 填写邀请码; no password sign-in, no demo', async () => {
    wx({ 'accounts.me': unknown })
    render(<MeView />)
    const card = await screen.findByTestId('wechat-newcomer')
    expect(card).toHaveTextContent('您的微信还没有开通链上通账号')
    expect(screen.queryByTestId('sign-in-entry')).toBeNull()
    expect(screen.queryByTestId('demo-picker')).toBeNull()
    fireEvent.click(within(card).getByRole('button', { name: '填写邀请码' }))
    expect(navigateTo).toHaveBeenCalledWith({ url: PAGE.redeemInvite })
    expect(request).not.toHaveBeenCalled()
  })

  test('the invite page asks an unknown WeChat user for the code and a name only', () => {
    render(<InviteView />)
    const form = screen.getByTestId('redeem-form')
    expect(screen.getByTestId('invite-wechat-newcomer')).toHaveTextContent('账号即与本微信绑定')
    expect(within(form).getByLabelText('邀请码')).toBeInTheDocument()
    expect(within(form).getByLabelText('姓名')).toBeInTheDocument()
    expect(within(form).queryByLabelText('登录账号')).toBeNull()
    expect(within(form).queryByLabelText('设置密码')).toBeNull()
    expect(screen.queryByTestId('invite-to-sign-in')).toBeNull()
  })

  test('redeeming binds the WeChat user: code and name are sent, and 我的 shows the account', async () => {
    let known = false
    wx({
      'accounts.me': () => (known ? { ok: true, data: newcomer.user } : unknown()),
      'accounts.redeemInvite': () => {
        known = true
        return { ok: true, data: newcomer }
      },
      'notices.list': () => ({ ok: true, data: [] })
    })
    openedFromMe()
    render(<MeView />)
    await screen.findByTestId('wechat-newcomer')
    render(<InviteView />)
    type('邀请码', 'k7qm3xrd9pwt')
    type('姓名', '罗新站长')
    press('开通账号')
    expect(await screen.findByText('何新人')).toBeInTheDocument()
    expect(calls('accounts.redeemInvite')[0].data.input).toEqual({ code: 'K7QM3XRD9PWT', name: '罗新站长' })
    expect(navigateBack).toHaveBeenCalledTimes(1)
    // no 退出登录 on WeChat (the OPENID would sign straight back in), and no password to change
    expect(screen.queryByRole('button', { name: '退出登录' })).toBeNull()
    expect(screen.getByTestId('wechat-signed-in')).toBeInTheDocument()
    expect(screen.queryByTestId('tool-password')).toBeNull()
  })

  test('the sign-in page says WeChat needs no password', () => {
    render(<SignInView />)
    expect(screen.queryByTestId('sign-in-form')).toBeNull()
    expect(screen.getByText('微信中无需密码')).toBeInTheDocument()
  })

  test('a known WeChat user goes straight to the account', async () => {
    wx({ 'accounts.me': () => ({ ok: true, data: admin.user }), 'notices.list': () => ({ ok: true, data: [] }) })
    render(<MeView />)
    expect(await screen.findByText('苏建明')).toBeInTheDocument()
    expect(getSession()?.user.id).toBe('p-admin')
    expect(screen.getByTestId('link-admin-invites')).toBeInTheDocument()
    expect(screen.queryByTestId('wechat-newcomer')).toBeNull()
  })

  test('a network failure while finding out who this is offers 重试', async () => {
    cloud.callFunction.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail' })
    render(<MeView />)
    expect(await screen.findByText('网络不给力，请稍后重试')).toBeInTheDocument()
    wx({ 'accounts.me': unknown })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByTestId('wechat-newcomer')).toBeInTheDocument()
  })
})
