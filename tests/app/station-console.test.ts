import { openHarness, unwrap, type Harness } from '../support/harness'
import { slotFixture } from '../support/bookings'

const STATION = 's-daliang-warm-1'

let h: Harness
beforeAll(async () => {
  h = await openHarness()
})
afterAll(() => h.close())
beforeEach(() => {
  h.clock.now = new Date('2026-11-23T02:00:00Z')
})

const everyDay = (start: string, end: string) => Array.from({ length: 7 }, () => [{ start, end }])

async function service(capacity: number): Promise<string> {
  const { serviceId } = await slotFixture(h, capacity)
  return serviceId
}

describe('station feedback', () => {
  test('"没热水了" becomes a problem for the department running the station; the reporter confirms it, the manager sees it', async () => {
    const rider = await h.person('enterprise', 'e-murata')
    const manager = await h.signIn('station')
    const filed = unwrap(await h.call('stations', 'feedback', { stationId: STATION, amenity: 'water', content: '饮水机没有热水了' }, { as: rider }))
    expect(filed.title).toContain('饮水')
    expect(filed.category).toBe('station')
    expect(filed.station).toEqual({ id: STATION, name: expect.stringContaining('德胜') })
    expect(filed.enterpriseId).toBe('')
    const [{ department_id }] = await h.db.query<{ department_id: string }>('SELECT department_id FROM stations WHERE id = $1', [STATION])
    expect(filed.leadDepartmentId).toBe(department_id)
    expect(filed.status).toBe('routed')

    // the station's manager is told and can read it; a manager elsewhere cannot
    expect(unwrap(await h.call('notices', 'list', {}, { as: manager })).some((n) => n.problemId === filed.id)).toBe(true)
    expect(unwrap(await h.call('problems', 'get', { id: filed.id }, { as: manager })).id).toBe(filed.id)
    const elsewhere = await h.person('station', 's-ronggui-warm-1')
    expect((await h.call('problems', 'get', { id: filed.id }, { as: elsewhere })).ok).toBe(false)
    const day = unwrap(await h.call('stations', 'day', { stationId: STATION }, { as: manager }))
    expect(day.openFeedback.map((p) => p.id)).toContain(filed.id)

    // the department answers; only the reporter may confirm it solved
    const handler = await h.person('handler', department_id)
    unwrap(await h.call('problems', 'act', { id: filed.id, action: { type: 'accept' } }, { as: handler }))
    unwrap(await h.call('problems', 'act', { id: filed.id, action: { type: 'reply', content: '已更换热水器，今天下午恢复供应热水' } }, { as: handler }))
    const colleague = await h.person('enterprise', 'e-murata')
    expect((await h.call('problems', 'act', { id: filed.id, action: { type: 'evaluate', solved: true, rating: 5 } }, { as: colleague })).ok).toBe(false)
    const closed = unwrap(await h.call('problems', 'act', { id: filed.id, action: { type: 'evaluate', solved: true, rating: 5 } }, { as: rider }))
    expect(closed.status).toBe('closed')
    expect(unwrap(await h.call('stations', 'day', { stationId: STATION }, { as: manager })).openFeedback.map((p) => p.id)).not.toContain(filed.id)
  })

  test('needs sign-in, a real station and a few words; a retried request files once', async () => {
    const anonymous = await h.raw('stations', { action: 'feedback', input: { stationId: STATION, content: '没热水' } })
    expect(anonymous.ok || anonymous.error.code).toBe('UNAUTHENTICATED')
    const rider = await h.signIn('enterprise')
    const missing = await h.call('stations', 'feedback', { stationId: 's-nowhere', content: '没热水了' }, { as: rider })
    expect(missing.ok || missing.error.fields?.stationId).toBe('所选站点不存在')
    const empty = await h.call('stations', 'feedback', { stationId: STATION, content: ' ' }, { as: rider })
    expect(empty.ok || empty.error.code).toBe('VALIDATION')
    const before = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM problems WHERE station_id = $1', [STATION])
    const once = await h.call('stations', 'feedback', { stationId: STATION, content: '充电柜坏了两个' }, { as: rider, requestId: 'fb-retry-1' })
    const again = await h.call('stations', 'feedback', { stationId: STATION, content: '充电柜坏了两个' }, { as: rider, requestId: 'fb-retry-1' })
    expect(unwrap(again).id).toBe(unwrap(once).id)
    const after = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM problems WHERE station_id = $1', [STATION])
    expect(after[0].n).toBe(before[0].n + 1)
  })

  test('station feedback is not something an enterprise picks on the problem form', async () => {
    const staff = await h.signIn('enterprise')
    const r = await h.call('problems', 'file', { title: '驿站没热水', content: '驿站饮水机一直没有热水', category: 'station', enterpriseId: 'e-murata' }, { as: staff })
    expect(r.ok || r.error.fields?.category).toBe('请选择问题类别')
  })
})

