import { AppError } from '../errors'

/** What one cell of an export holds; booleans are written 是/否 so that the export imports back. */
export type Cell = string | number | null

/**
 * One column of a list, shared by its export and its import so that the export is the import
 * template: the header, whether an import needs it, and how to fill it (the header's comment in .xlsx).
 */
export interface Column<R> {
  header: string
  /** The import refuses a file without this column, and a row with this cell blank. */
  required?: boolean
  note?: string
  value: (record: R) => Cell
}

/** Headers match whatever the spacing, full- or half-width brackets, a `*` marking a required column,
 * and with or without the hint in brackets: “链主企业（是/否）”, “链主企业(是/否)” and “链主企业” alike. */
export const headerKey = (text: string) => text.normalize('NFKC').replace(/[\s*]/g, '')
const withoutHint = (key: string) => key.replace(/\([^()]*\)$/, '')

/** Which file column holds each list column (-1 when the file leaves an optional one out). */
export function matchHeaders(header: readonly string[], columns: readonly { header: string; required?: boolean }[]): number[] {
  const at = columns.map(() => -1)
  const unknown: string[] = []
  const twice: string[] = []
  header.forEach((text, i) => {
    const key = headerKey(text)
    if (!key) return
    const c = columns.findIndex((col) => headerKey(col.header) === key || withoutHint(headerKey(col.header)) === withoutHint(key))
    if (c < 0) unknown.push(text.trim())
    else if (at[c] >= 0) twice.push(text.trim())
    else at[c] = i
  })
  const missing = columns.filter((c, i) => c.required && at[i] < 0).map((c) => c.header)
  const problems = [
    missing.length ? `缺少必填列：${missing.join('、')}` : '',
    unknown.length ? `无法识别的列：${unknown.join('、')}` : '',
    twice.length ? `重复的列：${twice.join('、')}` : ''
  ].filter(Boolean)
  if (problems.length) {
    throw new AppError('VALIDATION', `${problems.join('；')}。可用的列：${columns.map((c) => c.header).join('、')}（请使用导出的模板）`)
  }
  return at
}
