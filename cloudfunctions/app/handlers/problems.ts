import type { FileProblemInput, ProblemDetail, ProblemEvent, ProblemSummary } from '@contract'
import { formatProblemNumber, routeByCategory, shanghaiDay } from '../../core'
import type { Caller, Ctx } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { newId } from '../ids'
import { canFileFor, hasRole, requireCaller, scopesOf } from '../policy'
import * as repo from '../../db/repos/problems'
import { findEnterprise } from '../../db/repos/catalog'

async function file(ctx: Ctx, input: FileProblemInput): Promise<ProblemDetail> {
  const caller = requireCaller(ctx.caller)
  const enterprise = await findEnterprise(ctx.q, input.enterpriseId)
  if (!enterprise) throw new AppError('VALIDATION', '所选企业不存在', { enterpriseId: '所选企业不存在' })
  if (!canFileFor(caller, enterprise.id)) throw forbidden('只能为本企业或您联系的企业提交诉求')

  const route = routeByCategory(input.category)
  const id = newId('pb')
  const number = formatProblemNumber(shanghaiDay(ctx.now), await repo.nextDailySeq(ctx.q, shanghaiDay(ctx.now)))
  await repo.insertProblem(ctx.q, {
    id,
    number,
    title: input.title,
    content: input.content,
    category: input.category,
    status: route.lead ? 'routed' : 'triage',
    enterpriseId: enterprise.id,
    chainId: enterprise.chain_id,
    townId: enterprise.town_id,
    filedBy: caller.personId,
    leadDepartmentId: route.lead,
    routingReason: route.reason,
    at: ctx.now
  })
  const onBehalf = !scopesOf(caller, 'enterprise').includes(enterprise.id)
  await repo.appendEvent(ctx.q, {
    problemId: id,
    type: 'filed',
    actorPersonId: caller.personId,
    actorDepartmentId: null,
    note: onBehalf ? `第一书记代${enterprise.name}提交` : null,
    at: ctx.now
  })
  await repo.appendEvent(ctx.q, {
    problemId: id,
    type: route.lead ? 'routed' : 'triaged',
    actorPersonId: null,
    actorDepartmentId: null,
    note: route.reason,
    at: ctx.now
  })
  return loadDetail(ctx, caller, id)
}

async function mine(ctx: Ctx): Promise<ProblemSummary[]> {
  const caller = requireCaller(ctx.caller)
  return repo.listFiledBy(ctx.q, caller.personId)
}

async function inbox(ctx: Ctx): Promise<ProblemSummary[]> {
  const caller = requireCaller(ctx.caller)
  const departments = scopesOf(caller, 'handler')
  if (!departments.length) throw forbidden('部门待办仅对部门经办人开放')
  return repo.listForDepartment(ctx.q, departments)
}

async function get(ctx: Ctx, input: { id: string }): Promise<ProblemDetail> {
  return loadDetail(ctx, requireCaller(ctx.caller), input.id)
}

/**
 * Who may read a problem: its filer, staff of the same enterprise, a first secretary assigned to it,
 * the lead department's handlers, and the dispatcher. Others learn only that it is not theirs to see.
 */
function canRead(caller: Caller, record: repo.ProblemRecord): boolean {
  const d = record.detail
  return (
    record.filedBy === caller.personId ||
    hasRole(caller, 'dispatcher') ||
    scopesOf(caller, 'enterprise').includes(d.enterpriseId) ||
    scopesOf(caller, 'secretary').includes(d.enterpriseId) ||
    (d.leadDepartmentId !== null && scopesOf(caller, 'handler').includes(d.leadDepartmentId))
  )
}

async function loadDetail(ctx: Ctx, caller: Caller, id: string): Promise<ProblemDetail> {
  const record = await repo.findProblem(ctx.q, id)
  if (!record || !canRead(caller, record)) throw notFound('该诉求')
  const events = await repo.listEvents(ctx.q, id)
  return { ...record.detail, events: events.map(toEvent) }
}

function toEvent(e: repo.EventRow): ProblemEvent {
  const actor = e.actorDepartmentName ?? (e.actorPersonId ? (e.actorPersonName ?? '企业用户') : '系统')
  return { id: e.id, type: e.type, actor, note: e.note, at: e.at.toISOString() }
}

export const problems = { file, mine, inbox, get }
