import type { Worksheet } from 'exceljs'
import { ACTIVITY_TYPES, type ExportedFile, type Oversight, type OversightRow, type PlanSettings } from '@contract'
import { chinaDateTimeText, daysBetween, pairingTitle, planProgress, shanghaiDate } from '../../../core'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { displayWidth, newWorkbook, styleHeader, styleTotal, toExportedFile } from '../../xlsx'
import { requireDistrict } from './plans'
import { activityCountsOfYear, attendanceOfYear, lastActivities, pairsOfYear } from '../../../db/repos/oversight'
import { planOf, planSettings, plansForYear } from '../../../db/repos/plans'
import { pairProblemCounts } from '../../../db/repos/pairing-problems'

/** A pair with no activity held in this many days up to today (today included), or none ever, is inactive. */
export const INACTIVE_DAYS = 60

export function isInactive(lastActivityOn: string | null, today: string): boolean {
  return lastActivityOn === null || daysBetween(lastActivityOn, today) >= INACTIVE_DAYS
}

/**
 * One row per pair whose term overlaps the year: its activities of the year by type, completion of the plan
 * it follows (its own or the default; 青蓝 pairs have none), problems solved (derived from the problems),
 * sign-ins at the year's activities, and whether it has gone quiet (relative to today, China date).
 */
async function buildOversight(ctx: Ctx, year: number): Promise<Oversight> {
  const today = shanghaiDate(ctx.now)
  const pairs = await pairsOfYear(ctx.q, year)
  const ids = pairs.map((p) => p.id)
  const [counts, attendance, last, plans, problems] = [
    await activityCountsOfYear(ctx.q, year),
    await attendanceOfYear(ctx.q, year),
    await lastActivities(ctx.q, today),
    await plansForYear(ctx.q, year),
    await pairProblemCounts(ctx.q, ids)
  ]
  const rows: OversightRow[] = pairs
    .map((p) => {
      const byType = counts.get(p.id) ?? {}
      const lastActivityOn = last.get(p.id) ?? null
      return {
        pairingId: p.id,
        title: pairingTitle(p),
        kind: p.kind,
        phase: p.phase,
        chainName: p.chainName,
        activitiesByType: byType,
        activities: Object.values(byType).reduce((n, c) => n + (c ?? 0), 0),
        completion: planProgress(year, planOf(plans, p), byType, today)?.completion ?? null,
        problemsSolved: problems.get(p.id)?.solved ?? 0,
        attendance: attendance.get(p.id) ?? 0,
        lastActivityOn,
        inactive: isInactive(lastActivityOn, today)
      }
    })
    // 政企结对 before 青蓝结对, the latest phase first, then by name
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'branch' ? -1 : 1) || b.phase - a.phase || a.title.localeCompare(b.title, 'zh-Hans-CN'))
  const sum = (f: (r: OversightRow) => number) => rows.reduce((n, r) => n + f(r), 0)
  return {
    year,
    rows,
    totals: {
      pairs: rows.length,
      activities: sum((r) => r.activities),
      attendance: sum((r) => r.attendance),
      problemsSolved: sum((r) => r.problemsSolved),
      inactive: sum((r) => (r.inactive ? 1 : 0))
    }
  }
}

async function oversightOf(ctx: Ctx, input: { year: number }): Promise<Oversight> {
  requireDistrict(ctx, '结对共建情况')
  return buildOversight(ctx, input.year)
}

// --- the .xlsx ----------------------------------------------------------------------------------------

const KIND_LABEL = { branch: '政企结对', mentoring: '青蓝结对' } as const

type Cell = string | number | null
interface Column {
  header: string
  /** Excel number format for numbers in the column. */
  fmt?: string
  value: (r: OversightRow) => Cell
  total?: (o: Oversight) => Cell
}

const COLUMNS: Column[] = [
  { header: '结对', value: (r) => r.title, total: () => '合计' },
  { header: '类型', value: (r) => KIND_LABEL[r.kind], total: (o) => `${o.totals.pairs} 对` },
  { header: '期数', fmt: '0', value: (r) => r.phase },
  { header: '产业链', value: (r) => r.chainName ?? '—' },
  ...ACTIVITY_TYPES.map(
    (t): Column => ({
      header: t.label,
      fmt: '0',
      value: (r) => r.activitiesByType[t.id] ?? 0,
      total: (o) => o.rows.reduce((n, r) => n + (r.activitiesByType[t.id] ?? 0), 0)
    })
  ),
  { header: '活动合计', fmt: '0', value: (r) => r.activities, total: (o) => o.totals.activities },
  { header: '计划完成率', fmt: '0.0%', value: (r) => r.completion },
  { header: '解决问题', fmt: '0', value: (r) => r.problemsSolved, total: (o) => o.totals.problemsSolved },
  { header: '签到人次', fmt: '0', value: (r) => r.attendance, total: (o) => o.totals.attendance },
  { header: '最近活动', value: (r) => r.lastActivityOn ?? '—' },
  { header: `${INACTIVE_DAYS}天未活动`, value: (r) => (r.inactive ? '是' : '否'), total: (o) => `${o.totals.inactive} 对` }
]

