import ExcelJS from 'exceljs'
import { runSweep } from '../../cloudfunctions/app/sweeper'
import { openHarness, unwrap, type Harness } from '../support/harness'
import type { FigureRow, FiguresInput, FiguresReport, FlowActionInput, ProblemDetail } from '@contract'

let h: Harness
let murata: string // 陈晓敏, 广东村田智能科技有限公司 (智能家电)
let renxin: string // an enterprise on no chain
let kuka: string // 机器人
let hr: string
let education: string
let dispatcher: string
let admin: string

beforeAll(async () => {
  h = await openHarness()
  murata = await h.signIn('enterprise')
  renxin = await h.person('enterprise', 'e-renxin')
  kuka = await h.person('enterprise', 'e-kuka')
  hr = await h.signIn('handler')
  education = await h.person('handler', 'education')
  dispatcher = await h.signIn('dispatcher')
  admin = await h.signIn('admin')
})
afterAll(() => h.close())

const recruit = (enterpriseId = 'e-murata', title = '新厂区急需招聘焊工') => ({
  title,
  content: '新厂区下月投产，焊工缺口约 50 人，希望对接区里的招聘会，并了解技能培训补贴。',
  category: 'recruitment' as const,
  enterpriseId
})

const file = async (as: string, enterpriseId?: string, title?: string): Promise<ProblemDetail> =>
  unwrap(await h.call('problems', 'file', recruit(enterpriseId, title), { as }))
const ok = async (as: string, id: string, action: FlowActionInput): Promise<ProblemDetail> =>
  unwrap(await h.call('problems', 'act', { id, action }, { as }))
const figures = async (as: string, input: FiguresInput): Promise<FiguresReport> => unwrap(await h.call('reports', 'figures', input, { as }))
const row = (r: FiguresReport, key: string): FigureRow | undefined => r.rows.find((x) => x.key === key)
const reply = { type: 'reply', content: '已将贵司列入下周专场招聘会，并安排技能培训补贴申报辅导。' } as const

// Monday 2026-03-02, 10:00 in China; accept deadline: end of Tuesday 03-03
const MARCH_MONDAY = new Date('2026-03-02T02:00:00Z')
const MARCH = { from: '2026-03', to: '2026-03', groupBy: 'department' } as const

