import type { ExportedFile, ExportListInput } from '@contract'
import type { Ctx } from '../../context'
import { EXPORTERS } from '../../spreadsheet/sheets'
import { writeSheet } from '../../spreadsheet/write-sheet'
import { requireAdmin } from './guard'

/**
 * Any admin list, or the audit log, as .xlsx (the default) or .csv. The four importable lists come out
 * with exactly their import columns, references by name, so the export is also the import template.
 */
export async function exportList(ctx: Ctx, input: ExportListInput): Promise<ExportedFile> {
  requireAdmin(ctx)
  const data = await EXPORTERS[input.entity].render(ctx.q, ctx.now)
  return writeSheet(data, input.format ?? 'xlsx', ctx.now)
}
