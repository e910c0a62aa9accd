import type { ActOnProblemInput, ProblemDetail } from '@contract'
import { exampleFromHistory, transition, type FlowAction, type FlowEvent, type FlowState, type Refusal } from '../../../core'
import type { Ctx } from '../../context'
import { screenTexts } from '../../content-guard'
import { AppError } from '../../errors'
import { requireCaller } from '../../policy'
import { lockFlow, saveFlow } from '../../../db/repos/flow'
import { findProblem, type ProblemRow } from '../../../db/repos/problems'
import { addNotice } from '../../notice'
import { loadFlowSettings } from '../../flow-env'
import { notify } from '../../notify'
import { actorsFor } from './actors'
import { detailFor, readableProblem } from './view'
import type { Queryable } from '../../../db/client'

// FORBIDDEN first says least: a part that is refused for being in the wrong state explains more
const SPECIFICITY: Record<Refusal['code'], number> = { FORBIDDEN: 0, CONFLICT: 1, VALIDATION: 2 }

/**
 * One step of the flow, decided by the state machine in core. The problem row is locked for the
 * step, so two handlers acting at once take turns and the second sees the first one's result.
 */
export async function act(ctx: Ctx, input: ActOnProblemInput): Promise<ProblemDetail> {
  const caller = requireCaller(ctx.caller)
  const row = await readableProblem(ctx, caller, input.id)
  if (row.summary.mergedInto) throw new AppError('CONFLICT', '该诉求已并入链级问题，请在链级问题中办理')
  // replies, reasons and the filer's comment are read by the other side: checked before the step
  await screenTexts(ctx, wordsOf(input.action), 'comment')
  const locked = await lockFlow(ctx.q, input.id)
  if (!locked) throw new AppError('NOT_FOUND', '该诉求不存在或已被删除')
  const settings = await loadFlowSettings(ctx.q)
  const action = input.action as FlowAction

  let best: Refusal | null = null
  for (const actor of actorsFor(caller, row)) {
    const r = transition(locked.state, action, actor, ctx.now, settings.env)
    if (r.ok) {
      await saveFlow(ctx.q, input.id, locked.version, r.next, r.events, ctx.now, settings.env.calendar)
      await notify(ctx.q, input.id, row.summary.number, r.next, r.events, ctx.now)
      await learn(ctx.q, r.next, row.content, row.summary.title, row.chainId, row.townId, ctx.now)
      if (row.summary.chainLevel) await tellMembers(ctx.q, row, r.events, ctx.now)
      const fresh = await findProblem(ctx.q, input.id)
      return detailFor(ctx, caller, fresh ?? row, r.next)
    }
    if (!best || SPECIFICITY[r.code] > SPECIFICITY[best.code]) best = r
  }
  if (!best) throw new AppError('FORBIDDEN', '您不是这条诉求的办理方')
  const field = best.field ? { [`action.${best.field}`]: best.message } : undefined
  throw new AppError(best.code, best.message, field)
}

/** The free text a step carries, by the field a form marks (`action.content`…); the schema names them. */
function wordsOf(action: ActOnProblemInput['action']): Record<string, string | undefined> {
  const a = action as { content?: string; reason?: string; comment?: string }
  return { 'action.content': a.content, 'action.reason': a.reason, 'action.comment': a.comment }
}

/**
 * A problem that a unit accepted after it had been handed back or re-routed is a labelled example
 * for the routing model: its text belongs to the department that finally took it.
 */
async function learn(q: Queryable, s: FlowState, content: string, title: string, chainId: string | null, townId: string | null, now: Date): Promise<void> {
  if (s.history[s.history.length - 1]?.type !== 'accepted') return
  const example = exampleFromHistory({
    title,
    content,
    events: s.history.map((e) => ({ type: e.type, departmentId: 'departmentId' in e.data ? (e.data as { departmentId?: string }).departmentId : null }))
  })
  if (!example) return
  await q.query(
    `INSERT INTO routing_examples (problem_id, text, category, chain_id, town_id, department_id, weight, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (problem_id) DO UPDATE SET department_id = EXCLUDED.department_id, weight = EXCLUDED.weight, created_at = EXCLUDED.created_at`,
    [s.problemId, example.text, s.category, chainId, townId, example.department, example.weight ?? 1, now]
  )
}

/** A chain-level item's reply reaches every enterprise whose problem was merged into it. */
async function tellMembers(q: Queryable, row: ProblemRow, events: readonly FlowEvent[], now: Date): Promise<void> {
  for (const e of events) {
    if (e.type !== 'replied') continue
    for (const person of row.memberFilers) {
      await addNotice(q, { person, title: `链级问题 ${row.summary.number} 已答复`, body: e.data.content, problemId: row.summary.id }, now)
    }
  }
}
