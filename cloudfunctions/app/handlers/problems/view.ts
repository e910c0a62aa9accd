import type { ProblemDetail, ProblemEvent, FlowActionType } from '@contract'
import { availableActions, type FlowEvent, type FlowState } from '../../../core'
import type { Caller, Ctx } from '../../context'
import { hasRole } from '../../policy'
import { departmentNames, findProblem, personNames, type ProblemRow } from '../../../db/repos/problems'
import { loadHistory } from '../../../db/repos/flow'
import { filingParty, replay } from '../../../core'
import { notFound } from '../../errors'
import { actorsFor, canRead, seesFiler } from './actors'
import { loadFlowSettings } from '../../flow-env'
import { photosOf } from '../files'

/** Loads what the caller may see of a problem, or NOT_FOUND. */
export async function readableProblem(ctx: Ctx, caller: Caller, id: string): Promise<ProblemRow> {
  const row = await findProblem(ctx.q, id)
  if (!row || !canRead(caller, row)) throw notFound('该诉求')
  return row
}

/** The one thread everybody reads, shaped for this reader: names they may see, actions they may take. */
export async function detailFor(ctx: Ctx, caller: Caller, row: ProblemRow, state?: FlowState): Promise<ProblemDetail> {
  const flow = state ?? replay(await loadHistory(ctx.q, row.summary.id, filingParty(row.summary.enterpriseId, row.filedBy)))
  const names = await departmentNames(ctx.q)
  const settings = await loadFlowSettings(ctx.q)
  const people = await personNames(ctx.q, [...new Set(flow.history.map((e) => (e.actor.kind === 'system' ? '' : e.actor.personId)).filter(Boolean))])
  const showFiler = seesFiler(caller, row)
  const dept = (id: string) => names.get(id) ?? id
  const actions = new Set<FlowActionType>()
  for (const actor of actorsFor(caller, row)) for (const a of availableActions(flow, actor, ctx.now, settings.env)) actions.add(a)

  const actorLabel = (e: FlowEvent): string => {
    const a = e.actor
    if (a.kind === 'system') return '系统'
    if (a.kind === 'dispatcher') return '调度中心'
    if (a.kind === 'unit') return dept(a.departmentId)
    return showFiler ? (people.get(a.personId) ?? '企业用户') : '企业用户（匿名）'
  }
  const events: ProblemEvent[] = flow.history.map((e) => ({ id: String(e.seq), type: e.type, actor: actorLabel(e), note: noteOf(e, dept), at: e.at }))

  return {
    ...row.summary,
    content: row.content,
    chainId: row.chainId,
    chainName: row.chainName,
    townId: row.townId,
    townName: row.townName,
    routingReason: row.routingReason,
    routingConfidence: row.routingConfidence,
    suggestions: hasRole(caller, 'dispatcher')
      ? row.routingSuggestions.map((s) => ({ departmentId: s.departmentId, departmentName: dept(s.departmentId), confidence: s.confidence }))
      : [],
    filerName: showFiler ? row.filerName : '匿名',
    // 代提 of an anonymous problem would name its filer: the enterprise's first secretary
    onBehalf: showFiler ? row.onBehalf : false,
    raisedAt: row.raisedAt,
    lead: flow.lead ? { ...flow.lead, departmentName: dept(flow.lead.departmentId) } : null,
    coHandlers: flow.coHandlers.map((c) => ({ ...c, departmentName: dept(c.departmentId) })),
    extensions: flow.extensions.map((x) => ({ ...x, departmentName: dept(x.departmentId) })),
    supervision: flow.supervision.records,
    returnCount: flow.returnCount,
    solved: flow.solved,
    rating: flow.rating,
    photos: await photosOf(ctx, row.summary.id),
    actions: [...actions],
    events
  }
}

/** The words shown under an event: where it went, what was said, and why. */
function noteOf(e: FlowEvent, dept: (id: string) => string): string | null {
  const why = (text: string) => (e.reason ? `${text}：${e.reason}` : text)
  switch (e.type) {
    case 'routed':
      return why(`派至${dept(e.data.lead.departmentId)}`)
    case 'rerouted':
      return why(`由${dept(e.data.from)}转至${dept(e.data.lead.departmentId)}`)
    case 'co_requested':
      return why(`请${e.data.assignments.map((a) => dept(a.departmentId)).join('、')}会办`)
    case 'co_cancelled':
      return why(`撤销${dept(e.data.departmentId)}的会办`)
    case 'replied':
    case 'co_replied':
      return e.data.content
    case 'extension_requested':
      return why(`申请延期 ${e.data.request.days} 个工作日`)
    case 'extension_approved':
      return why(`同意延期 ${e.data.days} 个工作日，答复期限至 ${e.data.replyDue.date}`)
    case 'rated':
      return `${e.data.rating} 星${e.data.comment ? `：${e.data.comment}` : ''}`
    default:
      return e.reason
  }
}
