import type { ExportedFile, ExportListInput } from '@contract'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'

// Being written (issue #6): exports of every admin list.
export async function exportList(_ctx: Ctx, _input: ExportListInput): Promise<ExportedFile> {
  throw new AppError('UNAVAILABLE', '导出功能尚未开放')
}
