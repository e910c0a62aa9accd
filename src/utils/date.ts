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
