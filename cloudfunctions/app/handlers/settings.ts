import {
  CATEGORIES,
  type CalendarOverrideInput,
  type FlowSettingsDto,
  type SaveRuleInput,
  type SaveSlaInput
} from '@contract'
import { calendarWarnings, makeCalendar, slaFor, validateRule, type SlaConfig } from '../../core'
import type { Ctx } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { newId } from '../ids'
import { hasRole, requireCaller } from '../policy'
import { loadCalendarOverrides, loadSlaConfig } from '../../db/repos/flow'
import { retrainRouting } from '../retrain'
import { recordAudit } from '../audit'
import type { Queryable } from '../../db/client'

function requireDispatcher(ctx: Ctx): void {
  const caller = requireCaller(ctx.caller)
  if (!hasRole(caller, 'dispatcher') && !hasRole(caller, 'admin')) throw forbidden('仅调度员可修改派单规则与时限')
}

async function snapshot(ctx: Ctx): Promise<FlowSettingsDto> {
  const rules = await ctx.q.query<{ id: string; phrase: string; department_id: string; department_name: string; priority: number; enabled: boolean }>(
    `SELECT r.id, r.phrase, r.department_id, d.name AS department_name, r.priority, r.enabled
       FROM routing_rules r JOIN departments d ON d.id = r.department_id ORDER BY r.priority DESC, r.phrase`
  )
  const sla = await loadSlaConfig(ctx.q)
  const overrides = await loadCalendarOverrides(ctx.q)
  const [model] = await ctx.q.query<{ examples: number; trained_at: Date }>('SELECT examples, trained_at FROM routing_models ORDER BY id DESC LIMIT 1')
  return {
    rules: rules.map((r) => ({ id: r.id, phrase: r.phrase, departmentId: r.department_id, departmentName: r.department_name, priority: r.priority, enabled: r.enabled })),
    sla: CATEGORIES.map((c) => ({ category: c.id, limits: slaFor(c.id, sla as SlaConfig), custom: c.id in sla })),
    calendarOverrides: overrides,
    calendarWarnings: calendarWarnings(ctx.now, makeCalendar(overrides)).filter((w) => !w.known),
    routingModel: model
      ? { source: 'trained', examples: model.examples, trainedAt: model.trained_at.toISOString() }
      : { source: 'shipped', examples: 0, trainedAt: null }
  }
}

// What the audit log keeps of each setting: the row as the settings page shows it, locked while it changes.

async function ruleShown(q: Queryable, id: string) {
  const [row] = await q.query<{ id: string; phrase: string; departmentId: string; departmentName: string; priority: number; enabled: boolean }>(
    `SELECT r.id, r.phrase, r.department_id AS "departmentId", d.name AS "departmentName", r.priority, r.enabled
       FROM routing_rules r JOIN departments d ON d.id = r.department_id WHERE r.id = $1 FOR UPDATE OF r`,
    [id]
  )
  return row ?? null
}

async function slaShown(q: Queryable, category: string) {
  const [row] = await q.query<{ category: string; acceptDays: number; replyDays: number; extensionMaxDays: number }>(
    `SELECT category, accept_days AS "acceptDays", reply_days AS "replyDays", extension_max_days AS "extensionMaxDays"
       FROM sla_policies WHERE category = $1 FOR UPDATE`,
    [category]
  )
  return row ?? null
}

