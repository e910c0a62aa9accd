import type { AuditEntry, AuditInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { listAudit } from '../../../db/repos/admin/audit'
import { requireAdmin } from './guard'

export const AUDIT_PAGE = 50

/** The log, newest first; the next page is asked for with `before` = the last entry's id. */
async function audit(ctx: Ctx, input: AuditInput): Promise<AuditEntry[]> {
  requireAdmin(ctx)
  // ids are a bigserial shown as text: anything else cannot be a page boundary
  if (input.before !== undefined && !/^\d{1,18}$/.test(input.before)) throw new AppError('VALIDATION', '翻页位置不正确', { before: '翻页位置不正确' })
  return listAudit(ctx.q, {
    subject: input.subject,
    subjectId: input.subjectId,
    actorId: input.actorId,
    beforeId: input.before,
    limit: input.limit ?? AUDIT_PAGE
  })
}

export const auditActions: Pick<Handlers['admin'], 'audit'> = { audit }
