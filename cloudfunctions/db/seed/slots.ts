import { SERVICE_ITEMS } from './services'
import { stationById } from './stations'

export interface SeedSlot {
  id: string
  serviceItemId: string
  startsAt: Date
  endsAt: Date
  capacity: number
}

/** Local start times; stations keep Shanghai time whatever the server's zone. */
const STARTS = ['09:00', '14:30'] as const
const WINDOW_MS = 7 * 86_400_000
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The Shanghai calendar date `days` after the one `now` falls on, as yyyy-mm-dd. */
function shanghaiDate(now: Date, days: number): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS + days * 86_400_000).toISOString().slice(0, 10)
}

/** "HH:MM" plus minutes, still as "HH:MM", so it compares with opening hours as a string. */
function later(hhmm: string, minutes: number): string {
  const [h, m] = hhmm.split(':').map(Number)
  const total = h * 60 + m + minutes
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

/**
 * Two sittings a day over the seven days after `now`, each kept only when it fits the station's
 * hours that day. Past sittings are left out so a demo started in the afternoon offers no stale times.
 * Services with their own `schedule` (the round-the-clock rest places) get none here.
 */
export function demoSlots(now: Date): SeedSlot[] {
  const slots: SeedSlot[] = []
  const until = now.getTime() + WINDOW_MS
  // eight calendar dates cover a seven-day window that starts part-way through a day
  for (let d = 0; d <= 7; d++) {
    const date = shanghaiDate(now, d)
    // noon keeps the weekday on the same calendar day in both zones
    const weekday = new Date(`${date}T12:00:00+08:00`).getUTCDay()
    for (const item of SERVICE_ITEMS) {
      // a service with its own schedule gets its sittings from bookings.slots when someone looks
      if (item.schedule) continue
      const hours = stationById(item.stationId).hours[weekday]
      if (!hours) continue
      for (const start of STARTS) {
        if (start < hours.open || later(start, item.durationMinutes) > hours.close) continue
        const startsAt = new Date(`${date}T${start}:00+08:00`)
        if (startsAt.getTime() <= now.getTime() || startsAt.getTime() > until) continue
        slots.push({
          id: `${item.id}-${date.replace(/-/g, '')}${start.replace(':', '')}`,
          serviceItemId: item.id,
          startsAt,
          endsAt: new Date(startsAt.getTime() + item.durationMinutes * 60_000),
          capacity: item.capacity
        })
      }
    }
  }
  return slots
}

/**
 * The weekly schedule (Sunday first) the host makes slots from: the service's own, or the one behind
 * the seeded sittings.
 */
export function demoSchedule(serviceItemId: string): ({ start: string; end: string }[] | null)[] {
  const item = SERVICE_ITEMS.find((i) => i.id === serviceItemId)
  if (!item) return [null, null, null, null, null, null, null]
  if (item.schedule) return item.schedule.map((day) => (day.length ? day : null))
  return stationById(item.stationId).hours.map((hours) => {
    if (!hours) return null
    const fit = STARTS.filter((start) => start >= hours.open && later(start, item.durationMinutes) <= hours.close)
    return fit.length ? fit.map((start) => ({ start, end: later(start, item.durationMinutes) })) : null
  })
}
