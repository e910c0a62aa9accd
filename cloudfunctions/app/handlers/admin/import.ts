import type { ExportedFile, ImportInput, ImportReport } from '@contract'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'

// Being written (issue #6): spreadsheet import with a row-by-row report.
export async function importList(_ctx: Ctx, _input: ImportInput): Promise<ImportReport> {
  throw new AppError('UNAVAILABLE', '导入功能尚未开放')
}
export type { ExportedFile }
