import type { Queryable } from '../client'
import { CHAINS } from './chains'
import { DISTRICT_DEPARTMENTS, townDepartmentId } from './departments'
import { ENTERPRISES } from './enterprises'
import { insertRows } from './insert'
import { DEFAULT_PLAN, MENTORING_PAIRS, PAIRING_ACTIVITIES, PAIRING_CONTACTS, PAIRINGS } from './pairings'
import { SEED_PEOPLE } from './people'
import { SERVICE_ITEMS } from './services'
import { demoSchedule, demoSlots } from './slots'
import { STATION_DEPARTMENT, STATIONS } from './stations'
import { TOWN_DEPARTMENTS, TOWNS } from './towns'

export { DEMO_PEOPLE, type DemoAccount } from './people'

// Any constant works; it only has to differ from the migration lock and be shared by all hosts.
const SEED_LOCK = 7_204_312

/**
 * Fills an empty database with the Shunde demo, in foreign-key order. Safe on every start: a
 * database that already has departments is left alone. Pass a transaction (db.tx) so that hosts
 * starting together take turns on the lock and a failed seed leaves nothing half-written.
 */
export async function seedDemo(q: Queryable, now: Date): Promise<{ seeded: boolean }> {
  await q.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK])
  const [{ n }] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM departments')
  if (n > 0) return { seeded: false }

  await insertRows(
    q,
    'departments',
    ['id', 'name', 'matters', 'kind'],
    [...DISTRICT_DEPARTMENTS, ...TOWN_DEPARTMENTS].map((d) => [d.id, d.name, d.matters, d.kind])
  )
  await insertRows(q, 'towns', ['id', 'name', 'department_id'], TOWNS.map((t) => [t.id, t.name, townDepartmentId(t.id)]))
  await insertRows(q, 'chains', ['id', 'name', 'leader', 'lead_department_id'], CHAINS.map((c) => [c.id, c.name, c.leader, c.leadDepartmentId]))
  await insertRows(
    q,
    'chain_cooperating_departments',
    ['chain_id', 'department_id'],
    CHAINS.flatMap((c) => c.cooperatingDepartmentIds.map((d) => [c.id, d]))
  )
  await insertRows(
    q,
    'enterprises',
    ['id', 'name', 'credit_code', 'chain_id', 'town_id', 'is_chain_leader'],
    ENTERPRISES.map((e) => [e.id, e.name, e.creditCode, e.chainId, e.townId, e.isChainLeader])
  )
  await insertRows(
    q,
    'people',
    ['id', 'name', 'phone', 'party_member', 'created_at'],
    // the demo liaison and first secretary are Party members, so they can try the Party-only services
    SEED_PEOPLE.map((p) => [p.id, p.name, null, p.id === 'p-demo-enterprise' || p.id === 'p-demo-secretary', now.toISOString()])
  )
  await insertRows(
    q,
    'person_roles',
    ['person_id', 'role', 'scope_id'],
    SEED_PEOPLE.flatMap((p) => p.scopes.map((scope) => [p.id, p.role, scope]))
  )
  const managers = new Map(SEED_PEOPLE.filter((p) => p.role === 'station').flatMap((p) => p.scopes.map((s) => [s, p.id] as const)))
  await insertRows(
    q,
    'stations',
    ['id', 'name', 'type', 'address', 'town_id', 'department_id', 'lat', 'lng', 'open_24h', 'hours::jsonb', 'amenities::text[]', 'phone', 'manager_person_id'],
    STATIONS.map((s) => [
      s.id,
      s.name,
      s.type,
      s.address,
      s.townId,
      STATION_DEPARTMENT[s.type],
      s.lat,
      s.lng,
      s.open24h,
      JSON.stringify(s.hours),
      [...s.amenities],
      s.phone,
      managers.get(s.id) ?? null
    ])
  )
  await insertRows(
    q,
    'service_items',
    [
      'id', 'station_id', 'name', 'description', 'duration_minutes', 'capacity', 'audience', 'schedule::jsonb',
      'horizon_days', 'min_notice_minutes', 'cancel_cutoff_minutes', 'closed_on_holidays'
    ],
    SERVICE_ITEMS.map((i) => [
      i.id, i.stationId, i.name, i.description, i.durationMinutes, i.capacity, i.audience, JSON.stringify(demoSchedule(i.id)),
      i.horizonDays, i.minNoticeMinutes, i.cancelCutoffMinutes, i.closedOnHolidays
    ])
  )
  await insertRows(
    q,
    'slots',
    ['id', 'service_item_id', 'starts_at', 'ends_at', 'capacity'],
    demoSlots(now).map((s) => [s.id, s.serviceItemId, s.startsAt.toISOString(), s.endsAt.toISOString(), s.capacity])
  )
  await insertRows(
    q,
    'pairings',
    ['id', 'kind', 'phase', 'agency_branch', 'agency_department_id', 'enterprise_branch', 'enterprise_id', 'started_on', 'goals'],
    [...PAIRINGS, ...MENTORING_PAIRS].map((p) => [p.id, p.kind, p.phase, p.agencyBranch, p.agencyDepartmentId, p.enterpriseBranch, p.enterpriseId, p.startedOn, p.goals])
  )
  await insertRows(
    q,
    'pairing_contacts',
    ['pairing_id', 'person_id', 'side'],
    PAIRING_CONTACTS.map((c) => [c.pairingId, c.personId, c.side])
  )
  // the default plan for this year and the next, so a demo started in December has one ahead too
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear()
  await insertRows(
    q,
    'pairing_plans',
    ['pairing_id', 'year', 'type', 'required'],
    [year, year + 1].flatMap((y) => DEFAULT_PLAN.map((l) => [null, y, l.type, l.count]))
  )
  await insertRows(
    q,
    'pairing_activities',
    ['id', 'pairing_id', 'type', 'title', 'held_on', 'place', 'summary', 'created_by', 'created_at'],
    PAIRING_ACTIVITIES.map((a) => [
      a.id,
      a.pairingId,
      a.type,
      a.title,
      a.heldOn,
      a.place,
      a.summary,
      a.createdBy,
      // recorded the evening of the activity, as a secretary would after the event
      `${a.heldOn}T20:00:00+08:00`
    ])
  )
  return { seeded: true }
}
