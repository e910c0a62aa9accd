import type { DayHours } from '../../../types/stations'

/** Seven entries, Sunday first, as the stations.hours column expects. */
export type WeekHours = readonly (DayHours | null)[]

const span = (open: string, close: string): DayHours => ({ open, close })

export function everyDay(open: string, close: string): WeekHours {
  return Array.from({ length: 7 }, () => span(open, close))
}

/** Weekdays one span, Saturday another (or closed), Sunday closed: the office pattern. */
export function officeWeek(open: string, close: string, saturday: DayHours | null): WeekHours {
  return [null, ...Array.from({ length: 5 }, () => span(open, close)), saturday]
}

export const saturdayMorning = span('09:00', '12:00')
export const saturdayFull = span('09:00', '17:00')

// open_24h is the flag readers should trust; the spans still cover the day so that a reader
// comparing "HH:MM" strings finds the station open at any time.
export const ROUND_THE_CLOCK: WeekHours = everyDay('00:00', '24:00')
