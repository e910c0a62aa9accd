import type { CategoryId, ProblemDetail } from '@contract'
import { filingParty, formatProblemNumber, openProblem, shanghaiDay, transition, type FlowState, type RouteDecision } from '../../../core'
import type { Caller, Ctx } from '../../context'
import { AppError } from '../../errors'
import { newId } from '../../ids'
import { insertProblem, nextDailySeq, setProblemNumber, type NewProblem } from '../../../db/repos/problems'
import { saveFlow } from '../../../db/repos/flow'
import { loadFlowSettings } from '../../flow-env'
import { notify } from '../../notify'
import { detailFor, readableProblem } from './view'
import { attachPhotos } from '../files'

export type ProblemDraft = Omit<NewProblem, 'id' | 'number' | 'filedBy' | 'routingReason' | 'routingConfidence' | 'routingSuggestions' | 'at'> & {
  category: CategoryId
  photos?: string[]
}

/**
 * Numbers a problem, stores it and opens it in the flow under the routing decision: 派单 starts the
 * unit's clock now, or the dispatcher gets it when there is no lead. Co-handling the decision names is
 * asked for at once, by the system, on the same clock.
 */
export async function openNewProblem(
  ctx: Ctx,
  caller: Caller,
  draft: ProblemDraft,
  decision: Pick<RouteDecision, 'lead' | 'co' | 'reason' | 'confidence' | 'decidedBy' | 'suggestions'>
): Promise<{ id: string; number: string; state: FlowState }> {
  const settings = await loadFlowSettings(ctx.q)
  const id = newId('pb')
  const { photos, ...fields } = draft
  // Taking the day's number locks its counter row until commit, and every filing that day waits on it.
  // So the problem goes in under its id as a stand-in (unique, and never committed as such) and gets
  // its number only after the flow is stored: the lock then covers the last few statements only.
  await insertProblem(ctx.q, {
    ...fields,
    id,
    number: id,
    filedBy: caller.personId,
    routingReason: decision.reason,
    routingConfidence: decision.decidedBy === 'none' ? null : decision.confidence,
    routingSuggestions: decision.suggestions.map((s) => ({ departmentId: s.department, confidence: s.confidence })),
    at: ctx.now
  })
  if (photos?.length) await attachPhotos(ctx.q, caller.personId, id, photos)
  const opened = openProblem(
    {
      problemId: id,
      category: draft.category,
      enterpriseId: filingParty(draft.enterpriseId, caller.personId),
      filer: { personId: caller.personId },
      limits: settings.limitsFor(draft.category),
      leadDepartmentId: decision.lead,
      routingReason: decision.reason
    },
    ctx.now,
    settings.env
  )
  if (!opened.ok) throw new AppError(opened.code, opened.message)
  let { next, events } = opened
  if (decision.lead && decision.co.length) {
    const co = transition(next, { type: 'request_co', departmentIds: decision.co, reason: '诉求涉及多个部门职责，系统发起会办' }, { kind: 'system' }, ctx.now, settings.env)
    if (co.ok) {
      next = co.next
      events = [...events, ...co.events]
    }
  }
  await saveFlow(ctx.q, id, 0, next, events, ctx.now, settings.env.calendar)
  const day = shanghaiDay(ctx.now)
  const number = formatProblemNumber(day, await nextDailySeq(ctx.q, day))
  await setProblemNumber(ctx.q, id, number)
  await notify(ctx.q, id, number, next, events, ctx.now)
  return { id, number, state: next }
}

/** openNewProblem, answered with the thread as its filer now sees it. */
export async function createProblem(ctx: Ctx, caller: Caller, draft: ProblemDraft, decision: RouteDecision): Promise<ProblemDetail> {
  const { id, state } = await openNewProblem(ctx, caller, draft, decision)
  return detailFor(ctx, caller, await readableProblem(ctx, caller, id), state)
}
