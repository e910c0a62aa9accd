import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import { FileProblemForm } from '@/features/problems/FileProblemForm'
import { chooseImage, chooseMedia, cloud, fileSystemManager, redirectTo, request, requestSubscribeMessage, showModal, showToast, useRouter } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, sampleDetail, setBuildConstants, signIn } from './helpers'

const realTaroEnv = process.env.TARO_ENV
const realFetch = (globalThis as { fetch?: unknown }).fetch
beforeEach(resetAll)
afterEach(() => {
  process.env.TARO_ENV = realTaroEnv as typeof process.env.TARO_ENV
  ;(globalThis as { fetch?: unknown }).fetch = realFetch
})

const submit = () => fireEvent.click(screen.getByRole('button', { name: /提交诉求|重新提交/ }))

function fill({ title, content, category }: { title?: string; content?: string; category?: number }) {
  if (title !== undefined) fireEvent.change(screen.getByLabelText('标题'), { target: { value: title } })
  if (content !== undefined) fireEvent.change(screen.getByLabelText('问题描述'), { target: { value: content } })
  if (category !== undefined) fireEvent.change(screen.getByTestId('picker-类别'), { target: { value: String(category) } })
}

const VALID = { title: '新厂区急需招聘焊工', content: '新厂区下月投产，焊工缺口 50 人，希望对接招聘会。', category: 1 }
const VALID_INPUT = { title: '新厂区急需招聘焊工', content: '新厂区下月投产，焊工缺口 50 人，希望对接招聘会。', category: 'talent' }

// the catalogue behind the place fields: 美的 sits in 北滘 on the 智能家电 chain
const enterprises = [
  { id: 'ent-midea', name: '美的集团', chainId: 'appliance', townId: 'beijiao', isChainLeader: true },
  { id: 'ent-a', name: '顺德甲电器有限公司', chainId: 'appliance', townId: 'daliang', isChainLeader: false },
  { id: 'ent-b', name: '顺德乙机器人有限公司', chainId: 'robot', townId: 'ronggui', isChainLeader: false }
]
const chain = (id: string, name: string) => ({ id, name, leader: null, leadDepartmentId: 'economy', cooperatingDepartmentIds: [] })
const bootstrap = {
  departments: [],
  chains: [chain('appliance', '智能家电'), chain('robot', '机器人'), chain('food', '预制菜')],
  towns: [
    { id: 'beijiao', name: '北滘' },
    { id: 'daliang', name: '大良' },
    { id: 'ronggui', name: '容桂' }
  ]
}
const session = (id: string, chainId: string, title: string, open: boolean) => ({
  id,
  chainId,
  chainName: chainId,
  title,
  startsOn: '2026-11-20',
  endsOn: '2026-11-30',
  open,
  problemCount: 0
})
const sessions = [
  session('ts-old', 'appliance', '智能家电链三季度吐槽大会', false),
  session('ts-1', 'appliance', '智能家电链四季度吐槽大会', true),
  session('ts-robot', 'robot', '机器人链吐槽大会', true)
]

type Handlers = Parameters<typeof answerBy>[0]
/** The catalogue, sessions and a successful filing; `extra` adds or overrides answers. */
function answers(extra: Handlers = {}) {
  answerBy({
    'catalog.enterprises': okBody(enterprises),
    'catalog.bootstrap': okBody(bootstrap),
    'sessions.list': okBody(sessions),
    'problems.file': okBody(sampleDetail),
    ...extra
  })
}

const filed = () => postedTo('problems.file')

/** Waits until the place fields show the enterprise's chain and town. */
async function placeLoaded() {
  await waitFor(() => expect(screen.getByTestId('picker-产业链')).toBeInTheDocument())
  await waitFor(() => expect(screen.getByTestId('picker-吐槽大会')).toBeInTheDocument())
}

/** Makes `fetch(blobUrl)` answer with these bytes, the way a browser reads a picked file back. */
function blobs(content: Record<string, string>) {
  ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async (url: string) => ({ blob: async () => new Blob([content[url] ?? '']) }))
}

const b64 = (text: string) => Buffer.from(text).toString('base64')

