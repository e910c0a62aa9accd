import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { BookingView, SlotView } from '@contract/bookings'
import { SlotList } from '@/features/stations/bookings/SlotList'
import { CheckInConsole } from '@/features/stations/bookings/CheckInConsole'
import { MyBookings, splitBookings } from '@/features/stations/bookings/MyBookings'
import { request, showToast } from '../stubs/taro'
import { answerBy, errorBody, hoursFromNow, okBody, postedTo, resetAll, signIn, enterpriseSession } from './helpers'

beforeEach(resetAll)

const slot = (id: string, startsInHours: number, changes: Partial<SlotView> = {}): SlotView => ({
  id,
  serviceId: 'svc-1',
  startsAt: hoursFromNow(startsInHours),
  endsAt: hoursFromNow(startsInHours + 1),
  capacity: 2,
  remaining: 2,
  waitlisted: 0,
  bookable: true,
  reason: null,
  ...changes
})

const booking = (changes: Partial<BookingView> = {}): BookingView => ({
  id: 'bk-1',
  status: 'confirmed',
  waitlistPosition: null,
  slotId: 's1',
  startsAt: hoursFromNow(26),
  endsAt: hoursFromNow(27),
  serviceId: 'svc-1',
  serviceName: '法律咨询',
  stationId: 'st-1',
  stationName: '大良红色帮办点',
  stationAddress: '大良街道',
  cancellableUntil: hoursFromNow(24),
  createdAt: hoursFromNow(-1),
  checkedInAt: null,
  ...changes
})

test('slots show places left, 已满（可候补） and the reason when not bookable', async () => {
  answerBy({
    'bookings.slots': okBody([
      slot('a', 30, { remaining: 1 }),
      slot('b', 31, { remaining: 0, waitlisted: 2 }),
      slot('c', 32, { bookable: false, reason: '仅限党员' })
    ])
  })
  render(<SlotList serviceId='svc-1' serviceName='法律咨询' />)
  const rows = await screen.findAllByTestId('slot')
  const states = rows.map((r) => within(r).getByTestId('slot-state').textContent)
  expect(states).toContain('余 1 位')
  expect(states.some((t) => t?.startsWith('已满（可候补'))).toBe(true)
  expect(states).toContain('仅限党员')
  expect(postedTo('bookings.slots')[0].input).toMatchObject({ serviceId: 'svc-1' })
})

