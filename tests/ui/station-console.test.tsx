import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { ManagedService, StationDay, StationFigures, StationSettings } from '@contract/station-console'
import { StationConsole } from '@/features/station-console/StationConsole'
import { StationFeedback } from '@/features/stations/feedback/StationFeedback'
import { navigateTo, redirectTo, showModal, useRouter } from '../stubs/taro'
import { answerBy, errorBody, hoursFromNow, okBody, postedTo, resetAll, signIn, summaryWith, detailWith } from './helpers'
import type { Station } from '@contract/stations'

beforeEach(resetAll)

const manager = () =>
  signIn({ token: 'tok-station', user: { id: 'u-st', name: '周站长', roles: [{ role: 'station', scopeId: 'st-1', scopeName: '大良德胜暖"新"驿站' }] } })

const day = (changes: Partial<StationDay> = {}): StationDay => ({
  stationId: 'st-1',
  stationName: '大良德胜暖"新"驿站',
  date: '2026-11-25',
  closed: false,
  sittings: [
    {
      slotId: 'sl-1',
      serviceId: 'svc-1',
      serviceName: '骑手休息位',
      startsAt: hoursFromNow(1),
      endsAt: hoursFromNow(1.5),
      capacity: 1,
      taken: 1,
      checkedIn: 0,
      waitlisted: 1,
      noShows: 0,
      bookings: [
        { id: 'b1', personName: '王师傅', phone: '138****8000', status: 'confirmed', waitlistPosition: null, checkedInAt: null },
        { id: 'b2', personName: '李师傅', phone: null, status: 'waitlisted', waitlistPosition: 1, checkedInAt: null }
      ]
    }
  ],
  walkIns: 3,
  onSite: 4,
  openFeedback: [summaryWith({ id: 'pb-9', title: '大良德胜暖"新"驿站：饮水', station: { id: 'st-1', name: '大良德胜暖"新"驿站' }, enterpriseId: '', enterpriseName: '' })],
  ...changes
})

const service: ManagedService = {
  id: 'svc-1',
  name: '骑手休息位',
  audience: 'anyone',
  durationMinutes: 30,
  capacity: 6,
  schedule: [null, [{ start: '09:00', end: '10:00' }], null, null, null, null, null],
  horizonDays: 1,
  minNoticeMinutes: 0,
  cancelCutoffMinutes: 0
}

const settings = (changes: Partial<StationSettings> = {}): StationSettings => ({
  stationId: 'st-1',
  stationName: '大良德胜暖"新"驿站',
  services: [service],
  closures: [],
  ...changes
})

test('without a station role the console explains who it is for', () => {
  render(<StationConsole />)
  expect(screen.getByText('站点工作台仅供站点管理员使用')).toBeTruthy()
})

test("the day: counts, people in order with masked phones and waitlist places, open feedback", async () => {
  manager()
  answerBy({ 'stations.day': okBody(day()) })
  render(<StationConsole />)
  const sitting = await screen.findByTestId('console-sitting')
  expect(within(sitting).getByTestId('sitting-counts').textContent).toBe('名额 1 · 已约 1 · 已签到 0 · 候补 1')
  const people = within(sitting).getAllByTestId('console-booking').map((b) => b.textContent)
  expect(people[0]).toContain('王师傅')
  expect(people[0]).toContain('138****8000')
  expect(people[1]).toContain('候补第 1 位')
  expect(screen.getByTestId('stat-onsite').textContent).toBe('4')
  fireEvent.click(screen.getByTestId('console-feedback'))
  expect(navigateTo.mock.calls[0][0].url).toContain('pb-9')
  fireEvent.click(screen.getByTestId('day-next'))
  await waitFor(() => expect(postedTo('stations.day')).toHaveLength(2))
  expect(postedTo('stations.day')[1].input.date).not.toBe(postedTo('stations.day')[0].input.date)
})

test('签到 on the list checks the person in and refreshes the day', async () => {
  manager()
  let arrived = false
  answerBy({
    'stations.day': () => okBody(day(arrived ? { sittings: [{ ...day().sittings[0], checkedIn: 1, bookings: [{ ...day().sittings[0].bookings[0], status: 'checked_in' }] }] } : {})),
    'bookings.markArrived': () => {
      arrived = true
      return okBody({})
    }
  })
  render(<StationConsole />)
  fireEvent.click(await screen.findByTestId('mark-arrived'))
  await waitFor(() => expect(screen.queryByTestId('mark-arrived')).toBeNull())
  expect(screen.getByTestId('sitting-counts').textContent).toContain('已签到 1')
  expect(postedTo('bookings.markArrived')[0].requestId).toBeTruthy()
})

