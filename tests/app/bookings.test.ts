import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { slotFixture } from '../support/bookings'
import { distanceMeters } from '../../cloudfunctions/core'

let h: Harness
beforeAll(async () => {
  h = await openHarness()
})
afterAll(() => h.close())
beforeEach(() => {
  h.clock.now = new Date('2026-11-23T02:00:00Z')
})

describe('finding a station, without signing in', () => {
  test('nearest first from a position, with distance, open-now and amenity filters', async () => {
    // 大良 centre
    const all = unwrap(await h.call('stations', 'nearby', { lat: 22.84, lng: 113.25, limit: 5 }))
    expect(all).toHaveLength(5)
    const d = all.map((s) => s.distanceM as number)
    expect([...d].sort((a, b) => a - b)).toEqual(d)
    expect(all[0].distanceText).toMatch(/米|公里/)
    const filtered = unwrap(await h.call('stations', 'nearby', { lat: 22.84, lng: 113.25, openNow: true, amenities: ['charging', 'microwave'] }))
    expect(filtered.length).toBeGreaterThan(0)
    expect(filtered.every((s) => s.open && s.amenities.includes('charging') && s.amenities.includes('microwave'))).toBe(true)
  })

  test('a town picked by hand when location is refused', async () => {
    const town = unwrap(await h.call('stations', 'nearby', { townId: 'ronggui' }))
    expect(town.length).toBeGreaterThan(0)
    expect(town.every((s) => s.townId === 'ronggui' && s.distanceM === null)).toBe(true)
  })

  test('far from every station (nothing within 64 km) the nearest are still found, from a bounded set of candidates', async () => {
    // 600 stations in a line through 西北, well over the 500 the last round looks at
    await h.db.query(
      `INSERT INTO stations (id, name, type, address, town_id, lat, lng, open_24h, hours)
       SELECT 'far-' || g, '远站' || g, 'warm', '测试地址', (SELECT id FROM towns ORDER BY id LIMIT 1), 36 + g * 0.004, 95 + g * 0.008, true, '[null,null,null,null,null,null,null]'::jsonb
         FROM generate_series(1, 600) g`
    )
    try {
      const origin = { lat: 38.5, lng: 92 } // ~350 km from the nearest of them
      const found = unwrap(await h.call('stations', 'nearby', { ...origin, limit: 5 }))
      const all = await h.db.query<{ id: string; lat: number; lng: number }>('SELECT id, lat, lng FROM stations')
      const truth = all.map((r) => ({ id: r.id, d: distanceMeters(origin, r) })).sort((a, b) => a.d - b.d).slice(0, 5)
      expect(found.map((s) => s.id)).toEqual(truth.map((t) => t.id))
      expect(found[0].distanceM).toBe(Math.round(truth[0].d))
    } finally {
      await h.db.query("DELETE FROM stations WHERE id LIKE 'far-%'")
    }
  })

  test('half a position is refused in Chinese', async () => {
    const r = await h.raw('stations', { action: 'nearby', input: { lat: 22.8 } })
    expect(r.ok || r.error.fields?.lng).toBe('经纬度需同时提供')
  })
})