test('signed out: asks to sign in first', () => {
  render(<FileProblemForm />)
  expect(screen.getByText('请先登录')).toBeInTheDocument()
  expect(screen.queryByLabelText('标题')).toBeNull()
})

test('empty and short fields get Chinese messages under them; nothing is sent', async () => {
  signIn()
  answers()
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
  expect(filed()).toHaveLength(0)
})

test('the counter follows the description', async () => {
  signIn()
  answers()
  render(<FileProblemForm />)
  fill({ content: '焊工缺口五十人' })
  expect(screen.getByTestId('content-counter')).toHaveTextContent('7/2000')
  await placeLoaded()
})

test('a valid submit sends once with a requestId and opens the detail page', async () => {
  signIn()
  answers()
  render(<FileProblemForm />)
  await placeLoaded()
  fill(VALID)
  submit()
  await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=p-1' }))
  expect(filed()).toHaveLength(1)
  const body = filed()[0]
  expect(request.mock.calls.find((c) => c[0].data.action === 'file')![0].url).toBe('/api/problems')
  // the place defaults to the enterprise's; nothing else was chosen
  expect(body.input).toEqual({ ...VALID_INPUT, enterpriseId: 'ent-midea', chainId: 'appliance', townId: 'beijiao' })
  expect(typeof body.requestId).toBe('string')
  expect(body.requestId!.length).toBeGreaterThan(8)
  expect(showToast).toHaveBeenCalledWith({ title: '已提交', icon: 'success' })
})

test('the catalogue failing to load leaves the place to the server and still files', async () => {
  signIn()
  answers({ 'catalog.enterprises': errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试'), 'catalog.bootstrap': errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试') })
  render(<FileProblemForm />)
  expect(await screen.findByTestId('retry-产业链')).toHaveTextContent('重试')
  fill(VALID)
  submit()
  await waitFor(() => expect(filed()).toHaveLength(1))
  expect(filed()[0].input).toEqual({ ...VALID_INPUT, enterpriseId: 'ent-midea' })
})

test('after a network failure the retry reuses the same requestId; a new form gets a new one', async () => {
  signIn()
  let calls = 0
  answers({
    'problems.file': () => {
      if (++calls === 1) throw new TypeError('Failed to fetch')
      return okBody(sampleDetail)
    }
  })
  const { unmount } = render(<FileProblemForm />)
  fill(VALID)
  submit()
  expect(await screen.findByText('网络不给力，请稍后重试')).toBeInTheDocument()
  expect(screen.getByText('可直接再次提交，不会重复登记')).toBeInTheDocument()
  expect(redirectTo).not.toHaveBeenCalled()

  submit()
  await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
  expect(calls).toBe(2)
  const first = filed()[0].requestId
  expect(first).toBeTruthy()
  expect(filed()[1].requestId).toBe(first)
  unmount()

  render(<FileProblemForm />)
  fill(VALID)
  submit()
  await waitFor(() => expect(calls).toBe(3))
  expect(filed()[2].requestId).not.toBe(first)
})

test('while sending, more taps do not send again', async () => {
  signIn()
  let answer: (v: unknown) => void = () => undefined
  answers({ 'problems.file': () => new Promise((resolve) => (answer = resolve)) as never })
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  await screen.findByRole('button', { name: /正在提交/ })
  fireEvent.click(screen.getByRole('button', { name: /正在提交/ }))
  fireEvent.click(screen.getByRole('button', { name: /正在提交/ }))
  expect(filed()).toHaveLength(1)
  answer(okBody(sampleDetail))
  await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
})

test("the server's VALIDATION fields show under the inputs", async () => {
  signIn()
  answers({ 'problems.file': errorBody(400, 'VALIDATION', '提交的内容有误，请检查', { title: '标题含有不允许的字符' }) })
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  expect(await screen.findByText('标题含有不允许的字符')).toBeInTheDocument()
  expect(screen.getByTestId('form-failure')).toHaveTextContent('提交的内容有误，请检查')
  expect(redirectTo).not.toHaveBeenCalled()
})

