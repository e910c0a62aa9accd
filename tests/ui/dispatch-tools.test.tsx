import { act, render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { Session } from '@contract/accounts'
import type { Bootstrap } from '@contract/catalog'
import type { FlowSettingsDto, RoutingRuleDto, SimilarGroup } from '@contract/settings'
import type { TucaoSession } from '@contract/sessions'
import { CATEGORIES } from '@contract/categories'
import { SettingsView } from '@/features/dispatch-tools/SettingsView'
import { SimilarView } from '@/features/dispatch-tools/SimilarView'
import { SessionsView, orderSessions } from '@/features/dispatch-tools/SessionsView'
import { AgendaView, AGENDA_REFRESH_MS } from '@/features/dispatch-tools/AgendaView'
import { DispatchToolsLinks } from '@/features/dispatch-tools/DispatchToolsLinks'
import { navigateTo, redirectTo, showModal, useDidHide, useDidShow } from '../stubs/taro'
import { answerBy, enterpriseSession, errorBody, okBody, postedTo, resetAll, sampleDetail, signIn, summaryWith } from './helpers'

beforeEach(resetAll)
afterEach(() => {
  jest.useRealTimers()
})

const dispatcher: Session = { token: 'tok-d', user: { id: 'u-d', name: '黄振华', roles: [{ role: 'dispatcher', scopeId: null, scopeName: null }] } }

const bootstrap: Bootstrap = {
  departments: [
    { id: 'hr', name: '区民政和人力资源社会保障局', matters: '招聘/用工缺口, 社保' },
    { id: 'tax', name: '区税务局', matters: '纳税申报, 退税' },
    { id: 'trade_union', name: '区总工会', matters: '职工权益, 暖新驿站' }
  ],
  towns: [],
  chains: [
    { id: 'smart_appliance', name: '智能家电', leader: '区长', leadDepartmentId: 'economy', cooperatingDepartmentIds: [] },
    { id: 'robotics', name: '机器人', leader: null, leadDepartmentId: 'economy', cooperatingDepartmentIds: [] }
  ]
}

const rule = (changes: Partial<RoutingRuleDto> = {}): RoutingRuleDto => ({
  id: 'rr-1',
  phrase: '出口退税',
  departmentId: 'tax',
  departmentName: '区税务局',
  priority: 70,
  enabled: true,
  ...changes
})

const WARNING_2027 = { year: 2027, known: false, source: 'floor' as const, warning: '2027 年节假日安排尚未录入' }

const settings = (changes: Partial<FlowSettingsDto> = {}): FlowSettingsDto => ({
  rules: [],
  sla: CATEGORIES.map((c) => ({ category: c.id, limits: { acceptDays: 1, replyDays: 5, extensionMaxDays: 10 }, custom: false })),
  calendarOverrides: [],
  calendarWarnings: [],
  routingModel: { source: 'shipped', examples: 0, trainedAt: null },
  ...changes
})

const summary = summaryWith

describe('派单与时限设置', () => {
  test('the rule form shows Chinese validation errors, then sends saveRule once and re-renders from the answer', async () => {
    signIn(dispatcher)
    const saved = rule({ id: 'rr-new', phrase: '驿站+充电', departmentId: 'trade_union', departmentName: '区总工会', priority: 80 })
    answerBy({
      'settings.get': okBody(settings()),
      'catalog.bootstrap': okBody(bootstrap),
      'settings.saveRule': okBody(settings({ rules: [saved] }))
    })
    render(<SettingsView />)
    expect(await screen.findByText('还没有自定义派单规则')).toBeInTheDocument()
    // what A+B means is said on the page
    expect(screen.getAllByText(/“驿站\+充电”/).length).toBeGreaterThan(0)

    fireEvent.click(screen.getByTestId('rule-add'))
    const form = screen.getByTestId('rule-form')
    fireEvent.click(within(form).getByRole('button', { name: '保存规则' }))
    expect(screen.getByTestId('error-phrase')).toHaveTextContent('关键词至少 2 个字')
    expect(screen.getByTestId('error-departmentId')).toHaveTextContent('请选择部门')

    // each word of A+B needs two characters; the priority is 0–100
    fireEvent.change(within(form).getByLabelText('关键词'), { target: { value: '驿站+充' } })
    fireEvent.change(within(form).getByTestId('picker-承办部门'), { target: { value: '2' } })
    fireEvent.change(within(form).getByLabelText('优先级'), { target: { value: '101' } })
    fireEvent.click(within(form).getByRole('button', { name: '保存规则' }))
    expect(screen.getByTestId('error-phrase')).toHaveTextContent('用“+”连接的每个词都至少 2 个字')
    expect(screen.getByTestId('error-priority')).toHaveTextContent('优先级 0–100')
    expect(screen.queryByTestId('error-departmentId')).toBeNull()
    expect(within(form).getByText('主管：职工权益, 暖新驿站')).toBeInTheDocument()
    expect(postedTo('settings.saveRule')).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('关键词'), { target: { value: '驿站+充电' } })
    fireEvent.change(within(form).getByLabelText('优先级'), { target: { value: '80' } })
    const save = within(form).getByRole('button', { name: '保存规则' })
    fireEvent.click(save)
    fireEvent.click(save)
    const row = await screen.findByTestId('rule-row')
    expect(postedTo('settings.saveRule')).toHaveLength(1)
    expect(postedTo('settings.saveRule')[0].input).toEqual({ phrase: '驿站+充电', departmentId: 'trade_union', priority: 80, enabled: true })
    expect(within(row).getByText('驿站')).toBeInTheDocument()
    expect(within(row).getByText('充电')).toBeInTheDocument()
    expect(within(row).getByText('区总工会')).toBeInTheDocument()
    expect(within(row).getByText('优先级 80')).toBeInTheDocument()
    expect(screen.queryByTestId('rule-form')).toBeNull()
  })

  test('a rule refused by the server shows its fields under the inputs; a duplicate phrase is caught first', async () => {
    signIn(dispatcher)
    answerBy({
      'settings.get': okBody(settings({ rules: [rule()] })),
      'catalog.bootstrap': okBody(bootstrap),
      'settings.saveRule': errorBody(400, 'VALIDATION', '所选部门不存在', { departmentId: '所选部门不存在' })
    })
    render(<SettingsView />)
    await screen.findByTestId('rule-row')
    fireEvent.click(screen.getByTestId('rule-add'))
    const form = screen.getByTestId('rule-form')
    fireEvent.change(within(form).getByLabelText('关键词'), { target: { value: ' 出口 退税 ' } })
    fireEvent.change(within(form).getByTestId('picker-承办部门'), { target: { value: '1' } })
    fireEvent.click(within(form).getByRole('button', { name: '保存规则' }))
    expect(screen.getByTestId('error-phrase')).toHaveTextContent('已有相同关键词的规则（→区税务局）')
    expect(postedTo('settings.saveRule')).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('关键词'), { target: { value: '留抵退税' } })
    fireEvent.click(within(form).getByRole('button', { name: '保存规则' }))
    expect(await screen.findByTestId('error-departmentId')).toHaveTextContent('所选部门不存在')
    expect(within(form).getByTestId('form-failure')).toHaveTextContent('所选部门不存在')
  })

  test('deleting a rule asks first; 取消 sends nothing', async () => {
    signIn(dispatcher)
    answerBy({
      'settings.get': okBody(settings({ rules: [rule()] })),
      'catalog.bootstrap': okBody(bootstrap),
      'settings.deleteRule': okBody(settings())
    })
    render(<SettingsView />)
    await screen.findByTestId('rule-row')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    fireEvent.click(screen.getByTestId('rule-delete'))
    await waitFor(() => expect(showModal).toHaveBeenCalledTimes(1))
    expect(postedTo('settings.deleteRule')).toHaveLength(0)

    fireEvent.click(screen.getByTestId('rule-delete'))
    expect(await screen.findByText('还没有自定义派单规则')).toBeInTheDocument()
    expect(postedTo('settings.deleteRule').map((b) => b.input)).toEqual([{ id: 'rr-1' }])
  })

  test('calendar warnings render at the top, lead to the calendar, and an entry re-renders from the answer', async () => {
    signIn(dispatcher)
    const entered = { date: '2027-01-01', kind: 'holiday' as const, note: '元旦' }
    answerBy({
      'settings.get': okBody(settings({ calendarWarnings: [WARNING_2027] })),
      'catalog.bootstrap': okBody(bootstrap),
      'settings.saveCalendarDay': okBody(settings({ calendarOverrides: [entered] }))
    })
    render(<SettingsView />)
    const banner = await screen.findByTestId('calendar-warnings')
    expect(within(banner).getByTestId('calendar-warning')).toHaveTextContent('2027 年节假日安排尚未录入')
    expect(within(banner).getByText(/以放假安排公布为准/)).toBeInTheDocument()

    fireEvent.click(screen.getByTestId('warning-go'))
    expect(screen.getByTestId('tab-calendar')).toHaveAttribute('aria-selected', 'true')
    const form = screen.getByTestId('calendar-form')
    fireEvent.click(within(form).getByRole('button', { name: '保存' }))
    expect(screen.getByTestId('error-date')).toHaveTextContent('日期格式应为 YYYY-MM-DD')
    expect(screen.getByTestId('error-kind')).toHaveTextContent('请选择放假或调休上班')
    expect(postedTo('settings.saveCalendarDay')).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('日期'), { target: { value: '2027-01-01' } })
    fireEvent.click(screen.getByTestId('kind-holiday'))
    fireEvent.change(within(form).getByLabelText('说明'), { target: { value: '元旦' } })
    fireEvent.click(within(form).getByRole('button', { name: '保存' }))
    const row = await screen.findByTestId('calendar-row')
    expect(postedTo('settings.saveCalendarDay')[0].input).toEqual(entered)
    expect(row).toHaveTextContent('2027-01-01')
    expect(row).toHaveTextContent('周五')
    expect(row).toHaveTextContent('放假')
    // the answer knows 2027 now: no warning any more
    expect(screen.queryByTestId('calendar-warnings')).toBeNull()
  })

  test('time limits: custom ones are marked; 签收 longer than 答复 is refused before sending', async () => {
    signIn(dispatcher)
    const dto = settings()
    dto.sla[1] = { category: 'talent', limits: { acceptDays: 2, replyDays: 8, extensionMaxDays: 10 }, custom: true }
    answerBy({ 'settings.get': okBody(dto), 'catalog.bootstrap': okBody(bootstrap), 'settings.saveSla': okBody(dto) })
    render(<SettingsView />)
    await screen.findByTestId('section-rules')
    fireEvent.click(screen.getByTestId('tab-sla'))
    const rows = screen.getAllByTestId('sla-row')
    expect(rows).toHaveLength(CATEGORIES.length)
    expect(within(rows[1]).getByText('自定义')).toBeInTheDocument()
    expect(within(rows[0]).getByText('默认')).toBeInTheDocument()

    fireEvent.click(within(rows[0]).getByTestId('sla-edit'))
    const editor = screen.getByTestId('sla-editor')
    fireEvent.change(within(editor).getByLabelText('签收（工作日）'), { target: { value: '6' } })
    fireEvent.click(within(editor).getByRole('button', { name: '保存' }))
    expect(screen.getByTestId('error-acceptDays')).toHaveTextContent('签收时限不能长于答复时限')
    fireEvent.change(within(editor).getByLabelText('签收（工作日）'), { target: { value: '' } })
    fireEvent.click(within(editor).getByRole('button', { name: '保存' }))
    expect(screen.getByTestId('error-acceptDays')).toHaveTextContent('请填写签收时限')
    expect(postedTo('settings.saveSla')).toHaveLength(0)

    fireEvent.change(within(editor).getByLabelText('签收（工作日）'), { target: { value: '2' } })
    fireEvent.click(within(editor).getByRole('button', { name: '保存' }))
    await waitFor(() => expect(screen.queryByTestId('sla-editor')).toBeNull())
    expect(postedTo('settings.saveSla')[0].input).toEqual({ category: 'recruitment', acceptDays: 2, replyDays: 5, extensionMaxDays: 10 })
  })

  test('the routing model: where it came from, and 重新训练', async () => {
    signIn(dispatcher)
    answerBy({
      'settings.get': okBody(settings()),
      'catalog.bootstrap': okBody(bootstrap),
      'settings.retrain': okBody(settings({ routingModel: { source: 'trained', examples: 12, trainedAt: '2026-11-25T02:00:00.000Z' } }))
    })
    render(<SettingsView />)
    await screen.findByTestId('section-rules')
    fireEvent.click(screen.getByTestId('tab-model'))
    expect(screen.getByTestId('model-source')).toHaveTextContent('随安装附带')
    fireEvent.click(screen.getByRole('button', { name: '重新训练' }))
    await waitFor(() => expect(screen.getByTestId('model-source')).toHaveTextContent('已用 12 条退单转办样本重新训练'))
    expect(screen.getByText(/训练于 2026-11-25 10:00/)).toBeInTheDocument()
  })

  test('a failed load offers 重试; other roles are told who the page is for and nothing is asked', async () => {
    signIn(dispatcher)
    answerBy({ 'catalog.bootstrap': okBody(bootstrap) })
    render(<SettingsView />)
    expect(await screen.findByText('测试未准备 settings.get')).toBeInTheDocument()
    answerBy({ 'settings.get': okBody(settings()), 'catalog.bootstrap': okBody(bootstrap) })
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findByTestId('section-rules')).toBeInTheDocument()
  })

  test('an enterprise liaison sees what the page is for, and nothing is loaded', () => {
    signIn(enterpriseSession)
    render(<SettingsView />)
    expect(screen.getByText('当前身份不是调度员')).toBeInTheDocument()
    expect(postedTo('settings.get')).toHaveLength(0)
  })
})

