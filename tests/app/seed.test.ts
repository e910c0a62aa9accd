import { canBook, checkInOutcome, generateSlots, type WeeklySlots } from '../../cloudfunctions/core'
import type { Db } from '../../cloudfunctions/db/client'
import { migrate } from '../../cloudfunctions/db/migrate'
import { openPglite } from '../../cloudfunctions/db/pglite'
import { DEMO_PEOPLE, seedDemo } from '../../cloudfunctions/db/seed'
import { ROLES } from '../../types/roles'

// The facts of DOMAIN.md and seed 002 that the demo promises to carry.
const DISTRICT_DEPARTMENT_IDS = [
  'dispatch', 'hr', 'economy', 'finance', 'dev_reform', 'science', 'market', 'natural_resources', 'housing', 'ecology',
  'urban_mgmt', 'transport', 'education', 'health', 'tax', 'commerce', 'emergency', 'gov_services', 'trade_union'
]
const TOWN_NAMES = ['大良街道', '容桂街道', '伦教街道', '勒流街道', '陈村镇', '均安镇', '杏坛镇', '龙江镇', '乐从镇', '北滘镇']
const PHASE_TWO_PAIRS: [agency: string, enterprise: string][] = [
  ['区国资局顺融投资公司党支部', '人信工程咨询公司党支部'],
  ['顺德图书馆党支部', '村田智能公司党支部'],
  ['区经促局机关第一党支部', '惠美庄材料实业公司党支部'],
  ['区市监局机关第一党支部', '高宝实业发展公司党支部'],
  ['区发改局机关第二党支部', '申菱环境公司党委'],
  ['顺德高新区管委会高新区机关党支部', '永通起重机械公司党支部'],
  ['市自然资源局顺德分局城市更新发展中心党支部', '鸿金源精密制造公司党支部'],
  ['区城管执法局机关第一支部', '特丽洁环境工程公司党支部']
]
const SERVICES_BY_STATION_TYPE: [service: string, stationType: string][] = [
  ['党员组织关系转接', 'party'],
  ['档案管理', 'party'],
  ['法律咨询', 'redhelp'],
  ['补贴申报', 'redhelp'],
  ['暑期托管', 'warm'],
  ['实验设备共享', 'lab']
]
const SHUNDE = { latMin: 22.7, latMax: 22.95, lngMin: 113.05, lngMax: 113.35 }
const TABLES = [
  'departments', 'towns', 'chains', 'chain_cooperating_departments', 'enterprises', 'people', 'person_roles',
  'stations', 'service_items', 'slots', 'pairings', 'pairing_activities'
]

// A Wednesday mid-morning in Shunde, so both the same-day and the week-ahead rules are exercised.
const NOW = new Date('2026-11-25T10:15:00+08:00')

let db: Db
let firstRun: { seeded: boolean }

beforeAll(async () => {
  db = await openPglite()
  await migrate(db)
  firstRun = await db.tx((q) => seedDemo(q, NOW))
}, 60_000)

afterAll(async () => {
  await db?.close()
})

const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n

