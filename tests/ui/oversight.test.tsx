import { render, screen, fireEvent, waitFor, within, act } from '@testing-library/react'
import type { Session } from '@contract/accounts'
import type { Oversight, OversightRow, PlanSettings } from '@contract/pairings'
import { OversightDashboard } from '@/features/pairing-oversight/OversightDashboard'
import { PlanSettingsView } from '@/features/pairing-oversight/PlanSettingsView'
import { currentYear, parseYear, yearElapsed } from '@/features/pairing-oversight/years'
import { MeView } from '@/features/account/MeView'
import Taro, { ENV_TYPE, getEnv, navigateTo, request, showToast } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'

beforeEach(resetAll)

const dispatcher: Session = { token: 'tok-d', user: { id: 'u-d', name: '黄振华', roles: [{ role: 'dispatcher', scopeId: null, scopeName: null }] } }
const admin: Session = { token: 'tok-a', user: { id: 'u-a', name: '苏建明', roles: [{ role: 'admin', scopeId: null, scopeName: null }] } }
const secretary: Session = { token: 'tok-s', user: { id: 'u-s', name: '梁志宏', roles: [{ role: 'secretary', scopeId: 'ent-hjy', scopeName: '鸿金源' }] } }

const YEAR = currentYear()

const row = (changes: Partial<OversightRow>): OversightRow => ({
  pairingId: 'pr-1',
  title: '区民政局机关支部 ⇄ 鸿金源党支部',
  kind: 'branch',
  phase: 2,
  chainName: '智能家电',
  activitiesByType: { lecture: 2, theme_day: 1, custom: 1 },
  activities: 4,
  completion: 0.5,
  problemsSolved: 3,
  attendance: 46,
  lastActivityOn: `${YEAR}-01-20`,
  inactive: false,
  ...changes
})

const oversight = (rows: OversightRow[] = [
  row({}),
  row({ pairingId: 'pr-2', title: '区财政局支部 ⇄ 永通党支部', completion: 0.1, activities: 1, activitiesByType: { development: 1 }, lastActivityOn: `${YEAR}-01-02`, inactive: true, problemsSolved: 0, attendance: 8 }),
  row({ pairingId: 'pr-3', title: '青蓝结对：何总 ⇄ 小李', kind: 'mentoring', completion: null, activitiesByType: {}, activities: 0, lastActivityOn: null, inactive: true, chainName: null })
]): Oversight => ({
  year: YEAR,
  rows,
  totals: { pairs: rows.length, activities: 5, attendance: 54, problemsSolved: 3, inactive: 2 }
})

