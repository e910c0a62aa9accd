import { chinaDay } from '@/utils/china-time'
import { formatMonthDay } from '@/utils/date'

const DAY_MS = 86_400_000

function dayOf(iso: string): string | null {
  const t = Date.parse(iso)
  return Number.isNaN(t) ? null : chinaDay(new Date(t).toISOString())
}

/** Whole China calendar days from `iso` to `now` (0 the same day); null when missing or unreadable. */
export function daysSince(iso: string | null | undefined, now: Date = new Date()): number | null {
  if (!iso) return null
  const then = dayOf(iso)
  const today = dayOf(now.toISOString())
  if (!then || !today) return null
  return Math.max(0, Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${then}T00:00:00Z`)) / DAY_MS))
}

/** 今天 · 昨天 · 12 天前 · 尚未走访 */
export function lastVisitLabel(iso: string | null | undefined, now: Date = new Date()): string {
  const n = daysSince(iso, now)
  if (n === null) return '尚未走访'
  if (n === 0) return '今天'
  if (n === 1) return '昨天'
  return `${n} 天前`
}

/** A month without a visit deserves a nudge; never visited too. */
export const VISIT_DUE_DAYS = 30

export function visitDue(iso: string | null | undefined, now: Date = new Date()): boolean {
  const n = daysSince(iso, now)
  return n === null || n >= VISIT_DUE_DAYS
}

/** '本周（11月23日起）' for the Monday the summary starts on. */
export function weekTitle(weekOf: string): string {
  const day = formatMonthDay(weekOf)
  return day ? `本周（${day}起）` : '本周'
}
