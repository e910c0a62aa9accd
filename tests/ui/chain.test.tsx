import { render, screen, fireEvent, waitFor, within, act, cleanup } from '@testing-library/react'
import type { Session } from '@contract/accounts'
import type { ProblemSummary } from '@contract/problems'
import { MyProblems } from '@/features/problems/MyProblems'
import { ProblemDetailView } from '@/features/problems/ProblemDetailView'
import { navigateTo, previewImage, request, requestSubscribeMessage, showToast } from '../stubs/taro'
import { answerBy, detailWith, errorBody, okBody, postedTo, resetAll, sampleDetail, setBuildConstants, signIn } from './helpers'

const realTaroEnv = process.env.TARO_ENV
beforeEach(resetAll)
afterEach(() => {
  process.env.TARO_ENV = realTaroEnv as typeof process.env.TARO_ENV
})

const summary = (changes: Partial<ProblemSummary>): ProblemSummary => {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a summary is the detail without its detail fields
  const { content, chainId, chainName, townId, townName, routingReason, routingConfidence, suggestions, filerName, onBehalf, lead, coHandlers, extensions, supervision, returnCount, solved, rating, photos, actions, events, ...rest } = sampleDetail
  return { ...rest, ...changes }
}

// another enterprise's public problem (2 others said 我也遇到), and one of the reader's own (美的)
const theirs = summary({ id: 'p-their', number: 'SD20261120-0003', title: '工业用地报建审批周期长', enterpriseId: 'ent-a', enterpriseName: '顺德甲电器有限公司', visibleToChain: true, votes: 2 })
const mine = summary({ id: 'p-mine', number: 'SD20261121-0004', title: '焊工招聘难', visibleToChain: true, votes: 1 })

function cardOf(title: string) {
  return screen.getAllByTestId('problem-card').find((c) => c.textContent?.includes(title)) as HTMLElement
}

async function openBoard(board: ProblemSummary[], vote?: Parameters<typeof answerBy>[0][string]) {
  answerBy({ 'problems.mine': okBody([]), 'problems.chainBoard': okBody(board), ...(vote ? { 'problems.vote': vote } : {}) })
  render(<MyProblems />)
  fireEvent.click(await screen.findByTestId('tab-board'))
  await screen.findAllByTestId('problem-card')
}

