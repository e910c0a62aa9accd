import { act, render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { Session } from '@contract/accounts'
import { HandlerInbox } from '@/features/problems/HandlerInbox'
import { DispatcherAll, DispatcherTriage } from '@/features/problems/DispatcherConsole'
import { NoticeList } from '@/features/notices/NoticeList'
import { MeView } from '@/features/account/MeView'
import { FileProblemForm } from '@/features/problems/FileProblemForm'
import { navigateTo, redirectTo } from '../stubs/taro'
import { answerBy, detailWith, hoursFromNow, okBody, postedTo, resetAll, sampleDetail, signIn, summaryWith } from './helpers'

beforeEach(resetAll)

const handler: Session = {
  token: 'tok-handler',
  user: { id: 'u-h', name: '何嘉欣', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }] }
}
const dispatcher: Session = { token: 'tok-d', user: { id: 'u-d', name: '黄振华', roles: [{ role: 'dispatcher', scopeId: null, scopeName: null }] } }

const summary = summaryWith

describe('部门待办', () => {
  test('the tabs ask for the open, overdue and all views', async () => {
    signIn(handler)
    answerBy({ 'problems.inbox': (input) => okBody(input.view === 'overdue' ? [] : [summary({ id: `p-${input.view}`, title: `诉求 ${input.view}` })]) })
    render(<HandlerInbox />)
    expect(await screen.findByText('诉求 open')).toBeInTheDocument()
    expect(screen.getByTestId('tab-open')).toHaveAttribute('aria-selected', 'true')

    fireEvent.click(screen.getByTestId('tab-overdue'))
    expect(await screen.findByText('没有超期的诉求')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('tab-all'))
    expect(await screen.findByText('诉求 all')).toBeInTheDocument()
    expect(postedTo('problems.inbox').map((b) => b.input)).toEqual([{ view: 'open' }, { view: 'overdue' }, { view: 'all' }])
  })

  test('cards show the role, and deadlines red when past, amber within a day', async () => {
    signIn(handler)
    answerBy({
      'problems.inbox': okBody([
        summary({ id: 'late', title: '超期的', status: 'accepted', unitRole: 'lead', replyDue: hoursFromNow(-3), overdue: true, supervisionLevel: 1 }),
        summary({ id: 'soon', title: '临期的', status: 'routed', unitRole: 'co_handler', acceptDue: hoursFromNow(5), replyDue: hoursFromNow(80) })
      ])
    })
    render(<HandlerInbox />)
    const [late, soon] = await screen.findAllByTestId('problem-card')
    expect(within(late).getByTestId('unit-role')).toHaveTextContent('牵头')
    expect(within(late).getByTestId('due-reply')).toHaveAttribute('data-tone', 'overdue')
    expect(within(late).getByTestId('due-reply')).toHaveTextContent('前答复（已超期）')
    expect(late).toHaveTextContent('已督办 1 次')
    expect(within(soon).getByTestId('unit-role')).toHaveTextContent('会办')
    expect(within(soon).getByTestId('due-accept')).toHaveAttribute('data-tone', 'soon')
    expect(within(soon).getByTestId('due-accept')).toHaveClass('due--soon')
    expect(within(soon).getByTestId('due-reply')).toHaveAttribute('data-tone', 'normal')
    fireEvent.click(soon)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=soon' })
  })
})

