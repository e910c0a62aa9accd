import type { StationFigureDay, StationFigures } from '@contract'
import { addDays, type Day } from '../calendar'

export type StationCounts = Omit<StationFigureDay, 'date'>

const ZERO: StationCounts = { booked: 0, checkedIn: 0, noShows: 0, cancelled: 0, walkIns: 0 }

/**
 * A station's figures over the days `from`..`to` (China dates, both included): every day present even
 * when nothing happened, totals, and the no-show rate over sittings already decided (checked in or
 * no-show), so bookings still to come do not flatter it.
 */
export function stationFigures(stationId: string, from: Day, to: Day, counts: ReadonlyMap<Day, Partial<StationCounts>>): StationFigures {
  if (from > to) throw new RangeError(`起始日期晚于结束日期：${from} > ${to}`)
  const days: StationFigureDay[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, ...ZERO, ...counts.get(d) })
  const totals = days.reduce<StationCounts>(
    (t, d) => ({
      booked: t.booked + d.booked,
      checkedIn: t.checkedIn + d.checkedIn,
      noShows: t.noShows + d.noShows,
      cancelled: t.cancelled + d.cancelled,
      walkIns: t.walkIns + d.walkIns
    }),
    { ...ZERO }
  )
  const decided = totals.checkedIn + totals.noShows
  return { stationId, from, to, days, totals, noShowRate: decided ? totals.noShows / decided : null }
}

/** 13800138000 → 138****8000; anything not a mainland mobile keeps only its last four digits. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null
  const digits = phone.replace(/\D/g, '')
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`
  return digits.length > 4 ? `****${digits.slice(-4)}` : '****'
}
