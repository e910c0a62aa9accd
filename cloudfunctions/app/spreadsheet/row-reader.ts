import type { SheetRow } from './import-plan'
import type { NameIndex } from './name-index'

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '对'])
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '不是'])

/**
 * Reads one row's cells into typed values, collecting each bad cell's message in Chinese. A blank
 * cell reads as undefined: the importers keep the record's current value then (or its default when
 * new), so a list with a few columns filled updates only those.
 */
export class RowReader {
  readonly errors: string[] = []
  /** Fields whose cell was reported, so that the save schema does not report them again. */
  readonly reported = new Set<string>()

  constructor(private readonly sheetRow: SheetRow) {}

  get row(): number {
    return this.sheetRow.row
  }

  fail(field: string, message: string): void {
    this.reported.add(field)
    this.errors.push(message)
  }

  /** The trimmed cell, '' when blank or when the file has no such column. */
  text(header: string): string {
    return this.sheetRow.cells.get(header) ?? ''
  }

  optional(header: string): string | undefined {
    return this.text(header) || undefined
  }

  required(header: string, field: string, label = header): string | undefined {
    const v = this.text(header)
    if (!v) this.fail(field, `请填写${label}`)
    return v || undefined
  }

  yesNo(header: string, field: string, label: string): boolean | undefined {
    const v = this.text(header)
    if (!v) return undefined
    const k = v.toLowerCase()
    if (YES.has(k)) return true
    if (NO.has(k)) return false
    this.fail(field, `${label}应填“是”或“否”，不是“${v}”`)
    return undefined
  }

  number(header: string, field: string, label: string): number | undefined {
    const v = this.text(header)
    if (!v) return undefined
    const n = Number(v.normalize('NFKC'))
    if (!Number.isFinite(n)) {
      this.fail(field, `${label}应为数字，不是“${v}”`)
      return undefined
    }
    return n
  }

  /** A date as YYYY-MM-DD from 2020-07-15, 2020/7/15, 2020.7.15 or 2020年7月15日 (the schema checks it exists). */
  day(header: string, field: string, label: string): string | undefined {
    const v = this.text(header)
    if (!v) return undefined
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(v.normalize('NFKC'))
    if (!m) {
      this.fail(field, `${label}应为日期，如 2026-03-01，不是“${v}”`)
      return undefined
    }
    return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
  }

  /** The id of the record a cell names (a 镇街, an 产业链 …): unknown or ambiguous names are the row's errors. */
  ref(header: string, field: string, index: NameIndex, what: string): string | undefined {
    const v = this.text(header)
    if (!v) return undefined
    const found = index.find(v)
    if (found.length === 1) return found[0]
    this.fail(field, found.length ? `系统中有 ${found.length} 个名为“${v}”的${what}，无法确定是哪一个` : `${what}“${v}”不存在，请核对名称`)
    return undefined
  }
}
