import { render, screen, fireEvent, waitFor, within, act } from '@testing-library/react'
import type { Session } from '@contract/accounts'
import { MyDataView } from '@/features/account/MyDataView'
import { MeView } from '@/features/account/MeView'
import { getSession } from '@/services/session'
import Taro, { navigateTo, showToast, switchTab } from '../stubs/taro'
import { answerBy, enterpriseSession, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'

const realTaroEnv = process.env.TARO_ENV
const realFileSystem = Taro.getFileSystemManager
beforeEach(resetAll)
afterEach(() => {
  if (realTaroEnv === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
  else process.env.TARO_ENV = realTaroEnv
  Object.assign(Taro, { getFileSystemManager: realFileSystem })
  delete (Taro as { shareFileMessage?: unknown }).shareFileMessage
  delete (Taro as { env?: unknown }).env
})

const file = { fileName: '我的数据-20261125.json', mimeType: 'application/json', base64: 'e30=' }

const admin: Session = {
  token: 'tok-admin',
  user: { id: 'u-admin', name: '苏建明', roles: [{ role: 'admin', scopeId: null, scopeName: null }] }
}

const typeWord = (word: string) => fireEvent.change(screen.getByLabelText('输入注销确认'), { target: { value: word } })
const erase = () => fireEvent.click(screen.getByTestId('erase-submit'))

test('signed out: asks to sign in, sends nothing', () => {
  render(<MyDataView />)
  expect(screen.getByText('请先登录')).toBeInTheDocument()
  expect(screen.queryByTestId('export-mine')).toBeNull()
  expect(postedTo('accounts.exportMine')).toHaveLength(0)
})

test('what we keep: a short list, and what erasing does', () => {
  signIn()
  render(<MyDataView />)
  const stored = screen.getByTestId('stored-list')
  for (const part of ['账号', '角色', '诉求', '驿站', '共建与走访', '消息']) expect(within(stored).getByText(part)).toBeInTheDocument()
  const card = screen.getByTestId('erase-card')
  expect(card).toHaveTextContent('姓名、电话、账号与微信绑定、角色和消息会被删除')
  expect(card).toHaveTextContent('未来的驿站预约会被取消')
  expect(card).toHaveTextContent('提交过的诉求会保留')
  expect(card).toHaveTextContent('匿名显示')
  expect(card).toHaveTextContent('无法恢复')
})

test('H5: 导出我的数据 posts exportMine and the browser downloads the JSON under its name', async () => {
  signIn()
  answerBy({ 'accounts.exportMine': okBody(file) })
  const blobs: Blob[] = []
  Object.assign(URL, {
    createObjectURL: jest.fn((b: Blob) => {
      blobs.push(b)
      return 'blob:mine'
    }),
    revokeObjectURL: jest.fn()
  })
  const clicked: string[] = []
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicked.push(this.download)
  })
  render(<MyDataView />)
  fireEvent.click(screen.getByTestId('export-mine'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已下载', icon: 'success' }))
  expect(postedTo('accounts.exportMine')).toHaveLength(1)
  expect(postedTo('accounts.exportMine')[0].input).toEqual({})
  expect(clicked).toEqual([file.fileName])
  expect(blobs[0].type).toBe('application/json')
  click.mockRestore()
})

test('WeChat: the file is written to the user folder, then 转发到聊天保存 forwards it from its own tap', async () => {
  process.env.TARO_ENV = 'weapp'
  signIn()
  answerBy({ 'accounts.exportMine': okBody(file) })
  const writeFile = jest.fn((o: { success: () => void }) => o.success())
  const shareFileMessage = jest.fn(() => Promise.resolve({ errMsg: 'shareFileMessage:ok' }))
  Object.assign(Taro, { env: { USER_DATA_PATH: 'wxfile://usr' }, getFileSystemManager: () => ({ writeFile }), shareFileMessage })
  render(<MyDataView />)
  fireEvent.click(screen.getByTestId('export-mine'))
  expect(await screen.findByTestId('export-ready')).toHaveTextContent(file.fileName)
  const path = `wxfile://usr/${file.fileName}`
  expect(writeFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: path, data: file.base64, encoding: 'base64' }))
  // WeChat forwards a file only inside a tap: not before the person taps again
  expect(shareFileMessage).not.toHaveBeenCalled()
  fireEvent.click(screen.getByTestId('export-forward'))
  expect(shareFileMessage).toHaveBeenCalledWith({ filePath: path, fileName: file.fileName })
})