describe("the manager's day", () => {
  test('sittings with their people in order, masked phones, walk-ins and who is on site', async () => {
    const { slotId } = await slotFixture(h, 1)
    const manager = await h.signIn('station')
    const a = await h.person('enterprise', 'e-murata')
    const b = await h.person('enterprise', 'e-murata')
    await h.db.query(`UPDATE people SET phone = '13800138000' WHERE id = $1`, [unwrap(await h.call('accounts', 'me', {}, { as: a })).id])
    unwrap(await h.call('bookings', 'book', { slotId }, { as: a }))
    unwrap(await h.call('bookings', 'book', { slotId }, { as: b }))
    unwrap(await h.call('bookings', 'walkIn', { stationId: STATION }, { as: manager }))
    const tomorrow = '2026-11-24'
    const day = unwrap(await h.call('stations', 'day', { stationId: STATION, date: tomorrow }, { as: manager }))
    const sitting = day.sittings.find((s) => s.slotId === slotId)
    expect(sitting).toMatchObject({ capacity: 1, taken: 1, waitlisted: 1, checkedIn: 0 })
    expect(sitting?.bookings.map((x) => [x.status, x.waitlistPosition])).toEqual([
      ['confirmed', null],
      ['waitlisted', 1]
    ])
    expect(sitting?.bookings[0].phone).toBe('138****8000')
    expect(JSON.stringify(day)).not.toContain('13800138000')
    const today = unwrap(await h.call('stations', 'day', { stationId: STATION }, { as: manager }))
    expect(today.walkIns).toBeGreaterThanOrEqual(1)
    expect(today.onSite).toBeGreaterThanOrEqual(1)
  })

  test('ticking a name on the list checks in within the window, harmlessly twice; another station cannot', async () => {
    const { slotId } = await slotFixture(h, 2)
    const manager = await h.signIn('station')
    const rider = await h.person('enterprise', 'e-murata')
    const booked = unwrap(await h.call('bookings', 'book', { slotId }, { as: rider }))
    const early = await h.call('bookings', 'markArrived', { id: booked.id }, { as: manager })
    expect(early.ok || early.error.message).toContain('签到尚未开始')
    h.clock.now = new Date(Date.parse(booked.startsAt) - 10 * 60_000)
    const fresh = await h.signIn('station')
    const first = unwrap(await h.call('bookings', 'markArrived', { id: booked.id }, { as: fresh }))
    expect(first.status).toBe('checked_in')
    const again = unwrap(await h.call('bookings', 'markArrived', { id: booked.id }, { as: fresh }))
    expect(again.checkedInAt).toBe(first.checkedInAt)
    const other = await h.person('station', 's-ronggui-warm-1')
    const refused = await h.call('bookings', 'markArrived', { id: booked.id }, { as: other })
    expect(refused.ok || refused.error.code).toBe('FORBIDDEN')
    const [{ n }] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM station_check_ins WHERE booking_id = $1', [booked.id])
    expect(n).toBe(1)
  })

  test("another station's manager and ordinary users are refused", async () => {
    const other = await h.person('station', 's-ronggui-warm-1')
    for (const action of ['day', 'figures'] as const) {
      const r = await h.call('stations', action, { stationId: STATION }, { as: other })
      expect(r.ok || r.error.code).toBe('FORBIDDEN')
    }
    const staff = await h.signIn('enterprise')
    expect((await h.call('stations', 'settings', { id: STATION }, { as: staff })).ok).toBe(false)
  })
})