test('a closed day says why there is nothing to show', async () => {
  manager()
  answerBy({ 'stations.day': okBody(day({ closed: true, sittings: [] })) })
  render(<StationConsole />)
  expect(await screen.findByText('当天闭站')).toBeTruthy()
})

test('editing a service: add a sitting, copy Monday to weekdays, save; a refusal is shown', async () => {
  manager()
  let saved: unknown
  answerBy({
    'stations.day': okBody(day()),
    'stations.settings': okBody(settings()),
    'stations.saveService': (input) => {
      saved = input
      return input.capacity > 100 ? errorBody(400, 'VALIDATION', '名额不超过 500 个') : okBody({ ...service, ...input, id: service.id })
    }
  })
  render(<StationConsole />)
  fireEvent.click(screen.getByTestId('tab-services'))
  const card = await screen.findByTestId('console-service')
  fireEvent.click(within(card).getByText('调整'))
  fireEvent.click(screen.getByText('周一的时段用于周二至周五'))
  fireEvent.click(screen.getByTestId('add-sitting-6'))
  fireEvent.click(screen.getByTestId('add-sitting-ok'))
  fireEvent.click(screen.getByTestId('save-service'))
  await waitFor(() => expect(saved).toBeDefined())
  const schedule = (saved as { schedule: unknown[] }).schedule
  expect(schedule[0]).toBeNull()
  for (const d of [1, 2, 3, 4, 5]) expect(schedule[d]).toEqual([{ start: '09:00', end: '10:00' }])
  expect(schedule[6]).toEqual([{ start: '09:00', end: '10:00' }])

  fireEvent.input(screen.getByTestId('field-capacity'), { target: { value: '0' } })
  fireEvent.click(screen.getByTestId('save-service'))
  expect((await screen.findByTestId('service-error')).textContent).toBe('名额至少 1 个')
})

test('closing a day asks first, then shows how many bookings were cancelled; reopening lists it no more', async () => {
  manager()
  answerBy({
    'stations.day': okBody(day()),
    'stations.settings': okBody(settings({ closures: ['2026-12-01'] })),
    'stations.setClosure': (input) => okBody({ ...settings({ closures: input.closed ? ['2026-12-01', input.date] : [] }), cancelled: input.closed ? 2 : 0 })
  })
  render(<StationConsole />)
  fireEvent.click(screen.getByTestId('tab-closures'))
  expect(await screen.findAllByTestId('closure')).toHaveLength(1)
  fireEvent.input(screen.getByTestId('closure-reason'), { target: { value: '设备检修' } })
  fireEvent.click(screen.getByTestId('close-day'))
  await waitFor(() => expect(postedTo('stations.setClosure')).toHaveLength(1))
  expect(showModal).toHaveBeenCalled()
  expect(postedTo('stations.setClosure')[0].input).toMatchObject({ closed: true, reason: '设备检修' })
  await waitFor(() => expect(screen.getAllByTestId('closure')).toHaveLength(2))
  fireEvent.click(screen.getAllByTestId('reopen-day')[0])
  await waitFor(() => expect(screen.queryAllByTestId('closure')).toHaveLength(0))
  expect(screen.getByText('没有闭站日')).toBeTruthy()
})

test('figures: totals, a row per day newest first, and the no-show rate', async () => {
  manager()
  const figures: StationFigures = {
    stationId: 'st-1',
    from: '2026-11-19',
    to: '2026-11-25',
    days: ['2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'].map((date, i) => ({
      date,
      booked: i,
      checkedIn: i ? i - 1 : 0,
      noShows: i ? 1 : 0,
      cancelled: 0,
      walkIns: 2
    })),
    totals: { booked: 21, checkedIn: 15, noShows: 6, cancelled: 0, walkIns: 14 },
    noShowRate: 6 / 21
  }
  answerBy({ 'stations.day': okBody(day()), 'stations.figures': okBody(figures) })
  render(<StationConsole />)
  fireEvent.click(screen.getByTestId('tab-figures'))
  expect((await screen.findByTestId('total-booked')).textContent).toBe('21')
  const rows = screen.getAllByTestId('figures-day')
  expect(rows).toHaveLength(7)
  expect(rows[0].textContent).toContain('11月25日')
  expect(screen.getByText('28.6%')).toBeTruthy()
  fireEvent.click(screen.getByTestId('range-30'))
  await waitFor(() => expect(postedTo('stations.figures').at(-1)?.input.days).toBe(30))
})

