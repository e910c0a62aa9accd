import type { DayHours } from '@contract'
import { addDays, dayInfo, isDay, makeCalendar, shanghaiDate, startOfDay, weekday, type CalendarInput, type Day } from '../calendar'
import { chinaHm, chinaInstant, DAY_MINUTES, hmMinutes, isHm, monthDayText, relativeDayText } from './time'

/**
 * Opening hours in China time.
 *
 * - `hours` has seven entries, Sunday first: a span {open:'08:00', close:'20:00'} or null (closed that
 *   weekday). A close at or before the open means the span runs past midnight: 18:00–02:00 is open from
 *   18:00 that day to 02:00 the next; 08:00–08:00 is 24 hours from 08:00. '24:00' closes at midnight.
 * - `open24h` means open all day, every day; `hours` is then ignored.
 * - A span belongs to the day it opens on. A closure date or a holiday cancels the spans that open that
 *   day (and, for a 24-hour station, the whole day); the small hours of a closure day still belong to
 *   the previous evening's span.
 * - `closedOnHolidays`: closed on the statutory and State Council holidays of the work calendar (春节,
 *   国庆 …, as `dayInfo` names them, administrators' holiday overrides included). Ordinary weekends
 *   follow `hours`; a 调休 Saturday or Sunday keeps that weekday's hours.
 * - `closures`: explicit closure dates, 'YYYY-MM-DD' in China.
 *
 * The computations are lenient with bad data (a malformed span counts as closed) so that one bad row
 * never breaks a finder list; forms check with validateOpeningHours first.
 */
export interface OpeningHours {
  open24h: boolean
  /** Index 0..6 = Sunday..Saturday. */
  hours: readonly (DayHours | null | undefined)[]
  closedOnHolidays?: boolean
  closures?: readonly string[]
}

/** What closes a day outright: an explicit closure, or a holiday (with its name: 春节, 国庆节 …). */
export type DayClosure = { kind: 'closure' } | { kind: 'holiday'; name: string }

/** The settings that close whole days; stations and service schedules share them. */
export interface ClosureSettings {
  closedOnHolidays?: boolean
  closures?: readonly string[]
}

/** Chinese messages for bad opening hours; empty when they are fine. */
export function validateOpeningHours(s: OpeningHours): string[] {
  const errors: string[] = []
  if (!Array.isArray(s.hours) || s.hours.length !== 7) errors.push('营业时间应为周日至周六共 7 项')
  else
    s.hours.forEach((h, i) => {
      if (h === null || h === undefined) return
      const day = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'][i]
      if (!isHm(h.open)) errors.push(`${day}：开门时间应为 00:00–23:59`)
      if (!isHm(h.close, true)) errors.push(`${day}：关门时间应为 00:00–24:00`)
    })
  for (const d of s.closures ?? []) if (!isDay(d)) errors.push(`闭站日期应为 YYYY-MM-DD 格式的有效日期：${String(d)}`)
  return errors
}

/** Whether a China day is closed outright by the settings, and why. A closure date wins over a holiday. */
export function dayClosure(day: Day, s: ClosureSettings, cal?: CalendarInput): DayClosure | null {
  if (s.closures?.includes(day)) return { kind: 'closure' }
  if (s.closedOnHolidays) {
    const info = dayInfo(day, cal)
    if (!info.workday && info.source !== 'week') return { kind: 'holiday', name: info.name ?? '节假日' }
  }
  return null
}

/** The calendar prepared once (a raw override list would be validated again for every day looked at). */
export function preparedCalendar(cal?: CalendarInput): CalendarInput | undefined {
  return Array.isArray(cal) ? makeCalendar(cal) : cal
}

interface Interval {
  start: number
  end: number
}

/** The span that opens on a day, in epoch ms; null when none. */
function spanOf(s: OpeningHours, day: Day, cal?: CalendarInput): Interval | null {
  if (dayClosure(day, s, cal)) return null
  const base = startOfDay(day).getTime()
  if (s.open24h) return { start: base, end: base + DAY_MINUTES * 60_000 }
  const h = Array.isArray(s.hours) ? s.hours[weekday(day)] : null
  if (!h || !isHm(h.open) || !isHm(h.close, true)) return null
  const open = hmMinutes(h.open)
  let close = hmMinutes(h.close, true)
  if (close <= open) close += DAY_MINUTES
  return { start: chinaInstant(day, open).getTime(), end: chinaInstant(day, close).getTime() }
}

/** Open intervals (merged where they touch) of the spans opening on days first..last. */
function intervals(s: OpeningHours, first: Day, last: Day, cal?: CalendarInput): Interval[] {
  const out: Interval[] = []
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const span = spanOf(s, day, cal)
    if (!span) continue
    const prev = out[out.length - 1]
    if (prev && span.start <= prev.end) prev.end = Math.max(prev.end, span.end)
    else out.push({ ...span })
  }
  return out
}

