import { render, screen, fireEvent, waitFor, within, act } from '@testing-library/react'
import type { AssignedEnterprise, Visit, WeeklySummary } from '@contract/secretaries'
import type { Session } from '@contract/accounts'
import { SecretaryEnterprises } from '@/features/secretary/SecretaryEnterprises'
import { LogVisitForm } from '@/features/secretary/LogVisitForm'
import { VisitList } from '@/features/secretary/VisitList'
import { MeView } from '@/features/account/MeView'
import Taro, { chooseImage, ENV_TYPE, getEnv, navigateTo, redirectTo, request, showToast, switchTab } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'

const realFetch = (globalThis as { fetch?: unknown }).fetch
const realGeolocation = Object.getOwnPropertyDescriptor(navigator, 'geolocation')
beforeEach(resetAll)
afterEach(() => {
  ;(globalThis as { fetch?: unknown }).fetch = realFetch
  if (realGeolocation) Object.defineProperty(navigator, 'geolocation', realGeolocation)
  else delete (navigator as { geolocation?: unknown }).geolocation
  delete (Taro as { getLocation?: unknown }).getLocation
})

const secretary: Session = {
  token: 'tok-sec',
  user: {
    id: 'u-sec',
    name: '梁志宏',
    roles: [
      { role: 'secretary', scopeId: 'ent-hjy', scopeName: '鸿金源' },
      { role: 'secretary', scopeId: 'ent-yt', scopeName: '永通' }
    ]
  }
}
const dispatcher: Session = { token: 'tok-d', user: { id: 'u-d', name: '黄振华', roles: [{ role: 'dispatcher', scopeId: null, scopeName: null }] } }
const liaison: Session = { token: 'tok-e', user: { id: 'u-e', name: '陈晓敏', roles: [{ role: 'enterprise', scopeId: 'ent-mt', scopeName: '村田' }] } }

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString()

const enterprises: AssignedEnterprise[] = [
  { enterpriseId: 'ent-hjy', name: '鸿金源', chainName: '智能家电', townName: '北滘镇', openProblems: 3, overdueProblems: 1, lastVisitAt: daysAgo(12) },
  { enterpriseId: 'ent-yt', name: '永通', chainName: null, townName: '大良街道', openProblems: 0, overdueProblems: 0, lastVisitAt: null }
]

const week: WeeklySummary = {
  weekOf: '2026-11-23',
  visits: 4,
  enterprisesVisited: 3,
  enterprisesNotVisited: ['永通'],
  problemsFiled: 2,
  problemsClosed: 1,
  problemsOverdue: 1,
  text: '本周走访 3 家企业 4 次，代企业提交诉求 2 件，办结 1 件，超期 1 件'
}

const visit = (changes: Partial<Visit>): Visit => ({
  id: 'v-1',
  enterpriseId: 'ent-hjy',
  enterpriseName: '鸿金源',
  secretaryName: '梁志宏',
  visitedAt: '2026-11-24T02:00:00.000Z',
  lat: 22.8,
  lng: 113.2,
  address: '企业二楼会议室',
  note: '了解到企业新厂区用工缺口较大，已协助对接招聘会。',
  photos: [],
  ...changes
})

const NOTE = '与企业负责人座谈，了解用工与融资困难。'

