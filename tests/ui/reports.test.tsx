import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { Session } from '@contract/accounts'
import type { FigureRow, FiguresReport } from '@contract/reports'
import { ReportsDashboard } from '@/features/reports/ReportsDashboard'
import { currentMonth, monthLabel, shiftMonth } from '@/features/reports/month'
import Taro, { ENV_TYPE, getEnv, request, showToast, switchTab } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'

const dispatcher: Session = { token: 'tok-d', user: { id: 'u-d', name: '黄振华', roles: [{ role: 'dispatcher', scopeId: null, scopeName: null }] } }
const handler: Session = {
  token: 'tok-h',
  user: { id: 'u-h', name: '何嘉欣', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }] }
}
const enterprise: Session = { token: 'tok-e', user: { id: 'u-e', name: '陈晓敏', roles: [{ role: 'enterprise', scopeId: 'e-murata', scopeName: '村田' }] } }

const MONTH = currentMonth()

const figureRow = (key: string, label: string, changes: Partial<FigureRow> = {}): FigureRow => ({
  key,
  label,
  routed: 0,
  acceptDecided: 0,
  acceptedInTime: 0,
  responseRate: null,
  confirmedSolved: 0,
  solveRate: null,
  rated: 0,
  satisfied: 0,
  satisfactionRate: null,
  averageRating: null,
  overdue: 0,
  returns: 0,
  reopened: 0,
  ...changes
})

const hrRow = figureRow('hr', '区民政和人力资源社会保障局', {
  routed: 4,
  acceptDecided: 4,
  acceptedInTime: 3,
  responseRate: 0.75,
  confirmedSolved: 1,
  solveRate: 0.25,
  rated: 2,
  satisfied: 1,
  satisfactionRate: 0.5,
  averageRating: 3.5,
  overdue: 1,
  returns: 2,
  reopened: 1
})
// a unit that bounced a problem and has none left: counts, but “—” rates
const educationRow = figureRow('education', '区教育局', { returns: 1 })
// problems routed moments ago, none accepted yet: nothing decided, so 响应率 is “—”, not 0%
const financeRow = figureRow('finance', '区金融工作部门', { routed: 2, solveRate: 0 })

const report = (groupBy: FiguresReport['groupBy'], rows: FigureRow[], from = MONTH, to = MONTH): FiguresReport => ({
  from,
  to,
  groupBy,
  rows,
  total: figureRow('total', '合计', { ...hrRow, key: 'total', label: '合计', returns: 3 })
})

beforeEach(() => {
  resetAll()
  getEnv.mockImplementation(() => ENV_TYPE.WEB)
})

