import type { Workbook } from 'exceljs'
import type { ExportedFile, FigureRow, FiguresGroupBy, FiguresInput, FiguresReport } from '@contract'
import {
  FIGURE_DEFINITIONS,
  figureRow,
  isEmptyCounts,
  monthCount,
  monthLabel,
  monthOf,
  monthsBetween,
  periodBounds,
  periodLabel,
  shiftMonth,
  sumCounts,
  toCounts,
  type FigureCounts
} from '../../core/reports'
import type { Caller, Ctx } from '../context'
import { AppError, forbidden } from '../errors'
import { hasRole, requireCaller, scopesOf } from '../policy'
import { chainNames, departmentNames, figureCounts, type CountsByKey } from '../../db/repos/reports'
import { displayWidth, newWorkbook, styleHeader, styleTotal, toExportedFile } from '../xlsx'

export { XLSX_MIME } from '../xlsx'

/** The longest period one request may ask for (the 按月 view of three years). */
const MAX_MONTHS = 36
/** 未归链: problems of enterprises outside every chain; their key in the chain grouping. */
export const NO_CHAIN_KEY = ''
const NO_CHAIN_LABEL = '未归链'
const TOTAL_KEY = 'total'
const TOTAL_LABEL = '合计'

interface Scope {
  /** null = district-wide (dispatcher, admin); else the handler's departments. */
  departments: string[] | null
  /** What the figures cover, in Chinese: 全区 or the departments' names. */
  label: string
}

/**
 * Who sees which figures: the dispatcher and the administrator the whole district; a department
 * handler only the rows of their own department(s) (filtered, not refused); everybody else nothing.
 */
function scopeOf(caller: Caller): Omit<Scope, 'label'> {
  if (hasRole(caller, 'dispatcher') || hasRole(caller, 'admin')) return { departments: null }
  const departments = scopesOf(caller, 'handler')
  if (departments.length) return { departments: [...new Set(departments)] }
  throw forbidden('数据看板仅对调度员、管理员和部门经办人开放')
}

async function resolveScope(ctx: Ctx): Promise<Scope & { departmentNames: Map<string, string> }> {
  const scope = scopeOf(requireCaller(ctx.caller))
  const names = new Map((await departmentNames(ctx.q)).map((d) => [d.id, d.name]))
  const label = scope.departments ? scope.departments.map((id) => names.get(id) ?? id).join('、') : '全区'
  return { ...scope, label, departmentNames: names }
}

/** The months asked for: by default the current month in China time (按月: the 12 months up to it). */
function periodOf(input: FiguresInput, groupBy: FiguresGroupBy, now: Date): { from: string; to: string } {
  const to = input.to ?? input.from ?? monthOf(now)
  const from = input.from ?? (groupBy === 'month' ? shiftMonth(to, -11) : to)
  if (from > to) throw new AppError('VALIDATION', '结束月份不能早于开始月份', { to: '结束月份不能早于开始月份' })
  if (monthCount(from, to) > MAX_MONTHS) {
    throw new AppError('VALIDATION', `统计区间最长 ${MAX_MONTHS} 个月`, { from: `统计区间最长 ${MAX_MONTHS} 个月` })
  }
  return { from, to }
}

const byRoutedThenLabel = (a: { counts: FigureCounts; label: string }, b: { counts: FigureCounts; label: string }) =>
  b.counts.routed - a.counts.routed || b.counts.returns - a.counts.returns || a.label.localeCompare(b.label, 'zh-Hans-CN')