test("from an enterprise's card (?enterpriseId=) the form starts with it, when it is one of the caller's", async () => {
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
  answers()
  useRouter.mockReturnValue({ params: { enterpriseId: 'ent-b' }, path: '' })
  const { unmount } = render(<FileProblemForm />)
  await waitFor(() => expect(screen.getByTestId('picker-企业')).toHaveValue('1'))
  unmount()
  useRouter.mockReturnValue({ params: { enterpriseId: 'ent-elsewhere' }, path: '' })
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  expect(await screen.findByText('请选择企业')).toBeInTheDocument()
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
  answers()
  render(<FileProblemForm />)
  fill(VALID)
  submit()
  expect(await screen.findByText('请选择企业')).toBeInTheDocument()
  const picker = screen.getByTestId('picker-企业')
  expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['顺德甲电器有限公司', '顺德乙机器人有限公司'])
  fireEvent.change(picker, { target: { value: '1' } })
  // the place follows the picked enterprise: 乙 is a 机器人 firm in 容桂
  await waitFor(() => expect(screen.getByTestId('picker-产业链')).toHaveValue('1'))
  expect(screen.getByTestId('picker-镇街')).toHaveValue('2')
  submit()
  await waitFor(() => expect(filed()).toHaveLength(1))
  expect(filed()[0].input).toMatchObject({ enterpriseId: 'ent-b', chainId: 'robot', townId: 'ronggui' })
  // filed on an enterprise's behalf: no subscription offer (that is for the enterprise's own liaison)
  expect(showModal).not.toHaveBeenCalled()
})