describe('who may see the dashboard', () => {
  test('signed out: asks to sign in, loads nothing', () => {
    render(<ReportsDashboard />)
    expect(screen.getByText('请先登录')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: '去「我的」' }))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  test('enterprise staff: explains who it is for', () => {
    signIn(enterprise)
    render(<ReportsDashboard />)
    expect(screen.getByText('当前身份无权查看数据看板')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
  })
})

describe('the figures', () => {
  test('the month’s total, a row per department with bars, “—” for nothing to count, and the definitions', async () => {
    signIn(dispatcher)
    answerBy({ 'reports.figures': okBody(report('department', [hrRow, educationRow, financeRow])) })
    render(<ReportsDashboard />)
    expect(screen.getByText('正在统计…')).toBeInTheDocument()
    await screen.findByText('区民政和人力资源社会保障局')
    expect(postedTo('reports.figures')[0].input).toEqual({ groupBy: 'department', from: MONTH, to: MONTH })
    expect(screen.getByTestId('month-label')).toHaveTextContent(monthLabel(MONTH))
    expect(screen.getByText(/^全区 · /)).toBeInTheDocument()

    const summary = screen.getByTestId('summary')
    expect(within(screen.getByTestId('total-responseRate')).getByText('75.0%')).toBeInTheDocument()
    expect(within(screen.getByTestId('total-solveRate')).getByText('确认解决 1 / 派单 4')).toBeInTheDocument()
    expect(within(summary).getByText('退单 3')).toBeInTheDocument()
    // 响应率 is over the problems whose 签收 is decided, and says so
    expect(within(screen.getByTestId('total-responseRate')).getByText('按时签收 3 / 应签收 4')).toBeInTheDocument()
    expect(within(summary).getByTestId('total-accept-decided')).toHaveTextContent('应签收 4')

    const [hr, education, finance] = screen.getAllByTestId('row')
    expect(within(hr).getByTestId('accept-decided')).toHaveTextContent('应签收 4')
    expect(within(hr).getByTestId('accept-decided-col')).toHaveTextContent('4')
    expect(within(hr).getByTestId('rate-responseRate')).toHaveTextContent('75.0%')
    expect(within(hr).getByTestId('rate-solveRate')).toHaveTextContent('25.0%')
    expect(within(hr).getByTestId('overdue')).toHaveTextContent('超期督办 1')
    expect(within(hr).getByTestId('returns')).toHaveTextContent('退单 2')
    expect(within(hr).getByText('平均 3.5 星')).toBeInTheDocument()
    const bar = within(hr).getByTestId('rate-responseRate').querySelector('.rp-rate__fill') as HTMLElement
    expect(bar.style.width).toBe('75%')

    expect(within(education).getByText('区教育局')).toBeInTheDocument()
    for (const key of ['responseRate', 'solveRate', 'satisfactionRate']) {
      expect(within(education).getByTestId(`rate-${key}`)).toHaveTextContent('—')
      expect(within(education).getByTestId(`rate-${key}`).querySelector('.rp-rate__fill')).toBeNull()
    }
    expect(within(education).getByTestId('returns')).toHaveTextContent('退单 1')

    expect(within(finance).getByTestId('accept-decided')).toHaveTextContent('应签收 0')
    expect(within(finance).getByTestId('rate-responseRate')).toHaveTextContent('—')
    expect(within(finance).getByTestId('rate-solveRate')).toHaveTextContent('0.0%')

    const defs = screen.getByTestId('definitions')
    expect(within(defs).getByText(/只有提出诉求的企业评价“已解决”才计入/)).toBeInTheDocument()
    expect(within(defs).getByText(/^按时签收数 ÷ 应签收数/)).toBeInTheDocument()
    expect(within(defs).getByText(/还在签收期限内的不计入，不会拉低响应率/)).toBeInTheDocument()
  })

  test('按月 asks for the 12 months up to the chosen month, newest first; the month picker moves the period', async () => {
    signIn(dispatcher)
    const from = shiftMonth(MONTH, -11)
    const { key: _k, label: _l, ...hrCounts } = hrRow
    const months = Array.from({ length: 12 }, (_, i) => figureRow(shiftMonth(from, i), monthLabel(shiftMonth(from, i)), i === 11 ? hrCounts : {}))
    answerBy({
      'reports.figures': (input) =>
        okBody(input.groupBy === 'month' ? report('month', months, input.from, input.to) : report(input.groupBy, [hrRow], input.from, input.to))
    })
    render(<ReportsDashboard />)
    await screen.findByText('区民政和人力资源社会保障局')

    fireEvent.click(screen.getByTestId('tab-month'))
    await waitFor(() => expect(screen.getAllByTestId('row')).toHaveLength(12))
    expect(postedTo('reports.figures')[1].input).toEqual({ groupBy: 'month', from, to: MONTH })
    expect(screen.getAllByTestId('row')[0]).toHaveAttribute('data-key', MONTH)
    expect(screen.getByTestId('summary')).toHaveTextContent(`${monthLabel(from)}—${monthLabel(MONTH)}`)

    // the newest month cannot go forward; back one month asks again
    fireEvent.click(screen.getByTestId('month-next'))
    expect(postedTo('reports.figures')).toHaveLength(2)
    fireEvent.click(screen.getByTestId('month-prev'))
    await waitFor(() => expect(postedTo('reports.figures')).toHaveLength(3))
    expect(postedTo('reports.figures')[2].input).toEqual({ groupBy: 'month', from: shiftMonth(MONTH, -12), to: shiftMonth(MONTH, -1) })

    // picking a month from the list
    fireEvent.change(screen.getByTestId('picker-统计月份'), { target: { value: '3' } })
    await waitFor(() => expect(postedTo('reports.figures')).toHaveLength(4))
    expect(postedTo('reports.figures')[3].input).toMatchObject({ to: shiftMonth(MONTH, -3) })
  })

  test('a period with nothing: says so and offers the month before', async () => {
    signIn(dispatcher)
    answerBy({ 'reports.figures': okBody({ ...report('chain', [figureRow('robotics', '机器人')]), total: figureRow('total', '合计') }) })
    render(<ReportsDashboard />)
    expect(await screen.findByText(`${monthLabel(MONTH)}没有诉求数据`)).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '看上个月' }))
    await waitFor(() => expect(postedTo('reports.figures')).toHaveLength(2))
    expect(postedTo('reports.figures')[1].input).toMatchObject({ from: shiftMonth(MONTH, -1) })
  })

  test('a failure shows the message and 重试 asks again', async () => {
    signIn(dispatcher)
    request.mockResolvedValueOnce(errorBody(503, 'UNAVAILABLE', '服务暂时不可用，请稍后再试')).mockResolvedValueOnce(okBody(report('department', [hrRow])))
    render(<ReportsDashboard />)
    expect(await screen.findByText('服务暂时不可用，请稍后再试')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findByText('区民政和人力资源社会保障局')).toBeInTheDocument()
  })

  test('a department handler sees their department named as the scope', async () => {
    signIn(handler)
    answerBy({ 'reports.figures': okBody(report('department', [hrRow])) })
    render(<ReportsDashboard />)
    await screen.findAllByText('区民政和人力资源社会保障局')
    expect(screen.getByText(/^区民政和人力资源社会保障局 · 诉求按提交月份/)).toBeInTheDocument()
  })
})