describe('相似问题', () => {
  const group: SimilarGroup = { chainId: 'smart_appliance', similarity: 0.63, problemIds: ['p-a', 'p-b', 'p-old'], enterprises: 3 }
  const a = summary({ id: 'p-a', number: 'SD20261125-0001', title: '新厂区急缺普工和焊工', enterpriseId: 'e-1', enterpriseName: '村田' })
  const b = summary({ id: 'p-b', number: 'SD20261125-0006', title: '扩产急需普工焊工', enterpriseId: 'e-2', enterpriseName: '高宝' })
  const old = { ...sampleDetail, id: 'p-old', number: 'SD20260901-0003', title: '普工招聘难', enterpriseId: 'e-3', enterpriseName: '永通' }

  test('merging needs at least two problems and a title; then it is sent once and opens the chain-level item', async () => {
    signIn(dispatcher)
    answerBy({
      'problems.similar': okBody([group]),
      'problems.list': okBody([a, b]),
      'problems.get': (input) => (input.id === 'p-old' ? okBody(old) : errorBody(404, 'NOT_FOUND', '诉求不存在')),
      'catalog.bootstrap': okBody(bootstrap),
      'problems.merge': okBody({ ...sampleDetail, id: 'pb-chain', chainLevel: true })
    })
    render(<SimilarView />)
    const card = await screen.findByTestId('similar-group')
    expect(within(card).getByText('3 家企业')).toBeInTheDocument()
    expect(within(card).getByText('相似度 63%')).toBeInTheDocument()
    await within(card).findByText('智能家电')
    // titles come from the list; the older one from problems.get
    expect(within(card).getByText('新厂区急缺普工和焊工')).toBeInTheDocument()
    expect(await within(card).findByText('普工招聘难')).toBeInTheDocument()
    expect(postedTo('problems.get').map((x) => x.input)).toEqual([{ id: 'p-old' }])
    // what merging does is explained
    expect(screen.getByTestId('merge-help')).toHaveTextContent('离开各部门待办')
    expect(screen.getByTestId('merge-help')).toHaveTextContent('每一家企业都会收到消息')

    const checks = within(card).getAllByTestId('member-check')
    fireEvent.click(checks[0])
    const form = within(card).getByTestId('merge-form')
    fireEvent.click(within(form).getByRole('button', { name: '合并为链级问题（1 条）' }))
    expect(within(form).getByTestId('error-problemIds')).toHaveTextContent('至少选择两条诉求')
    expect(within(form).getByTestId('error-title')).toHaveTextContent('标题至少 4 个字')
    expect(postedTo('problems.merge')).toHaveLength(0)

    fireEvent.click(checks[1])
    fireEvent.click(within(form).getByRole('button', { name: '合并为链级问题（2 条）' }))
    expect(within(form).queryByTestId('error-problemIds')).toBeNull()
    expect(within(form).getByTestId('error-title')).toBeInTheDocument()
    expect(postedTo('problems.merge')).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('链级问题标题'), { target: { value: '多家家电企业普工焊工招聘难' } })
    const button = within(form).getByRole('button', { name: '合并为链级问题（2 条）' })
    fireEvent.click(button)
    fireEvent.click(button)
    await waitFor(() => expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=pb-chain' }))
    const sent = postedTo('problems.merge')
    expect(sent).toHaveLength(1)
    expect(sent[0].input).toEqual({ problemIds: ['p-a', 'p-b'], title: '多家家电企业普工焊工招聘难' })
    expect(sent[0].requestId).toEqual(expect.any(String))
  })

  test('全选本组 selects every problem of the group', async () => {
    signIn(dispatcher)
    answerBy({ 'problems.similar': okBody([group]), 'problems.list': okBody([a, b]), 'problems.get': okBody(old), 'catalog.bootstrap': okBody(bootstrap) })
    render(<SimilarView />)
    const card = await screen.findByTestId('similar-group')
    fireEvent.click(within(card).getByTestId('select-group'))
    expect(within(card).getAllByTestId('member-check').map((c) => c.getAttribute('aria-checked'))).toEqual(['true', 'true', 'true'])
    expect(within(card).getByRole('button', { name: '合并为链级问题（3 条）' })).toBeInTheDocument()
  })

  test('no groups: says what is looked for', async () => {
    signIn(dispatcher)
    answerBy({ 'problems.similar': okBody([]), 'problems.list': okBody([]), 'catalog.bootstrap': okBody(bootstrap) })
    render(<SimilarView />)
    expect(await screen.findByText('暂无相似问题')).toBeInTheDocument()
    expect(screen.getByText(/两家以上企业反映文字相近/)).toBeInTheDocument()
  })
})

