import type { AuditAction, AuditEntry, AuditSubject } from '@contract'
import type { Queryable } from '../../client'
import { iso } from '../rows'

interface Row {
  id: string
  at: Date
  actor_id: string | null
  actor_name: string
  subject: AuditSubject
  subject_id: string
  action: AuditAction
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

export interface AuditFilter {
  subject?: AuditSubject
  subjectId?: string
  actorId?: string
  /** Only entries older than this id (the last one of the previous page). */
  beforeId?: string
  limit: number
}

/** Newest first; ids are a bigserial, so "older" is "smaller id" and pages never skip or repeat an entry. */
export async function listAudit(q: Queryable, f: AuditFilter): Promise<AuditEntry[]> {
  const rows = await q.query<Row>(
    `SELECT a.id::text AS id, a.at, a.actor_id, a.actor_name, a.subject, a.subject_id, a.action, a.before, a.after
       FROM audit_log a
      WHERE ($1::text IS NULL OR a.subject = $1)
        AND ($2::text IS NULL OR a.subject_id = $2)
        AND ($3::text IS NULL OR a.actor_id = $3)
        AND ($4::bigint IS NULL OR a.id < $4)
      -- the table's bigint, not the text it is shown as: '10' sorts before '9'
      ORDER BY a.id DESC
      LIMIT $5`,
    [f.subject ?? null, f.subjectId ?? null, f.actorId ?? null, f.beforeId ?? null, f.limit]
  )
  return rows.map((r) => ({
    id: r.id,
    at: iso(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    subject: r.subject,
    subjectId: r.subject_id,
    action: r.action,
    before: r.before,
    after: r.after
  }))
}
