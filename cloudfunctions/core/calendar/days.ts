/**
 * Calendar days in China (Asia/Shanghai, UTC+8 all year, no daylight saving) as 'YYYY-MM-DD' strings.
 * All arithmetic is on UTC fields of a UTC-midnight instant, so nothing here depends on the machine's
 * time zone.
 */

/** A calendar day, 'YYYY-MM-DD'. */
export type Day = string

const DAY_MS = 24 * 60 * 60 * 1000
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

function fromUtcMidnight(ms: number): Day {
  const d = new Date(ms)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** True for a real calendar day written as YYYY-MM-DD (2026-02-30 is not). */
export function isDay(s: unknown): s is Day {
  if (typeof s !== 'string') return false
  const m = DAY_RE.exec(s)
  if (!m) return false
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return fromUtcMidnight(ms) === s
}

function dayMs(day: Day): number {
  if (!isDay(day)) throw new RangeError(`不是有效日期：${day}`)
  const [y, m, d] = day.split('-').map(Number)
  return Date.UTC(y, m - 1, d)
}

/** The day in China at an instant. */
export function shanghaiDate(instant: Date): Day {
  const ms = instant.getTime()
  if (Number.isNaN(ms)) throw new RangeError('无效时间')
  const d = new Date(ms + SHANGHAI_OFFSET_MS)
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

/** A day as is, or the day in China of an instant (a Date, or an ISO timestamp with time). */
export function toDay(x: Date | string): Day {
  if (x instanceof Date) return shanghaiDate(x)
  if (DAY_RE.test(x)) {
    if (!isDay(x)) throw new RangeError(`不是有效日期：${x}`)
    return x
  }
  const ms = Date.parse(x)
  if (Number.isNaN(ms)) throw new RangeError(`不是有效日期：${x}`)
  return shanghaiDate(new Date(ms))
}

export function addDays(day: Day, n: number): Day {
  return fromUtcMidnight(dayMs(day) + n * DAY_MS)
}

/** Whole days from a to b (b − a). */
export function daysBetween(a: Day, b: Day): number {
  return Math.round((dayMs(b) - dayMs(a)) / DAY_MS)
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: Day): number {
  return new Date(dayMs(day)).getUTCDay()
}

export function yearOf(day: Day): number {
  return Number(day.slice(0, 4))
}

/** The last instant of a day in China (23:59:59.999 +08:00), as an ISO timestamp in UTC. */
export function endOfDay(day: Day): string {
  return new Date(dayMs(day) + DAY_MS - SHANGHAI_OFFSET_MS - 1).toISOString()
}

/** The first instant of a day in China (00:00 +08:00), as a Date. */
export function startOfDay(day: Day): Date {
  return new Date(dayMs(day) - SHANGHAI_OFFSET_MS)
}
