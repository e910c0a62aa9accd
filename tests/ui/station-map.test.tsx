import { render, screen, fireEvent, within } from '@testing-library/react'
import type { NearbyStation } from '@contract/bookings'
import { StationFinder } from '@/features/stations/StationFinder'
import { stationMarkers, stationOfMarker } from '@/features/stations/StationMap'
import { navigateTo } from '../stubs/taro'
import { answerBy, okBody, resetAll } from './helpers'

// The DOM stand-ins have no Map: this one renders its markers' callouts as buttons that fire onCalloutTap.
type MockMarker = { id: number; title?: string; latitude: number; longitude: number; callout?: { content: string } }
type MockMapProps = { markers?: MockMarker[]; latitude: number; longitude: number; showLocation?: boolean; onCalloutTap?: (e: { detail: { markerId: number } }) => void }
jest.mock('@tarojs/components', () => {
  const actual = jest.requireActual('../stubs/taro-components')
  const { createElement: h } = jest.requireActual('react')
  const Map = ({ markers = [], latitude, longitude, showLocation, onCalloutTap }: MockMapProps) =>
    h(
      'div',
      { 'data-testid': 'station-map', 'data-centre': `${latitude},${longitude}`, 'data-show-location': showLocation ? 'yes' : 'no' },
      markers.map((m) =>
        h('button', { key: m.id, 'data-testid': 'map-callout', title: m.title, onClick: () => onCalloutTap?.({ detail: { markerId: m.id } }) }, m.callout?.content)
      )
    )
  return { ...actual, Map }
})

const station = (id: string, changes: Partial<NearbyStation> = {}): NearbyStation => ({
  id,
  name: `驿站 ${id}`,
  type: 'warm',
  address: '大良街道',
  townId: 'daliang',
  townName: '大良',
  lat: 22.8412,
  lng: 113.2563,
  open24h: false,
  hours: [],
  amenities: [],
  phone: null,
  services: [],
  distanceM: 680,
  distanceText: '680 米',
  open: true,
  openLabel: '营业至 22:00',
  onSite: 0,
  ...changes
})

const TARO_ENV = process.env.TARO_ENV
beforeEach(() => {
  resetAll()
  Object.defineProperty(globalThis.navigator, 'geolocation', {
    configurable: true,
    value: { getCurrentPosition: jest.fn((ok: (p: unknown) => void) => ok({ coords: { latitude: 22.84, longitude: 113.25 } })) }
  })
})
afterEach(() => {
  if (TARO_ENV === undefined) Reflect.deleteProperty(process.env, 'TARO_ENV')
  else process.env.TARO_ENV = TARO_ENV
})

test('markers: numeric ids by index, title = name, callout with name, distance and 营业中/休息中', () => {
  const list = [station('a'), station('b', { open: false, distanceText: '1.2 公里' }), station('c', { distanceM: null, distanceText: null })]
  const markers = stationMarkers(list)
  expect(markers.map((m) => m.id)).toEqual([0, 1, 2])
  expect(markers[0]).toMatchObject({ title: '驿站 a', latitude: 22.8412, longitude: 113.2563 })
  expect(markers[0].callout?.content).toBe('驿站 a\n680 米 · 营业中')
  expect(markers[1].callout?.content).toBe('驿站 b\n1.2 公里 · 休息中')
  expect(markers[2].callout?.content).toBe('驿站 c\n营业中')
  expect(stationOfMarker(list, 1)?.id).toBe('b')
  expect(stationOfMarker(list, '2')?.id).toBe('c')
  expect(stationOfMarker(list, 3)).toBeNull()
  expect(stationOfMarker(list, -1)).toBeNull()
  expect(stationOfMarker(list, undefined)).toBeNull()
})

test('H5: no 列表 / 地图 toggle, the list stays', async () => {
  process.env.TARO_ENV = 'h5'
  answerBy({ 'stations.nearby': okBody([station('a'), station('b')]) })
  render(<StationFinder />)
  expect(await screen.findAllByTestId('station-card')).toHaveLength(2)
  expect(screen.queryByTestId('layout-toggle')).toBeNull()
  expect(screen.queryByTestId('station-map')).toBeNull()
})

test('WeChat: 地图 shows one marker per result around the person; tapping a callout opens that station', async () => {
  process.env.TARO_ENV = 'weapp'
  answerBy({ 'stations.nearby': okBody([station('s-1'), station('s-2', { open: false, distanceText: '1.2 公里' })]) })
  render(<StationFinder />)
  expect(await screen.findAllByTestId('station-card')).toHaveLength(2)
  fireEvent.click(within(screen.getByTestId('layout-toggle')).getByText('地图'))
  const map = screen.getByTestId('station-map')
  expect(screen.queryByTestId('station-card')).toBeNull()
  expect(map).toHaveAttribute('data-centre', '22.84,113.25')
  expect(map).toHaveAttribute('data-show-location', 'yes')
  const callouts = within(map).getAllByTestId('map-callout')
  expect(callouts.map((c) => c.textContent)).toEqual(['驿站 s-1\n680 米 · 营业中', '驿站 s-2\n1.2 公里 · 休息中'])
  fireEvent.click(callouts[1])
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/stations/detail/index?id=s-2' })
  fireEvent.click(screen.getByTestId('layout-list'))
  expect(screen.getAllByTestId('station-card')).toHaveLength(2)
})
