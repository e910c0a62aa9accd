import type { AdminStation, Amenity, DayHours, StationType } from '@contract'
import type { Queryable } from '../../client'

interface Row {
  id: string
  name: string
  type: StationType
  address: string
  town_id: string
  department_id: string | null
  lat: number
  lng: number
  open_24h: boolean
  hours: (DayHours | null)[]
  amenities: Amenity[]
  phone: string | null
  manager_person_id: string | null
  closed_on_holidays: boolean
}

const SELECT = `SELECT id, name, type, address, town_id, department_id, lat, lng, open_24h, hours, amenities, phone,
  manager_person_id, closed_on_holidays FROM stations`

const toStation = (r: Row): AdminStation => ({
  id: r.id,
  name: r.name,
  type: r.type,
  address: r.address,
  townId: r.town_id,
  departmentId: r.department_id,
  lat: Number(r.lat),
  lng: Number(r.lng),
  open24h: r.open_24h,
  hours: r.hours,
  amenities: r.amenities,
  phone: r.phone,
  managerPersonId: r.manager_person_id,
  closedOnHolidays: r.closed_on_holidays
})

export async function listAdminStations(q: Queryable, pattern: string | null): Promise<AdminStation[]> {
  const rows = await q.query<Row>(`${SELECT} WHERE ($1::text IS NULL OR name ILIKE $1) ORDER BY name, id`, [pattern])
  return rows.map(toStation)
}

export async function findAdminStation(q: Queryable, id: string): Promise<AdminStation | null> {
  const [row] = await q.query<Row>(`${SELECT} WHERE id = $1`, [id])
  return row ? toStation(row) : null
}

/** Writes everything the console edits; closures are the station manager's and stay as they are. */
export async function writeStation(q: Queryable, s: AdminStation, create: boolean): Promise<void> {
  const values = [
    s.id,
    s.name,
    s.type,
    s.address,
    s.townId,
    s.departmentId,
    s.lat,
    s.lng,
    s.open24h,
    JSON.stringify(s.hours),
    s.amenities,
    s.phone,
    s.managerPersonId,
    s.closedOnHolidays
  ]
  await q.query(
    create
      ? `INSERT INTO stations (id, name, type, address, town_id, department_id, lat, lng, open_24h, hours, amenities, phone,
           manager_person_id, closed_on_holidays) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`
      : `UPDATE stations SET name = $2, type = $3, address = $4, town_id = $5, department_id = $6, lat = $7, lng = $8, open_24h = $9,
           hours = $10, amenities = $11, phone = $12, manager_person_id = $13, closed_on_holidays = $14 WHERE id = $1`,
    values
  )
}