test('booking a full slot says the waitlist place; a retry after a network failure reuses the request id', async () => {
  signIn()
  let attempts = 0
  answerBy({
    'bookings.slots': okBody([slot('full', 30, { remaining: 0, waitlisted: 1 })]),
    'bookings.book': () => {
      attempts++
      if (attempts === 1) return { statusCode: 0, data: '' }
      return okBody(booking({ status: 'waitlisted', waitlistPosition: 2, slotId: 'full' }))
    }
  })
  render(<SlotList serviceId='svc-1' serviceName='法律咨询' />)
  fireEvent.click(await screen.findByTestId('slot'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不给力，请稍后重试' })))
  fireEvent.click(screen.getByTestId('slot'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已加入候补（第 2 位）' })))
  const posts = postedTo('bookings.book')
  expect(posts).toHaveLength(2)
  expect(posts[0].input).toEqual({ slotId: 'full' })
  expect(posts[0].requestId).toBeTruthy()
  expect(posts[1].requestId).toBe(posts[0].requestId)
})

test('a slot that is not bookable cannot be tapped into a booking', async () => {
  answerBy({ 'bookings.slots': okBody([slot('c', 30, { bookable: false, reason: '请先登录后预约' })]) })
  render(<SlotList serviceId='svc-1' serviceName='法律咨询' />)
  fireEvent.click(await screen.findByText('请先登录后预约'))
  expect(postedTo('bookings.book')).toHaveLength(0)
})

test('我的预约: grouped 即将开始 / 已结束 with status labels; 签到码 shows the token', async () => {
  signIn()
  const past = booking({ id: 'bk-0', status: 'checked_in', startsAt: hoursFromNow(-30), endsAt: hoursFromNow(-29), cancellableUntil: null })
  answerBy({
    'bookings.mine': okBody([past, booking()]),
    'bookings.code': okBody({ token: 'bk-1.1764000000.abcdef012345', qrImage: 'data:image/png;base64,iVBORw0KGgo=', expiresAt: hoursFromNow(27) })
  })
  render(<MyBookings />)
  const cards = await screen.findAllByTestId('booking-card')
  expect(cards.map((c) => c.getAttribute('data-status'))).toEqual(['confirmed', 'checked_in'])
  expect(within(cards[0]).getByTestId('booking-status')).toHaveTextContent('已预约')
  expect(within(cards[1]).getByTestId('booking-status')).toHaveTextContent('已签到')
  expect(within(cards[1]).queryByTestId('cancel-booking')).toBeNull()
  fireEvent.click(within(cards[0]).getByTestId('show-code'))
  expect(await screen.findByTestId('checkin-token')).toHaveTextContent('bk-1.1764000000.abcdef012345')
  // the QR picture drawn by the server, above the token, with the hint
  const qr = screen.getByTestId('checkin-qr')
  expect(qr).toHaveAttribute('src', 'data:image/png;base64,iVBORw0KGgo=')
  expect(qr.compareDocumentPosition(screen.getByTestId('checkin-token')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  expect(screen.getByTestId('checkin-code')).toHaveTextContent('到站后请出示给站点管理员扫码；无法扫码时可报签到码')
  const { upcoming, past: ended } = splitBookings([past, booking()])
  expect(upcoming.map((b) => b.id)).toEqual(['bk-1'])
  expect(ended.map((b) => b.id)).toEqual(['bk-0'])
})

const managerSession = {
  token: 'tok-station',
  user: { id: 'u-st', name: '罗美玲', roles: [{ role: 'station' as const, scopeId: 'st-1', scopeName: '大良德胜暖"新"驿站' }] }
}

test('manager check-in: typing the code shows 已签到 big; a refusal shows the reason; walk-in shows 在站 N 人', async () => {
  signIn(managerSession)
  let n = 0
  answerBy({
    'bookings.checkIn': (input) =>
      ++n === 1
        ? okBody(booking({ status: 'checked_in', checkedInAt: new Date().toISOString() }))
        : errorBody(409, 'CONFLICT', `签到尚未开始，请于 09:30 后签到 ${input.code}`),
    'bookings.walkIn': okBody({ onSite: 4 })
  })
  render(<CheckInConsole />)
  fireEvent.change(screen.getByLabelText('签到码'), { target: { value: '  bk-1.abc.signature  ' } })
  fireEvent.click(screen.getByTestId('submit-code'))
  expect(await screen.findByTestId('checkin-result')).toHaveTextContent('已签到')
  expect(postedTo('bookings.checkIn')[0].input).toEqual({ code: 'bk-1.abc.signature' })

  fireEvent.change(screen.getByLabelText('签到码'), { target: { value: 'bk-2.abc.signature' } })
  fireEvent.click(screen.getByTestId('submit-code'))
  await waitFor(() => expect(screen.getByTestId('checkin-result')).toHaveTextContent('未能签到'))
  expect(screen.getByTestId('checkin-result')).toHaveTextContent('签到尚未开始')

  fireEvent.click(screen.getByTestId('walk-in'))
  expect(await screen.findByTestId('on-site')).toHaveTextContent('在站 4 人')
  expect(postedTo('bookings.walkIn')[0].input).toEqual({ stationId: 'st-1' })
})

test('an earlier check-in of the same code reads 重复签到; non-managers are sent to sign in', async () => {
  signIn(managerSession)
  answerBy({ 'bookings.checkIn': okBody(booking({ status: 'checked_in', checkedInAt: hoursFromNow(-0.2) })) })
  const { unmount } = render(<CheckInConsole />)
  fireEvent.change(screen.getByLabelText('签到码'), { target: { value: 'bk-1.abc.signature' } })
  fireEvent.click(screen.getByTestId('submit-code'))
  expect(await screen.findByTestId('checkin-result')).toHaveTextContent('重复签到')
  unmount()
  signIn(enterpriseSession)
  render(<CheckInConsole />)
  expect(screen.getByText('签到台仅供站点管理员使用')).toBeInTheDocument()
  expect(request).toHaveBeenCalledTimes(1)
})
