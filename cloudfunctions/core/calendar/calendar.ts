import type { CalendarCoverage, CalendarOverride, ProblemDeadline } from '@contract'
import packageData from 'chinese-days/dist/chinese-days.json'
import { addDays, daysBetween, endOfDay, isDay, toDay, weekday, yearOf, type Day } from './days'
import { statutoryHolidays } from './statutory'

/**
 * The working-day calendar of mainland China, in Asia/Shanghai calendar days.
 *
 * Which source decides a day, first match wins:
 *  1. an administrator's override (`holiday` or `workday`);
 *  2. chinese-days' data, for the years it knows (holidays and 调休 workdays of the State Council's
 *     annual notice) — read from its JSON data file, which is keyed by plain dates and so does not
 *     depend on the machine's time zone the way its date-parsing functions do;
 *  3. for a year the package does not know: the statutory holidays (statutory.ts) as a floor;
 *  4. otherwise Monday–Friday work, Saturday and Sunday are off.
 */

const PACKAGE_HOLIDAYS: Record<string, string> = packageData.holidays
const PACKAGE_WORKDAYS: Record<string, string> = packageData.workdays
const PACKAGE_YEARS: ReadonlySet<number> = new Set(Object.keys(PACKAGE_HOLIDAYS).map((d) => Number(d.slice(0, 4))))

/** Years whose official arrangement chinese-days carries. */
export function packageYears(): number[] {
  return [...PACKAGE_YEARS].sort((a, b) => a - b)
}

/** A calendar prepared from the administrator's overrides. Build it once per request with makeCalendar. */
export interface WorkCalendar {
  readonly kind: 'work-calendar'
  readonly overrides: ReadonlyMap<Day, CalendarOverride>
  /** Years with at least one override: the administrator has entered that year's arrangement. */
  readonly overrideYears: ReadonlySet<number>
}

/** Either a prepared calendar or the raw list of overrides. */
export type CalendarInput = WorkCalendar | readonly CalendarOverride[]

/** Chinese messages for bad overrides: malformed dates, unknown kinds, one day entered both ways. */
export function validateOverrides(overrides: readonly CalendarOverride[]): string[] {
  const errors: string[] = []
  const seen = new Map<string, string>()
  overrides.forEach((o, i) => {
    const where = `第 ${i + 1} 条`
    if (!isDay(o?.date)) errors.push(`${where}：日期应为 YYYY-MM-DD 格式的有效日期`)
    if (o?.kind !== 'holiday' && o?.kind !== 'workday') errors.push(`${where}：类型应为“放假”或“上班”`)
    if (isDay(o?.date) && (o.kind === 'holiday' || o.kind === 'workday')) {
      const before = seen.get(o.date)
      if (before && before !== o.kind) errors.push(`${where}：${o.date} 同时被设为放假和上班`)
      seen.set(o.date, o.kind)
    }
  })
  return errors
}

/** Prepares the overrides. Throws RangeError on an invalid list (validate it first with validateOverrides). */
export function makeCalendar(overrides: readonly CalendarOverride[] = []): WorkCalendar {
  const errors = validateOverrides(overrides)
  if (errors.length) throw new RangeError(errors.join('；'))
  const map = new Map<Day, CalendarOverride>()
  for (const o of overrides) map.set(o.date, o)
  return { kind: 'work-calendar', overrides: map, overrideYears: new Set([...map.keys()].map(yearOf)) }
}

const EMPTY = makeCalendar([])

function prepare(cal: CalendarInput | undefined): WorkCalendar {
  if (!cal) return EMPTY
  return (cal as WorkCalendar).kind === 'work-calendar' ? (cal as WorkCalendar) : makeCalendar(cal as readonly CalendarOverride[])
}

const floorCache = new Map<number, Map<Day, string>>()
function floorOf(year: number): Map<Day, string> {
  let m = floorCache.get(year)
  if (!m) {
    m = new Map()
    if (year >= 2000 && year <= 2099) for (const h of statutoryHolidays(year)) m.set(h.date, h.name)
    floorCache.set(year, m)
  }
  return m
}

export type DaySource = 'override' | 'package' | 'floor' | 'week'

export interface DayInfo {
  date: Day
  workday: boolean
  /** What decided it. */
  source: DaySource
  /** The holiday's or override's name when there is one (元旦, 春节, 调休上班 …). */
  name: string | null
}

