import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { NearbyStation } from '@contract/bookings'
import { StationFinder } from '@/features/stations/StationFinder'
import { makePhoneCall } from '../stubs/taro'
import { answerBy, okBody, postedTo, resetAll } from './helpers'

const base: NearbyStation = {
  id: 's-daliang-warm-1',
  name: '大良德胜暖"新"驿站',
  type: 'warm',
  address: '大良街道德胜东路职工服务中心一楼',
  townId: 'daliang',
  townName: '大良',
  lat: 22.8412,
  lng: 113.2563,
  open24h: true,
  hours: [],
  amenities: ['water', 'charging', 'microwave'],
  phone: '0757-22381016',
  services: [{ id: 'svc-daliang-warm-1-childcare', name: '暑期托管' }],
  distanceM: 680,
  distanceText: '680 米',
  open: true,
  openLabel: '24 小时营业',
  onSite: 3
}
const second: NearbyStation = {
  ...base,
  id: 's-daliang-warm-2',
  name: '大良凤山暖"新"驿站',
  amenities: ['water'],
  phone: null,
  services: [],
  distanceM: 1240,
  distanceText: '1.2 公里',
  openLabel: '营业至 22:00',
  onSite: 0
}

type GeoSuccess = (p: { coords: { latitude: number; longitude: number } }) => void
type GeoError = (e: { code: number; message: string }) => void
function setGeolocation(impl: ((ok: GeoSuccess, fail: GeoError) => void) | undefined) {
  Object.defineProperty(globalThis.navigator, 'geolocation', {
    configurable: true,
    value: impl ? { getCurrentPosition: jest.fn(impl) } : undefined
  })
}

beforeEach(() => {
  resetAll()
  setGeolocation(undefined)
})

test('with a position: nearest first, distance, open label, amenities and 在站 N 人; the query carries the position and 只看营业中', async () => {
  setGeolocation((ok) => ok({ coords: { latitude: 22.84, longitude: 113.25 } }))
  answerBy({ 'stations.nearby': okBody([base, second]) })
  render(<StationFinder />)
  const cards = await screen.findAllByTestId('station-card')
  expect(cards).toHaveLength(2)
  expect(within(cards[0]).getByText(base.name)).toBeInTheDocument()
  expect(within(cards[0]).getByText('离您最近')).toBeInTheDocument()
  expect(within(cards[0]).getByTestId('station-distance')).toHaveTextContent('680 米')
  expect(cards[0]).toHaveTextContent('营业中')
  expect(cards[0]).toHaveTextContent('24 小时营业')
  expect(within(cards[0]).getByTestId('station-onsite')).toHaveTextContent('在站 3 人')
  expect(within(cards[0]).getByTestId('station-amenities')).toHaveTextContent('充电')
  expect(within(cards[1]).getByTestId('station-distance')).toHaveTextContent('1.2 公里')
  expect(screen.queryByTestId('town-picker')).toBeNull()
  expect(postedTo('stations.nearby')[0].input).toMatchObject({ lat: 22.84, lng: 113.25, openNow: true, amenities: [] })

  fireEvent.click(within(cards[0]).getByTestId('station-call'))
  expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '0757-22381016' })
  // H5: no map app to open, the address can be copied instead
  expect(within(cards[0]).getByTestId('station-copy')).toHaveTextContent('复制地址')
  expect(within(cards[1]).queryByTestId('station-call')).toBeNull()
})

test('location refused: the town picker shows (never an empty screen) and picking a town asks by town', async () => {
  setGeolocation((_ok, fail) => fail({ code: 1, message: 'denied' }))
  answerBy({
    'stations.nearby': okBody([{ ...second, distanceM: null, distanceText: null }]),
    'catalog.bootstrap': okBody({ towns: [{ id: 'daliang', name: '大良' }, { id: 'ronggui', name: '容桂' }] })
  })
  render(<StationFinder />)
  const picker = await screen.findByTestId('town-picker')
  expect(picker).toHaveTextContent('没有拿到您的位置')
  expect(await within(picker).findByText('容桂')).toBeInTheDocument()
  // meanwhile every town's open stations, without distances
  const card = await screen.findByTestId('station-card')
  expect(within(card).queryByTestId('station-distance')).toBeNull()
  expect(postedTo('stations.nearby')[0].input).not.toHaveProperty('lat')

  fireEvent.click(within(picker).getByTestId('town-ronggui'))
  await waitFor(() => expect(postedTo('stations.nearby')).toHaveLength(2))
  expect(postedTo('stations.nearby')[1].input).toMatchObject({ townId: 'ronggui', openNow: true })
})

test('no geolocation at all also falls back to the town picker', async () => {
  answerBy({ 'stations.nearby': okBody([]), 'catalog.bootstrap': okBody({ towns: [{ id: 'daliang', name: '大良' }] }) })
  render(<StationFinder />)
  expect(await screen.findByTestId('town-picker')).toBeInTheDocument()
  expect(await screen.findByText('附近暂无营业中的驿站')).toBeInTheDocument()
})

test('the amenity chips and 只看营业中 are passed to stations.nearby', async () => {
  setGeolocation((ok) => ok({ coords: { latitude: 22.84, longitude: 113.25 } }))
  answerBy({ 'stations.nearby': okBody([base]) })
  render(<StationFinder />)
  await screen.findByTestId('station-card')
  expect(screen.getByTestId('filter-open-now')).toHaveAttribute('aria-checked', 'true')

  fireEvent.click(screen.getByTestId('amenity-charging'))
  await waitFor(() => expect(postedTo('stations.nearby')).toHaveLength(2))
  expect(postedTo('stations.nearby')[1].input).toMatchObject({ amenities: ['charging'], openNow: true })

  fireEvent.click(screen.getByTestId('amenity-microwave'))
  await waitFor(() => expect(postedTo('stations.nearby')).toHaveLength(3))
  expect(postedTo('stations.nearby')[2].input.amenities).toEqual(['charging', 'microwave'])

  fireEvent.click(screen.getByTestId('filter-open-now'))
  await waitFor(() => expect(postedTo('stations.nearby')).toHaveLength(4))
  expect(postedTo('stations.nearby')[3].input).toMatchObject({ openNow: false, amenities: ['charging', 'microwave'] })
})
