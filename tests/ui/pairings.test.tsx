import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { ActivityDetail, ActivitySummary, Pairing, PairingDetail, PlanLine } from '@contract/pairings'
import { PairingList } from '@/features/pairings/PairingList'
import { PairingDetailView } from '@/features/pairings/PairingDetailView'
import { ActivityFeed } from '@/features/pairings/ActivityFeed'
import { PostActivityForm } from '@/features/pairings/PostActivityForm'
import { chinaToday, monthsBefore, periodRange } from '@/features/pairings/dates'
import { chooseImage, navigateTo, redirectTo, request, switchTab } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'

const realFetch = (globalThis as { fetch?: unknown }).fetch
beforeEach(resetAll)
afterEach(() => {
  ;(globalThis as { fetch?: unknown }).fetch = realFetch
})

const pairing = (changes: Partial<Pairing> = {}): Pairing => ({
  id: 'pair-2-murata',
  kind: 'branch',
  phase: 2,
  agencyBranch: '顺德图书馆党支部',
  enterpriseBranch: '村田智能公司党支部',
  enterpriseId: 'e-murata',
  enterpriseName: '广东村田智能科技有限公司',
  chainId: 'appliance',
  chainName: '智能家电',
  startedOn: '2020-07-15',
  endsOn: null,
  goals: '把阅读空间和学习资源送进厂区，共建学习型党组织。',
  activityCount: 3,
  lastActivityOn: '2026-11-20',
  ...changes
})

const mentoring = pairing({
  id: 'mentor-1',
  kind: 'mentoring',
  phase: 1,
  agencyBranch: '党员企业家 梁振邦',
  enterpriseBranch: '青年企业家 陈嘉怡',
  enterpriseName: '高宝实业发展公司',
  chainId: null,
  chainName: null,
  activityCount: 0,
  lastActivityOn: null
})

const summary = (changes: Partial<ActivitySummary> = {}): ActivitySummary => ({
  id: 'act-1',
  pairingId: 'pair-2-murata',
  pairingTitle: '顺德图书馆党支部 ⇄ 村田智能公司党支部',
  type: 'lecture',
  title: '书香进厂区共上党课',
  heldOn: '2026-11-20',
  place: '村田智能公司党群服务中心',
  summary: '图书馆党支部书记为企业党员讲授专题党课，并赠送党建书籍。',
  cover: { id: 'ph-1', url: '/api/files/ph-1' },
  photoCount: 3,
  attendance: 26,
  problemsRaised: 0,
  ...changes
})

const line = (type: PlanLine['type'], done: number, required: number, expected: number): PlanLine => ({ type, done, required, expected, behind: done < expected })

const detail = (changes: Partial<PairingDetail> = {}): PairingDetail => ({
  ...pairing(),
  contacts: [
    { side: 'agency', name: '何馆长', phone: '138****8000' },
    { side: 'enterprise', name: '陈晓敏', phone: null }
  ],
  plan: {
    year: 2026,
    lines: [line('lecture', 2, 2, 1), line('theme_day', 0, 2, 1), line('development', 1, 2, 1), line('position', 0, 0, 0)],
    completion: 0.5,
    behind: true
  },
  problemsSolved: 4,
  problemsRaised: 6,
  canPost: true,
  activities: [summary(), summary({ id: 'act-2', type: 'development', title: '共商发展难题座谈会', heldOn: '2026-10-12', cover: null, photoCount: 0, problemsRaised: 2 })],
  ...changes
})