describe('结对共建督导', () => {
  test('the totals, then each pair: six types, completion, problems solved, attendance, last activity; inactive ones marked', async () => {
    signIn(dispatcher)
    answerBy({ 'pairings.oversight': okBody(oversight()) })
    render(<OversightDashboard />)
    const rows = await screen.findAllByTestId('pair-row')
    expect(postedTo('pairings.oversight')[0].input).toEqual({ year: YEAR })
    expect(screen.getByTestId('total-pairs')).toHaveTextContent('3')
    expect(screen.getByTestId('total-attendance')).toHaveTextContent('54')
    expect(screen.getByTestId('total-inactive')).toHaveClass('po-tile--alert')

    const [first, second, third] = rows
    expect(within(first).getByTestId('type-lecture')).toHaveTextContent('党课2')
    expect(within(first).getByTestId('type-evaluation')).toHaveTextContent('评党员0')
    // 自选动作 counts under 其他, so the row adds up to its total
    expect(within(first).getByTestId('type-other')).toHaveTextContent('其他1')
    expect(within(first).getByTestId('activities')).toHaveTextContent('合计4')
    expect(within(first).getByTestId('completion')).toHaveTextContent('50%')
    expect(within(first).getByTestId('solved')).toHaveTextContent('3')
    expect(within(first).getByTestId('attendance')).toHaveTextContent('46')
    expect(within(first).getByTestId('last-activity')).toHaveTextContent(`${YEAR}-01-20`)
    expect(within(first).queryByTestId('inactive-flag')).toBeNull()
    expect(first).not.toHaveClass('po-row--inactive')

    expect(second).toHaveClass('po-row--inactive')
    expect(within(second).getByTestId('inactive-flag')).toHaveTextContent('60 天未活动')
    // a mentoring pair never has a plan
    expect(within(third).getByTestId('completion')).toHaveTextContent('不设计划')
    expect(within(third).getByTestId('last-activity')).toHaveTextContent('尚无活动')
    expect(within(third).getByText('青蓝结对 · 第二期')).toBeInTheDocument()

    fireEvent.click(within(first).getByText('区民政局机关支部 ⇄ 鸿金源党支部'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/detail/index?id=pr-1' })
    fireEvent.click(screen.getByTestId('open-plans'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: `/packages/pairing-oversight/plans/index?year=${YEAR}` })
  })

  test('sorting: by completion (lowest first, tap again for highest; no plan last), and inactive first', async () => {
    signIn(dispatcher)
    answerBy({ 'pairings.oversight': okBody(oversight()) })
    render(<OversightDashboard />)
    await screen.findAllByTestId('pair-row')
    const order = () => screen.getAllByTestId('pair-row').map((r) => r.getAttribute('data-id'))
    expect(order()).toEqual(['pr-1', 'pr-2', 'pr-3'])
    fireEvent.click(screen.getByTestId('sort-completion'))
    expect(order()).toEqual(['pr-2', 'pr-1', 'pr-3'])
    expect(screen.getByTestId('sort-completion')).toHaveTextContent('完成率 低→高')
    fireEvent.click(screen.getByTestId('sort-completion'))
    expect(order()).toEqual(['pr-1', 'pr-2', 'pr-3'])
    expect(screen.getByTestId('sort-completion')).toHaveTextContent('完成率 高→低')
    fireEvent.click(screen.getByTestId('sort-inactivity'))
    // inactive first, never-active before the one idle since January
    expect(order()).toEqual(['pr-3', 'pr-2', 'pr-1'])
    fireEvent.click(screen.getByTestId('sort-default'))
    expect(order()).toEqual(['pr-1', 'pr-2', 'pr-3'])
  })

  test('the year picker asks for another year; an empty year explains itself', async () => {
    signIn(admin)
    answerBy({ 'pairings.oversight': (input) => okBody(input.year === YEAR ? oversight() : { ...oversight([]), year: input.year, totals: { pairs: 0, activities: 0, attendance: 0, problemsSolved: 0, inactive: 0 } }) })
    render(<OversightDashboard />)
    await screen.findAllByTestId('pair-row')
    expect(screen.getByTestId('year-next')).toHaveAttribute('aria-disabled', 'true')
    fireEvent.click(screen.getByTestId('year-prev'))
    expect(await screen.findByText(`${YEAR - 1}年没有结对`)).toBeInTheDocument()
    expect(postedTo('pairings.oversight').at(-1)?.input).toEqual({ year: YEAR - 1 })
    fireEvent.change(screen.getByTestId('picker-年份'), { target: { value: '0' } })
    expect(await screen.findAllByTestId('pair-row')).toHaveLength(3)
  })

  test('导出 Excel: H5 downloads the file; a refusal says why', async () => {
    signIn(dispatcher)
    const file = { fileName: `结对共建督导-${YEAR}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBA==' }
    let refuse = false
    answerBy({
      'pairings.oversight': okBody(oversight()),
      'pairings.exportOversight': () => (refuse ? errorBody(403, 'FORBIDDEN', '仅调度员可导出') : okBody(file))
    })
    Object.assign(URL, { createObjectURL: jest.fn(() => 'blob:x'), revokeObjectURL: jest.fn() })
    const clicked: string[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download)
    })
    render(<OversightDashboard />)
    await screen.findAllByTestId('pair-row')
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }))
    expect(await screen.findByRole('button', { name: '正在导出…' })).toHaveAttribute('aria-disabled', 'true')
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已下载 Excel', icon: 'success' }))
    expect(postedTo('pairings.exportOversight')[0].input).toEqual({ year: YEAR })
    expect(clicked).toEqual([file.fileName])
    click.mockRestore()

    refuse = true
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '仅调度员可导出', icon: 'none' }))
  })

  test('in the mini program the export is written to the user folder and opened', async () => {
    signIn(dispatcher)
    getEnv.mockImplementation(() => ENV_TYPE.WEAPP)
    const file = { fileName: `结对共建督导-${YEAR}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBA==' }
    answerBy({ 'pairings.oversight': okBody(oversight()), 'pairings.exportOversight': okBody(file) })
    const writeFile = jest.fn((o: { success: () => void }) => o.success())
    const openDocument = jest.fn(() => Promise.resolve({ errMsg: 'openDocument:ok' }))
    const realFs = Taro.getFileSystemManager
    Object.assign(Taro, { env: { USER_DATA_PATH: 'wxfile://usr' }, getFileSystemManager: () => ({ writeFile }), openDocument })
    render(<OversightDashboard />)
    await screen.findAllByTestId('pair-row')
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel' }))
    await waitFor(() => expect(openDocument).toHaveBeenCalledWith({ filePath: `wxfile://usr/${file.fileName}`, fileType: 'xlsx', showMenu: true }))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: 'Excel 已生成', icon: 'success' }))
    Object.assign(Taro, { getFileSystemManager: realFs })
  })

  test('not the district: explains who it is for and loads nothing; FORBIDDEN from the server is explained', async () => {
    signIn(secretary)
    const { unmount } = render(<OversightDashboard />)
    expect(screen.getByText('当前身份无权查看结对共建督导')).toBeInTheDocument()
    expect(screen.getByText(/区委社会工作部（调度员）和系统管理员使用/)).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
    unmount()

    signIn(dispatcher)
    answerBy({ 'pairings.oversight': errorBody(403, 'FORBIDDEN', '结对共建督导仅对调度员开放') })
    render(<OversightDashboard />)
    expect(await screen.findByText('结对共建督导仅对调度员开放')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull()
    expect(screen.getByRole('button', { name: '去「我的」切换身份' })).toBeInTheDocument()
  })

  test('a failure to load offers 重试', async () => {
    signIn(dispatcher)
    let n = 0
    answerBy({ 'pairings.oversight': () => (++n === 1 ? errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试') : okBody(oversight())) })
    render(<OversightDashboard />)
    fireEvent.click(await screen.findByRole('button', { name: '重试' }))
    expect(await screen.findAllByTestId('pair-row')).toHaveLength(3)
  })
})

describe('年度计划', () => {
  const settings = (changes: Partial<PlanSettings> = {}): PlanSettings => ({
    year: YEAR,
    defaults: [
      { type: 'lecture', count: 4 },
      { type: 'theme_day', count: 4 },
      { type: 'development', count: 2 },
      { type: 'position', count: 1 },
      { type: 'life_meeting', count: 1 },
      { type: 'evaluation', count: 1 }
    ],
    pairs: [{ pairingId: 'pr-2', title: '区财政局支部 ⇄ 永通党支部', required: [{ type: 'lecture', count: 2 }, { type: 'development', count: 4 }] }],
    ...changes
  })

  test('the defaults per type with steppers; saving sends the six counts without a pairing; the pairs with their own plans are listed', async () => {
    signIn(dispatcher)
    answerBy({
      'pairings.plans': okBody(settings()),
      'pairings.savePlan': (input) => okBody(settings({ defaults: input.required }))
    })
    render(<PlanSettingsView year={YEAR} />)
    expect(await screen.findByTestId('count-lecture')).toHaveValue('4')
    expect(postedTo('pairings.plans')[0].input).toEqual({ year: YEAR })
    expect(screen.getByTestId('plan-total')).toHaveTextContent('全年至少 13 次')
    expect(screen.getByTestId('plan-state')).toHaveTextContent('已保存')

    fireEvent.click(screen.getByTestId('plus-lecture'))
    fireEvent.click(screen.getByTestId('minus-position'))
    fireEvent.change(screen.getByTestId('count-evaluation'), { target: { value: '3' } })
    expect(screen.getByTestId('plan-state')).toHaveTextContent('有未保存的修改')
    expect(screen.getByTestId('plan-total')).toHaveTextContent('全年至少 15 次')
    fireEvent.click(screen.getByTestId('save-plan'))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' }))
    const sent = postedTo('pairings.savePlan')
    expect(sent).toHaveLength(1)
    expect(sent[0].input).toEqual({
      year: YEAR,
      required: [
        { type: 'lecture', count: 5 },
        { type: 'theme_day', count: 4 },
        { type: 'development', count: 2 },
        { type: 'position', count: 0 },
        { type: 'life_meeting', count: 1 },
        { type: 'evaluation', count: 3 }
      ]
    })
    expect(sent[0].input).not.toHaveProperty('pairingId')
    expect(sent[0].requestId).toBeTruthy()
    expect(screen.getByTestId('plan-state')).toHaveTextContent('已保存')

    const own = screen.getAllByTestId('own-plan')
    expect(own).toHaveLength(1)
    expect(own[0]).toHaveTextContent('区财政局支部 ⇄ 永通党支部')
    expect(own[0]).toHaveTextContent('共上党课 2 次')
    expect(own[0]).toHaveTextContent('共商发展难题 4 次')
  })

  test("a pair's own plan: given to a pair from the list (starting from the default), changed, or returned to the default", async () => {
    signIn(dispatcher)
    const pair = (id: string, agency: string, enterprise: string) => ({
      id,
      kind: 'branch',
      phase: 2,
      agencyBranch: agency,
      enterpriseBranch: enterprise,
      enterpriseId: null,
      enterpriseName: null,
      chainId: null,
      chainName: null,
      startedOn: '2020-07-15',
      endsOn: null,
      goals: '',
      activityCount: 0,
      lastActivityOn: null
    })
    answerBy({
      'pairings.plans': okBody(settings()),
      'pairings.list': okBody([pair('pr-2', '区财政局支部', '永通党支部'), pair('pr-3', '顺德图书馆党支部', '村田智能公司党支部')]),
      'pairings.savePlan': (input) =>
        okBody(settings({ pairs: input.required.length ? [{ pairingId: input.pairingId, title: 'x', required: input.required }] : [] }))
    })
    render(<PlanSettingsView year={YEAR} />)
    fireEvent.click(await screen.findByTestId('add-own-plan'))
    // the pair that already has its own plan is not offered again
    const picks = await screen.findAllByTestId('pick-own-plan')
    expect(picks.map((p) => p.textContent)).toEqual(['顺德图书馆党支部与村田智能公司党支部'])
    fireEvent.click(picks[0])
    const editor = await screen.findByTestId('plan-editor-pr-3')
    expect(within(editor).getByTestId('count-lecture')).toHaveValue('4')
    fireEvent.click(within(editor).getByTestId('plus-development'))
    fireEvent.click(within(editor).getByTestId('save-plan'))
    await waitFor(() => expect(postedTo('pairings.savePlan')).toHaveLength(1))
    expect(postedTo('pairings.savePlan')[0].input).toMatchObject({ pairingId: 'pr-3', year: YEAR })
    expect(postedTo('pairings.savePlan')[0].input.required.find((l: { type: string }) => l.type === 'development')).toEqual({ type: 'development', count: 3 })

    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' }))
    await waitFor(() => expect(screen.getAllByTestId('own-plan')).toHaveLength(1))
    expect(screen.getByTestId('own-plan')).toHaveTextContent('共商发展难题 3 次')
    fireEvent.click(screen.getByTestId('edit-own-plan'))
    fireEvent.click(await screen.findByTestId('plan-use-default'))
    await waitFor(() => expect(postedTo('pairings.savePlan')).toHaveLength(2))
    expect(postedTo('pairings.savePlan')[1].input).toEqual({ pairingId: 'pr-3', year: YEAR, required: [] })
  })

  test('a default line this page does not edit (自选动作) is kept when saving', async () => {
    signIn(dispatcher)
    const withCustom = settings({ defaults: [...settings().defaults, { type: 'custom', count: 2 }] })
    answerBy({ 'pairings.plans': okBody(withCustom), 'pairings.savePlan': (input) => okBody(settings({ defaults: input.required })) })
    render(<PlanSettingsView year={YEAR} />)
    expect(await screen.findByTestId('plan-extras')).toHaveTextContent('另有 自选动作 2 次，保存时保留不变。')
    fireEvent.click(screen.getByTestId('plus-lecture'))
    fireEvent.click(screen.getByTestId('save-plan'))
    await waitFor(() => expect(postedTo('pairings.savePlan')).toHaveLength(1))
    expect(postedTo('pairings.savePlan')[0].input.required).toHaveLength(7)
    expect(postedTo('pairings.savePlan')[0].input.required.at(-1)).toEqual({ type: 'custom', count: 2 })
  })

  test('counts out of range or cleared are refused in Chinese under their line; nothing is sent', async () => {
    signIn(dispatcher)
    answerBy({ 'pairings.plans': okBody(settings()) })
    render(<PlanSettingsView year={YEAR} />)
    fireEvent.change(await screen.findByTestId('count-lecture'), { target: { value: '60' } })
    fireEvent.change(screen.getByTestId('count-position'), { target: { value: '' } })
    fireEvent.click(screen.getByTestId('save-plan'))
    expect(await screen.findByTestId('error-lecture')).toHaveTextContent('每年不超过 52 次')
    expect(screen.getByTestId('error-position')).toHaveTextContent('请填写次数')
    expect(postedTo('pairings.savePlan')).toHaveLength(0)
  })

  test('a year without a default says so; no pair with its own plan is explained; next year can be planned', async () => {
    signIn(admin)
    answerBy({ 'pairings.plans': (input) => okBody(settings({ year: input.year, defaults: [], pairs: [] })) })
    render(<PlanSettingsView />)
    expect(await screen.findByText(`${YEAR}年尚未设置区默认计划，保存后各结对按此计算完成率。`)).toBeInTheDocument()
    expect(screen.getByTestId('count-lecture')).toHaveValue('0')
    expect(screen.getByText('没有结对单独设置计划')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('year-next'))
    await waitFor(() => expect(postedTo('pairings.plans').at(-1)?.input).toEqual({ year: YEAR + 1 }))
    expect(await screen.findByText(`${YEAR + 1}年区默认计划`)).toBeInTheDocument()
  })

  test('a lost answer keeps the request id for 重新保存', async () => {
    signIn(dispatcher)
    let n = 0
    answerBy({
      'pairings.plans': okBody(settings()),
      'pairings.savePlan': (input) => (++n === 1 ? errorBody(503, 'UNAVAILABLE', '服务暂不可用，请稍后重试') : okBody(settings({ defaults: input.required })))
    })
    render(<PlanSettingsView year={YEAR} />)
    fireEvent.click(await screen.findByTestId('plus-lecture'))
    fireEvent.click(screen.getByTestId('save-plan'))
    expect(await screen.findByTestId('plan-failure')).toHaveTextContent('服务暂不可用，请稍后重试')
    fireEvent.click(screen.getByRole('button', { name: '重新保存' }))
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '已保存', icon: 'success' }))
    const ids = postedTo('pairings.savePlan').map((b) => b.requestId)
    expect(ids).toHaveLength(2)
    expect(ids[1]).toBe(ids[0])
  })

  test('not the district: explains; FORBIDDEN from the server is explained', async () => {
    signIn(secretary)
    const { unmount } = render(<PlanSettingsView />)
    expect(screen.getByText('当前身份无权设置年度计划')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
    unmount()
    signIn(dispatcher)
    answerBy({ 'pairings.plans': errorBody(403, 'FORBIDDEN', '年度计划仅调度员可设置') })
    render(<PlanSettingsView />)
    expect(await screen.findByText('年度计划仅调度员可设置')).toBeInTheDocument()
  })
})

describe('helpers and 我的', () => {
  test('years: the page link is read safely; the pace of a past year is complete', () => {
    expect(parseYear('2026')).toBe(2026)
    expect(parseYear('20x6')).toBeUndefined()
    expect(parseYear('1999')).toBeUndefined()
    expect(parseYear(undefined)).toBeUndefined()
    expect(yearElapsed(2020, new Date('2026-03-01T00:00:00Z'))).toBe(1)
    expect(yearElapsed(2030, new Date('2026-03-01T00:00:00Z'))).toBe(0)
    // 1 January, 00:30 in China is still the start of the year there
    expect(yearElapsed(2026, new Date('2025-12-31T16:30:00Z'))).toBeLessThan(0.001)
    expect(currentYear(new Date('2025-12-31T16:30:00Z'))).toBe(2026)
  })

  test.each([
    ['a dispatcher', dispatcher, true],
    ['an administrator', admin, true],
    ['a first secretary', secretary, false]
  ])('我的 offers 结对共建督导 to %s', async (_who, who, shown) => {
    signIn(who)
    answerBy({ 'notices.list': okBody([]), 'accounts.me': okBody(who.user) })
    render(<MeView />)
    await waitFor(() => expect(postedTo('notices.list')).toHaveLength(1))
    await act(async () => undefined)
    const link = screen.queryByTestId('link-pairing-oversight')
    expect(!!link).toBe(shown)
    if (link) {
      fireEvent.click(link)
      expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairing-oversight/dashboard/index' })
    }
  })
})
