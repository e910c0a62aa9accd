import type { BookingStatus, BookingView } from '@contract'
import type { Queryable } from '../client'
import { iso } from './rows'

export interface ServiceRow {
  id: string
  station_id: string
  name: string
  capacity: number
  duration_minutes: number
  audience: 'anyone' | 'enterprise' | 'party_member'
  schedule: ({ start: string; end: string }[] | null)[]
  horizon_days: number
  min_notice_minutes: number
  cancel_cutoff_minutes: number
  closed_on_holidays: boolean
  station_closures: string[]
}

export async function findService(q: Queryable, id: string): Promise<ServiceRow | null> {
  const [row] = await q.query<ServiceRow>(
    `SELECT i.id, i.station_id, i.name, i.capacity, i.duration_minutes, i.audience, i.schedule, i.horizon_days,
            i.min_notice_minutes, i.cancel_cutoff_minutes, i.closed_on_holidays,
            ARRAY(SELECT to_char(c, 'YYYY-MM-DD') FROM unnest(s.closures) AS c) AS station_closures
       FROM service_items i JOIN stations s ON s.id = i.station_id WHERE i.id = $1`,
    [id]
  )
  return row ?? null
}

/** Makes the schedule's sittings exist as rows; existing ones (and their bookings) are left alone. */
export async function ensureSlots(q: Queryable, service: Pick<ServiceRow, 'id' | 'capacity'>, slots: { startsAt: string; endsAt: string }[]): Promise<void> {
  if (!slots.length) return
  // one statement for the whole horizon: a round-the-clock service has hundreds of sittings
  await q.query(
    `INSERT INTO slots (id, service_item_id, starts_at, ends_at, capacity)
     SELECT $1 || '-at' || to_char(t.starts_at AT TIME ZONE 'UTC', 'YYYYMMDDHH24MI'), $1, t.starts_at, t.ends_at, $2
       FROM unnest($3::timestamptz[], $4::timestamptz[]) AS t(starts_at, ends_at)
     ON CONFLICT (service_item_id, starts_at) DO NOTHING`,
    [service.id, service.capacity, slots.map((s) => s.startsAt), slots.map((s) => s.endsAt)]
  )
}

export interface SlotCountRow {
  id: string
  starts_at: Date
  ends_at: Date
  capacity: number
  taken: number
  waitlisted: number
}

export async function slotsWithCounts(q: Queryable, serviceId: string, from: Date, until: Date): Promise<SlotCountRow[]> {
  return q.query<SlotCountRow>(
    `SELECT sl.id, sl.starts_at, sl.ends_at, sl.capacity,
            count(b.id) FILTER (WHERE b.status IN ('confirmed', 'checked_in'))::int AS taken,
            count(b.id) FILTER (WHERE b.status = 'waitlisted')::int AS waitlisted
       FROM slots sl LEFT JOIN bookings b ON b.slot_id = sl.id
      WHERE sl.service_item_id = $1 AND sl.starts_at > $2 AND sl.starts_at <= $3
      GROUP BY sl.id ORDER BY sl.starts_at`,
    [serviceId, from, until]
  )
}

export interface LockedSlot {
  id: string
  service_item_id: string
  starts_at: Date
  capacity: number
}

/** The slot row, locked: every booking decision on it waits its turn, so capacity holds. */
export async function lockSlot(q: Queryable, slotId: string): Promise<LockedSlot | null> {
  const [row] = await q.query<LockedSlot>('SELECT id, service_item_id, starts_at, capacity FROM slots WHERE id = $1 FOR UPDATE', [slotId])
  return row ?? null
}