describe('seedDemo on an empty database', () => {
  it('reports that it seeded', () => {
    expect(firstRun).toEqual({ seeded: true })
  })

  it('creates every district department of the routing contract, and one office per town', async () => {
    const rows = await db.query<{ id: string }>("SELECT id FROM departments WHERE kind = 'district'")
    expect(rows.map((r) => r.id).sort()).toEqual([...DISTRICT_DEPARTMENT_IDS].sort())
    const towns = await db.query<{ name: string; kind: string }>(
      'SELECT t.name, d.kind FROM towns t JOIN departments d ON d.id = t.department_id'
    )
    expect(towns.map((t) => t.name).sort()).toEqual([...TOWN_NAMES].sort())
    expect(towns.every((t) => t.kind === 'town')).toBe(true)
    const blank = await db.query("SELECT id FROM departments WHERE kind = 'district' AND matters = ''")
    expect(blank).toEqual([])
  })

  it('gives at least four chains, each with a lead and cooperating departments and a 链主', async () => {
    const chains = await db.query<{ name: string; lead: string | null; cooperating: number; leaders: number }>(`
      SELECT c.name, d.id AS lead,
        (SELECT count(*)::int FROM chain_cooperating_departments x WHERE x.chain_id = c.id) AS cooperating,
        (SELECT count(*)::int FROM enterprises e WHERE e.chain_id = c.id AND e.is_chain_leader) AS leaders
      FROM chains c LEFT JOIN departments d ON d.id = c.lead_department_id`)
    expect(chains.length).toBeGreaterThanOrEqual(4)
    expect(chains.map((c) => c.name)).toEqual(expect.arrayContaining(['智能家电', '机器人', '预制菜', '珠宝时尚']))
    for (const c of chains) {
      expect(c.lead).not.toBeNull()
      expect(c.cooperating).toBeGreaterThanOrEqual(2)
      expect(c.cooperating).toBeLessThanOrEqual(4)
      expect(c.leaders).toBeGreaterThanOrEqual(1)
    }
  })

  it('has enough enterprises to fill the chains and towns', async () => {
    expect(await count('enterprises')).toBeGreaterThanOrEqual(25)
  })

  it('carries the eight phase-2 pairs of 政企共建促发展, each linked to its enterprise', async () => {
    const pairs = await db.query<{ agency_branch: string; enterprise_branch: string; enterprise_name: string | null; started_on: string }>(`
      SELECT p.agency_branch, p.enterprise_branch, e.name AS enterprise_name, to_char(p.started_on, 'YYYY-MM-DD') AS started_on
      FROM pairings p LEFT JOIN enterprises e ON e.id = p.enterprise_id WHERE p.phase = 2`)
    expect(pairs).toHaveLength(8)
    expect(pairs.map((p) => [p.agency_branch, p.enterprise_branch]).sort()).toEqual([...PHASE_TWO_PAIRS].sort())
    for (const p of pairs) {
      expect(p.started_on).toBe('2020-07-15')
      // the branch is named after its firm's short name, e.g. 村田智能公司党支部 → 广东村田智能科技有限公司
      expect(p.enterprise_name).not.toBeNull()
      expect(p.enterprise_name).toContain(p.enterprise_branch.slice(0, 2))
    }
    const acts = await db.query<{ held_on: string }>("SELECT to_char(held_on, 'YYYY-MM-DD') AS held_on FROM pairing_activities")
    expect(acts.length).toBeGreaterThan(0)
    expect(acts.every((a) => a.held_on.startsWith('2026-'))).toBe(true)
  })

  it('places every station inside Shunde with a week of opening hours', async () => {
    const stations = await db.query<{ id: string; lat: number; lng: number; hours: unknown; open_24h: boolean }>(
      'SELECT id, lat, lng, hours, open_24h FROM stations'
    )
    expect(stations.length).toBeGreaterThanOrEqual(28)
    for (const s of stations) {
      expect(s.lat).toBeGreaterThanOrEqual(SHUNDE.latMin)
      expect(s.lat).toBeLessThanOrEqual(SHUNDE.latMax)
      expect(s.lng).toBeGreaterThanOrEqual(SHUNDE.lngMin)
      expect(s.lng).toBeLessThanOrEqual(SHUNDE.lngMax)
      expect(Array.isArray(s.hours)).toBe(true)
      expect(s.hours as unknown[]).toHaveLength(7)
    }
    const types = await db.query<{ type: string; n: number }>('SELECT type, count(*)::int AS n FROM stations GROUP BY type')
    expect(types.map((t) => t.type).sort()).toEqual(['lab', 'party', 'redhelp', 'warm'])
  })

  it('offers each named service at a station of the matching kind, with slots in the coming week', async () => {
    for (const [service, stationType] of SERVICES_BY_STATION_TYPE) {
      const rows = await db.query<{ id: string; slots: number }>(
        `SELECT i.id, (SELECT count(*)::int FROM slots s WHERE s.service_item_id = i.id) AS slots
         FROM service_items i JOIN stations st ON st.id = i.station_id
         WHERE i.name = $1 AND st.type = $2`,
        [service, stationType]
      )
      expect(rows.length).toBeGreaterThan(0)
      for (const r of rows) expect(r.slots).toBeGreaterThan(0)
    }
    const outside = await db.query(
      `SELECT id FROM slots WHERE starts_at <= $1 OR starts_at > $1::timestamptz + interval '7 days'
         OR to_char(starts_at AT TIME ZONE 'Asia/Shanghai', 'HH24:MI') NOT IN ('09:00', '14:30')`,
      [NOW.toISOString()]
    )
    expect(outside).toEqual([])
  })

  it('books rest places at the 24-hour warm stations: half-hour sittings round the clock, on the spot, holidays too', async () => {
    const rows = await db.query<{
      id: string
      station_id: string
      open_24h: boolean
      schedule: WeeklySlots
      horizon_days: number
      min_notice_minutes: number
      cancel_cutoff_minutes: number
      closed_on_holidays: boolean
      seeded: number
    }>(`
      SELECT i.id, i.station_id, st.open_24h, i.schedule, i.horizon_days, i.min_notice_minutes, i.cancel_cutoff_minutes,
             i.closed_on_holidays, (SELECT count(*)::int FROM slots s WHERE s.service_item_id = i.id) AS seeded
        FROM service_items i JOIN stations st ON st.id = i.station_id
       WHERE i.name = '骑手休息位' AND st.type = 'warm' ORDER BY i.id`)
    // the demo station manager's station is one of them, so the 签到台 can check a booking in at any hour
    const managed = await db.query<{ id: string }>('SELECT id FROM stations WHERE manager_person_id = $1', [DEMO_PEOPLE.station.id])
    expect(managed.length).toBeGreaterThan(0)
    for (const m of managed) expect(rows.map((r) => r.station_id)).toContain(m.id)
    for (const r of rows) {
      expect(r).toMatchObject({ open_24h: true, min_notice_minutes: 0, closed_on_holidays: false, seeded: 0 })
      expect(r.schedule).toHaveLength(7)
      for (const day of r.schedule) {
        expect(day).toHaveLength(48)
        expect(day?.[0]).toEqual({ start: '00:00', end: '00:30' })
        expect(day?.[47]).toEqual({ start: '23:30', end: '24:00' })
      }
      // whenever someone comes (a weekday morning, just before midnight, the Spring Festival), the earliest
      // sitting starts within 30 minutes, may be booked at once, and is already open for check-in
      for (const at of ['2026-11-25T10:15:00+08:00', '2026-11-25T23:59:30+08:00', '2026-02-17T03:00:00+08:00', '2026-10-01T12:30:00+08:00']) {
        const now = new Date(at)
        const [first] = generateSlots({ schedule: r.schedule, from: now, horizonDays: r.horizon_days, closedOnHolidays: r.closed_on_holidays })
        const startsAt = new Date(first.startsAt)
        const wait = startsAt.getTime() - now.getTime()
        // a sitting starting exactly now is already under way; the list shows the next one
        expect(wait).toBeGreaterThanOrEqual(0)
        expect(wait).toBeLessThanOrEqual(30 * 60_000)
        const later = new Date(now.getTime() + 1)
        const next = wait === 0 ? new Date(startsAt.getTime() + 30 * 60_000) : startsAt
        const booking = canBook({
          slot: { startsAt: next },
          now: later,
          audience: 'anyone',
          caller: { signedIn: true, roles: ['enterprise'], partyMember: false },
          minNoticeMinutes: r.min_notice_minutes,
          horizonDays: r.horizon_days
        })
        expect(booking.ok).toBe(true)
        expect(checkInOutcome({ status: 'confirmed', startsAt: next }, later).ok).toBe(true)
      }
    }
  })

  it('keeps the column defaults for the other services (a week ahead, an hour’s notice, closed on holidays)', async () => {
    const odd = await db.query(
      `SELECT id FROM service_items WHERE name <> '骑手休息位'
          AND (horizon_days <> 7 OR min_notice_minutes <> 60 OR cancel_cutoff_minutes <> 120 OR NOT closed_on_holidays)`
    )
    expect(odd).toEqual([])
  })

  it('has one demo person per role, as DEMO_PEOPLE describes them', async () => {
    const roles = await db.query<{ role: string; person_id: string; scope_id: string }>('SELECT role, person_id, scope_id FROM person_roles')
    for (const role of ROLES) {
      const people = new Set(roles.filter((r) => r.role === role).map((r) => r.person_id))
      expect([...people]).toEqual([DEMO_PEOPLE[role].id])
    }
    const secretaryScopes = roles.filter((r) => r.role === 'secretary').map((r) => r.scope_id)
    expect(secretaryScopes.length).toBeGreaterThanOrEqual(3)
    const known = await db.query<{ id: string }>('SELECT id FROM enterprises WHERE id = ANY($1::text[])', [secretaryScopes])
    expect(known).toHaveLength(secretaryScopes.length)
    const managed = await db.query<{ id: string }>('SELECT id FROM stations WHERE manager_person_id = $1', [DEMO_PEOPLE.station.id])
    expect(managed.map((s) => s.id)).toEqual(roles.filter((r) => r.role === 'station').map((r) => r.scope_id))
  })
})

describe('seedDemo on a seeded database', () => {
  it('does nothing and says so', async () => {
    const before = await Promise.all(TABLES.map(count))
    await expect(seedDemo(db, new Date(NOW.getTime() + 86_400_000))).resolves.toEqual({ seeded: false })
    expect(await Promise.all(TABLES.map(count))).toEqual(before)
  })
})