describe('per department (March 2026)', () => {
  const ids: Record<string, string> = {}

  test('the unit answering never moves the solve rate: only the filer confirming it does', async () => {
    h.clock.now = MARCH_MONDAY
    const p = await file(murata)
    expect(p.leadDepartmentId).toBe('hr')
    ids.solved = p.id
    await ok(hr, p.id, { type: 'accept' })
    expect((await ok(hr, p.id, reply)).status).toBe('replied')

    const answered = row(await figures(dispatcher, MARCH), 'hr')
    expect(answered).toMatchObject({ label: '区民政和人力资源社会保障局', routed: 1, acceptDecided: 1, acceptedInTime: 1, responseRate: 1, confirmedSolved: 0, solveRate: 0, rated: 0, satisfactionRate: null })

    await ok(murata, p.id, { type: 'evaluate', solved: true, rating: 5, comment: '很及时' })
    const confirmed = row(await figures(dispatcher, MARCH), 'hr')
    expect(confirmed).toMatchObject({ routed: 1, confirmedSolved: 1, solveRate: 1, rated: 1, satisfied: 1, satisfactionRate: 1, averageRating: 5 })
  })

  test('not solved: rated but not solved, and counted as 重办', async () => {
    h.clock.now = MARCH_MONDAY
    const p = await file(murata)
    ids.reopened = p.id
    await ok(hr, p.id, { type: 'accept' })
    await ok(hr, p.id, reply)
    await ok(murata, p.id, { type: 'evaluate', solved: false, rating: 2, comment: '还没有对接上' })
    expect(row(await figures(dispatcher, MARCH), 'hr')).toMatchObject({
      routed: 2,
      acceptDecided: 2,
      acceptedInTime: 2,
      confirmedSolved: 1,
      solveRate: 0.5,
      rated: 2,
      satisfied: 1,
      satisfactionRate: 0.5,
      averageRating: 3.5,
      reopened: 1
    })
  })

  test('a bounce counts for the unit that bounced it; the problem, and its late acceptance, for the unit it went to', async () => {
    h.clock.now = MARCH_MONDAY
    const p = await file(murata)
    ids.bounced = p.id
    await ok(hr, p.id, { type: 'return', reason: '涉及员工子女入学，非本局职责' })
    await ok(dispatcher, p.id, { type: 'reroute', departmentId: 'education', reason: '转教育局办理' })
    // Thursday: the new unit's accept deadline (end of Tuesday) has passed
    h.clock.now = new Date('2026-03-05T02:00:00Z')
    await ok(education, p.id, { type: 'accept' })

    const r = await figures(dispatcher, MARCH)
    expect(row(r, 'hr')).toMatchObject({ routed: 2, returns: 1 })
    expect(row(r, 'education')).toMatchObject({ routed: 1, acceptDecided: 1, acceptedInTime: 0, responseRate: 0, returns: 0, solveRate: 0 })
  })

  test('overdue by unit: a problem the sweeper supervised', async () => {
    h.clock.now = MARCH_MONDAY
    const p = await file(murata)
    ids.overdue = p.id
    h.clock.now = new Date('2026-03-04T02:00:00Z')
    expect((await runSweep(h.deps)).escalations).toBeGreaterThan(0)

    const r = await figures(dispatcher, MARCH)
    // the unaccepted one is past its accept deadline: decided, and it lowers 响应率
    expect(row(r, 'hr')).toMatchObject({ routed: 3, acceptDecided: 3, acceptedInTime: 2, responseRate: 0.6667, overdue: 1, returns: 1 })
    // the total adds the counts and computes its own rates
    expect(r.total).toMatchObject({ key: 'total', label: '合计', routed: 4, acceptDecided: 4, acceptedInTime: 2, responseRate: 0.5, confirmedSolved: 1, solveRate: 0.25, returns: 1, overdue: 1 })
    expect(r).toMatchObject({ from: '2026-03', to: '2026-03', groupBy: 'department' })
    // busiest unit first
    expect(r.rows.map((x) => x.key)).toEqual(['hr', 'education'])
  })

  test('a department handler sees only their own department, district-wide roles see all', async () => {
    const mine = await figures(hr, MARCH)
    expect(mine.rows.map((x) => x.key)).toEqual(['hr'])
    expect(mine.total).toMatchObject({ routed: 3, returns: 1 })
    const theirs = await figures(education, MARCH)
    expect(theirs.rows.map((x) => x.key)).toEqual(['education'])
    expect(theirs.total.returns).toBe(0)
    // by chain and by month too: only their own problems
    const chains = await figures(education, { ...MARCH, groupBy: 'chain' })
    expect(chains.rows.map((x) => [x.key, x.routed])).toEqual([['smart_appliance', 1]])
    expect((await figures(admin, MARCH)).rows.map((x) => x.key)).toEqual(['hr', 'education'])
  })

  test('a handler with nothing in the period still gets their row, with “—” rates', async () => {
    const finance = await h.person('handler', 'finance')
    const r = await figures(finance, MARCH)
    expect(r.rows).toHaveLength(1)
    expect(r.rows[0]).toMatchObject({ key: 'finance', label: '区金融工作部门', routed: 0, responseRate: null, solveRate: null, satisfactionRate: null, averageRating: null })
  })
})

// Monday 2026-04-13, 10:00 in China (after 清明)
const APRIL_MONDAY = new Date('2026-04-13T02:00:00Z')
const APRIL = { from: '2026-04', to: '2026-04' } as const

describe('per chain (April 2026)', () => {
  test('chains, 未归链, the Shanghai month boundary, and merged problems counted once', async () => {
    // 2026-03-31 17:00 UTC is 04-01 01:00 in China: an April problem
    h.clock.now = new Date('2026-03-31T17:00:00Z')
    const edge = await file(murata)
    h.clock.now = APRIL_MONDAY
    const noChain = await file(renxin, 'e-renxin')
    expect(noChain.chainId).toBeNull()
    const a = await file(kuka, 'e-kuka', '机器人产线焊工招不到人')
    const b = await file(murata, 'e-murata', '家电产线焊工招不到人')
    const merged = unwrap(await h.call('problems', 'merge', { problemIds: [a.id, b.id], title: '多家企业焊工招聘难' }, { as: dispatcher }))
    expect(merged.chainLevel).toBe(true)

    const r = await figures(dispatcher, { ...APRIL, groupBy: 'chain' })
    // the district sees every chain, quiet ones with “—”
    expect(r.rows.length).toBeGreaterThanOrEqual(5)
    const appliance = row(r, 'smart_appliance')
    expect(appliance).toMatchObject({ label: '智能家电' })
    const robotics = row(r, 'robotics')
    // edge + the chain-level item (filed under the first member's chain) — the two members are not counted
    const chainOf = merged.chainId
    expect(chainOf === 'robotics' || chainOf === 'smart_appliance').toBe(true)
    expect((appliance?.routed ?? 0) + (robotics?.routed ?? 0)).toBe(2)
    expect(row(r, chainOf as string)?.routed).toBe(chainOf === 'smart_appliance' ? 2 : 1)
    // filed moments ago and not yet accepted: routed, but not yet in 响应率 (“—”, not 0%)
    expect(row(r, '')).toMatchObject({ label: '未归链', routed: 1, acceptDecided: 0, responseRate: null })
    expect(r.rows[r.rows.length - 1].label).toBe('未归链')
    expect(row(r, 'prepared_food')).toMatchObject({ routed: 0, responseRate: null })
    expect(r.total.routed).toBe(3)

    const march = await figures(dispatcher, { from: '2026-03', to: '2026-03', groupBy: 'chain' })
    expect(march.total.routed).toBe(4)
    expect(row(march, 'smart_appliance')?.routed).toBe(4)
    expect(edge.createdAt).toBe('2026-03-31T17:00:00.000Z')
  })
})