describe('链上诉求', () => {
  test('the segment switches between 我的诉求 and the chain board', async () => {
    signIn()
    answerBy({ 'problems.mine': okBody([sampleDetail]), 'problems.chainBoard': okBody([theirs]) })
    render(<MyProblems />)
    expect(await screen.findByTestId('tab-mine')).toHaveAttribute('aria-selected', 'true')
    await screen.findByText('新厂区急需招聘焊工')
    expect(postedTo('problems.chainBoard')).toHaveLength(0)
    fireEvent.click(screen.getByTestId('tab-board'))
    expect(await screen.findByText('工业用地报建审批周期长')).toBeInTheDocument()
    expect(screen.getByTestId('tab-board')).toHaveAttribute('aria-selected', 'true')
    expect(screen.queryByText('新厂区急需招聘焊工')).toBeNull()
  })

  test('我也遇到 counts up at once, keeps the server count, and sends a requestId', async () => {
    signIn()
    let answer: (v: unknown) => void = () => undefined
    await openBoard([theirs, mine], () => new Promise((resolve) => (answer = resolve)) as never)
    const card = cardOf('工业用地报建审批周期长')
    expect(within(card).getByTestId('board-votes')).toHaveTextContent('2 家企业也遇到')
    fireEvent.click(within(card).getByRole('button', { name: '我也遇到' }))
    // optimistic: before the server answers
    expect(within(card).getByTestId('board-votes')).toHaveTextContent('3 家企业也遇到')
    expect(within(card).getByTestId('vote-button')).toHaveAttribute('data-state', 'pending')
    // a second tap while it is on its way sends nothing more
    fireEvent.click(within(card).getByRole('button', { name: '我也遇到' }))
    expect(postedTo('problems.vote')).toHaveLength(1)
    const [body] = postedTo('problems.vote')
    expect(body.input).toEqual({ id: 'p-their' })
    expect(body.requestId).toBeTruthy()

    await act(async () => answer(okBody({ ...theirs, votes: 3 })))
    expect(within(card).getByTestId('board-votes')).toHaveTextContent('3 家企业也遇到')
    expect(within(card).getByTestId('vote-button')).toHaveAttribute('data-state', 'voted')
    expect(within(card).getByRole('button', { name: '已反映' })).toBeInTheDocument()
    expect(showToast).toHaveBeenCalledWith({ title: '已记录', icon: 'success' })
  })

  test('a refusal puts the count back and says why', async () => {
    signIn()
    await openBoard([theirs], errorBody(409, 'CONFLICT', '这是本企业提出的诉求'))
    const card = cardOf('工业用地报建审批周期长')
    fireEvent.click(within(card).getByRole('button', { name: '我也遇到' }))
    expect(within(card).getByTestId('board-votes')).toHaveTextContent('3 家企业也遇到')
    await waitFor(() => expect(within(card).getByTestId('board-votes')).toHaveTextContent('2 家企业也遇到'))
    expect(showToast).toHaveBeenCalledWith({ title: '这是本企业提出的诉求', icon: 'none' })
    // and it can be tried again
    expect(within(card).getByTestId('vote-button')).toHaveAttribute('data-state', 'ready')
  })

  test('a network failure reverts too', async () => {
    signIn()
    answerBy({ 'problems.mine': okBody([]), 'problems.chainBoard': okBody([theirs]) })
    render(<MyProblems />)
    fireEvent.click(await screen.findByTestId('tab-board'))
    const card = await waitFor(() => cardOf('工业用地报建审批周期长'))
    request.mockImplementationOnce(() => Promise.reject(new TypeError('Failed to fetch')))
    fireEvent.click(within(card).getByRole('button', { name: '我也遇到' }))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '网络不给力，请稍后重试', icon: 'none' }))
    expect(within(card).getByTestId('board-votes')).toHaveTextContent('2 家企业也遇到')
  })

  test("the reader's own enterprise's problem: the button is disabled and nothing is sent", async () => {
    signIn()
    await openBoard([theirs, mine], okBody(mine))
    const card = cardOf('焊工招聘难')
    expect(within(card).getByText('本企业提出')).toBeInTheDocument()
    const button = within(card).getByRole('button', { name: '我也遇到' })
    // the tab's LiteButton marks a disabled button (and ignores taps on it)
    expect(button).toHaveAttribute('aria-disabled', 'true')
    expect(button).toHaveClass('lite-btn--disabled')
    expect(within(card).getByTestId('vote-button')).toHaveAttribute('data-state', 'own')
    fireEvent.click(button)
    expect(postedTo('problems.vote')).toHaveLength(0)
    expect(within(card).getByTestId('board-votes')).toHaveTextContent('1 家企业也遇到')
    // its own problem opens; another enterprise's does not (the server would not show it)
    fireEvent.click(card)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=p-mine' })
    navigateTo.mockClear()
    fireEvent.click(cardOf('工业用地报建审批周期长'))
    expect(navigateTo).not.toHaveBeenCalled()
  })

  test('a voted problem stays marked on this device', async () => {
    signIn()
    await openBoard([theirs], okBody({ ...theirs, votes: 3 }))
    fireEvent.click(within(cardOf('工业用地报建审批周期长')).getByRole('button', { name: '我也遇到' }))
    await waitFor(() => expect(within(cardOf('工业用地报建审批周期长')).getByTestId('vote-button')).toHaveAttribute('data-state', 'voted'))
    cleanup()
    // the board again, later: the server counted it (3), and the button remembers
    await openBoard([{ ...theirs, votes: 3 }])
    const card = cardOf('工业用地报建审批周期长')
    expect(within(card).getByTestId('vote-button')).toHaveAttribute('data-state', 'voted')
    expect(within(card).getByTestId('board-votes')).toHaveTextContent('3 家企业也遇到')
  })

  test('empty: explains what the board is and how a problem gets on it', async () => {
    signIn()
    await act(async () => {
      answerBy({ 'problems.mine': okBody([]), 'problems.chainBoard': okBody([]) })
      render(<MyProblems />)
    })
    fireEvent.click(await screen.findByTestId('tab-board'))
    expect(await screen.findByText('本链还没有公开的诉求')).toBeInTheDocument()
    expect(screen.getByText(/向本链企业公开/)).toBeInTheDocument()
    expect(screen.getByText(/我也遇到/)).toBeInTheDocument()
  })

  test('a dispatcher sees the counts without a button', async () => {
    const dispatcher: Session = { token: 'tok-d', user: { id: 'u-d', name: '黄振华', roles: [{ role: 'dispatcher', scopeId: null, scopeName: null }] } }
    signIn(dispatcher)
    await openBoard([theirs])
    const card = cardOf('工业用地报建审批周期长')
    expect(within(card).getByTestId('board-votes')).toHaveTextContent('2 家企业也遇到')
    expect(within(card).queryByRole('button')).toBeNull()
  })
})