const station: Station = {
  id: 'st-1',
  name: '大良德胜暖"新"驿站',
  type: 'warm',
  address: '大良街道德胜东路',
  townId: 'daliang',
  townName: '大良街道',
  lat: 22.84,
  lng: 113.25,
  open24h: true,
  hours: [null, null, null, null, null, null, null],
  amenities: ['water', 'charging'],
  phone: null,
  services: []
}

test('station feedback: signed out it asks to sign in; signed in a tap fills the words, and it opens the new problem', async () => {
  useRouter.mockReturnValue({ params: { id: 'st-1' }, path: '' })
  const { unmount } = render(<StationFeedback />)
  expect(screen.getByText('请先登录')).toBeTruthy()
  unmount()

  signIn()
  answerBy({
    'stations.get': okBody({ ...station, distanceM: null, distanceText: null, open: true, openLabel: '', onSite: 0, managerName: null, photos: [] }),
    'stations.feedback': okBody(detailWith({ id: 'pb-new', title: `${station.name}：饮水`, station: { id: 'st-1', name: station.name } }))
  })
  render(<StationFeedback />)
  fireEvent.click(await screen.findByTestId('feedback-amenity-water'))
  fireEvent.click(screen.getByTestId('feedback-submit'))
  await waitFor(() => expect(redirectTo).toHaveBeenCalled())
  expect(postedTo('stations.feedback')[0].input).toEqual({ stationId: 'st-1', amenity: 'water', content: '饮水机没有热水了' })
  expect(postedTo('stations.feedback')[0].requestId).toBeTruthy()
  expect(redirectTo.mock.calls[0][0].url).toContain('pb-new')
})

test('station feedback: too few words are refused before sending', async () => {
  useRouter.mockReturnValue({ params: { id: 'st-1' }, path: '' })
  signIn()
  answerBy({ 'stations.get': okBody({ ...station, distanceM: null, distanceText: null, open: true, openLabel: '', onSite: 0, managerName: null, photos: [] }) })
  render(<StationFeedback />)
  fireEvent.click(await screen.findByTestId('feedback-submit'))
  expect((await screen.findByTestId('feedback-error')).textContent).toBe('至少 2 个字')
  expect(postedTo('stations.feedback')).toHaveLength(0)
})

test('photos: remove one and save the rest in order', async () => {
  manager()
  const page = {
    ...station,
    distanceM: null,
    distanceText: null,
    open: true,
    openLabel: '24 小时营业',
    onSite: 2,
    managerName: '罗美玲',
    photos: [
      { id: 'ph-1', url: '/api/files/ph-1?exp=1&sig=a' },
      { id: 'ph-2', url: '/api/files/ph-2?exp=1&sig=b' }
    ]
  }
  answerBy({
    'stations.day': okBody(day()),
    'stations.get': okBody(page),
    'stations.savePhotos': (input) => okBody(page.photos.filter((p) => input.photos.includes(p.id)))
  })
  render(<StationConsole />)
  fireEvent.click(screen.getByTestId('tab-photos'))
  const grid = await screen.findByTestId('station-photo-grid')
  fireEvent.click(within(grid).getAllByLabelText('删除照片')[0])
  fireEvent.click(screen.getByTestId('save-photos'))
  await waitFor(() => expect(postedTo('stations.savePhotos')).toHaveLength(1))
  expect(postedTo('stations.savePhotos')[0].input).toEqual({ stationId: 'st-1', photos: ['ph-2'] })
})

test('the station page: photos and 站长 from stations.get, without signing in', async () => {
  const { StationDetail } = await import('@/features/stations/bookings/StationDetail')
  answerBy({
    'stations.get': okBody({
      ...station,
      distanceM: null,
      distanceText: null,
      open: true,
      openLabel: '24 小时营业',
      onSite: 2,
      managerName: '罗美玲',
      photos: [{ id: 'ph-1', url: '/api/files/ph-1?exp=1&sig=a' }]
    })
  })
  render(<StationDetail id='st-1' />)
  expect(await screen.findByText('站长：罗美玲')).toBeTruthy()
  expect(screen.getByTestId('station-photos').querySelectorAll('img')).toHaveLength(1)
  expect(screen.getByText('本站暂无可预约的服务，可直接到站。')).toBeTruthy()
})