/** The rows of one grouping, in the order they are shown, and their total. */
async function buildReport(
  ctx: Ctx,
  scope: Awaited<ReturnType<typeof resolveScope>>,
  groupBy: FiguresGroupBy,
  from: string,
  to: string
): Promise<FiguresReport> {
  const { start, end } = periodBounds(from, to)
  const counts: CountsByKey = await figureCounts(ctx.q, { groupBy, start, end, now: ctx.now, departments: scope.departments })
  const at = (key: string) => counts.get(key) ?? toCounts(undefined)
  let entries: { key: string; label: string; counts: FigureCounts }[]

  if (groupBy === 'department') {
    // every unit with something to show; a handler always sees a row for each of their departments
    const keys = new Set([...counts.keys(), ...(scope.departments ?? [])])
    entries = [...keys]
      .filter((k) => !scope.departments || scope.departments.includes(k))
      .map((key) => ({ key, label: scope.departmentNames.get(key) ?? key, counts: at(key) }))
      .sort(byRoutedThenLabel)
  } else if (groupBy === 'chain') {
    const chains = await chainNames(ctx.q)
    const known = new Set(chains.map((c) => c.id))
    entries = chains
      .map((c) => ({ key: c.id, label: c.name, counts: at(c.id) }))
      // the district sees every chain, quiet ones included; a handler the chains their units worked on
      .filter((e) => !scope.departments || !isEmptyCounts(e.counts))
      .sort(byRoutedThenLabel)
    // a chain deleted since (its problems keep the id) still counts, under its id
    for (const key of counts.keys()) if (key !== NO_CHAIN_KEY && !known.has(key)) entries.push({ key, label: key, counts: at(key) })
    if (counts.has(NO_CHAIN_KEY)) entries.push({ key: NO_CHAIN_KEY, label: NO_CHAIN_LABEL, counts: at(NO_CHAIN_KEY) })
  } else {
    entries = monthsBetween(from, to).map((m) => ({ key: m, label: monthLabel(m), counts: at(m) }))
  }

  return {
    from,
    to,
    groupBy,
    rows: entries.map((e) => figureRow(e.key, e.label, e.counts)),
    total: figureRow(TOTAL_KEY, TOTAL_LABEL, sumCounts(entries.map((e) => e.counts)))
  }
}

async function figures(ctx: Ctx, input: FiguresInput): Promise<FiguresReport> {
  const scope = await resolveScope(ctx)
  const groupBy = input.groupBy ?? 'department'
  const { from, to } = periodOf(input, groupBy, ctx.now)
  return buildReport(ctx, scope, groupBy, from, to)
}

// --- the monthly .xlsx report ------------------------------------------------------------------------

type Kind = 'text' | 'count' | 'rate' | 'average'
interface Column {
  header: string
  kind: Kind
  value: (r: FigureRow) => string | number | null
}

const COLUMNS = (first: string): Column[] => [
  { header: first, kind: 'text', value: (r) => r.label },
  { header: '已派单', kind: 'count', value: (r) => r.routed },
  { header: '应签收', kind: 'count', value: (r) => r.acceptDecided },
  { header: '按时签收', kind: 'count', value: (r) => r.acceptedInTime },
  { header: '响应率', kind: 'rate', value: (r) => r.responseRate },
  { header: '企业确认解决', kind: 'count', value: (r) => r.confirmedSolved },
  { header: '解决率', kind: 'rate', value: (r) => r.solveRate },
  { header: '评价数', kind: 'count', value: (r) => r.rated },
  { header: '满意（4–5星）', kind: 'count', value: (r) => r.satisfied },
  { header: '满意率', kind: 'rate', value: (r) => r.satisfactionRate },
  { header: '平均评分', kind: 'average', value: (r) => r.averageRating },
  { header: '超期督办', kind: 'count', value: (r) => r.overdue },
  { header: '退单', kind: 'count', value: (r) => r.returns },
  { header: '重办', kind: 'count', value: (r) => r.reopened }
]

const NUM_FMT: Record<Kind, string | undefined> = { text: undefined, count: '0', rate: '0.0%', average: '0.00' }

function shown(kind: Kind, v: string | number | null): string {
  if (v === null) return '—'
  if (kind === 'rate') return `${(Number(v) * 100).toFixed(1)}%`
  if (kind === 'average') return Number(v).toFixed(2)
  return String(v)
}

