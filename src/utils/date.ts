import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'

dayjs.extend(utc)

/** China Standard Time: UTC+8 all year (no daylight saving), fixed so phones set to other zones agree. */
const SHANGHAI_OFFSET_MINUTES = 8 * 60

/** An ISO timestamp as Shanghai local time, 'YYYY-MM-DD HH:mm'; '' for missing or unreadable input. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = dayjs.utc(iso)
  return d.isValid() ? d.utcOffset(SHANGHAI_OFFSET_MINUTES).format('YYYY-MM-DD HH:mm') : ''
}

/** An ISO date or timestamp as 'YYYY-MM-DD' in Shanghai. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return ''
  // a bare date ('2026-03-01') is a calendar day, not an instant
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const d = dayjs.utc(iso)
  return d.isValid() ? d.utcOffset(SHANGHAI_OFFSET_MINUTES).format('YYYY-MM-DD') : ''
}

/** Weekday (0 = Sunday) and minutes since midnight, in Shanghai, for `now`. */
export function shanghaiClock(now: Date = new Date()): { weekday: number; minutes: number } {
  const d = dayjs(now).utcOffset(SHANGHAI_OFFSET_MINUTES)
  return { weekday: d.day(), minutes: d.hour() * 60 + d.minute() }
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
