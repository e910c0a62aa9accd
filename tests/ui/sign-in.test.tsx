import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { Session, User } from '@contract/accounts'
import { MeView } from '@/features/account/MeView'
import { getSession } from '@/services/session'
import { cloud, request, showToast } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, setBuildConstants, signIn } from './helpers'

beforeEach(resetAll)

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })
const press = (name: string | RegExp) => fireEvent.click(screen.getByRole('button', { name }))

const newcomer: Session = {
  token: 'tok-new',
  user: { id: 'p-new', name: '何新人', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }] }
}
const admin: Session = { token: 'tok-admin', user: { id: 'p-admin', name: '苏建明', roles: [{ role: 'admin', scopeId: null, scopeName: null }] } }

describe('账号登录 (web)', () => {
  test('login and password sign in: the session is saved and the account shown', async () => {
    answerBy({ 'accounts.signIn': okBody(admin), 'accounts.me': okBody(admin.user), 'notices.list': okBody([]) })
    render(<MeView />)
    type('账号', '  Admin.Su ')
    type('密码', 'Secret-pass-42')
    press('登录')
    expect(await screen.findByText('苏建明')).toBeInTheDocument()
    // the schema trims and lower-cases the login; the password goes as typed
    expect(postedTo('accounts.signIn')[0].input).toEqual({ login: 'admin.su', password: 'Secret-pass-42' })
    expect(postedTo('accounts.signIn')[0].requestId).toBeUndefined()
    expect(getSession()?.token).toBe('tok-admin')
    // a password account is offered 修改密码; an administrator 邀请码管理
    expect(screen.getByTestId('tool-password')).toBeInTheDocument()
    expect(screen.getByTestId('link-admin-invites')).toBeInTheDocument()
  })

  test('empty fields are explained under them and nothing is sent', async () => {
    render(<MeView />)
    press('登录')
    expect(await screen.findByTestId('error-login')).toHaveTextContent('请填写账号')
    expect(screen.getByTestId('error-password')).toHaveTextContent('请填写密码')
    expect(request).not.toHaveBeenCalled()
    // typing clears the field's error
    type('账号', 'he.jiaxin')
    expect(screen.queryByTestId('error-login')).toBeNull()
  })

  test('a wrong password: the server’s words, and how many tries lock the account', async () => {
    answerBy({ 'accounts.signIn': errorBody(401, 'UNAUTHENTICATED', '账号或密码不正确') })
    render(<MeView />)
    type('账号', 'he.jiaxin')
    type('密码', 'not-it-123')
    press('登录')
    const alert = await screen.findByTestId('sign-in-failure')
    expect(alert).toHaveTextContent('账号或密码不正确')
    expect(alert).toHaveTextContent('连续输错 5 次，账号将锁定 15 分钟')
    expect(getSession()).toBeNull()
  })

  test('a locked account: the lockout message is shown as the server wrote it', async () => {
    const locked = '密码连续输错 5 次，账号已锁定，请在 14:35 后再试'
    answerBy({ 'accounts.signIn': errorBody(429, 'RATE_LIMITED', locked) })
    render(<MeView />)
    type('账号', 'he.jiaxin')
    type('密码', 'welcome-2026')
    press('登录')
    const alert = await screen.findByTestId('sign-in-failure')
    expect(alert).toHaveAttribute('data-code', 'RATE_LIMITED')
    expect(within(alert).getByText(locked)).toBeInTheDocument()
    expect(getSession()).toBeNull()
  })
})

describe('使用邀请码 (web newcomer)', () => {
  const open = () => {
    render(<MeView />)
    fireEvent.click(screen.getByTestId('invite-toggle'))
    return screen.getByTestId('redeem-form')
  }

  test('the code is grouped as typed; name, login and password with the password rule', async () => {
    const form = open()
    type('邀请码', 'k7qm 3xrd9pwt')
    expect(screen.getByLabelText('邀请码')).toHaveValue('K7QM-3XRD-9PWT')
    expect(within(form).getByLabelText('姓名')).toBeInTheDocument()
    expect(within(form).getByLabelText('登录账号')).toBeInTheDocument()
    expect(within(form).getByLabelText('设置密码')).toBeInTheDocument()
    expect(within(form).getByText(/至少 10 位，含字母和数字/)).toBeInTheDocument()
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
  })

  test('a good code opens the account, signed in, with its role', async () => {
    answerBy({ 'accounts.redeemInvite': okBody(newcomer), 'accounts.me': okBody(newcomer.user), 'notices.list': okBody([]) })
    open()
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
  })
})

