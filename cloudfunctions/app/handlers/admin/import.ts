import type { ImportInput, ImportReport } from '@contract'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { matchHeaders } from '../../spreadsheet/columns'
import type { SheetRow } from '../../spreadsheet/import-plan'
import { readSheet } from '../../spreadsheet/read-sheet'
import { IMPORT_ROWS_MAX, IMPORTERS } from '../../spreadsheet/sheets'
import { requireAdmin } from './guard'
import { pgCode } from './records'

/**
 * Imports a list from .xlsx or .csv, all or nothing: every row is checked first (the save schema,
 * names of referenced records, credit codes, duplicates within the file) and the report names each
 * bad row; only when none is bad, and this is not a dry run, is every row written, in the action's
 * transaction (import is idempotent in the contract, so ctx.q is one), each change audited.
 */
export async function importList(ctx: Ctx, input: ImportInput): Promise<ImportReport> {
  requireAdmin(ctx)
  const importer = IMPORTERS[input.entity]
  const grid = await readSheet(Buffer.from(input.base64, 'base64'))
  const at = matchHeaders(grid.header, importer.columns)
  const rows: SheetRow[] = grid.rows
    .map((line) => ({
      row: line.row,
      cells: new Map(importer.columns.flatMap((c, i) => (at[i] >= 0 ? [[c.header, line.cells[at[i]] ?? '']] : [])))
    }))
    // a row with something only in a column without a header (a note beside the table) is blank too
    .filter((r) => [...r.cells.values()].some(Boolean))
  if (!rows.length) throw new AppError('VALIDATION', '文件中没有数据行：第 1 行为表头，数据从第 2 行开始')
  if (rows.length > IMPORT_ROWS_MAX) throw new AppError('VALIDATION', `一次最多导入 ${IMPORT_ROWS_MAX} 行，本文件有 ${rows.length} 行，请分批导入`)

  const plan = await importer.plan(ctx.q, rows)
  const applied = !input.dryRun && plan.rejected.length === 0
  if (applied) {
    try {
      for (const w of plan.writes) await w.write(ctx)
    } catch (e) {
      // the rows were checked against the data as read; a save elsewhere in the meantime can still collide
      if (pgCode(e) === '23505') throw new AppError('CONFLICT', '导入期间有记录被修改，与导入的内容重复，请重新导入')
      throw e
    }
  }
  return {
    entity: input.entity,
    dryRun: input.dryRun,
    total: rows.length,
    created: plan.writes.filter((w) => w.outcome === 'created').length,
    updated: plan.writes.filter((w) => w.outcome === 'updated').length,
    rejected: plan.rejected.sort((a, b) => a.row - b.row),
    applied
  }
}
