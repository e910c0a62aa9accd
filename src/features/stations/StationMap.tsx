import { Map as TaroMap } from '@tarojs/components'
import type { MapProps } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { NearbyStation } from '@contract/bookings'
import type { Position } from '@/services/location'
import { stationDetailUrl } from './routes'

/** A marker without `iconPath`: WeChat then draws its own default pin (we ship no image assets). */
type StationMarker = Omit<MapProps.marker, 'iconPath'> & { id: number }

/**
 * One marker per station, in result order. WeChat wants numeric marker ids, so a marker's id is the
 * station's index in `stations` (the event hands it back, and `stations[id]` is the station).
 */
export function stationMarkers(stations: NearbyStation[]): StationMarker[] {
  return stations.map((s, i) => ({
    id: i,
    latitude: s.lat,
    longitude: s.lng,
    title: s.name,
    callout: {
      content: [s.name, [s.distanceText, s.open ? '营业中' : '休息中'].filter(Boolean).join(' · ')].join('\n'),
      color: '#1f2329',
      fontSize: 14,
      anchorX: 0,
      anchorY: -4,
      borderRadius: 8,
      borderWidth: 1,
      borderColor: s.open ? '#1a7f37' : '#dfe1e5',
      bgColor: '#ffffff',
      padding: 8,
      display: 'BYCLICK',
      textAlign: 'center'
    }
  }))
}

/** The station behind a marker id from a map event, or null for an id the current results do not have. */
export function stationOfMarker(stations: NearbyStation[], markerId: unknown): NearbyStation | null {
  const i = typeof markerId === 'number' ? markerId : Number(markerId)
  return Number.isInteger(i) && i >= 0 && i < stations.length ? stations[i] : null
}

/**
 * 地图 view of the finder, WeChat only (Taro's Map is not supported on H5). Centred on the person with
 * WeChat's own location dot; without a position it zooms to fit the stations. Tapping a marker shows its
 * callout (name, distance, 营业中/休息中); tapping the callout opens the station, as the list card does.
 * Coordinates are gcj02 on both sides (stations and Taro.getLocation), as WeChat's map expects.
 */
export function StationMap({ stations, position, onError }: { stations: NearbyStation[]; position: Position | null; onError?: () => void }) {
  const open = (markerId: unknown) => {
    const station = stationOfMarker(stations, markerId)
    if (station) void Taro.navigateTo({ url: stationDetailUrl(station.id) })
  }
  const centre = position ?? (stations[0] ? { lat: stations[0].lat, lng: stations[0].lng } : null)
  if (!centre) return null
  return (
    <TaroMap
      className='station-map'
      latitude={centre.lat}
      longitude={centre.lng}
      scale={14}
      showLocation
      markers={stationMarkers(stations) as MapProps.marker[]}
      includePoints={position ? undefined : stations.map((s) => ({ latitude: s.lat, longitude: s.lng }))}
      onCalloutTap={(e) => open(e.detail.markerId)}
      onError={() => onError?.()}
      data-testid='station-map'
    />
  )
}
