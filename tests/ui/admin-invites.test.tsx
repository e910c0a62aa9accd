import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { Invite, IssuedInvite, Session } from '@contract/accounts'
import type { Bootstrap, Enterprise } from '@contract/catalog'
import { InvitesView } from '@/features/admin/InvitesView'
import Taro, { request, showModal, switchTab } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'

const clipboard = jest.fn((_opts: { data: string }) => Promise.resolve({ errMsg: 'setClipboardData:ok' }))
beforeEach(() => {
  resetAll()
  clipboard.mockClear()
  ;(Taro as unknown as { setClipboardData: typeof clipboard }).setClipboardData = clipboard
})
afterEach(() => {
  delete (Taro as unknown as { setClipboardData?: unknown }).setClipboardData
})

const admin: Session = { token: 'tok-admin', user: { id: 'p-admin', name: '苏建明', roles: [{ role: 'admin', scopeId: null, scopeName: null }] } }
const handler: Session = { token: 'tok-h', user: { id: 'p-h', name: '何嘉欣', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区人社局' }] } }

const invite = (changes: Partial<Invite>): Invite => ({
  id: 'iv-1',
  role: 'handler',
  scopeId: 'hr',
  scopeName: '区民政和人力资源社会保障局',
  note: '人社局新同事',
  createdAt: '2026-11-20T02:00:00.000Z',
  expiresAt: '2026-11-27T02:00:00.000Z',
  status: 'pending',
  usedByName: null,
  ...changes
})

const listed: Invite[] = [
  invite({}),
  invite({ id: 'iv-2', role: 'station', scopeId: 's-1', scopeName: '大良德胜暖“新”驿站', note: '', status: 'used', usedByName: '罗美玲' }),
  invite({ id: 'iv-3', role: 'dispatcher', scopeId: null, scopeName: null, note: '调度中心', status: 'revoked' }),
  invite({ id: 'iv-4', role: 'enterprise', scopeId: 'e-murata', scopeName: '广东村田智能科技有限公司', note: '', status: 'expired' })
]

const bootstrap: Bootstrap = {
  departments: [
    { id: 'hr', name: '区民政和人力资源社会保障局', matters: '' },
    { id: 'ecb', name: '区经济促进局', matters: '' }
  ],
  towns: [],
  chains: []
}

const issued: IssuedInvite = {
  ...invite({ id: 'iv-new', scopeId: 'ecb', scopeName: '区经济促进局', note: '经促局 王同事', createdAt: '2026-11-25T02:00:00.000Z', expiresAt: '2026-12-02T02:00:00.000Z' }),
  code: 'K7QM-3XRD-9PWT'
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

describe('who may use it', () => {
  test('signed out: asked to sign in, nothing loaded', () => {
    render(<InvitesView />)
    expect(screen.getByText('请先登录')).toBeInTheDocument()
    fireEvent.click(screen.getByText('去登录'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
    expect(request).not.toHaveBeenCalled()
  })

  test('not an administrator: a clear explanation of who issues invites and where to use one', () => {
    signIn(handler)
    render(<InvitesView />)
    expect(screen.getByText('仅系统管理员可以管理邀请码')).toBeInTheDocument()
    expect(screen.getByText(/请向系统管理员索取邀请码，然后在「我的」→「使用邀请码」中填写/)).toBeInTheDocument()
    expect(screen.queryByTestId('issue-form')).toBeNull()
    expect(request).not.toHaveBeenCalled()
  })

  test('the server refusing (the role was taken back) shows the same explanation', async () => {
    signIn(admin)
    answerBy({ 'accounts.invites': errorBody(403, 'FORBIDDEN', '仅系统管理员可以操作') })
    render(<InvitesView />)
    expect(await screen.findByText('仅系统管理员可以管理邀请码')).toBeInTheDocument()
  })
})

describe('the list', () => {
  test('each invite with its status tag, scope, note, expiry and who used it; never a code', async () => {
    signIn(admin)
    answerBy({ 'accounts.invites': okBody(listed) })
    render(<InvitesView />)
    const rows = await screen.findAllByTestId('invite-row')
    expect(rows.map((r) => within(r).getByTestId('invite-status').textContent)).toEqual(['待使用', '已使用', '已撤销', '已过期'])
    expect(rows[0]).toHaveTextContent('部门经办人 · 区民政和人力资源社会保障局')
    expect(rows[0]).toHaveTextContent('备注：人社局新同事')
    expect(rows[0]).toHaveTextContent('有效期至 2026-11-27 10:00')
    expect(rows[1]).toHaveTextContent('使用人：罗美玲')
    expect(rows[2]).toHaveTextContent('调度员 · 全区')
    expect(rows[3]).toHaveTextContent('已于 2026-11-27 10:00 过期')
    // only a pending one can be revoked
    expect(rows.map((r) => !!within(r).queryByTestId('revoke'))).toEqual([true, false, false, false])
    // the filter tabs count by status
    fireEvent.click(screen.getByTestId('tab-used'))
    expect(screen.getAllByTestId('invite-row')).toHaveLength(1)
    expect(screen.getByTestId('tab-pending')).toHaveTextContent('待使用 1')
  })

  test('nothing issued yet: says what will be listed', async () => {
    signIn(admin)
    answerBy({ 'accounts.invites': okBody([]) })
    render(<InvitesView />)
    expect(await screen.findByText('还没有签发过邀请码')).toBeInTheDocument()
  })
})

describe('签发邀请码', () => {
  test('a handler’s invite: the department is required, then the code is shown big, once, with 复制', async () => {
    signIn(admin)
    let stored = listed
    answerBy({
      'accounts.invites': () => okBody(stored),
      'catalog.bootstrap': okBody(bootstrap),
      'accounts.issueInvite': () => {
        // the server lists it from now on (never with its code)
        const { code: _code, ...row } = issued
        stored = [row, ...listed]
        return okBody(issued)
      }
    })
    render(<InvitesView />)
    await screen.findAllByTestId('invite-row')
    fireEvent.click(screen.getByTestId('invite-role-handler'))
    expect(await screen.findByTestId('picker-部门')).toBeInTheDocument()
    type('备注', '经促局 王同事')
    fireEvent.click(screen.getByTestId('issue-submit'))
    expect(await screen.findByTestId('error-scopeId')).toHaveTextContent('请选择部门')
    expect(postedTo('accounts.issueInvite')).toHaveLength(0)

    fireEvent.change(screen.getByTestId('picker-部门'), { target: { value: '1' } })
    expect(screen.queryByTestId('error-scopeId')).toBeNull()
    expect(screen.getByTestId('scope-value')).toHaveTextContent('区经济促进局')
    fireEvent.click(screen.getByTestId('issue-submit'))

    const code = await screen.findByTestId('issued-code')
    expect(code).toHaveTextContent('K7QM-3XRD-9PWT')
    const [posted] = postedTo('accounts.issueInvite')
    expect(posted.input).toEqual({ role: 'handler', scopeId: 'ecb', days: 7, note: '经促局 王同事' })
    expect(posted.requestId).toEqual(expect.any(String))
    expect(screen.getByTestId('issued-warning')).toHaveTextContent('邀请码只显示这一次')
    // the list gains the invite, without its code
    const rows = screen.getAllByTestId('invite-row')
    expect(rows[0]).toHaveAttribute('data-id', 'iv-new')
    expect(screen.getByTestId('invite-list')).not.toHaveTextContent('K7QM')

    fireEvent.click(screen.getByTestId('copy-code'))
    await waitFor(() => expect(clipboard).toHaveBeenCalledWith({ data: 'K7QM-3XRD-9PWT' }))
    fireEvent.click(screen.getByTestId('copy-message'))
    await waitFor(() => expect(clipboard).toHaveBeenCalledTimes(2))
    expect(clipboard.mock.calls[1][0].data).toMatch(/链上通邀请码：K7QM-3XRD-9PWT\n开通角色：部门经办人（区经济促进局）/)

    // closed: gone for good, the form is back
    fireEvent.click(screen.getByTestId('close-issued'))
    await waitFor(() => expect(screen.queryByTestId('issued-code')).toBeNull())
    expect(document.body.textContent).not.toContain('K7QM')
    expect(screen.getByTestId('issue-form')).toBeInTheDocument()
  })

  test('closing before copying asks first; 返回 keeps the code on screen', async () => {
    signIn(admin)
    answerBy({ 'accounts.invites': okBody([]), 'accounts.issueInvite': okBody({ ...issued, role: 'dispatcher', scopeId: null, scopeName: null }) })
    render(<InvitesView />)
    fireEvent.click(await screen.findByTestId('invite-role-dispatcher'))
    fireEvent.click(screen.getByTestId('issue-submit'))
    await screen.findByTestId('issued-code')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    fireEvent.click(screen.getByTestId('close-issued'))
    await waitFor(() => expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '还没有复制邀请码' })))
    expect(screen.getByTestId('issued-code')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('close-issued'))
    await waitFor(() => expect(screen.queryByTestId('issued-code')).toBeNull())
  })

  test('district-wide roles need no scope: nothing to pick, none sent; days are bounded', async () => {
    signIn(admin)
    answerBy({ 'accounts.invites': okBody([]), 'accounts.issueInvite': okBody({ ...issued, role: 'dispatcher', scopeId: null, scopeName: null }) })
    render(<InvitesView />)
    fireEvent.click(await screen.findByTestId('invite-role-dispatcher'))
    expect(screen.getByTestId('scope-none')).toHaveTextContent('全区')
    expect(screen.queryByTestId('field-scopeId')).toBeNull()
    type('有效天数', '31')
    fireEvent.click(screen.getByTestId('issue-submit'))
    expect(await screen.findByTestId('error-days')).toHaveTextContent('最多 30 天')
    fireEvent.click(screen.getByRole('button', { name: '少一天' }))
    expect(screen.getByLabelText('有效天数')).toHaveValue('30')
    fireEvent.click(screen.getByTestId('issue-submit'))
    await screen.findByTestId('issued-code')
    expect(postedTo('accounts.issueInvite')[0].input).toEqual({ role: 'dispatcher', days: 30 })
  })

  test('no role chosen: said under the role field', async () => {
    signIn(admin)
    answerBy({ 'accounts.invites': okBody([]) })
    render(<InvitesView />)
    fireEvent.click(await screen.findByTestId('issue-submit'))
    expect(await screen.findByTestId('error-role')).toHaveTextContent('请选择角色')
    expect(postedTo('accounts.issueInvite')).toHaveLength(0)
  })

  test('a long list of enterprises can be searched before picking', async () => {
    const enterprises: Enterprise[] = Array.from({ length: 12 }, (_, i) => ({
      id: `e-${i}`,
      name: i === 7 ? '广东村田智能科技有限公司' : `顺德第${i}号企业`,
      chainId: null,
      townId: null,
      isChainLeader: false
    }))
    signIn(admin)
    answerBy({ 'accounts.invites': okBody([]), 'catalog.enterprises': okBody(enterprises) })
    render(<InvitesView />)
    fireEvent.click(await screen.findByTestId('invite-role-enterprise'))
    await screen.findByTestId('picker-企业')
    type('搜索企业', '村田')
    const options = within(screen.getByTestId('picker-企业')).getAllByRole('option')
    expect(options.map((o) => o.textContent)).toEqual(['广东村田智能科技有限公司'])
    fireEvent.change(screen.getByTestId('picker-企业'), { target: { value: '0' } })
    expect(screen.getByTestId('scope-value')).toHaveTextContent('广东村田智能科技有限公司')
  })
})

describe('撤销', () => {
  test('asks first: 不撤销 sends nothing; confirmed, the invite shows 已撤销', async () => {
    signIn(admin)
    answerBy({ 'accounts.invites': okBody(listed), 'accounts.revokeInvite': (input) => okBody(invite({ id: input.id, status: 'revoked' })) })
    render(<InvitesView />)
    const [first] = await screen.findAllByTestId('invite-row')

    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    fireEvent.click(within(first).getByTestId('revoke'))
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(showModal.mock.calls[0][0]).toEqual(expect.objectContaining({ title: '撤销这个邀请码？', confirmText: '撤销' }))
    expect(postedTo('accounts.revokeInvite')).toHaveLength(0)

    fireEvent.click(within(first).getByTestId('revoke'))
    await waitFor(() => expect(within(screen.getAllByTestId('invite-row')[0]).getByTestId('invite-status')).toHaveTextContent('已撤销'))
    expect(postedTo('accounts.revokeInvite')[0].input).toEqual({ id: 'iv-1' })
    expect(within(screen.getAllByTestId('invite-row')[0]).queryByTestId('revoke')).toBeNull()
  })

  test('used meanwhile: the server’s reason on the row, and the list refreshed', async () => {
    signIn(admin)
    let used = false
    answerBy({
      'accounts.invites': () => okBody(used ? [invite({ status: 'used', usedByName: '何新人' })] : [invite({})]),
      'accounts.revokeInvite': () => {
        used = true
        return errorBody(409, 'CONFLICT', '该邀请码已被使用，请改为收回对方的角色')
      }
    })
    render(<InvitesView />)
    fireEvent.click(within((await screen.findAllByTestId('invite-row'))[0]).getByTestId('revoke'))
    expect(await screen.findByTestId('revoke-error')).toHaveTextContent('该邀请码已被使用')
    await waitFor(() => expect(screen.getByTestId('invite-status')).toHaveTextContent('已使用'))
    expect(screen.getByTestId('invite-row')).toHaveTextContent('使用人：何新人')
  })
})