describe('诉求详情: photos and chain marks', () => {
  test('photos in a grid; a tap previews them all, starting at the one tapped', async () => {
    signIn()
    const photos = [
      { id: 'ph-1', url: '/api/files/ph-1?exp=1&sig=a' },
      { id: 'ph-2', url: '/api/files/ph-2?exp=1&sig=b' }
    ]
    answerBy({ 'problems.get': okBody(detailWith({ photos })) })
    render(<ProblemDetailView id='p-1' />)
    const shown = await screen.findAllByTestId('detail-photo')
    expect(shown).toHaveLength(2)
    const imgs = screen.getByTestId('detail-photos').querySelectorAll('img')
    expect(Array.from(imgs, (i) => i.getAttribute('src'))).toEqual(photos.map((p) => p.url))
    fireEvent.click(imgs[1])
    expect(previewImage).toHaveBeenCalledWith({ current: photos[1].url, urls: photos.map((p) => p.url) })
  })

  test('a weapp build against a self-hosted server loads photos from that server', async () => {
    setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: 'https://lst.example.cn/', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: '[]' })
    signIn()
    answerBy({ 'problems.get': okBody(detailWith({ photos: [{ id: 'ph-1', url: '/api/files/ph-1?exp=1&sig=a' }] })) })
    render(<ProblemDetailView id='p-1' />)
    await screen.findByTestId('detail-photo')
    expect(screen.getByTestId('detail-photos').querySelector('img')).toHaveAttribute('src', 'https://lst.example.cn/api/files/ph-1?exp=1&sig=a')
  })

  test('no photos, no grid; a public problem shows its 我也遇到 count', async () => {
    signIn()
    answerBy({ 'problems.get': okBody(detailWith({ visibleToChain: true, votes: 4 })) })
    render(<ProblemDetailView id='p-1' />)
    expect(await screen.findByTestId('detail-votes')).toHaveTextContent('我也遇到 4')
    expect(screen.queryByTestId('detail-photos')).toBeNull()
    expect(screen.queryByTestId('chain-level')).toBeNull()
    expect(screen.queryByTestId('merged-into')).toBeNull()
  })

  test('a chain-level problem is marked; a merged member links to it', async () => {
    signIn()
    answerBy({ 'problems.get': okBody(detailWith({ chainLevel: true })) })
    const { unmount } = render(<ProblemDetailView id='p-1' />)
    expect(await screen.findByTestId('chain-level')).toHaveTextContent('链级问题')
    expect(screen.queryByTestId('detail-votes')).toBeNull()
    unmount()

    answerBy({ 'problems.get': okBody(detailWith({ mergedInto: 'p-chain-9' })) })
    render(<ProblemDetailView id='p-1' />)
    const link = await screen.findByTestId('merged-into')
    expect(link).toHaveTextContent('已并入链级问题 →')
    fireEvent.click(link)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=p-chain-9' })
  })
})

describe('订阅消息 when a handler taps 答复', () => {
  const handler: Session = {
    token: 'tok-handler',
    user: { id: 'u-h', name: '何嘉欣', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }] }
  }
  const accepted = detailWith({ status: 'accepted', actions: ['reply', 'return'] })

  test('on weapp the tap asks WeChat and the reply sheet opens at once', async () => {
    process.env.TARO_ENV = 'weapp'
    setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: '', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: '["tmpl-todo"]' })
    signIn(handler)
    // the person declines: nothing changes for the sheet
    requestSubscribeMessage.mockImplementationOnce(() => Promise.reject({ errMsg: 'requestSubscribeMessage:fail cancel' }))
    answerBy({ 'problems.get': okBody(accepted) })
    render(<ProblemDetailView id='p-1' />)
    await screen.findByTestId('action-bar')
    fireEvent.click(within(screen.getByTestId('action-bar')).getByRole('button', { name: '退单' }))
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
    fireEvent.click(screen.getByTestId('sheet-close'))
    fireEvent.click(within(screen.getByTestId('action-bar')).getByRole('button', { name: '答复' }))
    expect(requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-todo'] })
    expect(screen.getByTestId('action-sheet')).toHaveAttribute('data-action', 'reply')
  })

  test('on H5 答复 asks nothing', async () => {
    process.env.TARO_ENV = 'h5'
    setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: '', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: '["tmpl-todo"]' })
    signIn(handler)
    answerBy({ 'problems.get': okBody(accepted) })
    render(<ProblemDetailView id='p-1' />)
    await screen.findByTestId('action-bar')
    fireEvent.click(within(screen.getByTestId('action-bar')).getByRole('button', { name: '答复' }))
    expect(screen.getByTestId('action-sheet')).toHaveAttribute('data-action', 'reply')
    expect(requestSubscribeMessage).not.toHaveBeenCalled()
  })
})