function fitColumns(ws: Worksheet, minFirst = 12): void {
  ws.columns.forEach((col, i) => {
    let widest = 0
    col.eachCell?.({ includeEmpty: false }, (cell) => {
      const v = cell.value
      const text = typeof v === 'number' && cell.numFmt?.includes('%') ? `${(v * 100).toFixed(1)}%` : String(v ?? '')
      widest = Math.max(widest, displayWidth(text))
    })
    col.width = Math.min(Math.max(widest + 2, i === 0 ? minFirst : 8), 60)
  })
}

function rowsSheet(ws: Worksheet, o: Oversight): void {
  ws.addRow(COLUMNS.map((c) => c.header))
  const put = (values: Cell[]) => {
    const row = ws.addRow(values.map((v) => (v === null ? '—' : v)))
    COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1)
      if (c.fmt && typeof cell.value === 'number') cell.numFmt = c.fmt
      if (c.fmt) cell.alignment = { horizontal: 'right' }
    })
  }
  for (const r of o.rows) put(COLUMNS.map((c) => c.value(r)))
  put(COLUMNS.map((c) => (c.total ? c.total(o) : '')))
  styleTotal(ws, o.rows.length + 2)
  styleHeader(ws, COLUMNS.length)
  fitColumns(ws, 24)
}

const PLAN_TYPES = ACTIVITY_TYPES.filter((t) => t.id !== 'mentoring')

function planSheet(ws: Worksheet, plan: PlanSettings, now: Date): void {
  ws.addRow(['计划', ...PLAN_TYPES.map((t) => t.label)])
  const line = (label: string, required: PlanSettings['defaults']) =>
    ws.addRow([label, ...PLAN_TYPES.map((t) => required.find((l) => l.type === t.id)?.count ?? 0)])
  if (plan.defaults.length) line('全区默认', plan.defaults)
  else ws.addRow(['全区默认', ...PLAN_TYPES.map(() => '未设置')])
  for (const p of plan.pairs) line(p.title, p.required)
  ws.addRow([])
  const notes = [
    `${plan.year}年各类活动至少开展的次数。未单独设置计划的政企结对按全区默认计划执行；青蓝结对不设年度计划。`,
    '计划完成率：各类活动已开展次数（每类最多计到要求次数）之和 ÷ 要求次数之和。',
    `${INACTIVE_DAYS}天未活动：截至导出当天（北京时间）${INACTIVE_DAYS} 天内没有开展活动，或从未开展活动。`,
    '解决问题：结对活动中提出的诉求，或结对机关部门牵头为结对企业办理的诉求，经企业确认已解决的件数。',
    `生成时间：${chinaDateTimeText(now)}（北京时间）`
  ]
  for (const n of notes) ws.addRow([n])
  styleHeader(ws, PLAN_TYPES.length + 1)
  ws.getColumn(1).width = Math.min(Math.max(12, ...[...plan.pairs.map((p) => p.title), '全区默认'].map(displayWidth)) + 2, 60)
  for (let c = 2; c <= PLAN_TYPES.length + 1; c++) ws.getColumn(c).width = Math.max(10, displayWidth(PLAN_TYPES[c - 2].label) + 2)
}

async function exportOversight(ctx: Ctx, input: { year: number }): Promise<ExportedFile> {
  requireDistrict(ctx, '结对共建情况')
  const o = await buildOversight(ctx, input.year)
  const plan = await planSettings(ctx.q, input.year)
  const wb = newWorkbook(`结对共建 ${input.year}年`, ctx.now)
  rowsSheet(wb.addWorksheet('结对情况', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] }), o)
  planSheet(wb.addWorksheet('年度计划', { views: [{ state: 'frozen', ySplit: 1 }] }), plan, ctx.now)
  return toExportedFile(wb, `结对共建-${input.year}.xlsx`)
}

export const oversight: Pick<Handlers['pairings'], 'oversight' | 'exportOversight'> = { oversight: oversightOf, exportOversight }