describe('booking a service', () => {
  test('confirmed while places last, then waitlisted; a cancellation promotes the first in line and tells them', async () => {
    const { slotId } = await slotFixture(h, 1)
    const a = await h.person('enterprise', 'e-murata')
    const b = await h.person('enterprise', 'e-murata')
    const c = await h.person('enterprise', 'e-murata')
    const first = unwrap(await h.call('bookings', 'book', { slotId }, { as: a }))
    expect(first.status).toBe('confirmed')
    const second = unwrap(await h.call('bookings', 'book', { slotId }, { as: b }))
    expect(second).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    expect(unwrap(await h.call('bookings', 'book', { slotId }, { as: c })).waitlistPosition).toBe(2)
    const twice = await h.call('bookings', 'book', { slotId }, { as: a })
    expect(twice.ok || twice.error.code).toBe('CONFLICT')

    expect(unwrap(await h.call('bookings', 'cancel', { id: first.id }, { as: a })).status).toBe('cancelled')
    const promoted = unwrap(await h.call('bookings', 'mine', {}, { as: b })).find((x) => x.id === second.id)
    expect(promoted?.status).toBe('confirmed')
    expect(unwrap(await h.call('notices', 'list', {}, { as: b })).some((n) => n.title.includes('候补成功'))).toBe(true)
    expect(unwrap(await h.call('bookings', 'mine', {}, { as: c }))[0].waitlistPosition).toBe(1)
  })

  test('cancelling after the cutoff is refused', async () => {
    const { slotId } = await slotFixture(h, 3)
    const a = await h.person('enterprise', 'e-murata')
    const booked = unwrap(await h.call('bookings', 'book', { slotId }, { as: a }))
    h.clock.now = new Date(Date.parse(booked.startsAt) - 60 * 60_000)
    const late = await h.call('bookings', 'cancel', { id: booked.id }, { as: a })
    expect(late.ok || late.error.code).toBe('CONFLICT')
  })

  test('Party-only services refuse others, with the reason', async () => {
    const { slotId } = await slotFixture(h, 3, 'party_member')
    const handler = await h.signIn('handler')
    const r = await h.call('bookings', 'book', { slotId }, { as: handler })
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error.message).toContain('党员')
    expect(unwrap(await h.call('bookings', 'book', { slotId }, { as: await h.signIn('enterprise') })).status).toBe('confirmed')
  })

  test('slots come from the weekly schedule, with remaining places and whether the caller may book', async () => {
    const [service] = await h.db.query<{ id: string }>(`SELECT id FROM service_items WHERE audience = 'anyone' AND schedule::text <> '[null,null,null,null,null,null,null]' ORDER BY id LIMIT 1`)
    const list = unwrap(await h.call('bookings', 'slots', { serviceId: service.id }))
    expect(list.length).toBeGreaterThan(0)
    expect(list.every((s) => s.remaining <= s.capacity)).toBe(true)
    // anonymous visitors may look, and are told to sign in to book
    expect(list[0].bookable).toBe(false)
    expect(list[0].reason).toContain('登录')
  })

  test('no-shows: three in 30 days block new bookings for 14 days, with the date', async () => {
    const a = await h.person('enterprise', 'e-murata')
    const [{ id: personId }] = await h.db.query<{ id: string }>(`SELECT person_id AS id FROM person_roles WHERE person_id LIKE 'p-test-enterprise%' ORDER BY person_id DESC LIMIT 1`)
    void personId
    for (let i = 0; i < 3; i++) {
      const { slotId } = await slotFixture(h, 5)
      unwrap(await h.call('bookings', 'book', { slotId }, { as: a }))
    }
    h.clock.now = new Date(h.clock.now.getTime() + 26 * 3600_000)
    const { runBookingSweep } = await import('../../cloudfunctions/app/no-shows')
    expect((await runBookingSweep(h.deps)).noShows).toBeGreaterThanOrEqual(3)
    const { slotId } = await slotFixture(h, 5)
    const blocked = await h.call('bookings', 'book', { slotId }, { as: a })
    expect(blocked.ok).toBe(false)
    if (!blocked.ok) expect(blocked.error.message).toMatch(/未到场.*前不能新预约/)
  })
})

