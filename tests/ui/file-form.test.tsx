import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import { FileProblemForm } from '@/features/problems/FileProblemForm'
import { redirectTo, request } from '../stubs/taro'
import { errorBody, okBody, postedBody, resetAll, sampleDetail, signIn } from './helpers'

beforeEach(resetAll)

const submit = () => fireEvent.click(screen.getByRole('button', { name: /提交诉求|重新提交/ }))

function fill({ title, content, category }: { title?: string; content?: string; category?: number }) {
  if (title !== undefined) fireEvent.change(screen.getByLabelText('标题'), { target: { value: title } })
  if (content !== undefined) fireEvent.change(screen.getByLabelText('问题描述'), { target: { value: content } })
  if (category !== undefined) fireEvent.change(screen.getByTestId('picker-类别'), { target: { value: String(category) } })
}

const VALID = { title: '新厂区急需招聘焊工', content: '新厂区下月投产，焊工缺口 50 人，希望对接招聘会。', category: 1 }

test('signed out: asks to sign in first', () => {
  render(<FileProblemForm />)
  expect(screen.getByText('请先登录')).toBeInTheDocument()
  expect(screen.queryByLabelText('标题')).toBeNull()
})

test('empty and short fields get Chinese messages under them; nothing is sent', async () => {
  signIn()
  render(<FileProblemForm />)
  // the liaison's own enterprise is filled in from the role grant
  expect(screen.getByText('美的集团')).toBeInTheDocument()

  submit()
  expect(await screen.findByText('标题至少 4 个字')).toBeInTheDocument()
  expect(screen.getByText('问题描述至少 10 个字')).toBeInTheDocument()
  expect(screen.getByText('请选择问题类别')).toBeInTheDocument()
  expect(screen.queryByText('请选择企业')).toBeNull()

  fill({ title: '招工', content: '缺人' })
  // editing a field clears its message until the next submit
  expect(screen.queryByText('标题至少 4 个字')).toBeNull()
  submit()
  expect(await screen.findByText('标题至少 4 个字')).toBeInTheDocument()
  expect(screen.getByText('问题描述至少 10 个字')).toBeInTheDocument()
  expect(request).not.toHaveBeenCalled()
})

test('the counter follows the description', () => {
  signIn()
  render(<FileProblemForm />)
  fill({ content: '焊工缺口五十人' })
  expect(screen.getByTestId('content-counter')).toHaveTextContent('7/2000')
})

test('a valid submit sends once with a requestId and opens the detail page', async () => {
  signIn()
  request.mockResolvedValueOnce(okBody(sampleDetail))
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=p-1' }))
  expect(request).toHaveBeenCalledTimes(1)
  const body = postedBody(0)
  expect(body.action).toBe('file')
  expect(request.mock.calls[0][0].url).toBe('/api/problems')
  expect(body.input).toEqual({
    title: '新厂区急需招聘焊工',
    content: '新厂区下月投产，焊工缺口 50 人，希望对接招聘会。',
    category: 'talent',
    enterpriseId: 'ent-midea'
  })
  expect(typeof body.requestId).toBe('string')
  expect(body.requestId!.length).toBeGreaterThan(8)
})

test('after a network failure the retry reuses the same requestId; a new form gets a new one', async () => {
  signIn()
  request.mockRejectedValueOnce(new TypeError('Failed to fetch')).mockResolvedValueOnce(okBody(sampleDetail))
  const { unmount } = render(<FileProblemForm />)
  fill(VALID)
  submit()
  expect(await screen.findByText('网络不给力，请稍后重试')).toBeInTheDocument()
  expect(screen.getByText('可直接再次提交，不会重复登记')).toBeInTheDocument()
  expect(redirectTo).not.toHaveBeenCalled()

  submit()
  await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
  expect(request).toHaveBeenCalledTimes(2)
  const first = postedBody(0).requestId
  expect(first).toBeTruthy()
  expect(postedBody(1).requestId).toBe(first)
  unmount()

  request.mockResolvedValueOnce(okBody(sampleDetail))
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  await waitFor(() => expect(request).toHaveBeenCalledTimes(3))
  expect(postedBody(2).requestId).not.toBe(first)
})

test('while sending, more taps do not send again', async () => {
  signIn()
  let answer: (v: unknown) => void = () => undefined
  request.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)) as never)
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  await screen.findByRole('button', { name: /正在提交/ })
  fireEvent.click(screen.getByRole('button', { name: /正在提交/ }))
  fireEvent.click(screen.getByRole('button', { name: /正在提交/ }))
  expect(request).toHaveBeenCalledTimes(1)
  answer(okBody(sampleDetail))
  await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
})

test("the server's VALIDATION fields show under the inputs", async () => {
  signIn()
  request.mockResolvedValueOnce(errorBody(400, 'VALIDATION', '提交的内容有误，请检查', { title: '标题含有不允许的字符' }))
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  expect(await screen.findByText('标题含有不允许的字符')).toBeInTheDocument()
  expect(screen.getByTestId('form-failure')).toHaveTextContent('提交的内容有误，请检查')
  expect(redirectTo).not.toHaveBeenCalled()
})

test('a first secretary picks one of their enterprises', async () => {
  signIn({
    token: 'tok-sec',
    user: {
      id: 'u-sec',
      name: '王书记',
      roles: [
        { role: 'secretary', scopeId: 'ent-a', scopeName: '顺德甲电器有限公司' },
        { role: 'secretary', scopeId: 'ent-b', scopeName: '顺德乙机器人有限公司' }
      ]
    }
  })
  request.mockResolvedValueOnce(okBody(sampleDetail))
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  expect(await screen.findByText('请选择企业')).toBeInTheDocument()
  const picker = screen.getByTestId('picker-企业')
  expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['顺德甲电器有限公司', '顺德乙机器人有限公司'])
  fireEvent.change(picker, { target: { value: '1' } })
  submit()
  await waitFor(() => expect(request).toHaveBeenCalledTimes(1))
  expect((postedBody(0).input as { enterpriseId: string }).enterpriseId).toBe('ent-b')
})
