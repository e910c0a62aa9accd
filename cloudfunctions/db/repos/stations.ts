import type { Amenity, DayHours, Station, StationType } from '@contract'
import type { BoundingBox } from '../../core'
import type { Queryable } from '../client'

interface Row {
  id: string
  name: string
  type: StationType
  address: string
  town_id: string
  town_name: string
  lat: number
  lng: number
  open_24h: boolean
  hours: (DayHours | null)[]
  amenities: Amenity[]
  phone: string | null
  closed_on_holidays: boolean
  closures: string[]
  department_id: string | null
  services: { id: string; name: string }[] | null
}

export interface StationRow extends Station {
  closedOnHolidays: boolean
  closures: string[]
  departmentId: string | null
}

const SELECT = `
  SELECT s.id, s.name, s.type, s.address, s.town_id, t.name AS town_name, s.lat, s.lng, s.open_24h, s.hours,
         s.amenities, s.phone, s.closed_on_holidays, s.department_id,
         ARRAY(SELECT to_char(c, 'YYYY-MM-DD') FROM unnest(s.closures) AS c) AS closures,
         (SELECT json_agg(json_build_object('id', i.id, 'name', i.name) ORDER BY i.name)
            FROM service_items i WHERE i.station_id = s.id) AS services
    FROM stations s JOIN towns t ON t.id = s.town_id`

const toStation = (r: Row): StationRow => ({
  id: r.id,
  name: r.name,
  type: r.type,
  address: r.address,
  townId: r.town_id,
  townName: r.town_name,
  lat: Number(r.lat),
  lng: Number(r.lng),
  open24h: r.open_24h,
  hours: r.hours,
  amenities: r.amenities,
  phone: r.phone,
  services: r.services ?? [],
  closedOnHolidays: r.closed_on_holidays,
  closures: r.closures,
  departmentId: r.department_id
})

export async function listStations(q: Queryable, filter: { townId?: string; type?: StationType }): Promise<StationRow[]> {
  const rows = await q.query<Row>(
    `${SELECT} WHERE ($1::text IS NULL OR s.town_id = $1) AND ($2::text IS NULL OR s.type = $2) ORDER BY s.town_id, s.type, s.name`,
    [filter.townId ?? null, filter.type ?? null]
  )
  return rows.map(toStation)
}

export async function findStation(q: Queryable, id: string): Promise<(StationRow & { managerName: string | null }) | null> {
  const [row] = await q.query<Row>(`${SELECT} WHERE s.id = $1`, [id])
  if (!row) return null
  const [manager] = await q.query<{ name: string }>('SELECT p.name FROM stations s JOIN people p ON p.id = s.manager_person_id WHERE s.id = $1', [id])
  return { ...toStation(row), managerName: manager?.name ?? null }
}

/** Stations inside a box: a range scan on stations_lat_lng (see docs/stations.md for the plan). */
export async function stationsInBox(q: Queryable, box: BoundingBox): Promise<StationRow[]> {
  const ranges = box.lngRanges.map((_, i) => `s.lng BETWEEN $${3 + 2 * i} AND $${4 + 2 * i}`).join(' OR ')
  const rows = await q.query<Row>(`${SELECT} WHERE s.lat BETWEEN $1 AND $2 AND (${ranges})`, [box.minLat, box.maxLat, ...box.lngRanges.flat()])
  return rows.map(toStation)
}

/**
 * The `count` stations nearest a point by a flat-earth distance, for the finder's last round (nothing
 * within 64 km). The ids are picked first so that only `count` rows pay for their services and closures;
 * the caller ranks them again by the true distance.
 */
export async function nearestStations(q: Queryable, origin: { lat: number; lng: number }, count: number): Promise<StationRow[]> {
  const rows = await q.query<Row>(
    `WITH near AS (
       SELECT id FROM stations
        ORDER BY (lat - $1) ^ 2 + ((lng - $2) * cos(radians($1))) ^ 2
        LIMIT $3
     )
     ${SELECT} WHERE s.id IN (SELECT id FROM near)`,
    [origin.lat, origin.lng, count]
  )
  return rows.map(toStation)
}

/** 在站人数: arrivals in the hour before `now`, per station. */
export async function onSiteCounts(q: Queryable, stationIds: string[], now: Date): Promise<Map<string, number>> {
  if (!stationIds.length) return new Map()
  const rows = await q.query<{ station_id: string; n: number }>(
    `SELECT station_id, count(*)::int AS n FROM station_check_ins
      WHERE station_id = ANY($1::text[]) AND at > $2 AND at <= $3 GROUP BY station_id`,
    [stationIds, new Date(now.getTime() - 3600_000), now]
  )
  return new Map(rows.map((r) => [r.station_id, r.n]))
}