describe('产业链、镇街、吐槽大会、公开与照片', () => {
  test('sends the chain, town, session, 公开 and the uploaded photos as chosen, photos in the order shown', async () => {
    signIn()
    blobs({ 'blob:one': 'first-photo-bytes', 'blob:two': 'second-photo-bytes' })
    answers({
      'files.upload': (input: { base64: string }) =>
        okBody(input.base64 === b64('first-photo-bytes') ? { id: 'ph-1', url: '/api/files/ph-1' } : { id: 'ph-2', url: '/api/files/ph-2' })
    })
    render(<FileProblemForm />)
    await placeLoaded()
    // pre-filled from the enterprise, with the hint
    expect(screen.getByTestId('picker-产业链')).toHaveValue('0')
    expect(screen.getByText('智能家电', { selector: '.form-field__ellipsis' })).toBeInTheDocument()
    expect(screen.getByText('北滘', { selector: '.form-field__ellipsis' })).toBeInTheDocument()
    expect(screen.getByTestId('place-hint')).toHaveTextContent('默认为企业所在，可改为问题发生地')
    // only the open session of this chain is offered (and the way not to name one)
    const sessionPicker = screen.getByTestId('picker-吐槽大会')
    expect(within(sessionPicker).getAllByRole('option').map((o) => o.textContent)).toEqual(['不在吐槽大会上提出', '智能家电链四季度吐槽大会'])

    fireEvent.change(screen.getByTestId('picker-镇街'), { target: { value: '1' } })
    fireEvent.change(sessionPicker, { target: { value: '1' } })
    fireEvent.click(screen.getByTestId('visible-switch'))
    expect(screen.getByTestId('visible-switch')).toHaveAttribute('aria-checked', 'true')

    chooseImage.mockResolvedValueOnce({
      tempFilePaths: ['blob:one', 'blob:two'],
      tempFiles: [
        { path: 'blob:one', size: 17, type: 'image/jpeg' },
        { path: 'blob:two', size: 18, type: 'image/png' }
      ]
    })
    fireEvent.click(screen.getByTestId('photo-add'))
    await waitFor(() => expect(screen.getAllByTestId('photo-item').map((e) => e.getAttribute('data-status'))).toEqual(['done', 'done']))
    expect(chooseImage).toHaveBeenCalledWith(expect.objectContaining({ count: 9 }))
    expect(screen.getByTestId('photo-count')).toHaveTextContent('2/9')
    const uploads = postedTo('files.upload').map((b) => b.input)
    expect(uploads).toEqual(
      expect.arrayContaining([
        { mimeType: 'image/jpeg', base64: b64('first-photo-bytes') },
        { mimeType: 'image/png', base64: b64('second-photo-bytes') }
      ])
    )

    fill(VALID)
    submit()
    await waitFor(() => expect(filed()).toHaveLength(1))
    expect(filed()[0].input).toEqual({
      ...VALID_INPUT,
      enterpriseId: 'ent-midea',
      chainId: 'appliance',
      townId: 'daliang',
      sessionId: 'ts-1',
      visibleToChain: true,
      photos: ['ph-1', 'ph-2']
    })
  })

  test('another chain: its own sessions; a chain without one says so and sends no session', async () => {
    signIn()
    answers()
    render(<FileProblemForm />)
    await placeLoaded()
    fireEvent.change(screen.getByTestId('picker-吐槽大会'), { target: { value: '1' } })
    fireEvent.change(screen.getByTestId('picker-产业链'), { target: { value: '1' } })
    expect(within(screen.getByTestId('picker-吐槽大会')).getAllByRole('option').map((o) => o.textContent)).toEqual([
      '不在吐槽大会上提出',
      '机器人链吐槽大会'
    ])
    fireEvent.change(screen.getByTestId('picker-产业链'), { target: { value: '2' } })
    expect(screen.getByTestId('no-session')).toHaveTextContent('本链当前没有进行中的吐槽大会')
    fill(VALID)
    submit()
    await waitFor(() => expect(filed()).toHaveLength(1))
    expect(filed()[0].input).toEqual({ ...VALID_INPUT, enterpriseId: 'ent-midea', chainId: 'food', townId: 'beijiao' })
  })

  test('向本链公开 is off and disabled while 匿名 is on, with the reason; nothing public is sent', async () => {
    signIn()
    answers()
    render(<FileProblemForm />)
    await placeLoaded()
    const visible = () => screen.getByTestId('visible-switch')
    fireEvent.click(visible())
    expect(visible()).toHaveAttribute('aria-checked', 'true')

    fireEvent.click(screen.getByTestId('anonymous-switch'))
    expect(visible()).toHaveAttribute('aria-checked', 'false')
    expect(visible()).toHaveAttribute('aria-disabled', 'true')
    expect(screen.getByText('匿名提交的诉求不会在链上公开；如需公开，请先关闭匿名。')).toBeInTheDocument()
    fireEvent.click(visible())
    expect(visible()).toHaveAttribute('aria-checked', 'false')

    fill(VALID)
    submit()
    await waitFor(() => expect(filed()).toHaveLength(1))
    expect(filed()[0].input.anonymous).toBe(true)
    expect(filed()[0].input).not.toHaveProperty('visibleToChain')

    // 匿名 off again: 公开 can be chosen again (it stays off until chosen)
    fireEvent.click(screen.getByTestId('anonymous-switch'))
    expect(visible()).not.toHaveAttribute('aria-disabled')
    expect(visible()).toHaveAttribute('aria-checked', 'false')
  })

  test('a photo over 3 MB or not an image is refused in Chinese before any upload', async () => {
    signIn()
    answers({ 'files.upload': okBody({ id: 'ph-1', url: '/api/files/ph-1' }) })
    render(<FileProblemForm />)
    chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:big'], tempFiles: [{ path: 'blob:big', size: 3 * 1024 * 1024 + 1, type: 'image/jpeg' }] })
    fireEvent.click(screen.getByTestId('photo-add'))
    expect(await screen.findByTestId('photo-notice')).toHaveTextContent('图片不超过 3 MB，请压缩后再传')
    expect(screen.queryAllByTestId('photo-item')).toHaveLength(0)

    chooseImage.mockResolvedValueOnce({ tempFilePaths: ['blob:gif'], tempFiles: [{ path: 'blob:gif', size: 2048, type: 'image/gif' }] })
    fireEvent.click(screen.getByTestId('photo-add'))
    await waitFor(() => expect(screen.getByTestId('photo-notice')).toHaveTextContent('只支持 JPG、PNG 或 WebP 图片'))
    expect(screen.queryAllByTestId('photo-item')).toHaveLength(0)
    expect(postedTo('files.upload')).toHaveLength(0)
  })

  test('a failed upload shows 上传失败, blocks the submit, and 重试 uploads it again; 删除 removes one', async () => {
    signIn()
    blobs({ 'blob:a': 'aaaa-bytes', 'blob:b': 'bbbb-bytes' })
    let tries = 0
    answers({
      'files.upload': (input: { base64: string }) => {
        if (input.base64 === b64('bbbb-bytes')) return okBody({ id: 'ph-b', url: '/api/files/ph-b' })
        return ++tries === 1 ? errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试') : okBody({ id: 'ph-a', url: '/api/files/ph-a' })
      }
    })
    render(<FileProblemForm />)
    chooseImage.mockResolvedValueOnce({
      tempFilePaths: ['blob:a', 'blob:b'],
      tempFiles: [
        { path: 'blob:a', size: 10, type: 'image/jpeg' },
        { path: 'blob:b', size: 10, type: 'image/jpeg' }
      ]
    })
    fireEvent.click(screen.getByTestId('photo-add'))
    await waitFor(() => expect(screen.getAllByTestId('photo-item').map((e) => e.getAttribute('data-status'))).toEqual(['failed', 'done']))
    expect(screen.getByText('上传失败')).toBeInTheDocument()

    fill(VALID)
    submit()
    expect(await screen.findByText('有照片上传失败，请点“重试”或删除后再提交')).toBeInTheDocument()
    expect(filed()).toHaveLength(0)

    fireEvent.click(screen.getByTestId('photo-retry'))
    await waitFor(() => expect(screen.getAllByTestId('photo-item').map((e) => e.getAttribute('data-status'))).toEqual(['done', 'done']))
    submit()
    await waitFor(() => expect(filed()).toHaveLength(1))
    expect(filed()[0].input.photos).toEqual(['ph-a', 'ph-b'])
  })

  test('删除 drops a photo from what is sent', async () => {
    signIn()
    blobs({ 'blob:a': 'aaaa-bytes', 'blob:b': 'bbbb-bytes' })
    answers({ 'files.upload': (input: { base64: string }) => okBody({ id: input.base64 === b64('aaaa-bytes') ? 'ph-a' : 'ph-b', url: '/x' }) })
    render(<FileProblemForm />)
    chooseImage.mockResolvedValueOnce({
      tempFilePaths: ['blob:a', 'blob:b'],
      tempFiles: [
        { path: 'blob:a', size: 10, type: 'image/jpeg' },
        { path: 'blob:b', size: 10, type: 'image/webp' }
      ]
    })
    fireEvent.click(screen.getByTestId('photo-add'))
    await waitFor(() => expect(screen.getAllByTestId('photo-item').map((e) => e.getAttribute('data-status'))).toEqual(['done', 'done']))
    fireEvent.click(screen.getAllByTestId('photo-remove')[0])
    fill(VALID)
    submit()
    await waitFor(() => expect(filed()).toHaveLength(1))
    expect(filed()[0].input.photos).toEqual(['ph-b'])
  })

  test('weapp over HTTP: chooseMedia (compressed), the file read as base64 by the file system manager', async () => {
    process.env.TARO_ENV = 'weapp'
    signIn()
    answers({ 'files.upload': okBody({ id: 'ph-w', url: '/api/files/ph-w' }) })
    fileSystemManager.readFile.mockImplementationOnce((opts) => opts.success?.({ data: 'aGVsbG8td2VhcHA=' }))
    chooseMedia.mockResolvedValueOnce({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp_abc.jpg', size: 2048, fileType: 'image' }] })
    render(<FileProblemForm />)
    fireEvent.click(screen.getByTestId('photo-add'))
    await waitFor(() => expect(screen.getByTestId('photo-item')).toHaveAttribute('data-status', 'done'))
    expect(chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ mediaType: ['image'], sizeType: ['compressed'] }))
    expect(chooseImage).not.toHaveBeenCalled()
    expect(fileSystemManager.readFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'wxfile://tmp_abc.jpg', encoding: 'base64' }))
    expect(postedTo('files.upload')[0].input).toEqual({ mimeType: 'image/jpeg', base64: 'aGVsbG8td2VhcHA=' })
  })

  test('WeChat cloud: the photo goes to cloud storage first, then files.register with its cloud:// id', async () => {
    process.env.TARO_ENV = 'weapp'
    setBuildConstants({ LST_TRANSPORT: 'wxcloud', LST_API_BASE: '', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: '[]' })
    signIn()
    cloud.uploadFile.mockResolvedValueOnce({ fileID: 'cloud://env-1.abc/problem-photos/1-x.png' })
    cloud.callFunction.mockImplementation(async ({ name, data }) => {
      if (name === 'files' && data.action === 'register') return { result: { ok: true, data: { id: 'ph-c', url: 'https://tmp.example/ph-c' } } }
      if (name === 'catalog' && data.action === 'enterprises') return { result: { ok: true, data: enterprises } }
      if (name === 'catalog' && data.action === 'bootstrap') return { result: { ok: true, data: bootstrap } }
      if (name === 'sessions') return { result: { ok: true, data: sessions } }
      return { result: { ok: false, error: { code: 'NOT_FOUND', message: `测试未准备 ${name}.${data.action}` } } }
    })
    chooseMedia.mockResolvedValueOnce({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp_def.png', size: 4096, fileType: 'image' }] })
    render(<FileProblemForm />)
    fireEvent.click(screen.getByTestId('photo-add'))
    await waitFor(() => expect(screen.getByTestId('photo-item')).toHaveAttribute('data-status', 'done'))
    const upload = cloud.uploadFile.mock.calls[0][0]
    expect(upload.filePath).toBe('wxfile://tmp_def.png')
    expect(upload.cloudPath).toMatch(/^problem-photos\/\d+-[a-z0-9]+\.png$/)
    const register = cloud.callFunction.mock.calls.find((c) => c[0].name === 'files')![0]
    expect(register.data).toEqual({ action: 'register', input: { fileId: 'cloud://env-1.abc/problem-photos/1-x.png' } })
    expect(fileSystemManager.readFile).not.toHaveBeenCalled()
    expect(request).not.toHaveBeenCalled()
  })
})

