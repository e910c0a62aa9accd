import type { BookingStatus, ManagedService } from '@contract'
import type { StationCounts } from '../../core'
import type { Queryable } from '../client'

export interface StationHead {
  id: string
  name: string
  town_id: string
  department_id: string | null
  closures: string[]
}

export async function findStationHead(q: Queryable, id: string): Promise<StationHead | null> {
  const [row] = await q.query<StationHead>(
    `SELECT id, name, town_id, department_id, ARRAY(SELECT to_char(c, 'YYYY-MM-DD') FROM unnest(closures) AS c ORDER BY c) AS closures
       FROM stations WHERE id = $1`,
    [id]
  )
  return row ?? null
}

interface ServiceDbRow {
  id: string
  station_id: string
  name: string
  audience: ManagedService['audience']
  duration_minutes: number
  capacity: number
  schedule: ManagedService['schedule']
  horizon_days: number
  min_notice_minutes: number
  cancel_cutoff_minutes: number
  closed_on_holidays: boolean
}

export interface ManagedServiceRow extends ManagedService {
  stationId: string
  closedOnHolidays: boolean
}

const toService = (r: ServiceDbRow): ManagedServiceRow => ({
  id: r.id,
  stationId: r.station_id,
  name: r.name,
  audience: r.audience,
  durationMinutes: r.duration_minutes,
  capacity: r.capacity,
  schedule: r.schedule,
  horizonDays: r.horizon_days,
  minNoticeMinutes: r.min_notice_minutes,
  cancelCutoffMinutes: r.cancel_cutoff_minutes,
  closedOnHolidays: r.closed_on_holidays
})

const SERVICE_COLUMNS = `id, station_id, name, audience, duration_minutes, capacity, schedule, horizon_days, min_notice_minutes,
  cancel_cutoff_minutes, closed_on_holidays`

export async function servicesOf(q: Queryable, stationId: string): Promise<ManagedServiceRow[]> {
  const rows = await q.query<ServiceDbRow>(`SELECT ${SERVICE_COLUMNS} FROM service_items WHERE station_id = $1 ORDER BY name, id`, [stationId])
  return rows.map(toService)
}

/** The service row locked for an edit, so two managers saving at once take turns. */
export async function lockService(q: Queryable, id: string): Promise<ManagedServiceRow | null> {
  const [row] = await q.query<ServiceDbRow>(`SELECT ${SERVICE_COLUMNS} FROM service_items WHERE id = $1 FOR UPDATE`, [id])
  return row ? toService(row) : null
}

export async function updateService(q: Queryable, s: Pick<ManagedService, 'id' | 'capacity' | 'schedule' | 'horizonDays' | 'minNoticeMinutes' | 'cancelCutoffMinutes'>): Promise<void> {
  await q.query(
    `UPDATE service_items SET capacity = $2, schedule = $3, horizon_days = $4, min_notice_minutes = $5, cancel_cutoff_minutes = $6 WHERE id = $1`,
    [s.id, s.capacity, JSON.stringify(s.schedule), s.horizonDays, s.minNoticeMinutes, s.cancelCutoffMinutes]
  )
}

/**
 * After a schedule edit: future sittings no longer in it (or beyond the new horizon) go, unless somebody
 * booked them — those stay, with their people. Future sittings take the new capacity.
 */
export async function reshapeFutureSlots(q: Queryable, serviceId: string, now: Date, keepStarts: string[], capacity: number): Promise<void> {
  await q.query(
    `DELETE FROM slots sl WHERE sl.service_item_id = $1 AND sl.starts_at > $2 AND NOT (sl.starts_at = ANY($3::timestamptz[]))
        AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = sl.id)`,
    [serviceId, now, keepStarts]
  )
  await q.query('UPDATE slots SET capacity = $3 WHERE service_item_id = $1 AND starts_at > $2', [serviceId, now, capacity])
}

