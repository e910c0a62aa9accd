import type { CalendarOverride, ProblemEventType, SlaLimits } from '@contract'
import { filingParty, nextSweepAt, overdueItems, replay, type CalendarInput, type FlowActor, type FlowEvent, type FlowState } from '../../core'
import type { Queryable } from '../client'

interface EventRow {
  seq: number
  type: ProblemEventType
  actor_kind: FlowActor['kind']
  actor_person_id: string | null
  actor_department_id: string | null
  note: string | null
  data: unknown
  at: Date
}

function toActor(r: EventRow, enterpriseId: string): FlowActor {
  switch (r.actor_kind) {
    case 'filer':
      return { kind: 'filer', personId: r.actor_person_id ?? '', enterpriseId }
    case 'unit':
      return { kind: 'unit', personId: r.actor_person_id ?? '', departmentId: r.actor_department_id ?? '' }
    case 'dispatcher':
      return { kind: 'dispatcher', personId: r.actor_person_id ?? '' }
    default:
      return { kind: 'system' }
  }
}

/** The problem's history as core events, oldest first. */
export async function loadHistory(q: Queryable, problemId: string, enterpriseId: string): Promise<FlowEvent[]> {
  const rows = await q.query<EventRow>(
    `SELECT seq, type, actor_kind, actor_person_id, actor_department_id, note, data, at
       FROM problem_events WHERE problem_id = $1 ORDER BY seq`,
    [problemId]
  )
  return rows.map(
    (r) => ({ seq: r.seq, type: r.type, at: r.at.toISOString(), actor: toActor(r, enterpriseId), reason: r.note, data: r.data }) as FlowEvent
  )
}

export interface LockedFlow {
  state: FlowState
  version: number
  enterpriseId: string
}

/**
 * Reads a problem's flow for a change. FOR UPDATE makes concurrent changes of one problem take turns;
 * the (problem_id, seq) key would refuse a second writer of the same version anyway.
 */
export async function lockFlow(q: Queryable, problemId: string): Promise<LockedFlow | null> {
  const [row] = await q.query<{ version: number; enterprise_id: string | null; filed_by: string }>(
    'SELECT version, enterprise_id, filed_by FROM problems WHERE id = $1 FOR UPDATE',
    [problemId]
  )
  if (!row) return null
  const party = filingParty(row.enterprise_id, row.filed_by)
  const history = await loadHistory(q, problemId, party)
  return { state: replay(history), version: row.version, enterpriseId: party }
}

async function appendEvents(q: Queryable, problemId: string, events: readonly FlowEvent[]): Promise<void> {
  if (!events.length) return
  const cols = events.map((e) => {
    const a = e.actor
    return [
      problemId,
      e.seq,
      e.type,
      a.kind,
      a.kind === 'system' ? null : a.personId || null,
      a.kind === 'unit' ? a.departmentId : null,
      e.reason,
      JSON.stringify(e.data),
      e.at
    ]
  })
  const params: unknown[] = []
  const values = cols.map((c) => `(${c.map((v) => `$${params.push(v)}`).join(', ')})`)
  await q.query(
    `INSERT INTO problem_events (problem_id, seq, type, actor_kind, actor_person_id, actor_department_id, note, data, at)
     VALUES ${values.join(', ')}`,
    params
  )
}

