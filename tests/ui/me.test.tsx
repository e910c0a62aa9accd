import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import { ROLES, ROLE_LABELS } from '@contract/roles'
import { MeView } from '@/features/account/MeView'
import { getSession } from '@/services/session'
import { navigateTo, request } from '../stubs/taro'
import { errorBody, okBody, postedBody, resetAll } from './helpers'

beforeEach(resetAll)

const handlerSession = {
  token: 'tok-handler',
  user: {
    id: 'u-h',
    name: '陈经办',
    roles: [{ role: 'handler' as const, scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }]
  }
}

test('signed out: six role cards, each with its label and what the role does', () => {
  render(<MeView />)
  for (const role of ROLES) {
    const card = screen.getByTestId(`role-${role}`)
    expect(within(card).getByText(ROLE_LABELS[role])).toBeInTheDocument()
    // a one-line description beside the label
    expect(card.textContent!.length).toBeGreaterThan(ROLE_LABELS[role].length + 8)
  }
  expect(screen.getAllByTestId(/^role-/)).toHaveLength(6)
  expect(screen.queryByText('退出登录')).toBeNull()
})

test('tapping a role signs in with it, saves the session and shows the account', async () => {
  request.mockResolvedValueOnce(okBody(handlerSession)).mockResolvedValue(okBody(handlerSession.user))
  render(<MeView />)
  fireEvent.click(screen.getByText(ROLE_LABELS.handler))
  expect(await screen.findByText('陈经办')).toBeInTheDocument()
  expect(request.mock.calls[0][0].url).toBe('/api/accounts')
  expect(postedBody(0)).toMatchObject({ action: 'demoSignIn', input: { role: 'handler' } })
  expect(getSession()?.token).toBe('tok-handler')

  // role grants and the handler's console
  const grant = screen.getByTestId('grant-row')
  expect(grant).toHaveTextContent('部门经办人')
  expect(grant).toHaveTextContent('区民政和人力资源社会保障局')
  fireEvent.click(screen.getByText('部门待办'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/handler/inbox/index' })

  fireEvent.click(screen.getByRole('button', { name: '退出登录' }))
  await waitFor(() => expect(screen.getAllByTestId(/^role-/)).toHaveLength(6))
  expect(getSession()).toBeNull()
})

test('signed out on the web: 账号登录 first, 使用邀请码, and the demo roles below, labelled 演示; the forms have their own pages', () => {
  render(<MeView />)
  const signInEntry = screen.getByTestId('sign-in-entry')
  const invite = screen.getByTestId('invite-entry')
  const demo = screen.getByTestId('demo-picker')
  expect(within(demo).getByText('演示')).toBeInTheDocument()
  // in page order: sign-in, invite, demo
  expect(signInEntry.compareDocumentPosition(invite) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  expect(invite.compareDocumentPosition(demo) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  // no form on the tab: 登录 and 使用邀请码 open their pages in packages/account
  expect(screen.queryByTestId('sign-in-form')).toBeNull()
  expect(screen.queryByTestId('redeem-form')).toBeNull()
  fireEvent.click(within(signInEntry).getByRole('button', { name: '登录' }))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/sign-in/index' })
  fireEvent.click(within(invite).getByText('使用邀请码'))
  expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/account/invite/index' })
  // nothing is asked of the host until someone acts
  expect(request).not.toHaveBeenCalled()
})

test('demo mode off: the server’s FORBIDDEN message is shown, the demo cards give way, nobody is signed in', async () => {
  request.mockResolvedValueOnce(errorBody(403, 'FORBIDDEN', '演示登录已关闭'))
  render(<MeView />)
  fireEvent.click(screen.getByText(ROLE_LABELS.enterprise))
  const alert = await screen.findByTestId('sign-in-error')
  expect(alert).toHaveTextContent('演示登录已关闭')
  expect(alert).toHaveTextContent('请用管理员开通的账号登录，或使用邀请码开通账号')
  expect(getSession()).toBeNull()
  expect(screen.queryAllByTestId(/^role-/)).toHaveLength(0)
  // the real ways in stay
  expect(screen.getByTestId('sign-in-entry')).toBeInTheDocument()
  expect(screen.getByTestId('invite-entry')).toBeInTheDocument()
})

test('a demo account is not offered 修改密码 (it has no password); 使用邀请码 is', async () => {
  request.mockResolvedValueOnce(okBody(handlerSession)).mockResolvedValue(okBody(handlerSession.user))
  render(<MeView />)
  fireEvent.click(screen.getByText(ROLE_LABELS.handler))
  expect(await screen.findByText('陈经办')).toBeInTheDocument()
  expect(screen.getByTestId('tool-invite')).toBeInTheDocument()
  expect(screen.queryByTestId('tool-password')).toBeNull()
})

test('a network failure says so in Chinese', async () => {
  request.mockRejectedValueOnce(new TypeError('Failed to fetch'))
  render(<MeView />)
  fireEvent.click(screen.getByText(ROLE_LABELS.station))
  expect(await screen.findByTestId('sign-in-error')).toHaveTextContent('网络不给力，请稍后重试')
})
