import type { InboxInput, ListProblemsInput, ProblemDetail, ProblemSummary } from '@contract'
import type { Ctx } from '../../context'
import { forbidden } from '../../errors'
import { hasRole, requireCaller, scopesOf } from '../../policy'
import { listAll, listFiledBy, listForDepartments, listTriage } from '../../../db/repos/problems'
import { detailFor, readableProblem } from './view'

export async function get(ctx: Ctx, input: { id: string }): Promise<ProblemDetail> {
  const caller = requireCaller(ctx.caller)
  return detailFor(ctx, caller, await readableProblem(ctx, caller, input.id))
}

export async function mine(ctx: Ctx): Promise<ProblemSummary[]> {
  return listFiledBy(ctx.q, requireCaller(ctx.caller).personId)
}

export async function inbox(ctx: Ctx, input: InboxInput): Promise<ProblemSummary[]> {
  const departments = scopesOf(requireCaller(ctx.caller), 'handler')
  if (!departments.length) throw forbidden('部门待办仅对部门经办人开放')
  return listForDepartments(ctx.q, departments, input.view ?? 'open', ctx.now)
}

function requireDispatcher(ctx: Ctx) {
  const caller = requireCaller(ctx.caller)
  if (!hasRole(caller, 'dispatcher')) throw forbidden('仅调度员可查看')
  return caller
}

export async function triage(ctx: Ctx): Promise<ProblemSummary[]> {
  requireDispatcher(ctx)
  return listTriage(ctx.q)
}

export async function list(ctx: Ctx, input: ListProblemsInput): Promise<ProblemSummary[]> {
  requireDispatcher(ctx)
  return listAll(ctx.q, input)
}