/** The lead and co-handlers as the inbox sees them: who still owes something, and by when. */
async function syncUnits(q: Queryable, problemId: string, s: FlowState): Promise<void> {
  const units: { departmentId: string; role: 'lead' | 'co_handler'; state: 'open' | 'done'; accept: string | null; reply: string | null }[] = []
  if (s.lead) {
    const owes = s.status === 'routed' || s.status === 'accepted' || s.status === 'reopened'
    units.push({
      departmentId: s.lead.departmentId,
      role: 'lead',
      state: owes ? 'open' : 'done',
      accept: owes && s.status === 'routed' ? s.lead.acceptDue.at : null,
      reply: owes ? s.lead.replyDue.at : null
    })
  }
  for (const c of s.coHandlers) {
    if (c.status === 'cancelled' || c.departmentId === s.lead?.departmentId) continue
    const owes = c.status === 'pending' || c.status === 'accepted'
    units.push({
      departmentId: c.departmentId,
      role: 'co_handler',
      state: owes ? 'open' : 'done',
      accept: c.status === 'pending' ? c.acceptDue.at : null,
      reply: owes ? c.replyDue.at : null
    })
  }
  await q.query(`UPDATE problem_units SET state = 'gone', accept_due = NULL, reply_due = NULL, due = NULL WHERE problem_id = $1`, [problemId])
  for (const u of units) {
    await q.query(
      `INSERT INTO problem_units (problem_id, department_id, role, state, accept_due, reply_due, due, problem_created_at)
       SELECT $1, $2, $3, $4, $5::timestamptz, $6::timestamptz, COALESCE($5::timestamptz, $6::timestamptz), p.created_at FROM problems p WHERE p.id = $1
       ON CONFLICT (problem_id, department_id) DO UPDATE SET role = EXCLUDED.role, state = EXCLUDED.state,
         accept_due = EXCLUDED.accept_due, reply_due = EXCLUDED.reply_due, due = EXCLUDED.due`,
      [problemId, u.departmentId, u.role, u.state, u.accept, u.reply]
    )
  }
}

/**
 * Stores the events of one change and the query columns derived from the new state. `version` is the
 * one that was read: a row that moved on meanwhile is not overwritten.
 */
export async function saveFlow(
  q: Queryable,
  problemId: string,
  version: number,
  next: FlowState,
  events: readonly FlowEvent[],
  now: Date,
  calendar: CalendarInput
): Promise<void> {
  if (!events.length) {
    // nothing happened (a sweep found nothing new): only the sweeper's bookkeeping moves
    await q.query('UPDATE problems SET next_due = $2, overdue = $3 WHERE id = $1', [
      problemId,
      nextSweepAt(next, now, calendar),
      overdueItems(next, now, calendar).length > 0
    ])
    return
  }
  await appendEvents(q, problemId, events)
  const lead = next.lead
  const open = next.status === 'routed' || next.status === 'accepted' || next.status === 'reopened'
  const updated = await q.query(
    `UPDATE problems SET status = $3, lead_department_id = $4, accept_due = $5, reply_due = $6, next_due = $7, overdue = $8,
            reopen_count = $9, return_count = $10, supervision_level = $11, solved = $12, rating = $13, version = $14, updated_at = $15,
            routed_at = $16, accepted_at = $17, pending_extension = $19,
            accepted_in_time = CASE WHEN $17::timestamptz IS NULL THEN NULL ELSE $17::timestamptz <= $18::timestamptz END
      WHERE id = $1 AND version = $2 RETURNING id`,
    [
      problemId,
      version,
      next.status,
      lead?.departmentId ?? null,
      open && next.status === 'routed' ? lead?.acceptDue.at : null,
      open ? (lead?.replyDue.at ?? null) : null,
      nextSweepAt(next, now, calendar),
      overdueItems(next, now, calendar).length > 0,
      next.reopenCount,
      next.returnCount,
      next.supervision.level,
      next.solved,
      next.rating,
      next.history.length,
      now,
      lead?.routedAt ?? null,
      lead?.acceptedAt ?? null,
      lead?.acceptDue.at ?? null,
      next.extensions.some((x) => x.status === 'pending')
    ]
  )
  if (!updated.length) throw new Error(`problem ${problemId} moved past version ${version}`)
  await syncUnits(q, problemId, next)
}

export async function loadCalendarOverrides(q: Queryable): Promise<CalendarOverride[]> {
  return q.query<CalendarOverride>(
    `SELECT to_char(date, 'YYYY-MM-DD') AS date, kind, note FROM calendar_overrides ORDER BY date`
  )
}

export async function loadSlaConfig(q: Queryable): Promise<Record<string, SlaLimits>> {
  const rows = await q.query<{ category: string; accept_days: number; reply_days: number; extension_max_days: number }>(
    'SELECT category, accept_days, reply_days, extension_max_days FROM sla_policies'
  )
  return Object.fromEntries(
    rows.map((r) => [r.category, { acceptDays: r.accept_days, replyDays: r.reply_days, extensionMaxDays: r.extension_max_days }])
  )
}