describe('per month, empty periods, defaults and refusals', () => {
  beforeEach(() => {
    h.clock.now = APRIL_MONDAY
  })

  test('every month of the range has a row; empty months have “—” rates, not 0% or 100%', async () => {
    const r = await figures(dispatcher, { from: '2026-01', to: '2026-04', groupBy: 'month' })
    expect(r.rows.map((x) => x.key)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04'])
    expect(r.rows.map((x) => x.label)).toEqual(['2026年1月', '2026年2月', '2026年3月', '2026年4月'])
    for (const empty of r.rows.slice(0, 2)) {
      expect(empty).toMatchObject({ routed: 0, responseRate: null, solveRate: null, satisfactionRate: null, averageRating: null, returns: 0 })
    }
    expect(row(r, '2026-03')).toMatchObject({ routed: 4, returns: 1, solveRate: 0.25 })
    expect(row(r, '2026-04')?.routed).toBe(3)
    expect(r.total.routed).toBe(7)
  })

  test('a period with nothing at all: no department rows, a total of “—”', async () => {
    const r = await figures(dispatcher, { from: '2025-06', to: '2025-06' })
    expect(r.rows).toEqual([])
    expect(r.total).toMatchObject({ routed: 0, responseRate: null, solveRate: null, satisfactionRate: null, averageRating: null })
  })

  test('by default: the current month in China time; 按月 the 12 months up to it', async () => {
    // 2026-10-31 16:30 UTC is already 11-01 in China
    h.clock.now = new Date('2026-10-31T16:30:00Z')
    const d = await figures(dispatcher, {})
    expect(d).toMatchObject({ from: '2026-11', to: '2026-11', groupBy: 'department' })
    const m = await figures(dispatcher, { groupBy: 'month' })
    expect(m).toMatchObject({ from: '2025-12', to: '2026-11' })
    expect(m.rows).toHaveLength(12)
    expect(m.total.routed).toBe(7)
  })

  test('a backwards or too long range is refused with a Chinese message', async () => {
    const back = await h.call('reports', 'figures', { from: '2026-05', to: '2026-03' }, { as: dispatcher })
    expect(back.ok || back.error).toMatchObject({ code: 'VALIDATION', message: '结束月份不能早于开始月份' })
    const long = await h.call('reports', 'figures', { from: '2020-01', to: '2026-03', groupBy: 'month' }, { as: dispatcher })
    expect(long.ok || long.error.code).toBe('VALIDATION')
    const bad = await h.call('reports', 'figures', { from: '2026-13' } as never, { as: dispatcher })
    expect(bad.ok || bad.error.code).toBe('VALIDATION')
  })

  test('enterprise staff are refused; signed-out callers must sign in', async () => {
    const r = await h.call('reports', 'figures', {}, { as: murata })
    expect(r.ok || r.error.code).toBe('FORBIDDEN')
    const x = await h.call('reports', 'exportMonthly', { month: '2026-03' }, { as: murata })
    expect(x.ok || x.error.code).toBe('FORBIDDEN')
    const anon = await h.call('reports', 'figures', {}, { as: null })
    expect(anon.ok || anon.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('the monthly .xlsx report', () => {
  beforeEach(() => {
    h.clock.now = APRIL_MONDAY
  })

  const read = async (base64: string) => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
    return wb
  }
  const values = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1)
  const find = (ws: ExcelJS.Worksheet, label: string) => {
    for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === label) return ws.getRow(r)
    throw new Error(`no row ${label} in ${ws.name}`)
  }

  test('four sheets with Chinese headers, rates as percentages, a frozen header', async () => {
    const file = unwrap(await h.call('reports', 'exportMonthly', { month: '2026-03' }, { as: dispatcher }))
    expect(file.fileName).toBe('链上通月报-2026-03.xlsx')
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const wb = await read(file.base64)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按部门', '按产业链', '按月', '说明'])

    const dept = wb.getWorksheet('按部门') as ExcelJS.Worksheet
    expect(values(dept, 1)).toEqual(['部门', '已派单', '应签收', '按时签收', '响应率', '企业确认解决', '解决率', '评价数', '满意（4–5星）', '满意率', '平均评分', '超期督办', '退单', '重办'])
    expect(dept.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    const hrRow = find(dept, '区民政和人力资源社会保障局')
    expect(hrRow.getCell(2).value).toBe(3)
    expect(hrRow.getCell(3).value).toBe(3)
    expect(hrRow.getCell(3).numFmt).toBe('0')
    expect(hrRow.getCell(5).value).toBeCloseTo(0.6667)
    expect(hrRow.getCell(5).numFmt).toBe('0.0%')
    expect(hrRow.getCell(13).value).toBe(1)
    expect(find(dept, '合计').getCell(2).value).toBe(4)
    expect(dept.getColumn(1).width).toBeGreaterThanOrEqual(24)

    const months = wb.getWorksheet('按月') as ExcelJS.Worksheet
    expect(months.getRow(2).getCell(1).value).toBe('2025年4月')
    expect(months.rowCount).toBe(14) // header, 12 months, 合计
    // an empty month shows “—”, not 0%
    expect(find(months, '2026年1月').getCell(5).value).toBe('—')
    expect(find(months, '2026年3月').getCell(7).value).toBe(0.25)

    const chains = wb.getWorksheet('按产业链') as ExcelJS.Worksheet
    expect(find(chains, '智能家电').getCell(2).value).toBe(4)

    const notes = wb.getWorksheet('说明') as ExcelJS.Worksheet
    const text = notes.getSheetValues().flat().filter((v) => typeof v === 'string').join('\n')
    expect(text).toContain('企业确认解决数 ÷ 已派单数')
    expect(text).toContain('按时签收数 ÷ 应签收数')
    expect(text).toContain('全区')
  })

  test("a handler's report holds only their department", async () => {
    const file = unwrap(await h.call('reports', 'exportMonthly', { month: '2026-03' }, { as: education }))
    const wb = await read(file.base64)
    const dept = wb.getWorksheet('按部门') as ExcelJS.Worksheet
    expect(dept.rowCount).toBe(3)
    expect(dept.getRow(2).getCell(1).value).toBe('区教育局')
    const notes = wb.getWorksheet('说明') as ExcelJS.Worksheet
    expect(notes.getRow(3).getCell(2).value).toBe('区教育局')
  })
})

// Monday 2026-06-01, 10:00 in China
const JUNE_MONDAY = new Date('2026-06-01T02:00:00Z')
const JUNE = { from: '2026-06', to: '2026-06', groupBy: 'department' } as const

describe('响应率 counts only problems whose acceptance is decided (June 2026)', () => {
  const ids: Record<string, string> = {}

  test('a problem routed moments ago does not lower 响应率', async () => {
    h.clock.now = JUNE_MONDAY
    const accepted = await file(murata)
    expect(accepted.leadDepartmentId).toBe('hr')
    await ok(hr, accepted.id, { type: 'accept' })
    h.clock.now = new Date(JUNE_MONDAY.getTime() + 60_000)
    const fresh = await file(murata)
    expect(fresh).toMatchObject({ leadDepartmentId: 'hr', status: 'routed' })
    ids.fresh = fresh.id
    ids.freshDue = fresh.acceptDue as string

    h.clock.now = new Date(JUNE_MONDAY.getTime() + 2 * 60_000)
    const r = await figures(dispatcher, JUNE)
    expect(row(r, 'hr')).toMatchObject({ routed: 2, acceptDecided: 1, acceptedInTime: 1, responseRate: 1 })
    expect(r.total).toMatchObject({ routed: 2, acceptDecided: 1, responseRate: 1 })
  })

  test('one whose accept deadline passed unaccepted does — without waiting for the sweeper', async () => {
    const due = new Date(ids.freshDue)
    h.clock.now = due
    // at the deadline itself it is still open
    expect(row(await figures(dispatcher, JUNE), 'hr')).toMatchObject({ acceptDecided: 1, responseRate: 1 })
    h.clock.now = new Date(due.getTime() + 1000)
    expect(row(await figures(dispatcher, JUNE), 'hr')).toMatchObject({ routed: 2, acceptDecided: 2, acceptedInTime: 1, responseRate: 0.5 })

    // the sweeper's 督办 and a late 签收 change nothing: still decided, still not in time
    await runSweep(h.deps)
    expect(row(await figures(dispatcher, JUNE), 'hr')).toMatchObject({ acceptDecided: 2, responseRate: 0.5, overdue: 1 })
    await ok(hr, ids.fresh, { type: 'accept' })
    expect(row(await figures(dispatcher, JUNE), 'hr')).toMatchObject({ acceptDecided: 2, acceptedInTime: 1, responseRate: 0.5 })
  })
})
