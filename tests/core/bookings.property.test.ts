import fc from 'fast-check'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { addDays, shanghaiDate, startOfDay } from '../../cloudfunctions/core/calendar'
import {
  canBook,
  decodeCheckIn,
  encodeCheckIn,
  generateSlots,
  noShowBlock,
  placeOrWaitlist,
  promotions,
  type Audience,
  type WaitlistEntry,
  type WeeklySlots
} from '../../cloudfunctions/core/bookings'

describe('capacity is never exceeded', () => {
  test('placeOrWaitlist confirms only when a place is left', () => {
    const n = fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity))
    fc.assert(
      fc.property(n, n, (confirmed, capacity) => {
        if (placeOrWaitlist(confirmed, capacity) === 'confirmed') {
          expect(confirmed + 1).toBeLessThanOrEqual(capacity)
          expect(confirmed).toBeGreaterThanOrEqual(0)
        }
      }),
      { numRuns: 2000 }
    )
  })

  // bookings and cancellations in any order; a cancellation of a confirmed place promotes from the waitlist
  type Op = { kind: 'book' } | { kind: 'cancel'; pick: number }
  const op: fc.Arbitrary<Op> = fc.oneof(fc.constant({ kind: 'book' as const }), fc.nat().map((pick) => ({ kind: 'cancel' as const, pick })))

  test('any sequence of bookings and cancellations keeps confirmed ≤ capacity and leaves nobody waiting beside a free place', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const now = new Date(Date.UTC(2026, 2, 10))
        const startsAt = new Date(Date.UTC(2026, 2, 11))
        let confirmed: string[] = []
        let waitlist: (WaitlistEntry & { seq: number })[] = []
        let seq = 0
        for (const o of ops) {
          if (o.kind === 'book') {
            const id = `b${seq}`
            const entry = { id, createdAt: new Date(now.getTime() + seq * 1000), seq: seq++ }
            if (placeOrWaitlist(confirmed.length, capacity) === 'confirmed') confirmed.push(id)
            else waitlist.push(entry)
          } else {
            const all = [...confirmed, ...waitlist.map((w) => w.id)]
            if (!all.length) continue
            const gone = all[o.pick % all.length]
            confirmed = confirmed.filter((c) => c !== gone)
            waitlist = waitlist.filter((w) => w.id !== gone)
            const up = promotions({ confirmedCount: confirmed.length, capacity, waitlist, slotStartsAt: startsAt, now })
            confirmed.push(...up.map((u) => u.id))
            waitlist = waitlist.filter((w) => !up.includes(w))
            // first come, first served: everyone still waiting joined after everyone promoted
            for (const u of up) for (const w of waitlist) expect(u.seq).toBeLessThan(w.seq)
          }
          expect(confirmed.length).toBeLessThanOrEqual(capacity)
          if (waitlist.length) expect(confirmed.length).toBe(capacity)
          expect(new Set([...confirmed, ...waitlist.map((w) => w.id)]).size).toBe(confirmed.length + waitlist.length)
        }
      }),
      { numRuns: 500 }
    )
  })
})

describe('booking limits', () => {
  const minute = 60_000
  test('an allowed booking always respects the notice and the horizon', () => {
    const audience = fc.constantFrom<Audience>('anyone', 'enterprise', 'party_member')
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }),
        fc.integer({ min: -3 * 24 * 60, max: 40 * 24 * 60 }),
        fc.integer({ min: 0, max: 48 * 60 }),
        fc.integer({ min: 0, max: 30 }),
        audience,
        fc.boolean(),
        fc.boolean(),
        (nowMs, offsetMin, notice, horizon, aud, party, staff) => {
          const now = new Date(nowMs)
          const start = new Date(nowMs + offsetMin * minute)
          const r = canBook({ slot: { startsAt: start }, now, audience: aud, caller: { signedIn: true, partyMember: party, enterpriseStaff: staff }, minNoticeMinutes: notice, horizonDays: horizon })
          if (r.ok) {
            expect(start.getTime() - nowMs).toBeGreaterThanOrEqual(notice * minute)
            expect(start.getTime()).toBeGreaterThan(nowMs)
            expect(shanghaiDate(start) <= addDays(shanghaiDate(now), horizon)).toBe(true)
          } else expect(r.message).toMatch(/[\u4e00-\u9fff]/)
        }
      ),
      { numRuns: 2000 }
    )
  })

  test('a no-show block lasts at most B days from now, needs N no-shows, and ignores their order', () => {
    const day = 86_400_000
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -120 * day, max: 5 * day }), { maxLength: 12 }),
        fc.record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 60 }), b: fc.integer({ min: 1, max: 30 }) }),
        (offsets, policy) => {
          const now = new Date(Date.UTC(2026, 5, 1))
          const history = offsets.map((o) => new Date(now.getTime() + o))
          const block = noShowBlock(history, now, policy)
          expect(noShowBlock([...history].reverse(), now, policy)).toEqual(block)
          if (offsets.filter((o) => o <= 0).length < policy.n) expect(block).toBeNull()
          if (block) {
            const until = Date.parse(block.until)
            expect(until).toBeGreaterThan(now.getTime())
            expect(until).toBeLessThanOrEqual(now.getTime() + policy.b * day)
            expect(block.message).toContain('前不能新预约')
          }
        }
      ),
      { numRuns: 1000 }
    )
  })
})