describe('check-in by code', () => {
  test('the manager checks in by code; a second scan is harmless; a forged code and another station’s manager are refused', async () => {
    const { slotId, stationId } = await slotFixture(h, 3)
    const enterprise = await h.signIn('enterprise')
    const booked = unwrap(await h.call('bookings', 'book', { slotId }, { as: enterprise }))
    const { token } = unwrap(await h.call('bookings', 'code', { id: booked.id }, { as: enterprise }))
    expect(token).not.toContain('e-murata')
    expect(token).not.toContain('p-demo')
    const manager = await h.signIn('station')
    h.clock.now = new Date(Date.parse(booked.startsAt) - 10 * 60_000)
    expect(unwrap(await h.call('bookings', 'checkIn', { code: token }, { as: manager })).status).toBe('checked_in')
    expect(unwrap(await h.call('bookings', 'checkIn', { code: token }, { as: manager })).status).toBe('checked_in')
    const forged = await h.call('bookings', 'checkIn', { code: `${token.slice(0, -3)}abc` }, { as: manager })
    expect(forged.ok).toBe(false)
    const other = await h.person('station', 's-ronggui-warm-1')
    const wrong = await h.call('bookings', 'checkIn', { code: token }, { as: other })
    expect(wrong.ok || wrong.error.code).toBe('FORBIDDEN')
    // 在站人数 counts the check-in, and walk-ins, never typed by hand
    const walk = unwrap(await h.call('bookings', 'walkIn', { stationId }, { as: manager }))
    expect(walk.onSite).toBe(2)
    const near = unwrap(await h.call('stations', 'nearby', { lat: 22.84, lng: 113.25, limit: 30 }))
    expect(near.find((s) => s.id === stationId)?.onSite).toBe(2)
  })
})

describe('the check-in QR image', () => {
  /** What a phone camera would read: the PNG decoded to pixels, then the QR code read back. */
  function readQr(dataUrl: string): { text: string; width: number; height: number } {
    const prefix = 'data:image/png;base64,'
    expect(dataUrl.startsWith(prefix)).toBe(true)
    const png = PNG.sync.read(Buffer.from(dataUrl.slice(prefix.length), 'base64'))
    const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)
    if (!found) throw new Error('no QR code found in the image')
    return { text: found.data, width: png.width, height: png.height }
  }

  test('the PNG reads back exactly the token, which carries no personal data', async () => {
    const { slotId } = await slotFixture(h, 3)
    const session = unwrap(await h.call('accounts', 'demoSignIn', { role: 'enterprise' }))
    const booked = unwrap(await h.call('bookings', 'book', { slotId }, { as: session.token }))
    const code = unwrap(await h.call('bookings', 'code', { id: booked.id }, { as: session.token }))

    const read = readQr(code.qrImage)
    expect(read.text).toBe(code.token)
    expect(read.width).toBeGreaterThanOrEqual(400)
    expect(read.height).toBe(read.width)

    // booking id, expiry, signature: nothing about the person
    const [person] = await h.db.query<{ id: string; name: string; phone: string | null }>('SELECT id, name, phone FROM people WHERE id = $1', [session.user.id])
    expect(person.name).toBeTruthy()
    for (const personal of [person.id, person.name, person.phone, session.token].filter((x): x is string => !!x)) {
      expect(code.token).not.toContain(personal)
      expect(read.text).not.toContain(personal)
    }
    expect(code.token.split('.')[0]).toBe(booked.id)
    expect(code.token).toMatch(/^[A-Za-z0-9_-]+\.\d+\.[A-Za-z0-9_-]+$/)
    // and the token read from the picture checks in like the typed one
    h.clock.now = new Date(Date.parse(booked.startsAt) - 10 * 60_000)
    const manager = await h.signIn('station')
    expect(unwrap(await h.call('bookings', 'checkIn', { code: read.text }, { as: manager })).status).toBe('checked_in')
  })
})

describe('reminders before a sitting', () => {
  test('the booker is reminded once, in the two hours before it starts', async () => {
    const { slotId } = await slotFixture(h, 3)
    const a = await h.person('enterprise', 'e-murata')
    unwrap(await h.call('bookings', 'book', { slotId }, { as: a }))
    const { runBookingSweep } = await import('../../cloudfunctions/app/no-shows')
    expect((await runBookingSweep(h.deps)).reminders).toBe(0)
    // the sitting is tomorrow 10:00; at 08:30 it is within two hours
    h.clock.now = new Date(h.clock.now.getTime() + 22.5 * 3600_000)
    expect((await runBookingSweep(h.deps)).reminders).toBe(1)
    expect((await runBookingSweep(h.deps)).reminders).toBe(0)
    const notices = unwrap(await h.call('notices', 'list', {}, { as: a }))
    expect(notices.filter((n) => n.title === '预约提醒')).toHaveLength(1)
    expect(notices[0].body).toContain('10:00')
  })
})
