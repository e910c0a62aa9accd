import type { FileProblemInput, ProblemDetail } from '@contract'
import { formatProblemNumber, openProblem, shanghaiDay, transition } from '../../../core'
import type { Ctx } from '../../context'
import { AppError, forbidden } from '../../errors'
import { newId } from '../../ids'
import { canFileFor, requireCaller, scopesOf } from '../../policy'
import { findEnterprise } from '../../../db/repos/catalog'
import { insertProblem, nextDailySeq } from '../../../db/repos/problems'
import { saveFlow } from '../../../db/repos/flow'
import { loadFlowSettings } from '../../flow-env'
import { routeFiledProblem } from '../../routing'
import { notify } from '../../notify'
import { detailFor, readableProblem } from './view'

/**
 * Files a problem: numbered, routed by the routing engine (rules, text, category, chain, town), and
 * opened in the flow — 派单 starts the unit's clock now, or the dispatcher gets it when routing is unsure.
 */
export async function file(ctx: Ctx, input: FileProblemInput): Promise<ProblemDetail> {
  const caller = requireCaller(ctx.caller)
  const enterprise = await findEnterprise(ctx.q, input.enterpriseId)
  if (!enterprise) throw new AppError('VALIDATION', '所选企业不存在', { enterpriseId: '所选企业不存在' })
  if (!canFileFor(caller, enterprise.id)) throw forbidden('只能为本企业或您联系的企业提交诉求')

  const decision = await routeFiledProblem(ctx.q, {
    title: input.title,
    content: input.content,
    category: input.category,
    chainId: enterprise.chain_id,
    townId: enterprise.town_id
  })
  const settings = await loadFlowSettings(ctx.q)
  const id = newId('pb')
  const day = shanghaiDay(ctx.now)
  const number = formatProblemNumber(day, await nextDailySeq(ctx.q, day))
  const onBehalf = !scopesOf(caller, 'enterprise').includes(enterprise.id)
  await insertProblem(ctx.q, {
    id,
    number,
    title: input.title,
    content: input.content,
    category: input.category,
    enterpriseId: enterprise.id,
    chainId: enterprise.chain_id,
    townId: enterprise.town_id,
    filedBy: caller.personId,
    onBehalf,
    anonymous: input.anonymous ?? false,
    routingReason: decision.reason,
    routingConfidence: decision.decidedBy === 'none' ? null : decision.confidence,
    routingSuggestions: decision.suggestions.map((s) => ({ departmentId: s.department, confidence: s.confidence })),
    at: ctx.now
  })
  const opened = openProblem(
    {
      problemId: id,
      category: input.category,
      enterpriseId: enterprise.id,
      filer: { personId: caller.personId },
      limits: settings.limitsFor(input.category),
      leadDepartmentId: decision.lead,
      routingReason: decision.reason
    },
    ctx.now,
    settings.env
  )
  if (!opened.ok) throw new AppError(opened.code, opened.message)
  let { next, events } = opened
  // co-handling the engine saw in the text is asked for at once, by the system, on the same clock
  if (decision.lead && decision.co.length) {
    const co = transition(next, { type: 'request_co', departmentIds: decision.co, reason: '诉求涉及多个部门职责，系统发起会办' }, { kind: 'system' }, ctx.now, settings.env)
    if (co.ok) {
      next = co.next
      events = [...events, ...co.events]
    }
  }
  await saveFlow(ctx.q, id, 0, next, events, ctx.now, settings.env.calendar)
  await notify(ctx.q, id, number, next, events, ctx.now)
  return detailFor(ctx, caller, await readableProblem(ctx, caller, id), next)
}
