import { addDays, shanghaiDate, weekday, type CalendarInput, type Day } from '../calendar'
import { dayClosure, preparedCalendar, type ClosureSettings } from '../stations/opening'
import { chinaInstant, hmMinutes, isHm, WEEKDAY_LABELS } from '../stations/time'

/** One sitting of a service on a weekday, China wall-clock times; end may be '24:00'. */
export interface SlotTime {
  start: string
  end: string
}

/** Seven entries, Sunday first: that weekday's sittings (empty or null: none). */
export type WeeklySlots = readonly (readonly SlotTime[] | null | undefined)[]

/** The longest booking horizon a service may have. */
export const MAX_HORIZON_DAYS = 366

/** Chinese messages for a bad weekly schedule: bad times, an end not after its start, overlapping sittings. */
export function validateWeeklySlots(schedule: WeeklySlots): string[] {
  if (!Array.isArray(schedule) || schedule.length !== 7) return ['时段安排应为周日至周六共 7 项']
  const errors: string[] = []
  schedule.forEach((list, i) => {
    if (list === null || list === undefined) return
    const day = WEEKDAY_LABELS[i]
    if (!Array.isArray(list)) {
      errors.push(`${day}：时段应为列表`)
      return
    }
    const spans: [number, number, string][] = []
    list.forEach((t: SlotTime, j: number) => {
      const where = `${day}第 ${j + 1} 个时段`
      const okStart = isHm(t?.start)
      const okEnd = isHm(t?.end, true)
      if (!okStart) errors.push(`${where}：开始时间应为 00:00–23:59`)
      if (!okEnd) errors.push(`${where}：结束时间应为 00:00–24:00`)
      if (!okStart || !okEnd) return
      const a = hmMinutes(t.start)
      const b = hmMinutes(t.end, true)
      if (b <= a) errors.push(`${where}：结束时间应晚于开始时间`)
      else spans.push([a, b, `${t.start}–${t.end}`])
    })
    spans.sort((x, y) => x[0] - y[0])
    for (let k = 1; k < spans.length; k++)
      if (spans[k][0] < spans[k - 1][1]) errors.push(`${day}：时段 ${spans[k - 1][2]} 与 ${spans[k][2]} 重叠`)
  })
  return errors
}

export interface SlotGenerationInput extends ClosureSettings {
  schedule: WeeklySlots
  /** Generation starts here: its China day is the first day, and sittings starting before it are left out. */
  from: Date
  /** Days ahead: the days from `from`'s day to that day + horizonDays, both included. */
  horizonDays: number
  calendar?: CalendarInput
}

export interface GeneratedSlot {
  /** The China day, 'YYYY-MM-DD'. */
  day: Day
  start: string
  end: string
  /** ISO instants. */
  startsAt: string
  endsAt: string
}

/**
 * The concrete sittings of a weekly schedule over the booking horizon, in time order, skipping closure
 * dates and (with closedOnHolidays) holidays. Idempotent: materialise them with
 * INSERT … ON CONFLICT (service_item_id, starts_at) DO NOTHING. RangeError on an invalid schedule or horizon.
 */
export function generateSlots(input: SlotGenerationInput): GeneratedSlot[] {
  const errors = validateWeeklySlots(input.schedule)
  if (errors.length) throw new RangeError(errors.join('；'))
  const { horizonDays } = input
  if (!Number.isInteger(horizonDays) || horizonDays < 0 || horizonDays > MAX_HORIZON_DAYS)
    throw new RangeError(`可预约天数应为 0–${MAX_HORIZON_DAYS} 的整数：${horizonDays}`)
  const fromMs = input.from.getTime()
  if (Number.isNaN(fromMs)) throw new RangeError('无效时间')
  const first = shanghaiDate(input.from)
  const cal = preparedCalendar(input.calendar)
  const out: GeneratedSlot[] = []
  for (let i = 0; i <= horizonDays; i++) {
    const day = addDays(first, i)
    if (dayClosure(day, input, cal)) continue
    const list = [...(input.schedule[weekday(day)] ?? [])].sort((a, b) => hmMinutes(a.start) - hmMinutes(b.start))
    for (const t of list) {
      const startsAt = chinaInstant(day, hmMinutes(t.start))
      if (startsAt.getTime() < fromMs) continue
      out.push({ day, start: t.start, end: t.end, startsAt: startsAt.toISOString(), endsAt: chinaInstant(day, hmMinutes(t.end, true)).toISOString() })
    }
  }
  return out
}

/** A weekly schedule of back-to-back sittings of `durationMinutes` from `start` to `end` on the given weekdays. */
export function evenSlots(weekdays: readonly number[], start: string, end: string, durationMinutes: number): SlotTime[][] {
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0) throw new RangeError(`时长应为正整数分钟：${durationMinutes}`)
  const a = hmMinutes(start)
  const b = hmMinutes(end, true)
  const hm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  const day: SlotTime[] = []
  for (let t = a; t + durationMinutes <= b; t += durationMinutes) day.push({ start: hm(t), end: hm(t + durationMinutes) })
  return Array.from({ length: 7 }, (_, i) => (weekdays.includes(i) ? day.map((s) => ({ ...s })) : []))
}
