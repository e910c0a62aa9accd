import type { CoHandlerAssignment, ExtensionRequest, LeadAssignment } from '@contract'
import type { EventDraft, FlowActor, FlowEvent, FlowState } from './flow-types'

/**
 * The state is a fold of the history: applyEvent is the only place that changes a state, and
 * replay(history) rebuilds exactly the state the transitions produced. So a backend may keep either
 * the events alone or a snapshot plus the events, and the sweeper's "already escalated" marks live in
 * the same history as everything else (persisting the events is persisting the marks).
 */

function lapse(extensions: ExtensionRequest[], departmentId: string, at: string): ExtensionRequest[] {
  return extensions.map((x) =>
    x.status === 'pending' && x.departmentId === departmentId ? { ...x, status: 'lapsed', decidedAt: at } : x
  )
}

function mustLead(s: FlowState, e: FlowEvent): LeadAssignment {
  if (!s.lead) throw new Error(`事件 ${e.seq}（${e.type}）需要承办单位`)
  return s.lead
}

function updateCo(s: FlowState, departmentId: string, f: (c: CoHandlerAssignment) => CoHandlerAssignment): CoHandlerAssignment[] {
  if (!s.coHandlers.some((c) => c.departmentId === departmentId)) throw new Error(`没有会办单位 ${departmentId}`)
  return s.coHandlers.map((c) => (c.departmentId === departmentId ? f(c) : c))
}

/** The state after one more event. Throws on an event that cannot follow (a corrupt history). */
export function applyEvent(s: FlowState, e: FlowEvent): FlowState {
  if (e.seq !== s.history.length + 1) throw new Error(`事件序号应为 ${s.history.length + 1}，实为 ${e.seq}`)
  const base: FlowState = { ...s, history: [...s.history, e] }
  switch (e.type) {
    case 'filed':
      throw new Error('filed 只能是第一个事件')
    case 'triaged':
      return { ...base, status: 'triage' }
    case 'routed':
      return { ...base, status: 'routed', lead: e.data.lead }
    case 'rerouted':
      return { ...base, status: 'routed', lead: e.data.lead, extensions: lapse(s.extensions, e.data.from, e.at) }
    case 'insisted':
      return { ...base, status: 'routed', lead: { ...mustLead(s, e), acceptedAt: null } }
    case 'accepted':
      return { ...base, status: 'accepted', lead: { ...mustLead(s, e), acceptedAt: e.at } }
    case 'returned':
      return { ...base, status: 'returned', returnCount: s.returnCount + 1, extensions: lapse(s.extensions, e.data.departmentId, e.at) }
    case 'co_requested': {
      const incoming = new Map(e.data.assignments.map((a) => [a.departmentId, a]))
      const kept = s.coHandlers.map((c) => incoming.get(c.departmentId) ?? c)
      const added = e.data.assignments.filter((a) => !s.coHandlers.some((c) => c.departmentId === a.departmentId))
      return { ...base, coHandlers: [...kept, ...added] }
    }
    case 'co_accepted':
      return { ...base, coHandlers: updateCo(s, e.data.departmentId, (c) => ({ ...c, status: 'accepted', acceptedAt: e.at })) }
    case 'co_replied':
      return {
        ...base,
        coHandlers: updateCo(s, e.data.departmentId, (c) => ({ ...c, status: 'replied', repliedAt: e.at, reply: e.data.content })),
        extensions: lapse(s.extensions, e.data.departmentId, e.at)
      }
    case 'co_cancelled':
      return {
        ...base,
        coHandlers: updateCo(s, e.data.departmentId, (c) => ({ ...c, status: 'cancelled' })),
        extensions: lapse(s.extensions, e.data.departmentId, e.at)
      }
    case 'replied':
      return {
        ...base,
        status: 'replied',
        lead: { ...mustLead(s, e), repliedAt: e.at, reply: e.data.content },
        extensions: lapse(s.extensions, e.data.departmentId, e.at)
      }
    case 'extension_requested':
      return { ...base, extensions: [...s.extensions, e.data.request] }
    case 'extension_approved': {
      const { requestId, departmentId, days, replyDue } = e.data
      const extensions = s.extensions.map((x) =>
        x.id === requestId ? { ...x, status: 'approved' as const, decidedAt: e.at, grantedDays: days, decisionReason: e.reason } : x
      )
      if (s.lead && s.lead.departmentId === departmentId) {
        return { ...base, extensions, lead: { ...s.lead, replyDue, extensionDays: s.lead.extensionDays + days } }
      }
      return {
        ...base,
        extensions,
        coHandlers: updateCo(s, departmentId, (c) => ({ ...c, replyDue, extensionDays: c.extensionDays + days }))
      }
    }
    case 'extension_refused':
      return {
        ...base,
        extensions: s.extensions.map((x) =>
          x.id === e.data.requestId ? { ...x, status: 'refused' as const, decidedAt: e.at, decisionReason: e.reason } : x
        )
      }
    case 'supervised':
      return {
        ...base,
        supervision: { level: s.supervision.level + 1, records: [...s.supervision.records, e.data.record] }
      }
    case 'confirmed':
      return { ...base, solved: true }
    case 'rated':
      return { ...base, rating: e.data.rating }
    case 'closed':
      return { ...base, status: 'closed' }
    case 'reopened':
      return {
        ...base,
        status: 'reopened',
        solved: false,
        reopenCount: e.data.reopenCount,
        lead: { ...mustLead(s, e), replyDue: e.data.replyDue, repliedAt: null, reply: null }
      }
  }
}

/** The state of a problem from its whole history (the first event is `filed`). */
export function replay(history: readonly FlowEvent[]): FlowState {
  const [first, ...rest] = history
  if (!first || first.type !== 'filed' || first.seq !== 1) throw new Error('历史的第一个事件应为 filed')
  const start: FlowState = {
    problemId: first.data.problemId,
    category: first.data.category,
    enterpriseId: first.data.enterpriseId,
    filedBy: first.data.filedBy,
    limits: first.data.limits,
    status: 'triage',
    lead: null,
    coHandlers: [],
    extensions: [],
    supervision: { level: 0, records: [] },
    reopenCount: 0,
    returnCount: 0,
    solved: null,
    rating: null,
    history: [first]
  }
  return rest.reduce(applyEvent, start)
}

/** Numbers, stamps and applies drafts in order. */
export function commit(s: FlowState, drafts: readonly EventDraft[], actor: FlowActor, now: Date): { next: FlowState; events: FlowEvent[] } {
  const at = now.toISOString()
  const events: FlowEvent[] = drafts.map((d, i) => ({ ...d, seq: s.history.length + i + 1, at, actor }) as FlowEvent)
  return { next: events.reduce(applyEvent, s), events }
}