describe('吐槽大会', () => {
  const session = (changes: Partial<TucaoSession>): TucaoSession => ({
    id: 'ts-1',
    chainId: 'smart_appliance',
    chainName: '智能家电',
    title: '智能家电产业链第四季度吐槽大会',
    startsOn: '2026-11-25',
    endsOn: '2026-12-01',
    open: true,
    problemCount: 4,
    ...changes
  })

  test('sessions: 进行中 first, with phase and count; tapping one opens its agenda', async () => {
    signIn(dispatcher)
    const ended = session({ id: 'ts-old', title: '机器人产业链人才专场', chainName: '机器人', startsOn: '2020-10-16', endsOn: '2020-10-17', open: false, problemCount: 0 })
    const upcoming = session({ id: 'ts-next', title: '预制菜产业链吐槽大会', chainName: '预制菜', startsOn: '2999-12-05', endsOn: '2999-12-05', open: false, problemCount: 0 })
    answerBy({ 'sessions.list': okBody([upcoming, session({}), ended]), 'catalog.bootstrap': okBody(bootstrap) })
    render(<SessionsView />)
    const cards = await screen.findAllByTestId('session-card')
    expect(cards.map((c) => c.getAttribute('data-id'))).toEqual(['ts-1', 'ts-next', 'ts-old'])
    expect(cards.map((c) => within(c).getByTestId('session-phase').textContent)).toEqual(['进行中', '未开始', '已结束'])
    expect(cards[0]).toHaveTextContent('4 条问题')
    fireEvent.click(cards[0])
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/dispatch-tools/agenda/index?id=ts-1' })
  })

  test('opening a session: validated with the shared schema, sent with a request id, listed at once', async () => {
    signIn(dispatcher)
    const opened = session({ id: 'ts-new', title: '机器人产业链吐槽大会', chainId: 'robotics', chainName: '机器人', problemCount: 0 })
    let list: TucaoSession[] = []
    answerBy({
      'sessions.list': () => okBody(list),
      'catalog.bootstrap': okBody(bootstrap),
      'sessions.open': () => {
        list = [opened]
        return okBody(opened)
      }
    })
    render(<SessionsView />)
    expect(await screen.findByText('还没有召开过吐槽大会')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('open-session'))
    const form = screen.getByTestId('session-form')
    fireEvent.change(within(form).getByLabelText('开始日期'), { target: { value: '2026-12-10' } })
    fireEvent.change(within(form).getByLabelText('结束日期'), { target: { value: '2026-12-09' } })
    fireEvent.click(within(form).getByRole('button', { name: '召开' }))
    expect(within(form).getByTestId('error-chainId')).toHaveTextContent('请选择产业链')
    expect(within(form).getByTestId('error-title')).toHaveTextContent('会议名称至少 4 个字')
    expect(within(form).getByTestId('error-endsOn')).toHaveTextContent('结束日期不能早于开始日期')
    expect(postedTo('sessions.open')).toHaveLength(0)

    await waitFor(() => expect(within(form).getByTestId('picker-产业链').querySelectorAll('option')).toHaveLength(2))
    fireEvent.change(within(form).getByTestId('picker-产业链'), { target: { value: '1' } })
    fireEvent.change(within(form).getByLabelText('会议名称'), { target: { value: '机器人产业链吐槽大会' } })
    fireEvent.change(within(form).getByLabelText('结束日期'), { target: { value: '2026-12-11' } })
    fireEvent.click(within(form).getByRole('button', { name: '召开' }))
    expect(await screen.findByTestId('session-card')).toHaveTextContent('机器人产业链吐槽大会')
    const sent = postedTo('sessions.open')
    expect(sent).toHaveLength(1)
    expect(sent[0].input).toEqual({ chainId: 'robotics', title: '机器人产业链吐槽大会', startsOn: '2026-12-10', endsOn: '2026-12-11' })
    expect(sent[0].requestId).toEqual(expect.any(String))
    expect(screen.queryByTestId('session-form')).toBeNull()
  })

  test('orderSessions keeps the server order within a phase and puts the soonest upcoming first', () => {
    const s = (id: string, startsOn: string, open = false) => session({ id, startsOn, endsOn: startsOn, open })
    const today = '2026-11-25'
    expect(orderSessions([s('a', '2026-12-20'), s('b', '2026-12-01'), s('c', '2026-11-01'), s('d', '2026-11-25', true), s('e', '2026-10-01')], today).map((x) => x.id)).toEqual([
      'd',
      'b',
      'a',
      'c',
      'e'
    ])
  })
})

