import type { Draft, Hours } from './console-types'

// Reading a form's draft back into the shape of a save action's input. The schema has the last word:
// these only turn what the controls hold (text) into the types it expects, leaving it to say what is wrong.

export const str = (d: Draft, key: string): string => {
  const v = d[key]
  return typeof v === 'string' ? v : ''
}

export const bool = (d: Draft, key: string): boolean => d[key] === true

export const list = (d: Draft, key: string): string[] => {
  const v = d[key]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

export const CLOSED_WEEK: Hours = [null, null, null, null, null, null, null]

export const hours = (d: Draft, key: string): Hours => {
  const v = d[key]
  if (!Array.isArray(v) || v.length !== 7) return CLOSED_WEEK
  return v.map((x) => (x && typeof x === 'object' ? { open: x.open, close: x.close } : null))
}

/** '' → undefined, so an optional field left empty is not sent. */
export const optionalText = (d: Draft, key: string): string | undefined => str(d, key).trim() || undefined

/** '' → null: an optional reference (a town's office) or text (a chain's leader) cleared. */
export const nullable = (d: Draft, key: string): string | null => str(d, key).trim() || null

/** '' → undefined (the schema asks for it); anything not a number → NaN, which the schema refuses. */
export function numberOf(d: Draft, key: string): number | undefined {
  const t = str(d, key).trim()
  if (!t) return undefined
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN
}

/** The input with `id` when editing: a save without one creates. */
export const withId = <T extends object>(id: string | undefined, input: T): T & { id?: string } => (id ? { id, ...input } : input)

/** A number for a text control: '' for none. */
export const numText = (n: number | null | undefined): string => (typeof n === 'number' && Number.isFinite(n) ? String(n) : '')
