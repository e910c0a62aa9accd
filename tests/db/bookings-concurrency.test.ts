import { openPostgres } from '../../cloudfunctions/db/postgres'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { slotFixture } from '../support/bookings'
import { describeWithPostgres, scratchDatabase } from '../support/pg'

describeWithPostgres('booking capacity on a real PostgreSQL server', () => {
  let h: Harness
  let drop: () => Promise<void>

  beforeAll(async () => {
    const scratch = await scratchDatabase()
    drop = scratch.drop
    h = await openHarness({ db: openPostgres(scratch.url, 20) })
  })
  afterAll(async () => {
    await h?.close()
    await drop?.()
  })

  test('200 people pressing at once for 10 places: exactly 10 confirmed, the rest waitlisted, nothing else', async () => {
    const { slotId } = await slotFixture(h, 10)
    const tokens = await Promise.all(Array.from({ length: 200 }, () => h.person('enterprise', 'e-murata')))
    const results = await Promise.all(tokens.map((as, i) => h.call('bookings', 'book', { slotId }, { as, requestId: `storm-${i}-0000` })))
    const failures = results.filter((r) => !r.ok)
    expect(failures).toEqual([])
    const statuses = results.map((r) => unwrap(r).status)
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(10)
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(190)
    const [{ n }] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1 AND status = 'confirmed'`, [slotId])
    expect(n).toBe(10)
    // the waitlist order is a strict line: positions 1…190, each once
    const positions = results.map((r) => unwrap(r).waitlistPosition).filter((p): p is number => p !== null)
    expect(new Set(positions).size).toBe(190)
  })

  test('simultaneous cancellations promote exactly as many from the waitlist as places freed', async () => {
    const { slotId } = await slotFixture(h, 3)
    const people = await Promise.all(Array.from({ length: 8 }, () => h.person('enterprise', 'e-murata')))
    const booked = []
    for (const as of people) booked.push(unwrap(await h.call('bookings', 'book', { slotId }, { as })))
    const confirmed = booked.map((b, i) => ({ b, as: people[i] })).filter((x) => x.b.status === 'confirmed')
    await Promise.all(confirmed.map(({ b, as }) => h.call('bookings', 'cancel', { id: b.id }, { as })))
    const [{ n }] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bookings WHERE slot_id = $1 AND status = 'confirmed'`, [slotId])
    expect(n).toBe(3)
  })
})
