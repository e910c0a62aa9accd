import { SUPERVISION_KIND_LABELS, type ProblemDeadline, type SupervisionRecord } from '@contract/problems'
import type { CalendarInput } from '../calendar'
import { commit } from './flow-events'
import type { EventDraft, FlowActor, FlowEvent, FlowState } from './flow-types'
import { effectiveDeadline } from './sla'

/**
 * 督办 of overdue items. The sweeper calls sweep() for every open problem; each missed deadline is
 * escalated once. What was escalated is recorded in the state (supervision.records, each with a key
 * naming the assignment and the exact deadline), and those records are events in the history — so:
 *  - running the sweep twice, or again after a crash, raises nothing new once its events are stored;
 *  - a crash that stored only some events loses nothing and duplicates nothing: each event stands alone;
 *  - a new deadline (延期 granted, 转办 to another unit, 重办) is a new key, escalated once when missed.
 * The backend stores the returned events with a compare-and-set on the history length (or in the same
 * transaction as the state), so two sweepers racing on one problem cannot both append.
 *
 * Deadlines are judged as they stand under the calendar now (effectiveDeadline): entering a missing
 * year's holidays moves a deadline before it is judged. Nothing is escalated for the dispatcher's own
 * queue (triage, 退单待调度), nor after 答复.
 */

export interface OverdueItem {
  /** Identifies the missed deadline; equal keys are the same escalation. */
  key: string
  kind: 'accept_overdue' | 'reply_overdue'
  party: 'lead' | 'co_handler'
  departmentId: string
  /** The deadline as it stands now. */
  due: ProblemDeadline
}

const basisKey = (d: ProblemDeadline) => `${d.basis.start}+${d.basis.workdays}`

/** Every deadline missed at `now`, escalated or not. */
export function overdueItems(s: FlowState, now: Date, cal: CalendarInput): OverdueItem[] {
  const out: OverdueItem[] = []
  const t = now.getTime()
  const check = (kind: OverdueItem['kind'], party: OverdueItem['party'], departmentId: string, stored: ProblemDeadline, tag: string) => {
    const due = effectiveDeadline(stored, cal)
    if (t > Date.parse(due.at)) out.push({ key: `${kind}:${party}:${departmentId}:${tag}:${basisKey(stored)}`, kind, party, departmentId, due })
  }
  const lead = s.lead
  if (lead && (s.status === 'routed' || s.status === 'accepted' || s.status === 'reopened')) {
    const tag = `${lead.routedAt}#${s.reopenCount}`
    if (s.status === 'routed') check('accept_overdue', 'lead', lead.departmentId, lead.acceptDue, lead.routedAt)
    check('reply_overdue', 'lead', lead.departmentId, lead.replyDue, tag)
  }
  if (s.status !== 'closed' && s.status !== 'replied') {
    for (const c of s.coHandlers) {
      if (c.status === 'pending') check('accept_overdue', 'co_handler', c.departmentId, c.acceptDue, c.requestedAt)
      if (c.status === 'pending' || c.status === 'accepted') check('reply_overdue', 'co_handler', c.departmentId, c.replyDue, c.requestedAt)
    }
  }
  return out
}

const SYSTEM: FlowActor = { kind: 'system' }

/**
 * The 督办 to raise now: one `supervised` event per missed deadline not yet escalated. Returns the
 * state with them applied; `events` is empty when there is nothing new.
 */
export function sweep(state: FlowState, now: Date, calendar: CalendarInput): { next: FlowState; events: FlowEvent[] } {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError('now 应为有效时间')
  const done = new Set(state.supervision.records.map((r) => r.key))
  const drafts: EventDraft[] = overdueItems(state, now, calendar)
    .filter((o) => !done.has(o.key))
    .map((o) => {
      const what = o.kind === 'accept_overdue' ? '签收' : '答复'
      const who = o.party === 'lead' ? '承办单位' : '会办单位'
      const note = `${who}未在 ${o.due.date} 前${what}，${SUPERVISION_KIND_LABELS[o.kind]}，系统督办`
      const record: SupervisionRecord = { key: o.key, kind: o.kind, departmentId: o.departmentId, dueAt: o.due.at, at: now.toISOString(), note }
      return { type: 'supervised', reason: note, data: { record } }
    })
  if (drafts.length === 0) return { next: state, events: [] }
  return commit(state, drafts, SYSTEM, now)
}

const FAR_FUTURE_MS = 10 * 366 * 24 * 3600 * 1000

/**
 * When the sweeper next has something to do for this problem: the earliest open deadline not yet
 * escalated, or null. Stored beside the problem so the sweeper reads only rows whose time has come.
 */
export function nextSweepAt(state: FlowState, now: Date, calendar: CalendarInput): string | null {
  const done = new Set(state.supervision.records.map((r) => r.key))
  const pending = overdueItems(state, new Date(now.getTime() + FAR_FUTURE_MS), calendar).filter((o) => !done.has(o.key))
  if (!pending.length) return null
  return pending.map((o) => o.due.at).reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b))
}
