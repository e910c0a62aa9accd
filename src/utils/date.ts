/**
 * Dates in China Standard Time: UTC+8 all year (no daylight saving), fixed so phones set to other zones agree.
 * Plain Date arithmetic (no date library): these helpers run on the tab pages, in the main package, where
 * every kilobyte counts (issue #7).
 */
const SHANGHAI_MS = 8 * 60 * 60 * 1000

/** A timestamp written without a zone ('2026-11-25 08:00', '2026-11-25T08:00:00.123'): read as UTC, like the rest. */
const ZONELESS = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/

/** The instant of an ISO timestamp as Shanghai wall time in a Date's UTC fields; null when unreadable. */
function shanghai(iso: string): Date | null {
  const t = Date.parse(ZONELESS.test(iso) ? `${iso.replace(' ', 'T')}Z` : iso)
  return Number.isNaN(t) ? null : new Date(t + SHANGHAI_MS)
}

/** An ISO timestamp as Shanghai local time, 'YYYY-MM-DD HH:mm'; '' for missing or unreadable input. */
export function formatDateTime(iso: string | null | undefined): string {
  const d = iso ? shanghai(iso) : null
  return d ? `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 16)}` : ''
}

/** An ISO date or timestamp as 'YYYY-MM-DD' in Shanghai. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  // a bare date ('2026-03-01') is a calendar day, not an instant
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const d = shanghai(iso)
  return d ? d.toISOString().slice(0, 10) : ''
}

/** Weekday (0 = Sunday) and minutes since midnight, in Shanghai, for `now`. */
export function shanghaiClock(now: Date = new Date()): { weekday: number; minutes: number } {
  const d = new Date(now.getTime() + SHANGHAI_MS)
  return { weekday: d.getUTCDay(), minutes: d.getUTCHours() * 60 + d.getUTCMinutes() }
}

/** The Shanghai calendar day of a deadline as '11月26日'; '' when missing. Accepts 'YYYY-MM-DD' or an ISO instant. */
export function formatMonthDay(value: string | null | undefined): string {
  const day = formatDate(value)
  const m = /^\d{4}-(\d{2})-(\d{2})$/.exec(day)
  return m ? `${Number(m[1])}月${Number(m[2])}日` : ''
}

/** How pressing a deadline is: past it, due within a day, or not yet. */
export type DueTone = 'overdue' | 'soon' | 'normal'

const DAY_MS = 24 * 60 * 60 * 1000

/** `at` is the instant a deadline falls due (ISO). */
export function dueTone(at: string | null | undefined, now: Date = new Date()): DueTone {
  if (!at) return 'normal'
  const t = Date.parse(at)
  if (Number.isNaN(t)) return 'normal'
  const left = t - now.getTime()
  if (left < 0) return 'overdue'
  return left <= DAY_MS ? 'soon' : 'normal'
}