describe('我联系的企业', () => {
  test('signed in without the secretary role: explains who the page is for and loads nothing', () => {
    signIn(liaison)
    render(<SecretaryEnterprises />)
    expect(screen.getByText('这里是第一书记的工作台')).toBeInTheDocument()
    expect(screen.getByText(/只对第一书记本人开放/)).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '去「我的」切换身份' }))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
    expect(request).not.toHaveBeenCalled()
  })

  test('signed out: asks to sign in', () => {
    render(<SecretaryEnterprises />)
    expect(screen.getByText('请先登录')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '去登录' })).toBeInTheDocument()
  })

  test('FORBIDDEN from the server (roles changed since sign-in) says so, with the way out instead of 重试', async () => {
    signIn(secretary)
    answerBy({
      'secretaries.mine': errorBody(403, 'FORBIDDEN', '仅第一书记可查看联系的企业'),
      'secretaries.week': errorBody(403, 'FORBIDDEN', '仅第一书记可查看联系的企业')
    })
    render(<SecretaryEnterprises />)
    expect(await screen.findByText('仅第一书记可查看联系的企业')).toBeInTheDocument()
    expect(screen.getByText(/只对第一书记本人开放/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull()
    expect(screen.getByRole('button', { name: '去「我的」切换身份' })).toBeInTheDocument()
  })

  test('the week on top, then each enterprise: chain and town, open and overdue problems, last visit, the two actions', async () => {
    signIn(secretary)
    answerBy({ 'secretaries.mine': okBody(enterprises), 'secretaries.week': okBody(week) })
    render(<SecretaryEnterprises />)
    const cards = await screen.findAllByTestId('enterprise-card')
    expect(cards).toHaveLength(2)

    const card = screen.getByTestId('week-card')
    expect(within(card).getByText('本周（11月23日起）小结')).toBeInTheDocument()
    expect(within(card).getByTestId('week-text')).toHaveTextContent(week.text)
    expect(within(card).getByTestId('week-visits')).toHaveTextContent('4')
    expect(within(card).getByTestId('week-overdue')).toHaveClass('sec-week__figure--alert')
    expect(within(card).getByTestId('week-filed')).not.toHaveClass('sec-week__figure--alert')
    expect(within(card).getByTestId('week-not-visited')).toHaveTextContent('本周尚未走访（1 家）永通')

    const [hjy, yt] = cards
    expect(within(hjy).getByText('智能家电 · 北滘镇')).toBeInTheDocument()
    expect(within(hjy).getByTestId('open-problems')).toHaveTextContent('3未办结诉求')
    expect(within(hjy).getByTestId('overdue-problems')).toHaveClass('sec-ent__fact--alert')
    expect(within(hjy).getByTestId('last-visit')).toHaveTextContent('12 天前')
    expect(within(yt).getByText('大良街道')).toBeInTheDocument()
    expect(within(yt).getByTestId('overdue-problems')).not.toHaveClass('sec-ent__fact--alert')
    expect(within(yt).getByTestId('last-visit')).toHaveTextContent('尚未走访')
    expect(screen.getByTestId('enterprise-count')).toHaveTextContent('2 家 · 超期诉求 1 件')

    fireEvent.click(within(hjy).getByRole('button', { name: '记录走访' }))
    fireEvent.click(within(yt).getByRole('button', { name: '代企业提诉求' }))
    fireEvent.click(within(card).getByRole('button', { name: '走访记录 ›' }))
    expect(navigateTo.mock.calls.map((c) => c[0].url)).toEqual([
      '/packages/secretary/visit/index?enterpriseId=ent-hjy',
      '/packages/problem/file/index?enterpriseId=ent-yt',
      '/packages/secretary/visits/index'
    ])
  })

  test('no enterprises assigned yet: says who assigns them', async () => {
    signIn(secretary)
    answerBy({ 'secretaries.mine': okBody([]), 'secretaries.week': okBody({ ...week, visits: 0, enterprisesVisited: 0, enterprisesNotVisited: [], text: '本周暂无走访' }) })
    render(<SecretaryEnterprises />)
    expect(await screen.findByText('还没有分配联系的企业')).toBeInTheDocument()
    expect(screen.getByText(/由区委社会工作部分配/)).toBeInTheDocument()
    expect(screen.getByTestId('week-not-visited')).toHaveTextContent('本周还没有走访记录')
  })

  test('the week failing keeps the enterprises usable and can be retried on its own', async () => {
    signIn(secretary)
    let weekCalls = 0
    answerBy({
      'secretaries.mine': okBody(enterprises),
      'secretaries.week': () => (++weekCalls === 1 ? errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试') : okBody(week))
    })
    render(<SecretaryEnterprises />)
    expect(await screen.findAllByTestId('enterprise-card')).toHaveLength(2)
    expect(await screen.findByText('暂时无法统计本周情况：服务暂不可用，请稍后重试')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findByTestId('week-text')).toHaveTextContent(week.text)
  })

  test('the list failing shows the reason and 重试', async () => {
    signIn(secretary)
    answerBy({ 'secretaries.mine': errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试'), 'secretaries.week': okBody(week) })
    render(<SecretaryEnterprises />)
    expect(await screen.findByText('服务暂不可用，请稍后重试')).toBeInTheDocument()
    answerBy({ 'secretaries.mine': okBody(enterprises), 'secretaries.week': okBody(week) })
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findAllByTestId('enterprise-card')).toHaveLength(2)
  })
})

describe('记录走访', () => {
  const save = () => fireEvent.click(screen.getByTestId('save-visit'))
  const logged = () => postedTo('secretaries.logVisit')

  test('for the enterprise in the link: short note refused in Chinese; no location is fine; success goes to the list with a toast', async () => {
    signIn(secretary)
    answerBy({ 'secretaries.mine': okBody(enterprises), 'secretaries.logVisit': (input) => okBody(visit({ ...input, id: 'v-9' })) })
    render(<LogVisitForm enterpriseId='ent-yt' />)
    expect(await screen.findByTestId('enterprise-value')).toHaveTextContent('永通')
    // jsdom has no geolocation: the form says so and does not wait for it
    await waitFor(() => expect(screen.getByTestId('location-status')).toHaveTextContent('未获取位置（可不填）'))

    fireEvent.change(screen.getByLabelText('走访情况'), { target: { value: '很好' } })
    save()
    expect(await screen.findByTestId('error-note')).toHaveTextContent('走访情况至少 5 个字')
    expect(logged()).toHaveLength(0)

    fireEvent.change(screen.getByLabelText('走访情况'), { target: { value: NOTE } })
    fireEvent.change(screen.getByLabelText('走访地点'), { target: { value: ' 生产车间 ' } })
    save()
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/secretary/visits/index' }))
    expect(logged()).toHaveLength(1)
    expect(logged()[0].input).toEqual({ enterpriseId: 'ent-yt', note: NOTE, address: '生产车间' })
    expect(logged()[0].requestId).toBeTruthy()
    expect(showToast).toHaveBeenCalledWith({ title: '走访已记录', icon: 'success' })
  })

  test('without an enterprise in the link: pick one of mine; none picked is refused', async () => {
    signIn(secretary)
    answerBy({ 'secretaries.mine': okBody(enterprises), 'secretaries.logVisit': (input) => okBody(visit(input)) })
    render(<LogVisitForm />)
    const picker = await screen.findByTestId('picker-走访企业')
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['鸿金源', '永通'])
    expect(screen.getByTestId('enterprise-value')).toHaveTextContent('选择您联系的企业')
    fireEvent.change(screen.getByLabelText('走访情况'), { target: { value: NOTE } })
    save()
    expect(await screen.findByTestId('error-enterpriseId')).toHaveTextContent('请选择企业')
    fireEvent.change(picker, { target: { value: '0' } })
    expect(screen.queryByTestId('error-enterpriseId')).toBeNull()
    save()
    await waitFor(() => expect(logged()).toHaveLength(1))
    expect(logged()[0].input.enterpriseId).toBe('ent-hjy')
  })

  test('H5 with the browser position: 已定位, and the coordinates are sent', async () => {
    signIn(secretary)
    const getCurrentPosition = jest.fn((ok: (p: { coords: { latitude: number; longitude: number } }) => void) => ok({ coords: { latitude: 22.84, longitude: 113.25 } }))
    Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true })
    answerBy({ 'secretaries.mine': okBody(enterprises), 'secretaries.logVisit': (input) => okBody(visit(input)) })
    render(<LogVisitForm enterpriseId='ent-hjy' />)
    await waitFor(() => expect(screen.getByTestId('location-status')).toHaveTextContent('已定位'))
    expect(getCurrentPosition).toHaveBeenCalledTimes(1)
    fireEvent.change(screen.getByLabelText('走访情况'), { target: { value: NOTE } })
    save()
    await waitFor(() => expect(logged()).toHaveLength(1))
    expect(logged()[0].input).toEqual({ enterpriseId: 'ent-hjy', note: NOTE, lat: 22.84, lng: 113.25 })
  })

  test('WeChat: asks once with getLocation (gcj02); refused → 未获取位置, 重新定位 asks again', async () => {
    signIn(secretary)
    getEnv.mockImplementation(() => ENV_TYPE.WEAPP)
    const getLocation = jest
      .fn()
      .mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' })
      .mockResolvedValueOnce({ latitude: 22.9, longitude: 113.1 })
    Object.assign(Taro, { getLocation })
    answerBy({ 'secretaries.mine': okBody(enterprises), 'secretaries.logVisit': (input) => okBody(visit(input)) })
    render(<LogVisitForm enterpriseId='ent-hjy' />)
    await waitFor(() => expect(screen.getByTestId('location-status')).toHaveTextContent('未获取位置（可不填）'))
    expect(getLocation).toHaveBeenCalledWith({ type: 'gcj02' })
    fireEvent.click(screen.getByRole('button', { name: '重新定位' }))
    await waitFor(() => expect(screen.getByTestId('location-status')).toHaveTextContent('已定位'))
    expect(getLocation).toHaveBeenCalledTimes(2)
    fireEvent.change(screen.getByLabelText('走访情况'), { target: { value: NOTE } })
    save()
    await waitFor(() => expect(logged()).toHaveLength(1))
    expect(logged()[0].input).toMatchObject({ lat: 22.9, lng: 113.1 })
  })

  test('a lost answer: 重新提交 reuses the request id; a refusal then starts a new one', async () => {
    signIn(secretary)
    const answers = [
      errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试'),
      errorBody(403, 'FORBIDDEN', '您不是这家企业的联系第一书记'),
      okBody(visit({}))
    ]
    let n = 0
    answerBy({ 'secretaries.mine': okBody(enterprises), 'secretaries.logVisit': () => answers[n++] })
    render(<LogVisitForm enterpriseId='ent-hjy' />)
    fireEvent.change(await screen.findByLabelText('走访情况'), { target: { value: NOTE } })
    save()
    expect(await screen.findByTestId('visit-failure')).toHaveTextContent('服务暂不可用，请稍后重试')
    expect(screen.getByTestId('visit-failure')).toHaveTextContent('不会重复记录')
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }))
    expect(await screen.findByText('您不是这家企业的联系第一书记')).toBeInTheDocument()
    save()
    await waitFor(() => expect(redirectTo).toHaveBeenCalled())
    const ids = logged().map((b) => b.requestId)
    expect(ids[0]).toBeTruthy()
    expect(ids[1]).toBe(ids[0])
    expect(ids[2]).not.toBe(ids[0])
  })

  test('photos: uploaded ones are sent in order; saving waits for an upload still under way', async () => {
    signIn(secretary)
    ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async () => ({ blob: async () => new Blob(['photo-bytes']) }))
    let finish: (v: { statusCode: number; data: unknown }) => void = () => undefined
    answerBy({
      'secretaries.mine': okBody(enterprises),
      'files.upload': () => okBody({ id: 'ph-1', url: '/api/files/ph-1' }),
      'secretaries.logVisit': (input) => okBody(visit(input))
    })
    render(<LogVisitForm enterpriseId='ent-hjy' />)
    fireEvent.change(await screen.findByLabelText('走访情况'), { target: { value: NOTE } })
    // the second upload hangs until we let it finish
    const base = request.getMockImplementation()
    request.mockImplementation(async (opts) => {
      if (String(opts.url).endsWith('/api/files') && postedTo('files.upload').length === 2) return new Promise((resolve) => (finish = resolve))
      return base ? base(opts) : okBody(null)
    })
    chooseImage.mockResolvedValueOnce({
      tempFilePaths: ['blob:a', 'blob:b'],
      tempFiles: [
        { path: 'blob:a', size: 11, type: 'image/jpeg' },
        { path: 'blob:b', size: 11, type: 'image/png' }
      ]
    })
    fireEvent.click(screen.getByRole('button', { name: '添加照片' }))
    await waitFor(() => expect(screen.getAllByTestId('photo-item')).toHaveLength(2))
    expect(screen.getByTestId('photo-count')).toHaveTextContent('2/9')
    save()
    expect(await screen.findByText('照片还在上传，请稍候再保存')).toBeInTheDocument()
    expect(logged()).toHaveLength(0)
    await act(async () => finish(okBody({ id: 'ph-2', url: '/api/files/ph-2' })))
    await waitFor(() => expect(screen.getAllByTestId('photo-item').map((e) => e.getAttribute('data-status'))).toEqual(['done', 'done']))
    save()
    await waitFor(() => expect(logged()).toHaveLength(1))
    expect(logged()[0].input.photos).toEqual(['ph-1', 'ph-2'])
  })

  test('not a secretary: explains, loads nothing', () => {
    signIn(dispatcher)
    render(<LogVisitForm enterpriseId='ent-hjy' />)
    expect(screen.getByText('只有第一书记可以记录走访')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
  })
})