function figuresSheet(wb: Workbook, name: string, first: string, report: FiguresReport): void {
  const columns = COLUMNS(first)
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] })
  ws.addRow(columns.map((c) => c.header))
  const rows = [...report.rows, report.total]
  for (const r of rows) {
    const row = ws.addRow(columns.map((c) => c.value(r) ?? '—'))
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      const fmt = NUM_FMT[c.kind]
      if (fmt && typeof cell.value === 'number') cell.numFmt = fmt
      if (c.kind !== 'text') cell.alignment = { horizontal: 'right' }
    })
  }
  styleTotal(ws, rows.length + 1)
  styleHeader(ws, columns.length)
  columns.forEach((c, i) => {
    const widest = Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(shown(c.kind, c.value(r)))))
    ws.getColumn(i + 1).width = Math.min(Math.max(widest + 2, c.kind === 'text' ? 12 : 8), 44)
  })
}

const pad2 = (n: number) => String(n).padStart(2, '0')
/** 'YYYY-MM-DD HH:mm' on a Shanghai wall clock. */
function shanghaiTime(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3600_000)
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`
}

function notesSheet(wb: Workbook, month: string, monthly: FiguresReport, scope: Scope, now: Date): void {
  const ws = wb.addWorksheet('说明', { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [{ width: 16 }, { width: 28 }, { width: 90 }]
  ws.addRow(['项目', '计算方法', '说明'])
  const rows: [string, string, string][] = [
    ['报表', `链上通月报（${monthLabel(month)}）`, '“按部门”“按产业链”两张表统计本月，“按月”一张表统计截至本月的近 12 个月。'],
    ['统计范围', scope.label, scope.departments ? '部门经办人导出的报表只含本部门牵头承办的诉求和本部门的退单。' : '全区所有承办单位。'],
    ['生成时间', `${shanghaiTime(now)}（北京时间）`, '数据为生成时刻的状态：之后签收、评价的诉求会改变当月数字。'],
    ['按月', periodLabel(monthly.from, monthly.to), '诉求按提交时间（北京时间）归入月份；退单按退单发生的时间归入月份。'],
    ['按部门', '当前牵头承办单位', '诉求计入当前牵头承办单位（转办后计入新单位）；退单计入退单的单位。'],
    ['按产业链', '诉求所属产业链', `企业不属于任何产业链的诉求计入“${NO_CHAIN_LABEL}”。`],
    ['合并诉求', '只计链级问题', '多家企业反映的同一问题合并为链级问题后，只计链级问题一次，不计被合并的各条诉求。'],
    ['“—”', '分母为 0', '没有可计算的诉求时比率显示为“—”，不是 0% 或 100%。'],
    ...FIGURE_DEFINITIONS.map((d): [string, string, string] => [d.name, d.formula, d.note])
  ]
  for (const r of rows) {
    const row = ws.addRow(r)
    row.alignment = { vertical: 'top', wrapText: true }
    row.getCell(1).font = { bold: true }
  }
  styleHeader(ws, 3)
}

async function exportMonthly(ctx: Ctx, input: { month: string }): Promise<ExportedFile> {
  const scope = await resolveScope(ctx)
  const { month } = input
  const [byDepartment, byChain, byMonth] = [
    await buildReport(ctx, scope, 'department', month, month),
    await buildReport(ctx, scope, 'chain', month, month),
    await buildReport(ctx, scope, 'month', shiftMonth(month, -11), month)
  ]
  const wb = newWorkbook(`链上通月报 ${monthLabel(month)}`, ctx.now)
  figuresSheet(wb, '按部门', '部门', byDepartment)
  figuresSheet(wb, '按产业链', '产业链', byChain)
  figuresSheet(wb, '按月', '月份', byMonth)
  notesSheet(wb, month, byMonth, scope, ctx.now)
  return toExportedFile(wb, `链上通月报-${month}.xlsx`)
}

export const reports = { figures, exportMonthly }