describe('signed in (web)', () => {
  test('使用邀请码 adds a role with the code alone', async () => {
    const before = admin
    const after: User = { ...admin.user, roles: [...admin.user.roles, { role: 'dispatcher', scopeId: null, scopeName: null }] }
    signIn(before)
    answerBy({
      'accounts.me': okBody(before.user),
      'notices.list': okBody([]),
      'accounts.redeemInvite': okBody({ token: 'tok-admin-2', user: after })
    })
    render(<MeView />)
    fireEvent.click(within(screen.getByTestId('tool-invite')).getByRole('button', { name: /使用邀请码/ }))
    const form = screen.getByTestId('redeem-form')
    expect(within(form).queryByLabelText('姓名')).toBeNull()
    expect(within(form).queryByLabelText('设置密码')).toBeNull()
    type('邀请码', 'QWER-TYUP-ASDF')
    press('使用邀请码')
    await waitFor(() => expect(screen.getAllByTestId('grant-row')).toHaveLength(2))
    expect(postedTo('accounts.redeemInvite')[0].input).toEqual({ code: 'QWERTYUPASDF' })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已获得角色：调度员' }))
    expect(screen.queryByTestId('redeem-form')).toBeNull()
  })

  test('修改密码: a wrong current password is said under its field; then it is changed', async () => {
    signIn(admin)
    let tries = 0
    answerBy({
      'accounts.me': okBody(admin.user),
      'notices.list': okBody([]),
      'accounts.changePassword': () =>
        ++tries === 1 ? errorBody(400, 'VALIDATION', '当前密码不正确', { current: '当前密码不正确' }) : okBody({ changed: true })
    })
    render(<MeView />)
    fireEvent.click(within(screen.getByTestId('tool-password')).getByRole('button', { name: /修改密码/ }))
    type('当前密码', 'nope-nope-1')
    type('新密码', 'better-pass-42')
    type('确认新密码', 'better-pass-42')
    press('保存新密码')
    expect(await screen.findByTestId('error-current')).toHaveTextContent('当前密码不正确')
    type('当前密码', 'Secret-pass-42')
    press('保存新密码')
    await waitFor(() => expect(screen.queryByTestId('password-form')).toBeNull())
    expect(postedTo('accounts.changePassword')[1].input).toEqual({ current: 'Secret-pass-42', next: 'better-pass-42' })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '密码已修改，下次请用新密码登录' }))
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

  test('an unknown WeChat user sees the invite form: the code and a name only, no password, no demo', async () => {
    wx({ 'accounts.me': unknown })
    render(<MeView />)
    const form = await screen.findByTestId('redeem-form')
    expect(screen.getByTestId('wechat-newcomer')).toHaveTextContent('您的微信还没有开通链上通账号')
    expect(within(form).getByLabelText('邀请码')).toBeInTheDocument()
    expect(within(form).getByLabelText('姓名')).toBeInTheDocument()
    expect(within(form).queryByLabelText('登录账号')).toBeNull()
    expect(within(form).queryByLabelText('设置密码')).toBeNull()
    expect(screen.queryByTestId('sign-in-form')).toBeNull()
    expect(screen.queryByTestId('demo-picker')).toBeNull()
    expect(request).not.toHaveBeenCalled()
  })

  test('redeeming binds the WeChat user: code and name are sent, and the account is shown', async () => {
    let known = false
    wx({
      'accounts.me': () => (known ? { ok: true, data: newcomer.user } : unknown()),
      'accounts.redeemInvite': () => {
        known = true
        return { ok: true, data: newcomer }
      },
      'notices.list': () => ({ ok: true, data: [] })
    })
    render(<MeView />)
    await screen.findByTestId('redeem-form')
    type('邀请码', 'k7qm3xrd9pwt')
    type('姓名', '罗新站长')
    press('开通账号')
    expect(await screen.findByText('何新人')).toBeInTheDocument()
    expect(calls('accounts.redeemInvite')[0].data.input).toEqual({ code: 'K7QM3XRD9PWT', name: '罗新站长' })
    // no 退出登录 on WeChat (the OPENID would sign straight back in), and no password to change
    expect(screen.queryByRole('button', { name: '退出登录' })).toBeNull()
    expect(screen.getByTestId('wechat-signed-in')).toBeInTheDocument()
    expect(screen.queryByTestId('tool-password')).toBeNull()
  })

  test('a known WeChat user goes straight to the account', async () => {
    wx({ 'accounts.me': () => ({ ok: true, data: admin.user }), 'notices.list': () => ({ ok: true, data: [] }) })
    render(<MeView />)
    expect(await screen.findByText('苏建明')).toBeInTheDocument()
    expect(getSession()?.user.id).toBe('p-admin')
    expect(screen.getByTestId('link-admin-invites')).toBeInTheDocument()
    expect(screen.queryByTestId('redeem-form')).toBeNull()
  })

  test('a network failure while finding out who this is offers 重试', async () => {
    cloud.callFunction.mockRejectedValueOnce({ errMsg: 'cloud.callFunction:fail' })
    render(<MeView />)
    expect(await screen.findByText('网络不给力，请稍后重试')).toBeInTheDocument()
    wx({ 'accounts.me': unknown })
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByTestId('redeem-form')).toBeInTheDocument()
  })
})
