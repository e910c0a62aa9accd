/** Plan and oversight years on the client, in China time (UTC+8, whatever zone the device is set to). */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The contract's first year (types/schemas.ts: year ≥ 2019). */
export const FIRST_YEAR = 2019

export function currentYear(now: Date = new Date()): number {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear()
}

/** Newest first, from `latest` back to the first year. */
export function pickableYears(latest: number): number[] {
  const out: number[] = []
  for (let y = latest; y >= FIRST_YEAR; y--) out.push(y)
  return out
}

/** How much of `year` has passed (0…1) in China time: 1 for past years, 0 for future ones. */
export function yearElapsed(year: number, now: Date = new Date()): number {
  const start = Date.UTC(year, 0, 1) - SHANGHAI_OFFSET_MS
  const end = Date.UTC(year + 1, 0, 1) - SHANGHAI_OFFSET_MS
  const t = now.getTime()
  if (t <= start) return 0
  if (t >= end) return 1
  return (t - start) / (end - start)
}

/** A year from a page link (?year=2026), or undefined when missing or not a year. */
export function parseYear(value: string | undefined): number | undefined {
  if (!value || !/^\d{4}$/.test(value)) return undefined
  const y = Number(value)
  return y >= FIRST_YEAR && y <= 2100 ? y : undefined
}
