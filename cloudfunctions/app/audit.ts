import type { AuditAction, AuditSubject } from '@contract'
import type { Ctx } from './context'

export interface AuditChange {
  subject: AuditSubject
  subjectId: string
  action: AuditAction
  before?: object | null
  after?: object | null
}

/**
 * Records an administrative change in the caller's transaction (every mutating admin action is
 * idempotent in the contract, so the dispatcher runs it in one): the change and its entry commit or
 * roll back together. Pass the records as the console shows them; secrets never belong here.
 */
export async function recordAudit(ctx: Ctx, change: AuditChange): Promise<void> {
  await ctx.q.query(
    `INSERT INTO audit_log (at, actor_id, actor_name, subject, subject_id, action, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      ctx.now,
      ctx.caller?.personId ?? null,
      ctx.caller?.name ?? '系统',
      change.subject,
      change.subjectId,
      change.action,
      change.before ? JSON.stringify(change.before) : null,
      change.after ? JSON.stringify(change.after) : null
    ]
  )
}