describe('slots', () => {
  const hm = fc.integer({ min: 0, max: 23 * 4 }).map((q) => q * 15)
  const text = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
  // non-overlapping sittings per weekday
  const daySlots = fc.uniqueArray(hm, { maxLength: 4 }).map((starts) =>
    [...starts].sort((a, b) => a - b).map((s, i, all) => ({ start: text(s), end: text(Math.min(s + 15, all[i + 1] ?? 1440)) }))
  )
  const schedule: fc.Arbitrary<WeeklySlots> = fc.array(daySlots, { minLength: 7, maxLength: 7 })

  test('slots lie between `from` and the end of the horizon, in order, never on a closure day', () => {
    fc.assert(
      fc.property(schedule, fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 1) }), fc.integer({ min: 0, max: 20 }), fc.boolean(), fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3 }), (sched, fromMs, horizon, holidays, closureOffsets) => {
        const from = new Date(fromMs)
        const first = shanghaiDate(from)
        const closures = closureOffsets.map((o) => addDays(first, o))
        const slots = generateSlots({ schedule: sched, from, horizonDays: horizon, closedOnHolidays: holidays, closures })
        const end = startOfDay(addDays(first, horizon + 1)).getTime()
        let prev = -Infinity
        for (const s of slots) {
          const t = Date.parse(s.startsAt)
          expect(t).toBeGreaterThanOrEqual(fromMs)
          expect(t).toBeLessThan(end)
          expect(t).toBeGreaterThan(prev)
          expect(Date.parse(s.endsAt)).toBeGreaterThan(t)
          expect(closures).not.toContain(s.day)
          expect(shanghaiDate(new Date(t))).toBe(s.day)
          prev = t
        }
      }),
      { numRuns: 300 }
    )
  })
})

describe('check-in codes', () => {
  const secret = Buffer.from('property-secret')
  const sign = (data: string) => createHmac('sha256', secret).update(data).digest('base64url')
  // compares the signature text, so two spellings of the same bytes are not both accepted
  const verify = (data: string, sig: string) => {
    const a = Buffer.from(sig)
    const b = Buffer.from(sign(data))
    return a.length === b.length && timingSafeEqual(a, b)
  }
  const now = new Date(Date.UTC(2026, 2, 10, 1))
  const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/)
  const future = fc.integer({ min: 1, max: 10 * 86_400 }).map((s) => new Date(Math.floor(now.getTime() / 1000) * 1000 + s * 1000))

  test('a decoded code gives back what was encoded', () => {
    fc.assert(
      fc.property(id, future, (bookingId, exp) => {
        expect(decodeCheckIn(encodeCheckIn(bookingId, exp, sign), now, verify)).toEqual({ ok: true, bookingId, exp })
      }),
      { numRuns: 1000 }
    )
  })

  type Mangle = { kind: 'replace' | 'insert' | 'delete' | 'truncate' | 'swap'; at: number; ch: string }
  const mangle: fc.Arbitrary<Mangle> = fc.record({
    kind: fc.constantFrom('replace', 'insert', 'delete', 'truncate', 'swap'),
    at: fc.nat(),
    ch: fc.oneof(fc.constantFrom('.', '-', '_', '0', '9', 'a', 'A', ' ', '\n', '张'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
  })
  function apply(code: string, m: Mangle): string {
    const i = m.at % (code.length + 1)
    switch (m.kind) {
      case 'replace':
        return code.slice(0, i) + m.ch + code.slice(i + 1)
      case 'insert':
        return code.slice(0, i) + m.ch + code.slice(i)
      case 'delete':
        return code.slice(0, i) + code.slice(i + 1)
      case 'truncate':
        return code.slice(0, i)
      case 'swap':
        return i + 1 < code.length ? code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2) : code
    }
  }

  test('any mangled code is refused, never thrown on', () => {
    fc.assert(
      fc.property(id, future, fc.array(mangle, { minLength: 1, maxLength: 4 }), (bookingId, exp, ms) => {
        const code = encodeCheckIn(bookingId, exp, sign)
        const bad = ms.reduce(apply, code)
        fc.pre(bad !== code)
        const r = decodeCheckIn(bad, now, verify)
        expect(r.ok).toBe(false)
        if (!r.ok) expect(['MALFORMED', 'FORGED', 'EXPIRED']).toContain(r.code)
      }),
      { numRuns: 3000 }
    )
  })

  test('any text at all is refused, never thrown on', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('a', 'Z', '0', '1', '.', '-', '_') }), fc.anything()), (text) => {
        expect(decodeCheckIn(text, now, verify).ok).toBe(false)
      }),
      { numRuns: 2000 }
    )
  })

  test('an expired code is refused however genuine', () => {
    fc.assert(
      fc.property(id, fc.integer({ min: 0, max: 10 * 86_400 }), (bookingId, back) => {
        const exp = new Date(Math.floor(now.getTime() / 1000) * 1000 - back * 1000)
        expect(decodeCheckIn(encodeCheckIn(bookingId, exp, sign), now, verify)).toMatchObject({ ok: false, code: 'EXPIRED' })
      })
    )
  })
})
