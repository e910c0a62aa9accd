import type { Amenity, StationType } from '@contract'
import type { CalendarInput } from '../calendar'
import { distanceMeters, distanceText, isLatLng, type LatLng } from './geo'
import { isOpenAt, openingStatus, preparedCalendar, type OpeningHours, type OpeningStatus } from './opening'

/** What the finder needs of a station (the contract's Station plus the closure settings fits). */
export interface FinderStation extends OpeningHours {
  id: string
  lat: number
  lng: number
  type?: StationType
  amenities: readonly Amenity[]
}

export interface FinderQuery {
  /** The user's location; null when they did not share it (then the input order is kept). */
  origin: LatLng | null
  at: Date
  /** Only stations open at `at`. */
  openNow?: boolean
  /** Only stations that have every one of these. */
  amenities?: readonly Amenity[]
  types?: readonly StationType[]
  /** Only stations within this distance (ignored without an origin). */
  radiusM?: number
  /** Without an origin: open stations before closed ones (input order within each). */
  openFirst?: boolean
  limit?: number
}

export interface FoundStation<S> {
  station: S
  /** Null without an origin. */
  distanceM: number | null
  /** '850 米', '1.2 公里'; null without an origin. */
  distanceText: string | null
  status: OpeningStatus
}

/**
 * The finder's list: filtered by type, amenities, open now and radius, nearest first (ties by id).
 * Run it over the rows the nearest query returned (see geo.ts), or over a whole small table.
 * Stations with unusable coordinates are left out when there is an origin.
 *
 * Whether a station is open looks at two days of spans; its label (the next opening or closing) may look
 * a month ahead through the holiday calendar. So every candidate is judged open or closed, and only the
 * stations returned get a label: a wide search over thousands of rows stays cheap.
 */
export function findStations<S extends FinderStation>(stations: readonly S[], q: FinderQuery, calendar?: CalendarInput): FoundStation<S>[] {
  const cal = preparedCalendar(calendar)
  const origin = q.origin && isLatLng(q.origin) ? q.origin : null
  const wanted = q.amenities ?? []
  const candidates: { station: S; distanceM: number | null; open: boolean }[] = []
  for (const station of stations) {
    if (q.types?.length && (!station.type || !q.types.includes(station.type))) continue
    if (!wanted.every((a) => station.amenities.includes(a))) continue
    let distanceM: number | null = null
    if (origin) {
      if (!isLatLng(station)) continue
      distanceM = distanceMeters(origin, station)
      if (q.radiusM !== undefined && distanceM > q.radiusM) continue
    }
    const open = isOpenAt(station, q.at, cal)
    if (q.openNow && !open) continue
    candidates.push({ station, distanceM, open })
  }
  if (origin) candidates.sort((a, b) => (a.distanceM as number) - (b.distanceM as number) || (a.station.id < b.station.id ? -1 : a.station.id > b.station.id ? 1 : 0))
  else if (q.openFirst) candidates.sort((a, b) => Number(b.open) - Number(a.open))
  const picked = q.limit !== undefined ? candidates.slice(0, Math.max(0, q.limit)) : candidates
  return picked.map(({ station, distanceM }) => ({
    station,
    distanceM,
    distanceText: distanceM === null ? null : distanceText(distanceM),
    status: openingStatus(station, q.at, cal)
  }))
}