describe('共建 tab', () => {
  const directory = [...Array.from({ length: 8 }, (_, i) => pairing({ id: `pair-2-${i}`, activityCount: i })), mentoring]

  test('政企结对 first: each card with both sides, the enterprise and chain, activity count and the last activity', async () => {
    answerBy({ 'pairings.list': okBody(directory) })
    render(<PairingList />)
    expect(screen.getByText('正在加载…')).toBeInTheDocument()
    const cards = await screen.findAllByTestId('pairing-card')
    expect(cards).toHaveLength(8)
    expect(postedTo('pairings.list')[0].input).toEqual({})
    expect(screen.getByTestId('tab-branch')).toHaveTextContent('政企结对 8')
    expect(screen.getByTestId('tab-mentoring')).toHaveTextContent('青蓝结对 1')
    expect(screen.getByText('第二期 · 8 对')).toBeInTheDocument()
    expect(screen.getByText('活动 28 次')).toBeInTheDocument()
    const card = cards[3]
    expect(within(card).getByText('机关支部')).toBeInTheDocument()
    expect(within(card).getByTestId('side-agency')).toHaveTextContent('顺德图书馆党支部')
    expect(within(card).getByTestId('side-enterprise')).toHaveTextContent('村田智能公司党支部')
    expect(within(card).getByTestId('pairing-company')).toHaveTextContent('广东村田智能科技有限公司 · 智能家电链')
    expect(within(card).getByText('3')).toBeInTheDocument()
    expect(within(card).getByTestId('pairing-last')).toHaveTextContent('最近 11月20日')
    fireEvent.click(card)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/detail/index?id=pair-2-3' })
  })

  test('青蓝结对: mentor and young entrepreneur, a pair without activities says so', async () => {
    answerBy({ 'pairings.list': okBody(directory) })
    render(<PairingList />)
    await screen.findAllByTestId('pairing-card')
    fireEvent.click(screen.getByTestId('tab-mentoring'))
    const cards = screen.getAllByTestId('pairing-card')
    expect(cards).toHaveLength(1)
    expect(within(cards[0]).getByText('导师')).toBeInTheDocument()
    expect(within(cards[0]).getByText('青年企业家')).toBeInTheDocument()
    expect(within(cards[0]).getByTestId('pairing-last')).toHaveTextContent('尚无活动记录')
    expect(screen.getByText('红色顺企青蓝工程')).toBeInTheDocument()
  })

  test('the feed and 活动签到 are one tap away', async () => {
    answerBy({ 'pairings.list': okBody(directory) })
    render(<PairingList />)
    await screen.findAllByTestId('pairing-card')
    fireEvent.click(screen.getByTestId('open-feed'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/feed/index' })
    fireEvent.click(screen.getByTestId('open-attend'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/attend/index' })
  })

  test('an empty kind explains itself; a failure shows the message and 重试 loads again', async () => {
    request.mockResolvedValueOnce(errorBody(503, 'UNAVAILABLE', '功能建设中')).mockResolvedValue(okBody([pairing()]))
    render(<PairingList />)
    expect(await screen.findByText('功能建设中')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findAllByTestId('pairing-card')).toHaveLength(1)
    fireEvent.click(screen.getByTestId('tab-mentoring'))
    expect(screen.getByText('暂无青蓝结对')).toBeInTheDocument()
    expect(screen.getByText(/党员企业家与青年企业家的结对名单公布后/)).toBeInTheDocument()
  })
})

describe('结对页面', () => {
  test('both sides, phase, dates, goals, masked contacts, problems solved with how it is counted', async () => {
    answerBy({ 'pairings.get': okBody(detail()) })
    render(<PairingDetailView id='pair-2-murata' />)
    const head = await screen.findByTestId('pairing-head')
    expect(postedTo('pairings.get')[0].input).toEqual({ id: 'pair-2-murata' })
    expect(within(head).getByText('政企结对')).toBeInTheDocument()
    expect(within(head).getByText('第二期')).toBeInTheDocument()
    expect(within(head).getByTestId('side-agency')).toHaveTextContent('顺德图书馆党支部')
    expect(within(head).getByTestId('pairing-dates')).toHaveTextContent('结对时间：2020年7月15日 至 今')
    expect(within(head).getByText('把阅读空间和学习资源送进厂区，共建学习型党组织。')).toBeInTheDocument()
    const contacts = screen.getAllByTestId('contact')
    expect(contacts[0]).toHaveTextContent('机关支部何馆长138****8000')
    expect(contacts[1]).toHaveTextContent('企业支部陈晓敏未登记电话')
    expect(screen.getByTestId('problems-solved')).toHaveTextContent('4')
    expect(screen.getByTestId('problems-raised')).toHaveTextContent('6')
    expect(screen.getByTestId('solved-explain')).toHaveTextContent(/经企业确认已解决的件数，由系统按办理结果自动统计/)
  })

  test('the plan: a bar per type with done/required, 落后 where behind, types not required and not done left out', async () => {
    answerBy({ 'pairings.get': okBody(detail()) })
    render(<PairingDetailView id='pair-2-murata' />)
    const lines = await screen.findAllByTestId('plan-line')
    expect(lines.map((l) => l.getAttribute('data-type'))).toEqual(['lecture', 'theme_day', 'development'])
    expect(within(lines[0]).getByTestId('plan-numbers')).toHaveTextContent('2/2 次')
    expect(lines[0]).toHaveAttribute('data-behind', 'false')
    expect(within(lines[0]).getByText('已完成')).toBeInTheDocument()
    expect(lines[1]).toHaveAttribute('data-behind', 'true')
    expect(within(lines[1]).getByTestId('plan-behind')).toHaveTextContent('落后')
    expect(within(lines[1]).getByText('按时间进度此时应完成 1 次')).toBeInTheDocument()
    expect(within(lines[2]).queryByTestId('plan-behind')).toBeNull()
    expect(screen.getByTestId('plan-completion')).toHaveTextContent('完成 50%')
    expect(screen.getByTestId('plan-alert')).toHaveTextContent('共办主题党日活动进度落后')
  })

  test("the pair's activities; 记录活动 only for those who may post", async () => {
    answerBy({ 'pairings.get': okBody(detail()) })
    const { unmount } = render(<PairingDetailView id='pair-2-murata' />)
    const cards = await screen.findAllByTestId('activity-card')
    expect(cards).toHaveLength(2)
    expect(within(cards[0]).getByText('书香进厂区共上党课')).toBeInTheDocument()
    expect(within(cards[0]).queryByTestId('activity-pair')).toBeNull()
    expect(within(cards[1]).getByText('提出问题 2 件')).toBeInTheDocument()
    fireEvent.click(cards[1])
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/activity/index?id=act-2' })
    fireEvent.click(screen.getByTestId('post-activity'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/post/index?pairingId=pair-2-murata' })
    unmount()

    answerBy({ 'pairings.get': okBody(detail({ canPost: false, activityCount: 12 })) })
    render(<PairingDetailView id='pair-2-murata' />)
    await screen.findAllByTestId('activity-card')
    expect(screen.queryByTestId('post-activity')).toBeNull()
    fireEvent.click(screen.getByTestId('all-activities'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/feed/index?pairingId=pair-2-murata' })
  })

  test('without a plan or activities the page says what will appear and why', async () => {
    answerBy({ 'pairings.get': okBody(detail({ plan: null, activities: [], activityCount: 0, contacts: [] })) })
    render(<PairingDetailView id='pair-2-murata' />)
    expect(await screen.findByTestId('plan-none')).toHaveTextContent('年度计划由区委社会工作部制定')
    expect(screen.getByText('还没有活动记录')).toBeInTheDocument()
    expect(screen.getByText('暂未登记联系人。结对双方的联系人由区委社会工作部登记。')).toBeInTheDocument()
    // the button at the top, and the empty list's own
    const post = screen.getAllByRole('button', { name: '记录活动' })
    expect(post).toHaveLength(2)
    fireEvent.click(post[1])
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/post/index?pairingId=pair-2-murata' })
  })

  test('an unknown pair shows the refusal with 重试; no id leads back to the directory', async () => {
    answerBy({ 'pairings.get': errorBody(404, 'NOT_FOUND', '结对不存在') })
    const { unmount } = render(<PairingDetailView id='nope' />)
    expect(await screen.findByText('结对不存在')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument()
    unmount()
    render(<PairingDetailView id='' />)
    fireEvent.click(screen.getByRole('button', { name: '去结对名录' }))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/pairings/index' })
  })
})

describe('共建动态', () => {
  const chain = (id: string, name: string) => ({ id, name, leader: null, leadDepartmentId: 'economy', cooperatingDepartmentIds: [] })
  const bootstrap = { departments: [], towns: [], chains: [chain('appliance', '智能家电'), chain('robot', '机器人')] }
  const feedAnswers = (activities: (input: Record<string, unknown>) => ActivitySummary[]) =>
    answerBy({
      'pairings.activities': (input) => okBody(activities(input)),
      'pairings.list': okBody([pairing(), mentoring]),
      'catalog.bootstrap': okBody(bootstrap)
    })

  test('newest first, each with cover photo, type, pair, date and attendance', async () => {
    feedAnswers(() => [
      summary({ id: 'old', title: '年初主题党日', type: 'theme_day', heldOn: '2026-02-01', cover: null, photoCount: 0 }),
      summary({ id: 'new', heldOn: '2026-11-20' }),
      summary({ id: 'mid', type: 'mentoring', pairingTitle: '党员企业家 梁振邦 ⇄ 青年企业家 陈嘉怡', title: '青蓝面谈', heldOn: '2026-06-30', attendance: 2 })
    ])
    render(<ActivityFeed />)
    const cards = await screen.findAllByTestId('activity-card')
    expect(postedTo('pairings.activities')[0].input).toEqual({ limit: 100 })
    expect(cards.map((c) => within(c).getByTestId('activity-title').textContent)).toEqual(['书香进厂区共上党课', '青蓝面谈', '年初主题党日'])
    expect(within(cards[0]).getByTestId('activity-cover')).toHaveAttribute('src', '/api/files/ph-1')
    expect(within(cards[0]).getByTestId('activity-type')).toHaveTextContent('共上党课')
    expect(within(cards[0]).getByTestId('activity-pair')).toHaveTextContent('顺德图书馆党支部 ⇄ 村田智能公司党支部')
    expect(within(cards[0]).getByText('2026年11月20日')).toBeInTheDocument()
    expect(within(cards[0]).getByTestId('activity-attendance')).toHaveTextContent('签到 26 人')
    expect(within(cards[1]).getByTestId('activity-type')).toHaveTextContent('青蓝结对交流')
    expect(within(cards[2]).queryByTestId('activity-cover')).toBeNull()
    expect(within(cards[2]).getByText('未上传照片')).toBeInTheDocument()
    expect(screen.getByTestId('feed-count')).toHaveTextContent('3 条')
  })

  test('type, period, phase and chain filters are sent; 清除筛选 starts over', async () => {
    feedAnswers((input) => (input.type === 'custom' ? [] : [summary()]))
    render(<ActivityFeed />)
    await screen.findAllByTestId('activity-card')
    fireEvent.click(screen.getByTestId('type-development'))
    await waitFor(() => expect(postedTo('pairings.activities')).toHaveLength(2))
    expect(postedTo('pairings.activities')[1].input).toEqual({ limit: 100, type: 'development' })
    expect(screen.getByTestId('type-development')).toHaveAttribute('aria-checked', 'true')

    fireEvent.click(screen.getByTestId('period-month'))
    await waitFor(() => expect(postedTo('pairings.activities')).toHaveLength(3))
    expect(postedTo('pairings.activities')[2].input).toEqual({ limit: 100, type: 'development', ...periodRange('month') })

    fireEvent.click(await screen.findByTestId('phase-2'))
    await waitFor(() => expect(postedTo('pairings.activities')).toHaveLength(4))
    expect(postedTo('pairings.activities')[3].input.phase).toBe(2)

    fireEvent.change(await screen.findByTestId('picker-产业链'), { target: { value: '2' } })
    await waitFor(() => expect(postedTo('pairings.activities')).toHaveLength(5))
    expect(postedTo('pairings.activities')[4].input.chainId).toBe('robot')

    fireEvent.click(await screen.findByTestId('clear-filters'))
    await waitFor(() => expect(postedTo('pairings.activities')).toHaveLength(6))
    expect(postedTo('pairings.activities')[5].input).toEqual({ limit: 100 })

    fireEvent.click(screen.getByTestId('type-custom'))
    expect(await screen.findByText('没有符合条件的活动')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '清除筛选' }))
    expect(await screen.findAllByTestId('activity-card')).toHaveLength(1)
  })

  test("one pair's activities (from its page), with the way to see every pair's", async () => {
    feedAnswers(() => [summary()])
    render(<ActivityFeed pairingId='pair-2-murata' />)
    await screen.findAllByTestId('activity-card')
    expect(postedTo('pairings.activities')[0].input).toEqual({ limit: 100, pairingId: 'pair-2-murata' })
    expect(screen.getByText('只看：顺德图书馆党支部 ⇄ 村田智能公司党支部')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('clear-pair'))
    await waitFor(() => expect(postedTo('pairings.activities').at(-1)?.input).toEqual({ limit: 100 }))
  })

  test('nothing yet: explains what the feed will show; a failure can be retried', async () => {
    feedAnswers(() => [])
    const { unmount } = render(<ActivityFeed />)
    expect(await screen.findByText('还没有共建活动')).toBeInTheDocument()
    unmount()
    answerBy({ 'pairings.activities': errorBody(503, 'UNAVAILABLE', '功能建设中'), 'pairings.list': okBody([]), 'catalog.bootstrap': okBody(bootstrap) })
    render(<ActivityFeed />)
    expect(await screen.findByText('功能建设中')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument()
  })

  test('periods are China dates: this month, the last three months, this year', () => {
    const now = new Date('2026-05-31T18:00:00Z') // 1 June in China
    expect(periodRange('month', now)).toEqual({ from: '2026-06-01', to: '2026-06-30' })
    expect(periodRange('quarter', now)).toEqual({ from: '2026-03-01', to: '2026-06-01' })
    expect(periodRange('year', now)).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(periodRange('all', now)).toEqual({})
    expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28')
    expect(monthsBefore('2026-01-15', 3)).toBe('2025-10-15')
  })
})

describe('记录活动', () => {
  const posted = (input: Record<string, unknown>): ActivityDetail => ({
    ...summary({ id: 'act-new', title: String(input.title), type: input.type as ActivitySummary['type'] }),
    photos: [],
    createdByName: '李联络',
    canManage: true,
    attended: false,
    attendedAt: null,
    problems: []
  })
  const fill = (values: { title?: string; place?: string; summary?: string }) => {
    if (values.title !== undefined) fireEvent.change(screen.getByLabelText('活动名称'), { target: { value: values.title } })
    if (values.place !== undefined) fireEvent.change(screen.getByLabelText('活动地点'), { target: { value: values.place } })
    if (values.summary !== undefined) fireEvent.change(screen.getByLabelText('活动内容'), { target: { value: values.summary } })
  }
  const publish = () => fireEvent.click(screen.getByRole('button', { name: /发布活动|重新发布/ }))
  const VALID = { title: '书香进厂区共上党课', place: '村田智能公司党群服务中心', summary: '图书馆党支部书记为企业党员讲授专题党课。' }

  test('signed out: explains who may record and leads to 我的', () => {
    render(<PostActivityForm pairingId='pair-2-murata' />)
    expect(screen.getByText('请先登录')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: '去登录' }))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  test('someone who may not post is told why, with the way back to the pair', async () => {
    signIn()
    answerBy({ 'pairings.get': okBody(detail({ canPost: false })) })
    render(<PostActivityForm pairingId='pair-2-murata' />)
    expect(await screen.findByText('您不能为这个结对记录活动')).toBeInTheDocument()
    expect(screen.queryByLabelText('活动名称')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: '返回结对页面' }))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/pairings/detail/index?id=pair-2-murata' })
  })

  test('a branch pair picks one of the six or 自选动作; checked before sending; today by default; then the activity page', async () => {
    signIn()
    answerBy({ 'pairings.get': okBody(detail()), 'pairings.postActivity': (input) => okBody(posted(input)) })
    render(<PostActivityForm pairingId='pair-2-murata' />)
    const picks = await screen.findByRole('radiogroup', { name: '活动类型' })
    expect(within(picks).getAllByRole('radio').map((r) => r.textContent)).toEqual([
      '共上党课',
      '共办主题党日活动',
      '共商发展难题',
      '共建党建阵地',
      '共开组织生活会',
      '共评党员情况',
      '自选动作'
    ])
    expect(screen.getByTestId('held-on')).toHaveTextContent('（今天）')

    fill({ title: '课', summary: '太短' })
    publish()
    const errors = screen.getAllByTestId('field-error').map((e) => e.textContent)
    expect(errors).toEqual(['请选择活动类型', '活动名称至少 2 个字', '活动地点至少 2 个字', '活动内容至少 10 个字'])
    expect(postedTo('pairings.postActivity')).toHaveLength(0)

    fireEvent.click(screen.getByTestId('pick-lecture'))
    fill(VALID)
    publish()
    await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/pairings/activity/index?id=act-new' }))
    const [sent] = postedTo('pairings.postActivity')
    expect(sent.input).toEqual({ pairingId: 'pair-2-murata', type: 'lecture', heldOn: chinaToday(), ...VALID })
    expect(sent.requestId).toBeTruthy()
  })

  test('a mentoring pair records only 青蓝结对交流', async () => {
    signIn()
    answerBy({ 'pairings.get': okBody(detail({ ...mentoring })), 'pairings.postActivity': (input) => okBody(posted(input)) })
    render(<PostActivityForm pairingId='mentor-1' />)
    expect(await screen.findByTestId('type-fixed')).toHaveTextContent('青蓝结对交流')
    expect(screen.queryByRole('radiogroup')).toBeNull()
    fill(VALID)
    publish()
    await waitFor(() => expect(postedTo('pairings.postActivity')).toHaveLength(1))
    expect(postedTo('pairings.postActivity')[0].input.type).toBe('mentoring')
  })

  test('after a network failure 重新发布 reuses the request id; a refusal is shown under its field and gets a new one', async () => {
    signIn()
    let n = 0
    answerBy({
      'pairings.get': okBody(detail()),
      'pairings.postActivity': (input) => {
        n++
        if (n === 1) return { statusCode: 0, data: '' }
        if (n === 2) return errorBody(400, 'VALIDATION', '活动日期不能早于结对开始日期', { heldOn: '活动日期不能早于结对开始日期' })
        return okBody(posted(input))
      }
    })
    render(<PostActivityForm pairingId='pair-2-murata' />)
    fireEvent.click(await screen.findByTestId('pick-theme_day'))
    fill(VALID)
    publish()
    expect(await screen.findByTestId('form-failure')).toHaveTextContent('可直接再次提交，不会重复登记')
    expect(screen.getByRole('button', { name: '重新发布' })).toBeInTheDocument()
    publish()
    expect(await screen.findByText('活动日期不能早于结对开始日期', { selector: '[data-testid="field-error"]' })).toBeInTheDocument()
    publish()
    await waitFor(() => expect(redirectTo).toHaveBeenCalled())
    const ids = postedTo('pairings.postActivity').map((b) => b.requestId)
    expect(ids[1]).toBe(ids[0])
    expect(ids[2]).not.toBe(ids[1])
  })

  test('photos upload first and are sent in order; a failed upload stops the form', async () => {
    signIn()
    ;(globalThis as { fetch?: unknown }).fetch = jest.fn(async (url: string) => ({ blob: async () => new Blob([url]) }))
    let uploads = 0
    answerBy({
      'pairings.get': okBody(detail()),
      'files.upload': () => (++uploads === 2 ? errorBody(503, 'UNAVAILABLE', '网络不给力') : okBody({ id: `ph-${uploads}`, url: `/api/files/ph-${uploads}` })),
      'pairings.postActivity': (input) => okBody(posted(input))
    })
    render(<PostActivityForm pairingId='pair-2-murata' />)
    fireEvent.click(await screen.findByTestId('pick-position'))
    fill(VALID)
    chooseImage.mockResolvedValueOnce({
      tempFilePaths: ['blob:a', 'blob:b'],
      tempFiles: [
        { path: 'blob:a', size: 10, type: 'image/jpeg' },
        { path: 'blob:b', size: 10, type: 'image/jpeg' }
      ]
    })
    fireEvent.click(screen.getByTestId('photo-add'))
    await waitFor(() => expect(screen.getAllByTestId('photo-item').map((e) => e.getAttribute('data-status'))).toEqual(['done', 'failed']))
    expect(screen.getByText(/第一张作为动态封面/)).toBeInTheDocument()
    publish()
    expect(screen.getByText('有照片上传失败，请点“重试”或删除后再发布')).toBeInTheDocument()
    expect(postedTo('pairings.postActivity')).toHaveLength(0)
    fireEvent.click(screen.getByTestId('photo-retry'))
    await waitFor(() => expect(screen.getAllByTestId('photo-item').map((e) => e.getAttribute('data-status'))).toEqual(['done', 'done']))
    publish()
    await waitFor(() => expect(postedTo('pairings.postActivity')).toHaveLength(1))
    expect(postedTo('pairings.postActivity')[0].input.photos).toEqual(['ph-1', 'ph-3'])
  })
})