test('a refused export says why', async () => {
  signIn()
  answerBy({ 'accounts.exportMine': errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试') })
  render(<MyDataView />)
  fireEvent.click(screen.getByTestId('export-mine'))
  expect(await screen.findByTestId('export-error')).toHaveTextContent('服务暂不可用，请稍后重试')
  expect(screen.getByTestId('export-mine')).toBeInTheDocument()
})

test('注销: nothing is sent until 注销 is typed; then eraseMe with the word, signed out, back to 我的', async () => {
  signIn()
  answerBy({ 'accounts.eraseMe': okBody({ erased: true }) })
  render(<MyDataView />)

  erase()
  expect(await screen.findByTestId('erase-error')).toHaveTextContent('请输入“注销”两个字确认')
  typeWord('注 销')
  erase()
  expect(await screen.findByTestId('erase-error')).toHaveTextContent('请输入“注销”两个字确认')
  expect(postedTo('accounts.eraseMe')).toHaveLength(0)
  expect(getSession()).not.toBeNull()

  typeWord(' 注销 ')
  expect(screen.queryByTestId('erase-error')).toBeNull()
  erase()
  await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }))
  expect(postedTo('accounts.eraseMe')).toHaveLength(1)
  expect(postedTo('accounts.eraseMe')[0].input).toEqual({ confirm: '注销' })
  expect(postedTo('accounts.eraseMe')[0].requestId).toBeTruthy()
  expect(getSession()).toBeNull()
  expect(showToast).toHaveBeenCalledWith({ title: '账号已注销', icon: 'none' })
})

test('注销 refused by the server: its words as they are; still signed in', async () => {
  signIn(admin)
  answerBy({ 'accounts.eraseMe': errorBody(409, 'CONFLICT', '最后一位管理员不能注销，请先为他人授予管理员角色') })
  render(<MyDataView />)
  typeWord('注销')
  erase()
  expect(await screen.findByTestId('erase-failure')).toHaveTextContent('最后一位管理员不能注销，请先为他人授予管理员角色')
  expect(getSession()?.token).toBe('tok-admin')
  expect(switchTab).not.toHaveBeenCalled()
})

test('a lost answer: 注销账号 again reuses the request id', async () => {
  signIn()
  const answers = [errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试'), okBody({ erased: true })]
  let n = 0
  answerBy({ 'accounts.eraseMe': () => answers[n++] })
  render(<MyDataView />)
  typeWord('注销')
  erase()
  expect(await screen.findByTestId('erase-failure')).toHaveTextContent('不会重复处理')
  erase()
  await waitFor(() => expect(getSession()).toBeNull())
  const sent = postedTo('accounts.eraseMe')
  expect(sent).toHaveLength(2)
  expect(sent[1].requestId).toBe(sent[0].requestId)
})

test('a lost answer, then the retry finds the account gone: that is the erase done, not an error', async () => {
  signIn()
  const answers = [errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试'), errorBody(401, 'UNAUTHENTICATED', '请先登录')]
  let n = 0
  answerBy({ 'accounts.eraseMe': () => answers[n++] })
  render(<MyDataView />)
  typeWord('注销')
  erase()
  expect(await screen.findByTestId('erase-failure')).toHaveTextContent('不会重复处理')
  erase()
  await waitFor(() => expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' }))
  expect(showToast).toHaveBeenCalledWith({ title: '账号已注销', icon: 'none' })
  expect(getSession()).toBeNull()
})

test('signed out meanwhile on a first try: signed out, but not told the account was erased', async () => {
  signIn()
  answerBy({ 'accounts.eraseMe': () => errorBody(401, 'UNAUTHENTICATED', '请先登录') })
  render(<MyDataView />)
  typeWord('注销')
  erase()
  await waitFor(() => expect(getSession()).toBeNull())
  expect(showToast).not.toHaveBeenCalledWith({ title: '账号已注销', icon: 'none' })
  expect(switchTab).not.toHaveBeenCalled()
})

describe('the way there from 我的', () => {
  // 我的 refreshes the roles and counts the messages: let those answers land before looking
  const renderMe = async () => {
    render(<MeView />)
    await act(async () => undefined)
  }

  test('every signed-in user: 我的数据', async () => {
    signIn()
    answerBy({ 'accounts.me': okBody(enterpriseSession.user), 'notices.list': okBody([]) })
    await renderMe()
    fireEvent.click(screen.getByTestId('link-my-data'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/account/my-data/index' })
    expect(screen.queryByTestId('link-admin-home')).toBeNull()
  })

  test('administrators: 管理后台 first, 邀请码管理 still there', async () => {
    signIn(admin)
    answerBy({ 'accounts.me': okBody(admin.user), 'notices.list': okBody([]) })
    await renderMe()
    const home = screen.getByTestId('link-admin-home')
    expect(home).toHaveTextContent('管理后台')
    expect(home.compareDocumentPosition(screen.getByTestId('link-admin-invites')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    fireEvent.click(home)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/home/index' })
    expect(screen.getByTestId('link-my-data')).toBeInTheDocument()
  })
})