describe('editing a service', () => {
  test('a larger capacity gives the new places to the waitlist at once and tells them', async () => {
    const { slotId, serviceId } = await slotFixture(h, 1)
    const manager = await h.signIn('station')
    const a = await h.person('enterprise', 'e-murata')
    const b = await h.person('enterprise', 'e-murata')
    unwrap(await h.call('bookings', 'book', { slotId }, { as: a }))
    const waiting = unwrap(await h.call('bookings', 'book', { slotId }, { as: b }))
    expect(waiting.status).toBe('waitlisted')
    const saved = unwrap(
      await h.call(
        'stations',
        'saveService',
        { serviceId, capacity: 2, schedule: everyDay('10:00', '11:00'), horizonDays: 7, minNoticeMinutes: 60, cancelCutoffMinutes: 120 },
        { as: manager }
      )
    )
    expect(saved.capacity).toBe(2)
    expect(unwrap(await h.call('bookings', 'mine', {}, { as: b })).find((x) => x.id === waiting.id)?.status).toBe('confirmed')
    expect(unwrap(await h.call('notices', 'list', {}, { as: b })).some((n) => n.title.includes('候补成功'))).toBe(true)
  })

  test('a smaller capacity bumps nobody, and dropped sittings stay only where somebody booked', async () => {
    const { slotId, serviceId } = await slotFixture(h, 3)
    const manager = await h.signIn('station')
    const people = [await h.person('enterprise', 'e-murata'), await h.person('enterprise', 'e-murata')]
    for (const p of people) unwrap(await h.call('bookings', 'book', { slotId }, { as: p }))
    // an empty sitting of the old shape, the day after
    const lonely = `${serviceId}-lonely`
    await h.db.query(`INSERT INTO slots (id, service_item_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, 3)`, [
      lonely,
      serviceId,
      new Date('2026-11-25T02:00:00Z'),
      new Date('2026-11-25T03:00:00Z')
    ])
    unwrap(
      await h.call(
        'stations',
        'saveService',
        { serviceId, capacity: 1, schedule: everyDay('15:00', '16:00'), horizonDays: 7, minNoticeMinutes: 60, cancelCutoffMinutes: 120 },
        { as: manager }
      )
    )
    const rows = await h.db.query<{ id: string; capacity: number }>('SELECT id, capacity FROM slots WHERE service_item_id = $1 ORDER BY id', [serviceId])
    expect(rows.map((r) => r.id)).toContain(slotId)
    expect(rows.map((r) => r.id)).not.toContain(lonely)
    const statuses = await h.db.query<{ status: string }>('SELECT status FROM bookings WHERE slot_id = $1', [slotId])
    expect(statuses.map((s) => s.status)).toEqual(['confirmed', 'confirmed'])
    const third = await h.person('enterprise', 'e-murata')
    expect(unwrap(await h.call('bookings', 'book', { slotId }, { as: third })).status).toBe('waitlisted')
    // the new schedule's sittings are what people see next
    const slots = unwrap(await h.call('bookings', 'slots', { serviceId }, { as: third }))
    expect(slots.filter((s) => s.id !== slotId).every((s) => new Date(s.startsAt).getUTCHours() === 7)).toBe(true)
  })

  test('overlapping sittings and out-of-range numbers are refused in Chinese', async () => {
    const serviceId = await service(2)
    const manager = await h.signIn('station')
    const schedule = [[{ start: '09:00', end: '10:00' }, { start: '09:30', end: '10:30' }], null, null, null, null, null, null]
    const overlap = await h.call('stations', 'saveService', { serviceId, capacity: 2, schedule, horizonDays: 7, minNoticeMinutes: 0, cancelCutoffMinutes: 0 }, { as: manager })
    expect(overlap.ok || overlap.error.message).toContain('重叠')
    const zero = await h.call('stations', 'saveService', { serviceId, capacity: 0, schedule: everyDay('09:00', '10:00'), horizonDays: 7, minNoticeMinutes: 0, cancelCutoffMinutes: 0 }, { as: manager })
    expect(zero.ok || zero.error.fields?.capacity).toBe('名额至少 1 个')
    const badTime = await h.call('stations', 'saveService', { serviceId, capacity: 2, schedule: everyDay('25:00', '26:00'), horizonDays: 7, minNoticeMinutes: 0, cancelCutoffMinutes: 0 }, { as: manager })
    expect(badTime.ok).toBe(false)
  })
})