export async function countTaken(q: Queryable, slotId: string): Promise<number> {
  const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1 AND status IN ('confirmed', 'checked_in')`, [slotId])
  return n
}

/** The slot's waitlist, first in line first. */
export async function waitlistOf(q: Queryable, slotId: string): Promise<{ id: string; person_id: string; createdAt: Date }[]> {
  const rows = await q.query<{ id: string; person_id: string }>(
    `SELECT id, person_id FROM bookings WHERE slot_id = $1 AND status = 'waitlisted' ORDER BY line`,
    [slotId]
  )
  // the line is the order of arrival; timestamps can tie, so the entries carry their rank as the time
  return rows.map((r, i) => ({ id: r.id, person_id: r.person_id, createdAt: new Date(i) }))
}

export async function noShowHistory(q: Queryable, personId: string): Promise<Date[]> {
  const rows = await q.query<{ no_show_at: Date }>(`SELECT no_show_at FROM bookings WHERE person_id = $1 AND status = 'no_show' ORDER BY no_show_at`, [personId])
  return rows.map((r) => r.no_show_at)
}

const VIEW = `
  SELECT b.id, b.status, b.slot_id, sl.starts_at, sl.ends_at, i.id AS service_id, i.name AS service_name, s.id AS station_id,
         s.name AS station_name, s.address AS station_address, i.cancel_cutoff_minutes, b.created_at, b.checked_in_at, b.person_id,
         CASE WHEN b.status = 'waitlisted' THEN
           (SELECT count(*) FROM bookings w WHERE w.slot_id = b.slot_id AND w.status = 'waitlisted'
              AND w.line <= b.line)::int END AS waitlist_position
    FROM bookings b JOIN slots sl ON sl.id = b.slot_id JOIN service_items i ON i.id = sl.service_item_id JOIN stations s ON s.id = i.station_id`

interface ViewRow {
  id: string
  status: BookingStatus
  slot_id: string
  starts_at: Date
  ends_at: Date
  service_id: string
  service_name: string
  station_id: string
  station_name: string
  station_address: string
  cancel_cutoff_minutes: number
  created_at: Date
  checked_in_at: Date | null
  person_id: string
  waitlist_position: number | null
}

export interface BookingRecord {
  view: BookingView
  personId: string
  cutoffMinutes: number
}

const toRecord = (r: ViewRow): BookingRecord => {
  const live = r.status === 'confirmed' || r.status === 'waitlisted'
  const until = r.status === 'waitlisted' ? r.starts_at : new Date(r.starts_at.getTime() - r.cancel_cutoff_minutes * 60_000)
  return {
    personId: r.person_id,
    cutoffMinutes: r.cancel_cutoff_minutes,
    view: {
      id: r.id,
      status: r.status,
      waitlistPosition: r.waitlist_position,
      slotId: r.slot_id,
      startsAt: iso(r.starts_at),
      endsAt: iso(r.ends_at),
      serviceId: r.service_id,
      serviceName: r.service_name,
      stationId: r.station_id,
      stationName: r.station_name,
      stationAddress: r.station_address,
      cancellableUntil: live ? until.toISOString() : null,
      createdAt: iso(r.created_at),
      checkedInAt: r.checked_in_at ? iso(r.checked_in_at) : null
    }
  }
}

export async function findBooking(q: Queryable, id: string): Promise<BookingRecord | null> {
  const [row] = await q.query<ViewRow>(`${VIEW} WHERE b.id = $1`, [id])
  return row ? toRecord(row) : null
}

export async function bookingsOf(q: Queryable, personId: string): Promise<BookingView[]> {
  const rows = await q.query<ViewRow>(`${VIEW} WHERE b.person_id = $1 ORDER BY sl.starts_at DESC LIMIT 100`, [personId])
  return rows.map((r) => toRecord(r).view)
}

/** Bookings whose grace period ended without a check-in, for the no-show sweep. */
export async function overdueConfirmed(q: Queryable, before: Date): Promise<{ id: string }[]> {
  return q.query<{ id: string }>(
    `SELECT b.id FROM bookings b JOIN slots sl ON sl.id = b.slot_id
      WHERE b.status = 'confirmed' AND sl.starts_at < $1 ORDER BY sl.starts_at LIMIT 500 FOR UPDATE OF b SKIP LOCKED`,
    [before]
  )
}
