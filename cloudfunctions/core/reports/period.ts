/**
 * Report periods are calendar months in China time (Asia/Shanghai, UTC+8 all year, no daylight saving):
 * a problem belongs to the month it was filed in, read on a Shanghai wall clock. Months are 'YYYY-MM'.
 * Pure: `now` always comes from the caller.
 */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

function parse(month: string): { year: number; month: number } {
  const m = MONTH_RE.exec(month)
  if (!m) throw new Error(`not a month (YYYY-MM): ${month}`)
  return { year: Number(m[1]), month: Number(m[2]) }
}

export function isMonth(value: string): boolean {
  return MONTH_RE.test(value)
}

/** The Shanghai month an instant falls in. */
export function monthOf(at: Date): string {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}`
}

/** The month `delta` months after (or before, when negative) `month`. */
export function shiftMonth(month: string, delta: number): string {
  const { year, month: m } = parse(month)
  const index = year * 12 + (m - 1) + delta
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`
}

/** Months from `from` to `to`, both included, oldest first; empty when `from` is after `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  for (let m = from; m <= to; m = shiftMonth(m, 1)) out.push(m)
  return out
}

/** How many months `from`..`to` spans, both included (0 when `from` is after `to`). */
export function monthCount(from: string, to: string): number {
  const a = parse(from)
  const b = parse(to)
  return Math.max(0, b.year * 12 + b.month - (a.year * 12 + a.month) + 1)
}

/** The first instant of a Shanghai month (00:00 +08:00 on its 1st). */
export function monthStart(month: string): Date {
  const { year, month: m } = parse(month)
  return new Date(Date.UTC(year, m - 1, 1) - SHANGHAI_OFFSET_MS)
}

/** The half-open instant range [start, end) that the months `from`..`to` cover in China time. */
export function periodBounds(from: string, to: string): { start: Date; end: Date } {
  return { start: monthStart(from), end: monthStart(shiftMonth(to, 1)) }
}

/** '2026年11月'; a range as '2026年1月—2026年11月'. */
export function monthLabel(month: string): string {
  const { year, month: m } = parse(month)
  return `${year}年${m}月`
}

export function periodLabel(from: string, to: string): string {
  return from === to ? monthLabel(from) : `${monthLabel(from)}—${monthLabel(to)}`
}
