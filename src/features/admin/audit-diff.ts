/** One key of an audited record, before and after the change. */
export interface DiffRow {
  key: string
  before: unknown
  after: unknown
  changed: boolean
}

/** The same JSON whatever the order of keys, so {a,b} and {b,a} compare equal. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v ?? null)
}

export const sameValue = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b)

/** Keys that say nothing a reader needs: the record's own id is the entry's subject already. */
const SKIP = new Set(['id'])

/**
 * Every key of the record before and after, in the record's own order, each marked changed or not. A
 * record created has no before (all its keys are new); one deleted has no after.
 */
export function diffRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): DiffRow[] {
  const keys: string[] = []
  for (const record of [after, before]) for (const k of Object.keys(record ?? {})) if (!SKIP.has(k) && !keys.includes(k)) keys.push(k)
  return keys.map((key) => {
    const b = before ? before[key] : undefined
    const a = after ? after[key] : undefined
    return { key, before: b, after: a, changed: !before || !after || !sameValue(b, a) }
  })
}
