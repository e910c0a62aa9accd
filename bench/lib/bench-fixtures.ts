// Data the api and contention sections add on top of the demo: enterprise staff with session tokens,
// and bookable sittings. Made with SQL the way the tests make them (tests/support/harness.ts, bookings.ts):
// the product has no action that creates a one-off sitting or a person without an invite.
import type { TokenService } from '../../cloudfunctions/app/auth/tokens'
import type { Queryable } from '../../cloudfunctions/db/client'

export interface BenchPerson {
  personId: string
  enterpriseId: string
  token: string
}

/** `count` enterprise liaisons spread over the demo enterprises, each with a token the host accepts. */
export async function addEnterprisePeople(q: Queryable, tokens: TokenService, prefix: string, count: number, now: Date): Promise<BenchPerson[]> {
  const enterprises = (await q.query<{ id: string }>('SELECT id FROM enterprises ORDER BY id')).map((r) => r.id)
  if (!enterprises.length) throw new Error('no enterprises: the demo data is missing')
  const people = Array.from({ length: count }, (_, i) => ({ personId: `p-${prefix}-${i}`, enterpriseId: enterprises[i % enterprises.length] }))
  // one statement each for any count: 500 round trips would be most of the contention section's setup
  await q.query(`INSERT INTO people (id, name) SELECT id, '压测联络员' || n FROM unnest($1::text[]) WITH ORDINALITY AS t(id, n)`, [people.map((p) => p.personId)])
  await q.query(`INSERT INTO person_roles (person_id, role, scope_id) SELECT p, 'enterprise', e FROM unnest($1::text[], $2::text[]) AS t(p, e)`, [
    people.map((p) => p.personId),
    people.map((p) => p.enterpriseId)
  ])
  return people.map((p) => ({ ...p, token: tokens.issue(p.personId, now) }))
}

export const BENCH_STATION = 's-daliang-warm-1'

/**
 * A service of its own at the demo warm station with `count` sittings of `capacity` places, the first one
 * 24 hours from now and then every `spacingMinutes`: well past the service's minimum notice and cancel
 * cutoff, and (for up to a few thousand sittings a minute apart) inside its 7-day horizon.
 */
export async function addSittings(
  q: Queryable,
  o: { serviceId: string; capacity: number; count: number; now: Date; spacingMinutes?: number }
): Promise<string[]> {
  const spacing = o.spacingMinutes ?? 1
  if (o.count * spacing > 4 * 24 * 60) throw new Error(`${o.count} sittings ${spacing} min apart would run past the booking horizon`)
  await q.query(
    `INSERT INTO service_items (id, station_id, name, duration_minutes, capacity, audience, min_notice_minutes, cancel_cutoff_minutes)
     VALUES ($1, $2, '压测服务', 30, $3, 'anyone', 60, 120)`,
    [o.serviceId, BENCH_STATION, o.capacity]
  )
  const first = new Date(Math.ceil((o.now.getTime() + 24 * 3600_000) / 60_000) * 60_000)
  const ids = Array.from({ length: o.count }, (_, g) => `${o.serviceId}-${g}`)
  await q.query(
    `INSERT INTO slots (id, service_item_id, starts_at, ends_at, capacity)
     SELECT t.id, $1, $2::timestamptz + make_interval(mins => (t.g - 1)::int * $3), $2::timestamptz + make_interval(mins => (t.g - 1)::int * $3 + 30), $4
       FROM unnest($5::text[]) WITH ORDINALITY AS t(id, g)`,
    [o.serviceId, first, spacing, o.capacity, ids]
  )
  return ids
}