/** How a day is treated, and why. A Date (or an ISO timestamp) means its day in China. */
export function dayInfo(date: Date | string, cal?: CalendarInput): DayInfo {
  const day = toDay(date)
  const c = prepare(cal)
  const o = c.overrides.get(day)
  if (o) return { date: day, workday: o.kind === 'workday', source: 'override', name: o.note ?? null }
  const year = yearOf(day)
  if (PACKAGE_YEARS.has(year)) {
    if (PACKAGE_WORKDAYS[day]) return { date: day, workday: true, source: 'package', name: chineseName(PACKAGE_WORKDAYS[day], '调休上班') }
    if (PACKAGE_HOLIDAYS[day]) return { date: day, workday: false, source: 'package', name: chineseName(PACKAGE_HOLIDAYS[day], '放假') }
  } else {
    const floor = floorOf(year).get(day)
    if (floor) return { date: day, workday: false, source: 'floor', name: floor }
  }
  const wd = weekday(day)
  return { date: day, workday: wd >= 1 && wd <= 5, source: 'week', name: null }
}

// the package's entries read "Spring Festival,春节,4"
function chineseName(entry: string, suffix: string): string {
  const zh = entry.split(',')[1]
  return zh ? `${zh}${suffix === '放假' ? '' : suffix}` : suffix
}

export function isWorkday(date: Date | string, cal?: CalendarInput): boolean {
  return dayInfo(date, cal).workday
}

/** Whether a year's official arrangement is known; the UI shows `warning` when it is not. */
export function calendarCoverage(year: number, cal?: CalendarInput): CalendarCoverage {
  const c = prepare(cal)
  if (PACKAGE_YEARS.has(year)) return { year, known: true, source: 'package', warning: null }
  if (c.overrideYears.has(year)) return { year, known: true, source: 'overrides', warning: null }
  return { year, known: false, source: 'floor', warning: `${year} 年节假日安排尚未录入` }
}

/**
 * The coverage warnings to show now: this year if unknown, and next year from `nextYearFromMonth`
 * (default November, when the State Council usually publishes it) if unknown.
 */
export function calendarWarnings(now: Date, cal?: CalendarInput, nextYearFromMonth = 11): CalendarCoverage[] {
  const today = toDay(now)
  const year = yearOf(today)
  const years = Number(today.slice(5, 7)) >= nextYearFromMonth ? [year, year + 1] : [year]
  return years.map((y) => calendarCoverage(y, cal)).filter((c) => !c.known)
}

const MAX_WORKDAYS = 3660

/**
 * The deadline `n` working days after `start`: the end (23:59:59.999 in China) of the n-th working day
 * after the start day. The start day itself never counts, working or not, so an item routed on a
 * Friday evening — or on Saturday or Sunday — with 1 working day is due at the end of Monday (or of the
 * next working day if Monday is a holiday). n = 0 is the end of the start day itself.
 * `uncertain` is true when a day counted lies in a year whose arrangement is not known.
 */
export function addWorkdays(start: Date | string, n: number, cal?: CalendarInput): ProblemDeadline {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKDAYS) throw new RangeError(`工作日数应为 0–${MAX_WORKDAYS} 的整数：${n}`)
  const c = prepare(cal)
  const from = toDay(start)
  let day = from
  let uncertain = false
  let left = n
  while (left > 0) {
    day = addDays(day, 1)
    if (!calendarCoverage(yearOf(day), c).known) uncertain = true
    if (isWorkday(day, c)) left--
  }
  return { date: day, at: endOfDay(day), uncertain, basis: { start: from, workdays: n } }
}

/**
 * Working days in (from, to]: the start day excluded, the end day included — so
 * workdaysBetween(s, addWorkdays(s, n).date) === n. Negative when `to` is before `from`.
 */
export function workdaysBetween(from: Date | string, to: Date | string, cal?: CalendarInput): number {
  const c = prepare(cal)
  const a = toDay(from)
  const b = toDay(to)
  if (b < a) return 0 - workdaysBetween(b, a, c)
  let count = 0
  const span = daysBetween(a, b)
  for (let i = 1; i <= span; i++) if (isWorkday(addDays(a, i), c)) count++
  return count
}

/** A deadline recomputed from its basis under the calendar as it is now (overrides entered since). */
export function recomputeDeadline(due: ProblemDeadline, cal?: CalendarInput): ProblemDeadline {
  return addWorkdays(due.basis.start, due.basis.workdays, cal)
}
