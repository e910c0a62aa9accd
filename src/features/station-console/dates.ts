import { chinaDay } from '@/utils/china-time'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** Today's China date, yyyy-mm-dd. */
export const todayInChina = (now: Date = new Date()): string => chinaDay(now.toISOString())

/** The China date `n` days after `day`. */
export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
}

/** e.g. 11月25日 周三 */
export function dayTitle(day: string): string {
  const d = new Date(`${day}T12:00:00Z`)
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${WEEKDAYS[d.getUTCDay()]}`
}

export const WEEKDAY_NAMES = WEEKDAYS
