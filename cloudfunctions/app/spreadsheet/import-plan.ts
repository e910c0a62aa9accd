import type { ImportRowError } from '@contract'
import type { z } from 'zod'
import type { Queryable } from '../../db/client'
import type { Ctx } from '../context'
import type { Column } from './columns'

/** One data row of the file: its spreadsheet row number and its cells by list column header (absent columns missing). */
export interface SheetRow {
  row: number
  cells: ReadonlyMap<string, string>
}

/** A record the import will write once every row is good: a new one, or one found by its natural key. */
export interface PlannedWrite {
  outcome: 'created' | 'updated'
  /** Writes the record and its audit entries in the caller's transaction. */
  write(ctx: Ctx): Promise<void>
}

export interface ImportPlan {
  rejected: ImportRowError[]
  writes: PlannedWrite[]
}

/** A list the console exports: the sheet's name, its columns and its records. */
export interface ListSheet<R> {
  label: string
  columns: readonly Column<R>[]
  load(q: Queryable, now: Date): Promise<R[]>
}

/** A list that also imports: its export is the template, and rows become writes. */
export interface ImportSheet<R> extends ListSheet<R> {
  plan(q: Queryable, rows: readonly SheetRow[]): Promise<ImportPlan>
}

/**
 * The save schema's complaints about a row, in Chinese, leaving out the fields whose cell was already
 * reported (an unknown 镇街 is one error, not also “请选择镇街”).
 */
export function schemaErrors<S extends z.ZodType>(schema: S, input: unknown, reported: ReadonlySet<string>): { data: z.output<S> | null; errors: string[] } {
  const r = schema.safeParse(input)
  if (r.success) return { data: r.data, errors: [] }
  const errors = r.error.issues.filter((i) => !reported.has(String(i.path[0] ?? ''))).map((i) => i.message)
  return { data: null, errors: [...new Set(errors)] }
}

/** Rows of one list that must not meet twice in a file (the same credit code, the same record): the first row of each key. */
export class FirstSeen {
  private readonly seen = new Map<string, number>()
  /** The earlier row with this key, or null (then this row claims it). */
  claim(key: string, row: number): number | null {
    const earlier = this.seen.get(key)
    if (earlier !== undefined) return earlier
    this.seen.set(key, row)
    return null
  }
}

/** A key for names that tolerates the spreadsheet's spacing and full-width brackets or digits. */
export const nameKey = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase()

/** JSON with object keys sorted, so that records read from the database and built from a row compare by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

/** Whether two records differ, for skipping a write (and its audit entry) that would change nothing. */
export const differs = (a: object, b: object) => canonical(a) !== canonical(b)
