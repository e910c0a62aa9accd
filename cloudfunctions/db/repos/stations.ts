import type { Amenity, DayHours, Station, StationType } from '@contract'
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
  services: { id: string; name: string }[] | null
}

export async function listStations(q: Queryable, filter: { townId?: string; type?: StationType }): Promise<Station[]> {
  const rows = await q.query<Row>(
    `SELECT s.id, s.name, s.type, s.address, s.town_id, t.name AS town_name, s.lat, s.lng, s.open_24h, s.hours,
            s.amenities, s.phone,
            (SELECT json_agg(json_build_object('id', i.id, 'name', i.name) ORDER BY i.name)
               FROM service_items i WHERE i.station_id = s.id) AS services
       FROM stations s JOIN towns t ON t.id = s.town_id
      WHERE ($1::text IS NULL OR s.town_id = $1) AND ($2::text IS NULL OR s.type = $2)
      ORDER BY s.town_id, s.type, s.name`,
    [filter.townId ?? null, filter.type ?? null]
  )
  return rows.map((r) => ({
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
    services: r.services ?? []
  }))
}
