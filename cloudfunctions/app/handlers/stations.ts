import type { ListStationsInput, NearbyStation, NearbyStationsInput, Photo, Station, StationPage } from '@contract'
import { boundingBox, findStations, searchRadii } from '../../core'
import type { Ctx } from '../context'
import { findStation, listStations, nearestStations, onSiteCounts, stationsInBox, type StationRow } from '../../db/repos/stations'
import { forbidden, notFound } from '../errors'
import { canManageStation, requireCaller } from '../policy'
import { photosOf, setStationPhotos } from './files'
import { loadFlowSettings } from '../flow-env'
import { feedback } from './station-feedback'
import { stationConsole } from './station-console'

const strip = ({ closedOnHolidays: _c, closures: _d, departmentId: _e, ...station }: StationRow): Station => station

async function list(ctx: Ctx, input: ListStationsInput): Promise<Station[]> {
  return (await listStations(ctx.q, input)).map(strip)
}

const DEFAULT_LIMIT = 10
/**
 * Past 64 km the finder looks at this many of the nearest stations, not the whole table: far from any
 * city a national network (~200,000 rows) would otherwise be read and judged row by row on every call.
 */
const FAR_CANDIDATES = 500

/**
 * The finder. With a position: boxes of 2, 4, 8 … 64 km around it (an index range scan each), widened
 * until enough stations pass the filters, then the nearest FAR_CANDIDATES; nearest first. Without one:
 * the town's stations, open first.
 */
async function nearby(ctx: Ctx, input: NearbyStationsInput): Promise<NearbyStation[]> {
  const limit = input.limit ?? DEFAULT_LIMIT
  const { env } = await loadFlowSettings(ctx.q)
  const query = { at: ctx.now, openNow: input.openNow, amenities: input.amenities, types: input.types, limit }
  let found
  if (input.lat !== undefined && input.lng !== undefined) {
    const origin = { lat: input.lat, lng: input.lng }
    for (const radiusM of searchRadii()) {
      const rows = Number.isFinite(radiusM) ? await stationsInBox(ctx.q, boundingBox(origin, radiusM)) : await nearestStations(ctx.q, origin, FAR_CANDIDATES)
      found = findStations(rows, { ...query, origin, radiusM: Number.isFinite(radiusM) ? radiusM : undefined }, env.calendar)
      if (found.length >= limit) break
    }
  } else {
    const rows = await listStations(ctx.q, { townId: input.townId })
    found = findStations(rows, { ...query, origin: null, openFirst: true }, env.calendar)
  }
  const picked = (found ?? []).slice(0, limit)
  const onSite = await onSiteCounts(ctx.q, picked.map((f) => f.station.id), ctx.now)
  return picked.map((f) => ({
    ...strip(f.station),
    distanceM: f.distanceM === null ? null : Math.round(f.distanceM),
    distanceText: f.distanceText,
    open: f.status.open,
    openLabel: f.status.label,
    onSite: onSite.get(f.station.id) ?? 0
  }))
}

/** One station's page, public: open now or not, who is here, its photos and manager. */
async function get(ctx: Ctx, input: { id: string }): Promise<StationPage> {
  const row = await findStation(ctx.q, input.id)
  if (!row) throw notFound('该站点')
  const { env } = await loadFlowSettings(ctx.q)
  const [found] = findStations([row], { at: ctx.now, origin: null, limit: 1 }, env.calendar)
  const { managerName, ...station } = row
  return {
    ...strip(station),
    distanceM: null,
    distanceText: null,
    open: found?.status.open ?? false,
    openLabel: found?.status.label ?? '',
    onSite: (await onSiteCounts(ctx.q, [row.id], ctx.now)).get(row.id) ?? 0,
    photos: await photosOf(ctx, row.id, 'station'),
    managerName
  }
}

async function savePhotos(ctx: Ctx, input: { stationId: string; photos: string[] }): Promise<Photo[]> {
  const caller = requireCaller(ctx.caller)
  if (!(await findStation(ctx.q, input.stationId))) throw notFound('该站点')
  if (!canManageStation(caller, input.stationId)) throw forbidden('只有本站点的管理员可以修改照片')
  await setStationPhotos(ctx.q, caller.personId, input.stationId, input.photos)
  return photosOf(ctx, input.stationId, 'station')
}

export const stations = { list, nearby, get, savePhotos, feedback, ...stationConsole }