describe('调度台', () => {
  test('not a dispatcher: explains, loads nothing', () => {
    signIn(handler)
    render(<DispatcherTriage />)
    expect(screen.getByText('当前身份不是调度员')).toBeInTheDocument()
    expect(postedTo('problems.triage')).toHaveLength(0)
  })

  test('each card says why it is in the queue', async () => {
    signIn(dispatcher)
    const triage = summary({ id: 'p-triage', title: '厂房屋顶光伏并网', status: 'triage', leadDepartmentId: null, leadDepartmentName: null })
    const returned = summary({ id: 'p-ret', title: '叉车司机证复审', status: 'returned' })
    const ext = summary({ id: 'p-ext', title: '稳岗补贴申领', status: 'accepted', replyDue: hoursFromNow(30) })
    const late = summary({ id: 'p-late', title: '技能培训补贴', status: 'routed', acceptDue: hoursFromNow(-2), replyDue: hoursFromNow(60), overdue: true, supervisionLevel: 1 })
    const details: Record<string, ReturnType<typeof detailWith>> = {
      'p-triage': detailWith({
        ...triage,
        lead: null,
        suggestions: [
          { departmentId: 'dev_reform', departmentName: '区发展和改革局', confidence: 0.48 },
          { departmentId: 'housing', departmentName: '区住房城乡建设和水利局', confidence: 0.21 }
        ]
      }),
      'p-ret': detailWith({
        ...returned,
        returnCount: 1,
        events: [
          ...sampleDetail.events,
          { id: 'e3', type: 'returned', actor: '区民政和人力资源社会保障局', note: '特种设备作业证属市场监管局职责', at: '2026-11-25T03:00:00.000Z' }
        ]
      }),
      'p-ext': detailWith({
        ...ext,
        extensions: [
          {
            id: 'ext-5',
            departmentId: 'hr',
            departmentName: '区民政和人力资源社会保障局',
            days: 3,
            reason: '需等市局复核名单',
            requestedAt: '2026-11-26T02:00:00.000Z',
            status: 'pending',
            decidedAt: null,
            grantedDays: null,
            decisionReason: null
          }
        ]
      }),
      'p-late': detailWith({ ...late })
    }
    answerBy({
      'problems.triage': okBody([triage, returned, ext, late]),
      'problems.get': (input) => okBody(details[input.id])
    })
    render(<DispatcherTriage />)
    const cards = await screen.findAllByTestId('problem-card')
    const why = (i: number) => within(cards[i]).getByTestId('why')
    await waitFor(() => expect(why(0)).toHaveTextContent('建议：区发展和改革局（48%）、区住房城乡建设和水利局（21%）'))
    expect(why(0)).toHaveTextContent('待分派')
    await waitFor(() => expect(why(1)).toHaveTextContent('区民政和人力资源社会保障局退单：特种设备作业证属市场监管局职责'))
    await waitFor(() => expect(why(2)).toHaveTextContent('待审批延期区民政和人力资源社会保障局申请延期 3 个工作日：需等市局复核名单'))
    expect(why(3)).toHaveTextContent('超期区民政和人力资源社会保障局超期未签收，已督办 1 次')
    expect(postedTo('problems.get')).toHaveLength(4)
    fireEvent.click(cards[1])
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=p-ret' })
  })

  test('全部诉求: status chips and the overdue toggle filter on the server', async () => {
    signIn(dispatcher)
    answerBy({ 'problems.list': okBody([summary({})]) })
    render(<DispatcherAll />)
    await screen.findByTestId('problem-card')
    fireEvent.click(screen.getByTestId('filter-returned'))
    await waitFor(() => expect(postedTo('problems.list')).toHaveLength(2))
    fireEvent.click(screen.getByTestId('filter-overdue'))
    await waitFor(() => expect(postedTo('problems.list')).toHaveLength(3))
    fireEvent.click(screen.getByTestId('filter-all'))
    await waitFor(() => expect(postedTo('problems.list')).toHaveLength(4))
    expect(postedTo('problems.list').map((b) => b.input)).toEqual([
      { limit: 200 },
      { status: 'returned', limit: 200 },
      { status: 'returned', overdue: true, limit: 200 },
      { overdue: true, limit: 200 }
    ])
  })
})

describe('消息', () => {
  const notices = [
    { id: 'n1', title: '诉求已答复', body: '区人社局已答复您的诉求“新厂区急需招聘焊工”', problemId: 'p-1', createdAt: '2026-11-26T02:00:00.000Z', readAt: null },
    { id: 'n2', title: '诉求已签收', body: '区人社局已签收', problemId: 'p-1', createdAt: '2026-11-25T02:00:00.000Z', readAt: null },
    { id: 'n3', title: '欢迎使用链上通', body: '诉求进展会在这里通知您', problemId: null, createdAt: '2026-11-24T02:00:00.000Z', readAt: '2026-11-24T03:00:00.000Z' }
  ]

  test('我的 shows the unread count and opens the list', async () => {
    signIn()
    answerBy({ 'notices.list': okBody(notices), 'accounts.me': okBody({ id: 'u-ent', name: '李联络', roles: [] }) })
    render(<MeView />)
    expect(await screen.findByTestId('unread-count')).toHaveTextContent('2')
    fireEvent.click(screen.getByTestId('link-notices'))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/account/notices/index' })
  })

  test('tapping a notice marks it read and opens its problem; 全部已读 marks the rest', async () => {
    signIn()
    answerBy({ 'notices.list': okBody(notices), 'notices.markRead': (input) => okBody({ unread: input.ids ? 1 : 0 }) })
    render(<NoticeList />)
    const items = await screen.findAllByTestId('notice')
    expect(screen.getByText('2 条未读')).toBeInTheDocument()
    fireEvent.click(items[0])
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=p-1' })
    await waitFor(() => expect(postedTo('notices.markRead')).toHaveLength(1))
    expect(postedTo('notices.markRead')[0].input).toEqual({ ids: ['n1'] })
    expect(screen.getAllByTestId('notice')[0]).toHaveAttribute('data-read', 'yes')
    expect(screen.getByText('1 条未读')).toBeInTheDocument()

    fireEvent.click(screen.getByRole('button', { name: '全部已读' }))
    await waitFor(() => expect(postedTo('notices.markRead')).toHaveLength(2))
    expect(postedTo('notices.markRead')[1].input).toEqual({})
    await waitFor(() => expect(screen.getAllByTestId('notice').every((n) => n.getAttribute('data-read') === 'yes')).toBe(true))
    expect(screen.queryByRole('button', { name: '全部已读' })).toBeNull()
  })

  test('no notices: says what will come here', async () => {
    signIn()
    answerBy({ 'notices.list': okBody([]) })
    render(<NoticeList />)
    expect(await screen.findByText('暂无消息')).toBeInTheDocument()
  })
})