describe('closures', () => {
  test("closing a day cancels its bookings and waitlist, tells each person, and nothing can be booked that day", async () => {
    const { slotId, serviceId } = await slotFixture(h, 1)
    const manager = await h.signIn('station')
    const a = await h.person('enterprise', 'e-murata')
    const b = await h.person('enterprise', 'e-murata')
    unwrap(await h.call('bookings', 'book', { slotId }, { as: a }))
    unwrap(await h.call('bookings', 'book', { slotId }, { as: b }))
    const closed = unwrap(await h.call('stations', 'setClosure', { stationId: STATION, date: '2026-11-24', closed: true, reason: '设备检修' }, { as: manager }))
    expect(closed.cancelled).toBeGreaterThanOrEqual(2)
    expect(closed.closures).toContain('2026-11-24')
    for (const p of [a, b]) {
      expect(unwrap(await h.call('bookings', 'mine', {}, { as: p }))[0].status).toBe('cancelled')
      expect(unwrap(await h.call('notices', 'list', {}, { as: p })).some((n) => n.body.includes('设备检修'))).toBe(true)
    }
    const c = await h.person('enterprise', 'e-murata')
    const late = await h.call('bookings', 'book', { slotId }, { as: c })
    expect(late.ok || late.error.message).toContain('闭站')
    expect(unwrap(await h.call('bookings', 'slots', { serviceId }, { as: c })).some((s) => s.startsAt.startsWith('2026-11-24'))).toBe(false)

    const reopened = unwrap(await h.call('stations', 'setClosure', { stationId: STATION, date: '2026-11-24', closed: false }, { as: manager }))
    expect(reopened.closures).not.toContain('2026-11-24')
    expect(reopened.cancelled).toBe(0)
  })

  test('a past day cannot be changed', async () => {
    const manager = await h.signIn('station')
    const r = await h.call('stations', 'setClosure', { stationId: STATION, date: '2026-11-01', closed: true }, { as: manager })
    expect(r.ok || r.error.fields?.date).toBe('不能修改今天以前的日期')
  })
})

describe('figures', () => {
  test('per day: booked, checked in, no-shows, cancelled and walk-ins, with a no-show rate over decided sittings', async () => {
    h.clock.now = new Date('2026-11-30T02:00:00Z')
    const manager = await h.signIn('station')
    const before = unwrap(await h.call('stations', 'figures', { stationId: STATION, days: 7 }, { as: manager }))
    const { slotId } = await slotFixture(h, 5)
    const people = [await h.person('enterprise', 'e-murata'), await h.person('enterprise', 'e-murata'), await h.person('enterprise', 'e-murata')]
    const booked = []
    for (const p of people) booked.push(unwrap(await h.call('bookings', 'book', { slotId }, { as: p })))
    unwrap(await h.call('bookings', 'cancel', { id: booked[2].id }, { as: people[2] }))
    await h.db.query(`UPDATE bookings SET status = 'checked_in', checked_in_at = $2 WHERE id = $1`, [booked[0].id, new Date('2026-12-01T02:00:00Z')])
    await h.db.query(`UPDATE bookings SET status = 'no_show', no_show_at = $2 WHERE id = $1`, [booked[1].id, new Date('2026-12-01T02:20:00Z')])
    unwrap(await h.call('bookings', 'walkIn', { stationId: STATION }, { as: manager }))
    h.clock.now = new Date('2026-12-01T12:00:00Z')
    const f = unwrap(await h.call('stations', 'figures', { stationId: STATION, days: 7 }, { as: manager }))
    expect(f.days).toHaveLength(7)
    expect(f.to).toBe('2026-12-01')
    const dec1 = f.days.find((d) => d.date === '2026-12-01')
    expect(dec1).toMatchObject({ booked: 2, checkedIn: 1, noShows: 1, cancelled: 1 })
    const nov30 = f.days.find((d) => d.date === '2026-11-30')
    expect(nov30?.walkIns).toBe((before.days.find((d) => d.date === '2026-11-30')?.walkIns ?? 0) + 1)
    expect(f.totals.booked).toBe(f.days.reduce((n, d) => n + d.booked, 0))
    expect(f.noShowRate).toBeCloseTo(f.totals.noShows / (f.totals.checkedIn + f.totals.noShows))
  })
})