describe('吐槽大会议程', () => {
  const items = [
    summary({ id: 'p-3', number: 'SD20261125-0008', title: '芯片交期太长', votes: 3, enterpriseName: '永通' }),
    summary({ id: 'p-1', number: 'SD20261125-0010', title: '员工子女入学积分不够', votes: 1, enterpriseName: '高宝', status: 'accepted' }),
    summary({ id: 'p-2', number: 'SD20261125-0007', title: '集装箱一柜难求', votes: 1, enterpriseName: '鸿金源' }),
    summary({ id: 'p-4', number: 'SD20261125-0009', title: '技改补贴门槛太高', votes: 0, anonymous: true, enterpriseId: '', enterpriseName: '匿名企业' })
  ]
  const meta: TucaoSession = {
    id: 'ts-1',
    chainId: 'smart_appliance',
    chainName: '智能家电',
    title: '智能家电产业链第四季度吐槽大会',
    startsOn: '2026-11-25',
    endsOn: '2999-12-01',
    open: true,
    problemCount: 4
  }

  test('renders in the server’s order with the votes, enterprises (匿名企业 as given) and status', async () => {
    signIn(enterpriseSession)
    answerBy({ 'sessions.agenda': okBody(items), 'sessions.list': okBody([meta]) })
    render(<AgendaView id='ts-1' />)
    const rows = await screen.findAllByTestId('agenda-item')
    expect(postedTo('sessions.agenda')[0].input).toEqual({ id: 'ts-1' })
    expect(rows.map((r) => r.getAttribute('data-id'))).toEqual(['p-3', 'p-1', 'p-2', 'p-4'])
    expect(rows.map((r) => within(r).getByTestId('agenda-votes').textContent)).toEqual(['3我也遇到', '1我也遇到', '1我也遇到', '0我也遇到'])
    expect(within(rows[0]).getByText('1')).toHaveClass('dt-agenda-item__rank')
    expect(within(rows[1]).getByTestId('agenda-enterprise')).toHaveTextContent('高宝')
    expect(within(rows[1]).getByText('办理中')).toHaveClass('status-tag--accepted')
    expect(within(rows[3]).getByTestId('agenda-enterprise')).toHaveTextContent('匿名企业')
    expect(await screen.findByText('智能家电产业链第四季度吐槽大会')).toBeInTheDocument()
    expect(screen.getByTestId('agenda-phase')).toHaveTextContent('进行中')
    fireEvent.click(rows[2])
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=p-2' })
  })

  test('reads the agenda again every 30 s while the page is shown, and stops when it is hidden', async () => {
    jest.useFakeTimers()
    signIn(dispatcher)
    let answer = items.slice(0, 2)
    answerBy({ 'sessions.agenda': () => okBody(answer), 'sessions.list': okBody([meta]) })
    render(<AgendaView id='ts-1' />)
    expect(await screen.findAllByTestId('agenda-item')).toHaveLength(2)
    expect(postedTo('sessions.agenda')).toHaveLength(1)

    // a problem filed in the session meanwhile appears without touching the page
    answer = items
    await act(async () => {
      jest.advanceTimersByTime(AGENDA_REFRESH_MS)
    })
    expect(postedTo('sessions.agenda')).toHaveLength(2)
    expect(await screen.findAllByTestId('agenda-item')).toHaveLength(4)

    const hide = useDidHide.mock.calls[useDidHide.mock.calls.length - 1][0] as () => void
    act(() => hide())
    await act(async () => {
      jest.advanceTimersByTime(AGENDA_REFRESH_MS * 3)
    })
    expect(postedTo('sessions.agenda')).toHaveLength(2)

    const show = useDidShow.mock.calls[useDidShow.mock.calls.length - 1][0] as () => void
    act(() => show())
    await act(async () => {
      jest.advanceTimersByTime(AGENDA_REFRESH_MS)
    })
    expect(postedTo('sessions.agenda').length).toBeGreaterThanOrEqual(3)
  })

  test('an empty agenda explains that problems appear live', async () => {
    signIn(dispatcher)
    answerBy({ 'sessions.agenda': okBody([]), 'sessions.list': okBody([meta]) })
    render(<AgendaView id='ts-1' />)
    expect(await screen.findByText('还没有人提出问题')).toBeInTheDocument()
    expect(screen.getByText(/会实时出现在这里/)).toBeInTheDocument()
  })

  test('a failed read offers 重试; an unknown session leads back to the list', async () => {
    signIn(dispatcher)
    answerBy({ 'sessions.agenda': errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试'), 'sessions.list': okBody([]) })
    const first = render(<AgendaView id='ts-1' />)
    expect(await screen.findByText('服务暂不可用，请稍后重试')).toBeInTheDocument()
    answerBy({ 'sessions.agenda': okBody(items), 'sessions.list': okBody([]) })
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findAllByTestId('agenda-item')).toHaveLength(4)
    first.unmount()

    answerBy({ 'sessions.agenda': errorBody(404, 'NOT_FOUND', '该吐槽大会不存在'), 'sessions.list': okBody([]) })
    render(<AgendaView id='ts-x' />)
    expect(await screen.findByText('该吐槽大会不存在')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '查看吐槽大会' }))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/dispatch-tools/sessions/index' })
  })
})

describe('调度工具入口 (for 我的)', () => {
  test('a dispatcher sees the three tools; each opens its page', () => {
    signIn(dispatcher)
    render(<DispatchToolsLinks />)
    for (const [key, url] of [
      ['settings', '/packages/dispatch-tools/settings/index'],
      ['similar', '/packages/dispatch-tools/similar/index'],
      ['sessions', '/packages/dispatch-tools/sessions/index']
    ]) {
      fireEvent.click(screen.getByTestId(`link-tools-${key}`))
      expect(navigateTo).toHaveBeenLastCalledWith({ url })
    }
  })

  test('an enterprise liaison sees nothing', () => {
    signIn(enterpriseSession)
    const { container } = render(<DispatchToolsLinks />)
    expect(container).toBeEmptyDOMElement()
  })
})