describe('订阅消息 after filing', () => {
  const templates = '["tmpl-update","tmpl-todo"]'

  test('on weapp, an enterprise liaison is offered the subscription after filing; accepting asks WeChat', async () => {
    process.env.TARO_ENV = 'weapp'
    setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: 'https://lst.example.cn', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: templates })
    signIn()
    answers()
    render(<FileProblemForm />)
    fill(VALID)
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    submit()
    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '诉求已提交', confirmText: '接收通知' }))
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-update', 'tmpl-todo'] })
    // asked after the problem was filed, before leaving the form
    const filedAt = request.mock.invocationCallOrder[request.mock.calls.findIndex((c) => c[0].data.action === 'file')]
    expect(requestSubscribeMessage.mock.invocationCallOrder[0]).toBeGreaterThan(filedAt)
    expect(redirectTo.mock.invocationCallOrder[0]).toBeGreaterThan(requestSubscribeMessage.mock.invocationCallOrder[0])
  })

  test('declining, or WeChat refusing, never stops the filing', async () => {
    process.env.TARO_ENV = 'weapp'
    setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: '', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: templates })
    signIn()
    answers()
    showModal.mockImplementationOnce((opts) => {
      const res = { confirm: false, cancel: true, errMsg: 'showModal:ok' }
      opts?.success?.(res)
      return Promise.resolve(res)
    })
    const { unmount } = render(<FileProblemForm />)
    fill(VALID)
    submit()
    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    unmount()

    requestSubscribeMessage.mockImplementationOnce(() => {
      throw new Error('requestSubscribeMessage:fail can only be invoked by user TAP gesture.')
    })
    render(<FileProblemForm />)
    fill(VALID)
    submit()
    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(2))
    expect(requestSubscribeMessage).toHaveBeenCalledTimes(1)
  })

  test('on H5 nothing is asked; on weapp without templates neither', async () => {
    process.env.TARO_ENV = 'h5'
    setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: '', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: templates })
    signIn()
    answers()
    const { unmount } = render(<FileProblemForm />)
    fill(VALID)
    submit()
    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(1))
    expect(showModal).not.toHaveBeenCalled()
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    expect(showToast).toHaveBeenCalledWith({ title: '已提交', icon: 'success' })
    unmount()

    process.env.TARO_ENV = 'weapp'
    setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: '', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: '[]' })
    render(<FileProblemForm />)
    fill(VALID)
    submit()
    await waitFor(() => expect(redirectTo).toHaveBeenCalledTimes(2))
    expect(showModal).not.toHaveBeenCalled()
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
  })
})
