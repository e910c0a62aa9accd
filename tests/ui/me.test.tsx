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

test('demo mode off: the server’s FORBIDDEN message is shown and nobody is signed in', async () => {
  request.mockResolvedValueOnce(errorBody(403, 'FORBIDDEN', '演示登录已关闭'))
  render(<MeView />)
  fireEvent.click(screen.getByText(ROLE_LABELS.enterprise))
  const alert = await screen.findByTestId('sign-in-error')
  expect(alert).toHaveTextContent('演示登录已关闭')
  expect(getSession()).toBeNull()
  expect(screen.getAllByTestId(/^role-/)).toHaveLength(6)
})

test('a network failure says so in Chinese', async () => {
  request.mockRejectedValueOnce(new TypeError('Failed to fetch'))
  render(<MeView />)
  fireEvent.click(screen.getByText(ROLE_LABELS.station))
  expect(await screen.findByTestId('sign-in-error')).toHaveTextContent('网络不给力，请稍后重试')
})
