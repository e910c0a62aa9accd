import type { Queryable } from '../../db/client'
import { recordAudit } from '../audit'
import type { EntitySpec } from '../handlers/admin/entities'
import { differs, type PlannedWrite } from './import-plan'

/**
 * A row's record written the way the console's save writes it, audited as 'import' with the record as
 * the console shows it before and after. A matched record the row leaves as it was still counts as
 * updated in the report, but is not written and leaves no audit entry: the log is for changes.
 */
export function upsert<R extends { id: string }>(
  spec: EntitySpec<R>,
  before: R | null,
  record: R,
  write: (q: Queryable, record: R, create: boolean) => Promise<void>
): PlannedWrite {
  return {
    outcome: before ? 'updated' : 'created',
    async write(ctx) {
      if (before && !differs(before, record)) return
      await write(ctx.q, record, !before)
      const after = (await spec.find(ctx, record.id)) ?? record
      await recordAudit(ctx, { subject: spec.subject, subjectId: record.id, action: 'import', before, after })
    }
  }
}