describe('走访记录', () => {
  const visits = [
    visit({ id: 'v-old', visitedAt: '2026-11-10T02:00:00.000Z', enterpriseId: 'ent-yt', enterpriseName: '永通', lat: null, lng: null, address: null }),
    visit({ id: 'v-new', visitedAt: '2026-11-24T02:00:00.000Z', photos: [{ id: 'ph-1', url: '/api/files/ph-1' }] })
  ]

  test('the week, then visits newest first with place, note and photos; filtering asks the server', async () => {
    signIn(secretary)
    answerBy({
      'secretaries.visits': (input) => okBody(input.enterpriseId ? visits.filter((v) => v.enterpriseId === input.enterpriseId) : visits),
      'secretaries.week': okBody(week),
      'secretaries.mine': okBody(enterprises)
    })
    render(<VisitList />)
    const cards = await screen.findAllByTestId('visit')
    expect(cards.map((c) => c.getAttribute('data-id'))).toEqual(['v-new', 'v-old'])
    expect(screen.getByTestId('week-text')).toHaveTextContent(week.text)
    expect(within(cards[0]).getByTestId('visit-time')).toHaveTextContent('2026-11-24 10:00')
    expect(within(cards[0]).getByTestId('visit-place')).toHaveTextContent('企业二楼会议室')
    expect(within(cards[0]).getByText(/已协助对接招聘会/)).toBeInTheDocument()
    expect(within(cards[0]).getAllByRole('img')).toHaveLength(1)
    expect(within(cards[1]).getByTestId('visit-place')).toHaveTextContent('未记录位置')
    expect(screen.getByTestId('visit-count')).toHaveTextContent('共 2 次')

    const chips = within(screen.getByTestId('visit-filter')).getAllByRole('button')
    expect(chips.map((c) => c.textContent)).toEqual(['全部企业', '鸿金源', '永通'])
    fireEvent.click(chips[2])
    await waitFor(() => expect(screen.getAllByTestId('visit').map((c) => c.getAttribute('data-id'))).toEqual(['v-old']))
    expect(postedTo('secretaries.visits').at(-1)?.input).toEqual({ enterpriseId: 'ent-yt' })
    fireEvent.click(screen.getByRole('button', { name: '记录走访' }))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/secretary/visit/index?enterpriseId=ent-yt' })
  })

  test('no visits for the enterprise: says what to do, with 记录走访', async () => {
    signIn(secretary)
    answerBy({ 'secretaries.visits': okBody([]), 'secretaries.week': okBody(week), 'secretaries.mine': okBody(enterprises) })
    render(<VisitList enterpriseId='ent-yt' />)
    expect(await screen.findByText('永通还没有走访记录')).toBeInTheDocument()
    expect(postedTo('secretaries.visits')[0].input).toEqual({ enterpriseId: 'ent-yt' })
  })

  test('the district sees every secretary’s visits, with who made them, and no week card', async () => {
    signIn(dispatcher)
    answerBy({ 'secretaries.visits': okBody(visits) })
    render(<VisitList />)
    const cards = await screen.findAllByTestId('visit')
    expect(within(cards[0]).getByTestId('visit-place')).toHaveTextContent('梁志宏 · 企业二楼会议室')
    expect(screen.queryByTestId('week-card')).toBeNull()
    expect(screen.queryByRole('button', { name: '记录走访' })).toBeNull()
    expect(postedTo('secretaries.week')).toHaveLength(0)
  })

  test('an enterprise liaison is told who may read visits; FORBIDDEN from the server is explained too', async () => {
    signIn(liaison)
    const { unmount } = render(<VisitList />)
    expect(screen.getByText('当前身份无权查看走访记录')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
    unmount()

    signIn(secretary)
    answerBy({
      'secretaries.visits': errorBody(403, 'FORBIDDEN', '仅第一书记和调度员可查看走访记录'),
      'secretaries.week': okBody(week),
      'secretaries.mine': okBody(enterprises)
    })
    render(<VisitList />)
    expect(await screen.findByText('仅第一书记和调度员可查看走访记录')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull()
  })
})

describe('我的', () => {
  test('a first secretary finds 我联系的企业 and 走访记录', async () => {
    signIn(secretary)
    answerBy({ 'notices.list': okBody([]), 'accounts.me': okBody(secretary.user) })
    render(<MeView />)
    await waitFor(() => expect(postedTo('notices.list')).toHaveLength(1))
    await act(async () => undefined)
    fireEvent.click(screen.getByTestId('link-secretary-enterprises'))
    fireEvent.click(screen.getByTestId('link-secretary-visits'))
    expect(navigateTo.mock.calls.map((c) => c[0].url)).toEqual(['/packages/secretary/enterprises/index', '/packages/secretary/visits/index'])
    expect(screen.queryByTestId('link-pairing-oversight')).toBeNull()
  })
})
