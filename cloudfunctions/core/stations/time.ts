import { addDays, daysBetween, shanghaiDate, startOfDay, weekday, type Day } from '../calendar'

/**
 * Wall-clock times in China (Asia/Shanghai, UTC+8 all year, no daylight saving) for opening hours and
 * service slots. Everything works on epoch milliseconds and UTC getters of a shifted instant, so nothing
 * depends on the machine's time zone.
 */

const MINUTE_MS = 60_000
const SHANGHAI_OFFSET_MS = 8 * 60 * MINUTE_MS
const HM_RE = /^([01]\d|2[0-4]):([0-5]\d)$/

/** Minutes in a day. */
export const DAY_MINUTES = 24 * 60

export const WEEKDAY_LABELS: readonly string[] = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/**
 * True for a wall-clock time 'HH:MM' (00:00–23:59). With `allowEndOfDay`, '24:00' too: the end of the
 * day, allowed as a closing time or a slot's end, never as an opening time or a slot's start.
 */
export function isHm(value: unknown, allowEndOfDay = false): value is string {
  if (typeof value !== 'string') return false
  const m = HM_RE.exec(value)
  if (!m) return false
  if (m[1] === '24') return allowEndOfDay && m[2] === '00'
  return true
}

/** Minutes after midnight of 'HH:MM' ('24:00' = 1440 when allowed). RangeError otherwise. */
export function hmMinutes(value: string, allowEndOfDay = false): number {
  if (!isHm(value, allowEndOfDay)) throw new RangeError(`不是有效的时间（HH:MM）：${String(value)}`)
  const [h, m] = value.split(':').map(Number)
  return h * 60 + m
}

/** The instant `minutes` after midnight of a China day (minutes may run past 1440 into the next day). */
export function chinaInstant(day: Day, minutes: number): Date {
  return new Date(startOfDay(day).getTime() + minutes * MINUTE_MS)
}

function shifted(at: Date): Date {
  const ms = at.getTime()
  if (Number.isNaN(ms)) throw new RangeError('无效时间')
  return new Date(ms + SHANGHAI_OFFSET_MS)
}

/** Minutes after China midnight of an instant (0–1439). */
export function chinaMinutes(at: Date): number {
  const d = shifted(at)
  return d.getUTCHours() * 60 + d.getUTCMinutes()
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 'HH:MM' on a China wall clock. */
export function chinaHm(at: Date): string {
  const d = shifted(at)
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** '3月15日' */
export function monthDayText(day: Day): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`
}

/** '2026年3月15日' for a day, or for the China day of an instant. */
export function chinaDateText(x: Day | Date): string {
  const day = x instanceof Date ? shanghaiDate(x) : x
  return `${Number(day.slice(0, 4))}年${monthDayText(day)}`
}

/** '2026年3月15日 10:23' (China time). */
export function chinaDateTimeText(at: Date): string {
  return `${chinaDateText(at)} ${chinaHm(at)}`
}

/**
 * How a China day reads seen from another: '今天', '明天', '后天', or '3月15日（周日）'.
 * Used in labels such as '明天 08:00 开门'.
 */
export function relativeDayText(day: Day, today: Day): string {
  const n = daysBetween(today, day)
  if (n === 0) return '今天'
  if (n === 1) return '明天'
  if (n === 2) return '后天'
  return `${monthDayText(day)}（${WEEKDAY_LABELS[weekday(day)]}）`
}

/** '45 分钟', '2 小时', '1 小时 30 分钟', '1 天', '2 天 3 小时' (rounded to whole minutes). */
export function durationText(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`时长应为非负数：${minutes}`)
  const total = Math.round(minutes)
  if (total < 60) return `${total} 分钟`
  const days = Math.floor(total / DAY_MINUTES)
  const hours = Math.floor((total % DAY_MINUTES) / 60)
  const mins = total % 60
  const parts: string[] = []
  if (days) parts.push(`${days} 天`)
  if (hours) parts.push(`${hours} 小时`)
  if (mins) parts.push(`${mins} 分钟`)
  return parts.join(' ')
}

/** The China day `n` days after the day of an instant. */
export function dayAfter(at: Date, n: number): Day {
  return addDays(shanghaiDate(at), n)
}