describe('导出月报', () => {
  // "PK" — the first bytes of a zip (an .xlsx)
  const file = { fileName: `链上通月报-${MONTH}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBA==' }
  const exportButton = () => screen.getByRole('button', { name: '导出月报' })

  test('on H5 the browser downloads the file under its name', async () => {
    signIn(dispatcher)
    answerBy({ 'reports.figures': okBody(report('department', [hrRow])), 'reports.exportMonthly': okBody(file) })
    const blobs: Blob[] = []
    const createObjectURL = jest.fn((b: Blob) => {
      blobs.push(b)
      return 'blob:report'
    })
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() })
    const clicked: { href: string; download: string }[] = []
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download })
    })
    render(<ReportsDashboard />)
    await screen.findByText('区民政和人力资源社会保障局')
    fireEvent.click(exportButton())
    expect(await screen.findByRole('button', { name: '正在导出…' })).toHaveAttribute('aria-disabled', 'true')
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '月报已下载', icon: 'success' }))
    expect(screen.getByRole('button', { name: '导出月报' })).toBeInTheDocument()
    expect(postedTo('reports.exportMonthly')[0].input).toEqual({ month: MONTH })
    expect(clicked).toEqual([{ href: 'blob:report', download: `链上通月报-${MONTH}.xlsx` }])
    expect(blobs[0].type).toBe(file.mimeType)
    expect(blobs[0].size).toBe(4)
    click.mockRestore()
  })

  test('in the mini program it is written to the user folder and opened with the share menu', async () => {
    signIn(dispatcher)
    getEnv.mockImplementation(() => ENV_TYPE.WEAPP)
    answerBy({ 'reports.figures': okBody(report('department', [hrRow])), 'reports.exportMonthly': okBody(file) })
    const writeFile = jest.fn((o: { success: () => void }) => o.success())
    const openDocument = jest.fn(() => Promise.resolve({ errMsg: 'openDocument:ok' }))
    Object.assign(Taro, { env: { USER_DATA_PATH: 'wxfile://usr' }, getFileSystemManager: () => ({ writeFile }), openDocument })
    render(<ReportsDashboard />)
    await screen.findByText('区民政和人力资源社会保障局')
    fireEvent.click(exportButton())
    await waitFor(() => expect(openDocument).toHaveBeenCalled())
    const path = `wxfile://usr/链上通月报-${MONTH}.xlsx`
    expect(writeFile).toHaveBeenCalledWith(expect.objectContaining({ filePath: path, data: file.base64, encoding: 'base64' }))
    expect(openDocument).toHaveBeenCalledWith({ filePath: path, fileType: 'xlsx', showMenu: true })
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '月报已生成', icon: 'success' }))
  })

  test('a refused export says why', async () => {
    signIn(dispatcher)
    answerBy({ 'reports.figures': okBody(report('department', [hrRow])), 'reports.exportMonthly': errorBody(403, 'FORBIDDEN', '数据看板仅对调度员、管理员和部门经办人开放') })
    render(<ReportsDashboard />)
    await screen.findByText('区民政和人力资源社会保障局')
    fireEvent.click(exportButton())
    await waitFor(() => expect(showToast).toHaveBeenCalledWith({ title: '数据看板仅对调度员、管理员和部门经办人开放', icon: 'none' }))
  })
})