/** Future sittings of a service that have people waiting, earliest first. */
export async function slotsWithWaitlist(q: Queryable, serviceId: string, now: Date): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT sl.id FROM slots sl WHERE sl.service_item_id = $1 AND sl.starts_at > $2
        AND EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = sl.id AND b.status = 'waitlisted')
      ORDER BY sl.starts_at`,
    [serviceId, now]
  )
  return rows.map((r) => r.id)
}

export interface SittingRow {
  id: string
  service_id: string
  service_name: string
  starts_at: Date
  ends_at: Date
  capacity: number
}

export async function sittingsBetween(q: Queryable, stationId: string, from: Date, until: Date): Promise<SittingRow[]> {
  return q.query<SittingRow>(
    `SELECT sl.id, i.id AS service_id, i.name AS service_name, sl.starts_at, sl.ends_at, sl.capacity
       FROM slots sl JOIN service_items i ON i.id = sl.service_item_id
      WHERE i.station_id = $1 AND sl.starts_at >= $2 AND sl.starts_at < $3
      ORDER BY sl.starts_at, i.name`,
    [stationId, from, until]
  )
}

export interface PeopleRow {
  id: string
  slot_id: string
  status: BookingStatus
  checked_in_at: Date | null
  person_id: string
  name: string
  phone: string | null
}

/** Everybody on these sittings but the cancelled, in order of arrival (the waitlist's order). */
export async function bookingsOnSlots(q: Queryable, slotIds: string[]): Promise<PeopleRow[]> {
  if (!slotIds.length) return []
  return q.query<PeopleRow>(
    `SELECT b.id, b.slot_id, b.status, b.checked_in_at, b.person_id, p.name, p.phone
       FROM bookings b JOIN people p ON p.id = b.person_id
      WHERE b.slot_id = ANY($1::text[]) AND b.status <> 'cancelled'
      ORDER BY b.line`,
    [slotIds]
  )
}

export async function walkInsBetween(q: Queryable, stationId: string, from: Date, until: Date): Promise<number> {
  const [{ n }] = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM station_check_ins WHERE station_id = $1 AND booking_id IS NULL AND at >= $2 AND at < $3',
    [stationId, from, until]
  )
  return n
}

/** Adds or removes one closure date; the list stays sorted and without repeats. */
export async function setClosureDate(q: Queryable, stationId: string, date: string, closed: boolean): Promise<void> {
  await q.query(
    closed
      ? `UPDATE stations SET closures = ARRAY(SELECT DISTINCT c FROM unnest(closures || $2::date) AS c ORDER BY c) WHERE id = $1`
      : `UPDATE stations SET closures = array_remove(closures, $2::date) WHERE id = $1`,
    [stationId, date]
  )
}

export interface LiveBookingRow {
  id: string
  person_id: string
  status: BookingStatus
  service_name: string
  starts_at: Date
}

/**
 * Cancels every live booking (confirmed or waitlisted) of the station's sittings in [from, until) and
 * drops those sittings that nobody ever booked, so a closed day offers nothing to book.
 */
export async function cancelSittingsBetween(q: Queryable, stationId: string, from: Date, until: Date, now: Date): Promise<LiveBookingRow[]> {
  const cancelled = await q.query<LiveBookingRow>(
    `UPDATE bookings b SET status = 'cancelled', cancelled_at = $4
       FROM slots sl JOIN service_items i ON i.id = sl.service_item_id
      WHERE b.slot_id = sl.id AND i.station_id = $1 AND sl.starts_at >= $2 AND sl.starts_at < $3
        AND b.status IN ('confirmed', 'waitlisted')
      RETURNING b.id, b.person_id, b.status, i.name AS service_name, sl.starts_at`,
    [stationId, from, until, now]
  )
  await q.query(
    `DELETE FROM slots sl USING service_items i
      WHERE i.id = sl.service_item_id AND i.station_id = $1 AND sl.starts_at >= $2 AND sl.starts_at < $3
        AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = sl.id)`,
    [stationId, from, until]
  )
  return cancelled
}

/** Per China day in [from, until): bookings by outcome (by the sitting's day) and walk-ins (by arrival). */
export async function figureCounts(q: Queryable, stationId: string, from: Date, until: Date): Promise<Map<string, Partial<StationCounts>>> {
  const bookings = await q.query<{ day: string; booked: number; checked_in: number; no_shows: number; cancelled: number }>(
    `SELECT to_char((sl.starts_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day,
            count(*) FILTER (WHERE b.status IN ('confirmed', 'checked_in', 'no_show'))::int AS booked,
            count(*) FILTER (WHERE b.status = 'checked_in')::int AS checked_in,
            count(*) FILTER (WHERE b.status = 'no_show')::int AS no_shows,
            count(*) FILTER (WHERE b.status = 'cancelled')::int AS cancelled
       FROM bookings b JOIN slots sl ON sl.id = b.slot_id JOIN service_items i ON i.id = sl.service_item_id
      WHERE i.station_id = $1 AND sl.starts_at >= $2 AND sl.starts_at < $3
      GROUP BY 1`,
    [stationId, from, until]
  )
  const walkIns = await q.query<{ day: string; n: number }>(
    `SELECT to_char((at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n
       FROM station_check_ins WHERE station_id = $1 AND booking_id IS NULL AND at >= $2 AND at < $3
      GROUP BY 1`,
    [stationId, from, until]
  )
  const out = new Map<string, Partial<StationCounts>>()
  for (const r of bookings) out.set(r.day, { booked: r.booked, checkedIn: r.checked_in, noShows: r.no_shows, cancelled: r.cancelled })
  for (const r of walkIns) out.set(r.day, { ...out.get(r.day), walkIns: r.n })
  return out
}