function valid(at: Date): number {
  const ms = at.getTime()
  if (Number.isNaN(ms)) throw new RangeError('无效时间')
  return ms
}

/** Whether the station is open at an instant (China time). */
export function isOpenAt(s: OpeningHours, at: Date, calendar?: CalendarInput): boolean {
  const ms = valid(at)
  const cal = preparedCalendar(calendar)
  const today = shanghaiDate(at)
  // a span is at most 24 hours, so only yesterday's and today's can cover `at`
  return intervals(s, addDays(today, -1), today, cal).some((i) => i.start <= ms && ms < i.end)
}

export interface OpeningChange {
  kind: 'opens' | 'closes'
  /** ISO instant. */
  at: string
}

/** How far ahead nextChange looks by default: long enough for a Spring Festival closure. */
export const OPENING_LOOKAHEAD_DAYS = 30

/**
 * When the station next closes (when open at `at`) or opens (when closed), within `lookaheadDays`.
 * Null when there is no change in that time: open round the clock, or closed for the whole time.
 */
export function nextChange(s: OpeningHours, at: Date, calendar?: CalendarInput, lookaheadDays = OPENING_LOOKAHEAD_DAYS): OpeningChange | null {
  const ms = valid(at)
  const cal = preparedCalendar(calendar)
  if (!Number.isInteger(lookaheadDays) || lookaheadDays < 1 || lookaheadDays > 366) throw new RangeError(`lookaheadDays 应为 1–366：${lookaheadDays}`)
  const today = shanghaiDate(at)
  const last = addDays(today, lookaheadDays)
  const closes = (end: number): OpeningChange => ({ kind: 'closes', at: new Date(end).toISOString() })
  const opens = (start: number): OpeningChange => ({ kind: 'opens', at: new Date(start).toISOString() })
  // Open intervals are merged day by day, and the answer is known at the first gap after `at`: a station
  // with ordinary hours looks at two or three days (each possibly a holiday-calendar lookup), not the
  // whole month ahead. The finder labels every station it lists, so this matters.
  let merged: Interval | null = null
  for (let day = addDays(today, -1); day <= last; day = addDays(day, 1)) {
    const span = spanOf(s, day, cal)
    if (!span) continue
    if (merged && span.start <= merged.end) {
      merged.end = Math.max(merged.end, span.end)
      continue
    }
    if (merged) {
      // `merged` can grow no more: it holds `at`, or is the first opening after it, or lies before it
      if (merged.start <= ms && ms < merged.end) return closes(merged.end)
      if (merged.start > ms) return opens(merged.start)
    }
    merged = { ...span }
  }
  if (!merged) return null
  if (merged.start <= ms && ms < merged.end) {
    // an end at or after the start of the day after `last` may continue into days not computed
    return merged.end >= startOfDay(addDays(last, 1)).getTime() ? null : closes(merged.end)
  }
  return merged.start > ms ? opens(merged.start) : null
}

export interface OpeningStatus {
  open: boolean
  next: OpeningChange | null
  /** '营业至 21:00', '营业至次日 02:00', '24 小时营业', '明天 08:00 开门', '暂停开放' … */
  label: string
  /** Why the station is closed on `at`'s day when a holiday or closure is the reason: '春节休息', '今日闭站'. */
  note: string | null
}

/** Open or not, the next change, and the Chinese label the finder shows. */
export function openingStatus(s: OpeningHours, at: Date, calendar?: CalendarInput, lookaheadDays = OPENING_LOOKAHEAD_DAYS): OpeningStatus {
  const cal = preparedCalendar(calendar)
  const open = isOpenAt(s, at, cal)
  const next = nextChange(s, at, cal, lookaheadDays)
  const today = shanghaiDate(at)
  let label: string
  if (!next) label = open ? '24 小时营业' : '暂停开放'
  else {
    const when = new Date(next.at)
    const day = shanghaiDate(when)
    const hm = chinaHm(when)
    if (next.kind === 'closes') {
      if (day === today) label = `营业至 ${hm}`
      else if (day === addDays(today, 1)) label = hm === '00:00' ? '营业至 24:00' : `营业至次日 ${hm}`
      else if (hm === '00:00') label = `营业至 ${monthDayText(addDays(day, -1))} 24:00`
      else label = `营业至 ${monthDayText(day)} ${hm}`
    } else label = `${relativeDayText(day, today)} ${hm} 开门`
  }
  let note: string | null = null
  if (!open) {
    const closure = dayClosure(today, s, cal)
    if (closure) note = closure.kind === 'holiday' ? `${closure.name}休息` : '今日闭站'
  }
  return { open, next, label, note }
}

/** The label alone: '营业至 21:00', '明天 08:00 开门' … */
export function openingLabel(s: OpeningHours, at: Date, cal?: CalendarInput): string {
  return openingStatus(s, at, cal).label
}
