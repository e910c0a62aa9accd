import { addDays, isDay, shanghaiDate, startOfDay, weekday, type Day } from '../calendar'

/**
 * A first secretary's week runs Monday to Sunday on a China wall clock (Asia/Shanghai, UTC+8 all year).
 * Weeks are named by their Monday ('YYYY-MM-DD'). Pure: instants and days always come from the caller.
 */

/** The Monday of the week a China day falls in. */
export function mondayOf(day: Day): Day {
  if (!isDay(day)) throw new RangeError(`不是有效日期：${day}`)
  return addDays(day, -((weekday(day) + 6) % 7))
}

export interface WeekBounds {
  /** Monday and Sunday, China dates, both in the week. */
  monday: Day
  sunday: Day
  /** The half-open range of instants [start, end): Monday 00:00 to the next Monday 00:00, China time. */
  start: Date
  end: Date
}

/** The week (Monday–Sunday, China time) containing the China day `day`. */
export function weekBounds(day: Day): WeekBounds {
  const monday = mondayOf(day)
  return { monday, sunday: addDays(monday, 6), start: startOfDay(monday), end: startOfDay(addDays(monday, 7)) }
}

/** The Monday of the week an instant falls in, China time. */
export function weekOfInstant(at: Date): Day {
  return mondayOf(shanghaiDate(at))
}

/** The Monday notice goes out from this hour (China time) on. */
export const WEEKLY_SUMMARY_HOUR = 8

/**
 * Which week's summary is due at `now`: from Monday 08:00 (China time) on, the week just ended (its
 * Monday); before that on a Monday, none. A sweep that missed Monday (a host down) still sends it later
 * in the week; the caller records each (person, week) once.
 */
export function weeklySummaryDue(now: Date): Day | null {
  const monday = weekOfInstant(now)
  const from = new Date(startOfDay(monday).getTime() + WEEKLY_SUMMARY_HOUR * 3600_000)
  return now.getTime() >= from.getTime() ? addDays(monday, -7) : null
}