describe('dispatcher links', () => {
  test('我的 leads a dispatcher to 调度台 and 全部诉求', async () => {
    signIn(dispatcher)
    answerBy({ 'notices.list': okBody([]), 'accounts.me': okBody(dispatcher.user) })
    render(<MeView />)
    await waitFor(() => expect(postedTo('notices.list')).toHaveLength(1))
    await act(async () => undefined)
    expect(screen.queryByTestId('unread-count')).toBeNull()
    fireEvent.click(screen.getByTestId('link-dispatcher-triage'))
    fireEvent.click(screen.getByTestId('link-dispatcher-all'))
    expect(navigateTo.mock.calls.map((c) => c[0].url)).toEqual(['/packages/dispatcher/triage/index', '/packages/dispatcher/all/index'])
  })

  test('我的 gives a dispatcher 数据看板 and the row of tools', async () => {
    signIn(dispatcher)
    answerBy({ 'notices.list': okBody([]), 'accounts.me': okBody(dispatcher.user) })
    render(<MeView />)
    await waitFor(() => expect(postedTo('notices.list')).toHaveLength(1))
    await act(async () => undefined)
    const tools = screen.getByTestId('dispatch-tools')
    expect(within(tools).getAllByText(/./).map((e) => e.textContent)).toEqual(expect.arrayContaining(['派单与时限设置', '相似问题', '吐槽大会']))
    fireEvent.click(screen.getByTestId('link-reports'))
    fireEvent.click(screen.getByTestId('link-tools-settings'))
    fireEvent.click(screen.getByTestId('link-tools-similar'))
    fireEvent.click(screen.getByTestId('link-tools-sessions'))
    expect(navigateTo.mock.calls.map((c) => c[0].url)).toEqual([
      '/packages/reports/dashboard/index',
      '/packages/dispatch-tools/settings/index',
      '/packages/dispatch-tools/similar/index',
      '/packages/dispatch-tools/sessions/index'
    ])
  })

  test.each([
    ['a handler', { role: 'handler' as const, scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }, true],
    ['an administrator', { role: 'admin' as const, scopeId: null, scopeName: null }, true],
    ['an enterprise liaison', { role: 'enterprise' as const, scopeId: 'ent-midea', scopeName: '美的集团' }, false]
  ])('数据看板 for %s (the tools only for the dispatcher)', async (_who, grant, dashboard) => {
    const who = { token: 'tok-x', user: { id: 'u-x', name: '某人', roles: [grant] } }
    signIn(who)
    answerBy({ 'notices.list': okBody([]), 'accounts.me': okBody(who.user) })
    render(<MeView />)
    await waitFor(() => expect(postedTo('notices.list')).toHaveLength(1))
    await act(async () => undefined)
    expect(!!screen.queryByTestId('link-reports')).toBe(dashboard)
    expect(screen.queryByTestId('dispatch-tools')).toBeNull()
  })
})

test('提交诉求: the anonymous switch sends anonymous: true', async () => {
  signIn()
  answerBy({ 'problems.file': okBody(detailWith({ anonymous: true })) })
  render(<FileProblemForm />)
  expect(screen.getByText('匿名提交（部门看不到提交人）')).toBeInTheDocument()
  fireEvent.change(screen.getByLabelText('标题'), { target: { value: '新厂区急需招聘焊工' } })
  fireEvent.change(screen.getByLabelText('问题描述'), { target: { value: '新厂区下月投产，焊工缺口 50 人，希望对接招聘会。' } })
  fireEvent.change(screen.getByTestId('picker-类别'), { target: { value: '0' } })
  const sw = screen.getByTestId('anonymous-switch')
  expect(sw).toHaveAttribute('aria-checked', 'false')
  fireEvent.click(sw)
  expect(sw).toHaveAttribute('aria-checked', 'true')
  fireEvent.click(screen.getByRole('button', { name: '提交诉求' }))
  await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  expect(postedTo('problems.file')[0].input).toMatchObject({ anonymous: true, enterpriseId: 'ent-midea' })
})