async function calendarDayShown(q: Queryable, date: string) {
  const [row] = await q.query<{ date: string; kind: string; note: string }>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, note FROM calendar_overrides WHERE date = $1 FOR UPDATE`,
    [date]
  )
  return row ?? null
}

async function get(ctx: Ctx): Promise<FlowSettingsDto> {
  requireDispatcher(ctx)
  return snapshot(ctx)
}

async function saveRule(ctx: Ctx, input: SaveRuleInput): Promise<FlowSettingsDto> {
  requireDispatcher(ctx)
  if (!(await ctx.q.query('SELECT 1 FROM departments WHERE id = $1', [input.departmentId])).length) {
    throw new AppError('VALIDATION', '所选部门不存在', { departmentId: '所选部门不存在' })
  }
  // the engine's own check: a rule it would ignore must not be saved as if it worked
  const [problem] = validateRule({ phrase: input.phrase, department: input.departmentId, priority: input.priority })
  if (problem) throw new AppError('VALIDATION', problem, { phrase: problem })
  const same = await ctx.q.query('SELECT 1 FROM routing_rules WHERE phrase = $1 AND id <> $2', [input.phrase, input.id ?? ''])
  if (same.length) throw new AppError('CONFLICT', `已有“${input.phrase}”的规则，请直接修改它`, { phrase: '已有相同关键词的规则' })
  const id = input.id ?? newId('rr')
  const before = input.id ? await ruleShown(ctx.q, input.id) : null
  if (input.id) {
    if (!before) throw notFound('该规则')
    await ctx.q.query('UPDATE routing_rules SET phrase = $2, department_id = $3, priority = $4, enabled = $5 WHERE id = $1', [
      id,
      input.phrase,
      input.departmentId,
      input.priority,
      input.enabled ?? true
    ])
  } else {
    await ctx.q.query('INSERT INTO routing_rules (id, phrase, department_id, priority, enabled, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      input.phrase,
      input.departmentId,
      input.priority,
      input.enabled ?? true,
      ctx.now
    ])
  }
  await recordAudit(ctx, { subject: 'routing_rules', subjectId: id, action: before ? 'update' : 'create', before, after: await ruleShown(ctx.q, id) })
  return snapshot(ctx)
}

async function deleteRule(ctx: Ctx, input: { id: string }): Promise<FlowSettingsDto> {
  requireDispatcher(ctx)
  const before = await ruleShown(ctx.q, input.id)
  if (!before) throw notFound('该规则')
  await ctx.q.query('DELETE FROM routing_rules WHERE id = $1', [input.id])
  await recordAudit(ctx, { subject: 'routing_rules', subjectId: input.id, action: 'delete', before, after: null })
  return snapshot(ctx)
}

async function saveSla(ctx: Ctx, input: SaveSlaInput): Promise<FlowSettingsDto> {
  requireDispatcher(ctx)
  if (input.acceptDays > input.replyDays) throw new AppError('VALIDATION', '签收时限不能长于答复时限', { acceptDays: '签收时限不能长于答复时限' })
  const before = await slaShown(ctx.q, input.category)
  await ctx.q.query(
    `INSERT INTO sla_policies (category, accept_days, reply_days, extension_max_days) VALUES ($1, $2, $3, $4)
     ON CONFLICT (category) DO UPDATE SET accept_days = $2, reply_days = $3, extension_max_days = $4`,
    [input.category, input.acceptDays, input.replyDays, input.extensionMaxDays]
  )
  await recordAudit(ctx, { subject: 'sla', subjectId: input.category, action: before ? 'update' : 'create', before, after: await slaShown(ctx.q, input.category) })
  return snapshot(ctx)
}

async function saveCalendarDay(ctx: Ctx, input: CalendarOverrideInput): Promise<FlowSettingsDto> {
  requireDispatcher(ctx)
  if (Number.isNaN(Date.parse(`${input.date}T00:00:00Z`)) || new Date(`${input.date}T00:00:00Z`).toISOString().slice(0, 10) !== input.date) {
    throw new AppError('VALIDATION', '日期不存在', { date: '日期不存在' })
  }
  const before = await calendarDayShown(ctx.q, input.date)
  await ctx.q.query(
    `INSERT INTO calendar_overrides (date, kind, note) VALUES ($1, $2, $3) ON CONFLICT (date) DO UPDATE SET kind = $2, note = $3`,
    [input.date, input.kind, input.note ?? '']
  )
  await recordAudit(ctx, { subject: 'calendar', subjectId: input.date, action: before ? 'update' : 'create', before, after: await calendarDayShown(ctx.q, input.date) })
  return snapshot(ctx)
}

async function deleteCalendarDay(ctx: Ctx, input: { date: string }): Promise<FlowSettingsDto> {
  requireDispatcher(ctx)
  const before = await calendarDayShown(ctx.q, input.date)
  if (!before) throw notFound('该日期的调整')
  await ctx.q.query('DELETE FROM calendar_overrides WHERE date = $1', [input.date])
  await recordAudit(ctx, { subject: 'calendar', subjectId: input.date, action: 'delete', before, after: null })
  return snapshot(ctx)
}

async function retrain(ctx: Ctx): Promise<FlowSettingsDto> {
  requireDispatcher(ctx)
  if (!ctx.deps.routingStarter) throw new AppError('UNAVAILABLE', '此部署未附带训练数据，无法在线重新训练')
  const done = await retrainRouting(ctx.q, ctx.deps.routingStarter(), ctx.now)
  if (!done) throw new AppError('CONFLICT', '模型正在重新训练，请稍后再看')
  return snapshot(ctx)
}

export const settings = { get, saveRule, deleteRule, saveSla, saveCalendarDay, deleteCalendarDay, retrain }
