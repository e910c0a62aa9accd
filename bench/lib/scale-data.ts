// The scale section's data: a year-deep district at 1,000,000 problems and a national network of
// 200,000 stations, made inside PostgreSQL with generate_series (INSERT … SELECT), on top of the demo
// seed's departments, towns, chains and people. The distributions are written out here because the
// figures only mean something if the inbox is as selective as a real one and the finder has to widen
// its box where stations are sparse.
import fs from 'node:fs'
import path from 'node:path'
import type pg from 'pg'
import { CATEGORY_IDS, type Amenity, type DayHours } from '@contract'
import { CHAINS } from '../../cloudfunctions/db/seed/chains'
import { DISTRICT_DEPARTMENTS } from '../../cloudfunctions/db/seed/departments'
import { TOWN_DEPARTMENTS, TOWNS } from '../../cloudfunctions/db/seed/towns'

export interface ScaleSize {
  problems: number
  enterprises: number
  stations: number
}

export const FULL_SIZE: ScaleSize = { problems: 1_000_000, enterprises: 20_000, stations: 200_000 }
export const QUICK_SIZE: ScaleSize = { problems: 50_000, enterprises: 2_000, stations: 10_000 }

/** Problems are filed over this many years before `now`, more of them lately (the product grows). */
export const YEARS = 5

/**
 * Share of problems led by each unit, in per mille. A district's load is uneven: 人社 (hr), the economy
 * bureau and the market regulator carry most of it, towns a little each. hr is the demo handler's unit,
 * so the measured inbox is one of the busiest.
 */
const DEPARTMENT_WEIGHTS: Record<string, number> = {
  hr: 140,
  economy: 100,
  market: 80,
  gov_services: 70,
  tax: 60,
  natural_resources: 55,
  housing: 50,
  ecology: 50,
  finance: 45,
  science: 40,
  urban_mgmt: 40,
  transport: 35,
  dev_reform: 30,
  commerce: 30,
  emergency: 25,
  education: 25,
  health: 20,
  trade_union: 20,
  dispatch: 15
}

/** 1000 slots, each a department id as often as its weight: picking a random slot is a weighted draw in SQL. */
export function departmentSlots(): string[] {
  const towns = TOWN_DEPARTMENTS.map((d) => d.id)
  const district = DISTRICT_DEPARTMENTS.map((d) => d.id)
  const weights: [string, number][] = [...district.map((id) => [id, DEPARTMENT_WEIGHTS[id] ?? 10] as [string, number]), ...towns.map((id) => [id, 7] as [string, number])]
  const total = weights.reduce((s, [, w]) => s + w, 0)
  const slots: string[] = []
  for (const [id, w] of weights) for (let i = 0; i < Math.round((w / total) * 1000); i++) slots.push(id)
  while (slots.length < 1000) slots.push('hr')
  return slots.slice(0, 1000)
}

/** Realistic problem wording: the routing eval set's texts (202 colloquial problems), as title + content. */
export function problemTexts(root: string): { titles: string[]; contents: string[] } {
  const lines = fs.readFileSync(path.join(root, 'data', 'routing', 'eval.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
  const titles: string[] = []
  const contents: string[] = []
  for (const line of lines) {
    const o = JSON.parse(line) as { text?: string; title?: string; content?: string }
    const content = o.content ?? o.text ?? o.title ?? ''
    const title = o.title ?? content.split(/[，。！？,.!?]/)[0].slice(0, 24)
    titles.push(title || '诉求')
    contents.push(content)
  }
  return { titles, contents }
}

/**
 * Session settings for the load only. Foreign keys are not checked row by row (session_replication_role
 * = replica skips their triggers; it needs a superuser, and without one the load just runs slower): every
 * reference is made from the seed's own ids. JIT would only add compile time to one-off statements.
 */
export async function prepareLoad(c: pg.Client, log: (s: string) => void): Promise<void> {
  await c.query('SET jit = off')
  await c.query("SET maintenance_work_mem = '256MB'")
  try {
    await c.query('SET session_replication_role = replica')
  } catch {
    log('scale: not a superuser, foreign keys are checked during the load (slower)')
  }
  await c.query('SELECT setseed(0.42)')
}

/** Synthetic enterprises (and one liaison each, the filer): chain and town spread like the demo's. */
export async function insertEnterprises(c: pg.Client, n: number): Promise<void> {
  const chains = CHAINS.map((ch) => ch.id)
  const towns = TOWNS.map((t) => t.id)
  // every (chains.length + 1)-th enterprise is in no chain (未归链)
  await c.query(
    `INSERT INTO enterprises (id, name, chain_id, town_id)
     SELECT 'eb' || g, '基准企业' || lpad(g::text, 6, '0') || '有限公司',
            ($1::text[])[1 + g % (cardinality($1::text[]) + 1)], ($2::text[])[1 + g % cardinality($2::text[])]
       FROM generate_series(1, $3::int) g`,
    [chains, towns, n]
  )
  await c.query(
    `INSERT INTO people (id, name, created_at) SELECT 'pb' || g, '联络员' || g, now() FROM generate_series(1, $1::int) g`,
    [n]
  )
  await c.query(
    `INSERT INTO person_roles (person_id, role, scope_id) SELECT 'pb' || g, 'enterprise', 'eb' || g FROM generate_series(1, $1::int) g`,
    [n]
  )
}

/**
 * Problems, with the query columns the flow keeps (docs/flow.md) consistent with their status. The
 * status depends on age: most are closed (confirmed by the enterprise) within weeks; open are 60% of
 * the last ten days (the reply deadline), 6% up to a month, 0.4% within the year and 0.08% older, a tail
 * of stale items (overdue, supervised) going back years; 1% of the older ones were answered and never
 * confirmed.
 */
export async function insertProblems(c: pg.Client, root: string, size: ScaleSize, now: Date): Promise<void> {
  const { titles, contents } = problemTexts(root)
  const chains = CHAINS.map((ch) => ch.id)
  const towns = TOWNS.map((t) => t.id)
  // Each layer is fenced with OFFSET 0 so that it is computed once per row: flattened, the planner would
  // copy the status CASE into each of its twenty uses and the load would take minutes instead of seconds.
  const params = [departmentSlots(), titles, contents, [...CATEGORY_IDS.filter((id) => id !== 'station')], chains, towns, size.enterprises, size.problems, now, YEARS * 365.25]
  await c.query(
    `INSERT INTO problems (id, number, title, content, category, status, enterprise_id, chain_id, town_id, filed_by,
                           lead_department_id, routing_reason, routing_confidence, version, accept_due, reply_due, next_due, overdue,
                           reopen_count, return_count, supervision_level, pending_extension, solved, rating, routed_at, accepted_at,
                           accepted_in_time, visible_to_chain, vote_count, created_at, updated_at)
     SELECT id, number, title, content, category, status, 'eb' || ent, chain_id, town_id, 'pb' || ent,
            CASE WHEN status <> 'triage' THEN dept END, '按文本与类别派单', round(conf::numeric, 2), version,
            CASE WHEN status = 'routed' THEN routed_at + interval '1 day' END,
            CASE WHEN open THEN routed_at + interval '10 days' END,
            CASE WHEN open THEN routed_at + CASE WHEN status = 'routed' THEN interval '1 day' ELSE interval '10 days' END END,
            open AND routed_at + CASE WHEN status = 'routed' THEN interval '1 day' ELSE interval '10 days' END < $9::timestamptz,
            CASE WHEN status = 'reopened' OR (status = 'closed' AND r_misc < 0.02) THEN 1 ELSE 0 END,
            returns,
            CASE WHEN (open AND routed_at + interval '10 days' < $9::timestamptz) OR r_misc > 0.97 THEN 1 ELSE 0 END,
            open AND r_misc BETWEEN 0.5 AND 0.52,
            CASE status WHEN 'closed' THEN true WHEN 'reopened' THEN false END,
            CASE WHEN status = 'closed' THEN CASE WHEN r_rate < 0.6 THEN 5 WHEN r_rate < 0.85 THEN 4 WHEN r_rate < 0.93 THEN 3 WHEN r_rate < 0.97 THEN 2 ELSE 1 END
                 WHEN status = 'reopened' THEN 2 END,
            CASE WHEN status <> 'triage' THEN routed_at END,
            accepted_at,
            CASE WHEN accepted_at IS NOT NULL THEN accepted_at <= routed_at + interval '1 day' END,
            r_misc < 0.08, CASE WHEN r_misc < 0.08 THEN floor(r_rate ^ 4 * 20)::int ELSE 0 END,
            created_at, least($9::timestamptz, created_at + interval '12 days')
       FROM (
         SELECT *,
                status IN ('routed', 'accepted', 'reopened') AS open,
                CASE WHEN status IN ('accepted', 'replied', 'closed', 'reopened') THEN routed_at + make_interval(secs => r_accept ^ 3 * 1.6 * 86400) END AS accepted_at,
                CASE status WHEN 'triage' THEN 2 WHEN 'routed' THEN 2 WHEN 'accepted' THEN 3 WHEN 'replied' THEN 4 WHEN 'returned' THEN 3
                            WHEN 'reopened' THEN 5 ELSE 6 END + 2 * returns AS version
           FROM (
             SELECT *,
                    -- a problem now waiting after a 退单 was bounced once; 3% of the others were, and went on
                    CASE WHEN status = 'returned' OR (status <> 'triage' AND r_return < 0.03) THEN 1 ELSE 0 END AS returns
               FROM (
             SELECT *,
                    CASE WHEN r_status < p_open THEN CASE WHEN r_accept < 0.3 THEN 'routed' WHEN r_accept < 0.9 THEN 'accepted' ELSE 'reopened' END
                         WHEN r_status < p_open + p_replied THEN 'replied'
                         WHEN r_status < p_open + p_replied + p_returned THEN 'returned'
                         WHEN r_status < p_open + p_replied + p_returned + p_triage THEN 'triage'
                         ELSE 'closed' END AS status,
                    created_at + interval '5 minutes' AS routed_at
               FROM (
                 SELECT *,
                        CASE WHEN age < 10 THEN 0.6 WHEN age < 30 THEN 0.06 WHEN age < 365 THEN 0.004 ELSE 0.0008 END AS p_open,
                        CASE WHEN age < 30 THEN 0.25 ELSE 0.01 END AS p_replied,
                        CASE WHEN age < 14 THEN 0.02 ELSE 0.001 END AS p_returned,
                        CASE WHEN age < 7 THEN 0.03 ELSE 0.0005 END AS p_triage
                   FROM (
                     SELECT *, $9::timestamptz - make_interval(secs => age * 86400) AS created_at
                       FROM (
                         SELECT 'pb' || g AS id, 'BENCH-' || lpad(g::text, 7, '0') AS number,
                                ($2::text[])[1 + (g::bigint * 7919) % cardinality($2::text[])] AS title,
                                ($3::text[])[1 + (g::bigint * 7919) % cardinality($3::text[])] AS content,
                                ($4::text[])[1 + floor(random() * cardinality($4::text[]))::int] AS category,
                                ($1::text[])[1 + floor(random() * 1000)::int] AS dept,
                                ent,
                                ($5::text[])[1 + ent % (cardinality($5::text[]) + 1)] AS chain_id,
                                ($6::text[])[1 + ent % cardinality($6::text[])] AS town_id,
                                -- filed in time order (ids, numbers and the table's physical order follow the clock, as in
                                -- production), denser lately: the age's density falls linearly to zero YEARS back
                                $10::float8 * (1 - sqrt(g::float8 / $8::int)) AS age,
                                0.4 + 0.6 * random() AS conf,
                                random() AS r_status, random() AS r_accept, random() AS r_misc, random() AS r_rate,
                                random() AS r_return
                           -- a subquery with random() in its target list is not flattened: ent is drawn once per row
                           FROM (SELECT g, 1 + floor(random() * $7::int)::int AS ent FROM generate_series(1, $8::int) g) gs
                       OFFSET 0) draws
                   OFFSET 0) aged
               OFFSET 0) odds
           OFFSET 0) statused
           OFFSET 0) returned
       ) p`,
    params
  )
}

/**
 * The units that owe (or owed) something: the lead of every placed problem, and a co-handler on 6% of
 * them (会办), open while the problem is open. Done units keep no deadlines, as syncUnits leaves them.
 */
export async function insertUnits(c: pg.Client): Promise<void> {
  await c.query(
    `INSERT INTO problem_units (problem_id, department_id, role, state, accept_due, reply_due, due, problem_created_at)
     SELECT id, lead_department_id, 'lead',
            CASE WHEN status IN ('routed', 'accepted', 'reopened') THEN 'open' WHEN status = 'returned' THEN 'gone' ELSE 'done' END,
            accept_due, reply_due, coalesce(accept_due, reply_due), created_at
       FROM problems WHERE lead_department_id IS NOT NULL`
  )
  await c.query(
    `INSERT INTO problem_units (problem_id, department_id, role, state, accept_due, reply_due, due, problem_created_at)
     SELECT id, co, 'co_handler', CASE WHEN open THEN 'open' ELSE 'done' END,
            NULL, CASE WHEN open THEN reply_due END, CASE WHEN open THEN reply_due END, created_at
       FROM (SELECT p.id, p.reply_due, p.created_at, p.status IN ('routed', 'accepted', 'reopened') AS open,
                    ($1::text[])[1 + floor(random() * 1000)::int] AS co, p.lead_department_id
               FROM problems p WHERE p.lead_department_id IS NOT NULL AND random() < 0.06) x
      WHERE co <> lead_department_id`,
    [departmentSlots()]
  )
}

/**
 * The history the figures read: every 退单 (by the unit that returned it, at the moment it happened) and
 * the 转办 that followed, plus each problem's filing so that the 退单 sit among a table of a realistic
 * row count. The other steps (签收, 答复, 评价…) are left out: nothing measured here reads them (the
 * dashboard reaches 退单 through its partial index), and they would add some five million rows and a
 * minute to the load. seq is the step's place in the full list, with gaps where a step is left out.
 */
export async function insertEvents(c: pg.Client): Promise<void> {
  await c.query(
    `INSERT INTO problem_events (problem_id, seq, type, actor_kind, actor_person_id, at)
     SELECT id, 1, 'filed', 'filer', filed_by, created_at FROM problems`
  )
  // a problem still waiting after its 退单 was returned by its lead; one that went on, by a unit it was misrouted to
  await c.query(
    `INSERT INTO problem_events (problem_id, seq, type, actor_kind, actor_department_id, at)
     SELECT id, 3, 'returned', 'unit',
            CASE WHEN status = 'returned' THEN lead_department_id ELSE ($1::text[])[1 + floor(random() * 1000)::int] END,
            created_at + interval '3 hours'
       FROM problems WHERE return_count > 0`,
    [departmentSlots()]
  )
  await c.query(
    `INSERT INTO problem_events (problem_id, seq, type, actor_kind, at)
     SELECT id, 4, 'rerouted', 'dispatcher', created_at + interval '4 hours'
       FROM problems WHERE return_count > 0 AND status <> 'returned'`
  )
}

// --- stations ---------------------------------------------------------------------------------------

/** China's big cities with their urban population in millions: stations cluster where people are. */
export const CITIES: readonly { name: string; lat: number; lng: number; pop: number }[] = [
  { name: '上海', lat: 31.23, lng: 121.47, pop: 24.9 },
  { name: '北京', lat: 39.9, lng: 116.4, pop: 21.9 },
  { name: '广州', lat: 23.13, lng: 113.26, pop: 18.7 },
  { name: '深圳', lat: 22.54, lng: 114.06, pop: 17.6 },
  { name: '重庆', lat: 29.56, lng: 106.55, pop: 16 },
  { name: '成都', lat: 30.66, lng: 104.07, pop: 16 },
  { name: '天津', lat: 39.13, lng: 117.2, pop: 13.9 },
  { name: '西安', lat: 34.34, lng: 108.94, pop: 12.9 },
  { name: '苏州', lat: 31.3, lng: 120.62, pop: 12.7 },
  { name: '郑州', lat: 34.75, lng: 113.63, pop: 12.6 },
  { name: '武汉', lat: 30.59, lng: 114.31, pop: 12.3 },
  { name: '杭州', lat: 30.27, lng: 120.16, pop: 12.2 },
  { name: '保定', lat: 38.87, lng: 115.46, pop: 11.5 },
  { name: '石家庄', lat: 38.04, lng: 114.51, pop: 11.2 },
  { name: '临沂', lat: 35.1, lng: 118.36, pop: 11 },
  { name: '东莞', lat: 23.02, lng: 113.75, pop: 10.5 },
  { name: '长沙', lat: 28.23, lng: 112.94, pop: 10.4 },
  { name: '青岛', lat: 36.07, lng: 120.38, pop: 10.1 },
  { name: '哈尔滨', lat: 45.8, lng: 126.53, pop: 10 },
  { name: '南阳', lat: 33.0, lng: 112.53, pop: 9.7 },
  { name: '宁波', lat: 29.87, lng: 121.54, pop: 9.6 },
  { name: '温州', lat: 28.0, lng: 120.67, pop: 9.6 },
  { name: '佛山', lat: 23.02, lng: 113.12, pop: 9.5 },
  { name: '济南', lat: 36.65, lng: 117.12, pop: 9.4 },
  { name: '合肥', lat: 31.82, lng: 117.23, pop: 9.4 },
  { name: '潍坊', lat: 36.71, lng: 119.16, pop: 9.4 },
  { name: '邯郸', lat: 36.62, lng: 114.54, pop: 9.4 },
  { name: '南京', lat: 32.06, lng: 118.8, pop: 9.3 },
  { name: '沈阳', lat: 41.8, lng: 123.43, pop: 9.1 },
  { name: '长春', lat: 43.82, lng: 125.32, pop: 9 },
  { name: '徐州', lat: 34.26, lng: 117.18, pop: 9 },
  { name: '赣州', lat: 25.83, lng: 114.93, pop: 9 },
  { name: '泉州', lat: 24.87, lng: 118.68, pop: 8.9 },
  { name: '南宁', lat: 22.82, lng: 108.32, pop: 8.8 },
  { name: '昆明', lat: 25.04, lng: 102.71, pop: 8.5 },
  { name: '福州', lat: 26.07, lng: 119.3, pop: 8.3 },
  { name: '南通', lat: 31.98, lng: 120.89, pop: 7.7 },
  { name: '唐山', lat: 39.63, lng: 118.18, pop: 7.7 },
  { name: '大连', lat: 38.91, lng: 121.61, pop: 7.5 },
  { name: '无锡', lat: 31.49, lng: 120.31, pop: 7.5 },
  { name: '洛阳', lat: 34.62, lng: 112.45, pop: 7 },
  { name: '遵义', lat: 27.73, lng: 106.93, pop: 6.6 },
  { name: '南昌', lat: 28.68, lng: 115.86, pop: 6.4 },
  { name: '惠州', lat: 23.11, lng: 114.42, pop: 6 },
  { name: '贵阳', lat: 26.65, lng: 106.63, pop: 6 },
  { name: '太原', lat: 37.87, lng: 112.55, pop: 5.4 },
  { name: '厦门', lat: 24.48, lng: 118.09, pop: 5.2 },
  { name: '兰州', lat: 36.06, lng: 103.83, pop: 4.4 },
  { name: '乌鲁木齐', lat: 43.83, lng: 87.62, pop: 4 },
  { name: '呼和浩特', lat: 40.84, lng: 111.75, pop: 3.4 },
  { name: '银川', lat: 38.49, lng: 106.23, pop: 2.9 },
  { name: '海口', lat: 20.04, lng: 110.35, pop: 2.9 },
  { name: '西宁', lat: 36.62, lng: 101.78, pop: 2.5 },
  { name: '珠海', lat: 22.27, lng: 113.58, pop: 2.5 },
  { name: '拉萨', lat: 29.65, lng: 91.14, pop: 0.9 },
  { name: '喀什', lat: 39.47, lng: 75.99, pop: 0.7 },
  { name: '哈密', lat: 42.82, lng: 93.51, pop: 0.6 },
  { name: '格尔木', lat: 36.4, lng: 94.9, pop: 0.2 }
]

/** A city's urban spread in degrees (one standard deviation): wider for bigger cities, about 4–22 km. */
export const urbanSpread = (pop: number): number => 0.045 * Math.sqrt(pop)
/** A quarter of the stations are in county towns and townships: spread around the city ~110 km. */
export const COUNTY_SHARE = 0.25
export const COUNTY_SPREAD = 1.0
/** China's extent: stations are kept inside it. */
export const CHINA_BOX = { minLat: 18.2, maxLat: 53.5, minLng: 73.5, maxLng: 134.8 }

/** 1000 slots of city indexes (1-based, for SQL arrays), each city as often as its population. */
export function citySlots(): number[] {
  const total = CITIES.reduce((s, c) => s + c.pop, 0)
  const slots: number[] = []
  CITIES.forEach((c, i) => {
    for (let k = 0; k < Math.max(1, Math.round((c.pop / total) * 1000)); k++) slots.push(i + 1)
  })
  return slots.slice(0, 1000)
}

const span = (open: string, close: string): DayHours => ({ open, close })
const daily = (open: string, close: string) => Array.from({ length: 7 }, () => span(open, close))
const office = (open: string, close: string, saturday: DayHours | null) => [null, ...Array.from({ length: 5 }, () => span(open, close)), saturday]

/**
 * Weekly hours and how often each occurs (per mille). Warm stations in shops and union outposts keep
 * long hours, a share round the clock; party and lab stations keep office hours; a few open evenings
 * past midnight, for night-shift riders. At the bench's Monday 10:00 about four in five are open.
 */
export const HOURS_MIX: readonly { hours: (DayHours | null)[]; open24h: boolean; weight: number; label: string }[] = [
  { hours: daily('00:00', '24:00'), open24h: true, weight: 150, label: '24 小时' },
  { hours: daily('08:00', '20:00'), open24h: false, weight: 300, label: '每天 08:00–20:00' },
  { hours: daily('09:00', '18:00'), open24h: false, weight: 180, label: '每天 09:00–18:00' },
  { hours: office('09:00', '17:30', span('09:00', '12:00')), open24h: false, weight: 200, label: '工作日 09:00–17:30，周六上午' },
  { hours: office('08:30', '17:00', null), open24h: false, weight: 100, label: '工作日 08:30–17:00' },
  { hours: daily('17:00', '02:00'), open24h: false, weight: 50, label: '每天 17:00–次日 02:00' },
  { hours: [null, null, null, null, null, null, null], open24h: false, weight: 20, label: '暂停开放' }
]

const AMENITY_MIX: readonly { amenities: Amenity[]; weight: number }[] = [
  { amenities: ['water', 'charging', 'microwave', 'toilet', 'rest', 'shelter'], weight: 450 },
  { amenities: ['water', 'charging', 'microwave', 'toilet', 'rest', 'shelter', 'first_aid', 'wifi'], weight: 250 },
  { amenities: ['water', 'charging', 'rest'], weight: 200 },
  { amenities: ['water', 'toilet', 'rest', 'wifi', 'childcare'], weight: 100 }
]

/** Station types per mille: the union's warm stations are most of the network. */
const TYPE_MIX: readonly { type: string; department: string; weight: number }[] = [
  { type: 'warm', department: 'trade_union', weight: 750 },
  { type: 'party', department: 'dispatch', weight: 130 },
  { type: 'redhelp', department: 'dispatch', weight: 80 },
  { type: 'lab', department: 'science', weight: 40 }
]

function slots<T>(mix: readonly { weight: number }[], pick: (i: number) => T): T[] {
  const out: T[] = []
  mix.forEach((m, i) => {
    for (let k = 0; k < m.weight; k++) out.push(pick(i))
  })
  return out
}

/**
 * Stations around the cities (a normal spread by Box–Muller), three in four in the city and one in four
 * out in the counties, clamped to China's box. Every station needs a town of the demo district (the
 * column is NOT NULL): they are dealt round the ten towns, which nothing measured here reads.
 */
export async function insertStations(c: pg.Client, n: number): Promise<void> {
  const towns = TOWNS.map((t) => t.id)
  const hoursSlots = slots(HOURS_MIX, (i) => i + 1)
  const amenitySlots = slots(AMENITY_MIX, (i) => i + 1)
  const typeSlots = slots(TYPE_MIX, (i) => i + 1)
  const params = [
    CITIES.map((x) => x.lat),
    CITIES.map((x) => x.lng),
    CITIES.map((x) => urbanSpread(x.pop)),
    citySlots(),
    HOURS_MIX.map((h) => JSON.stringify(h.hours)),
    HOURS_MIX.map((h) => h.open24h),
    hoursSlots,
    AMENITY_MIX.map((a) => `{${a.amenities.join(',')}}`),
    amenitySlots,
    TYPE_MIX.map((t) => t.type),
    TYPE_MIX.map((t) => t.department),
    typeSlots,
    towns,
    n,
    COUNTY_SHARE,
    COUNTY_SPREAD,
    CHINA_BOX.minLat,
    CHINA_BOX.maxLat,
    CHINA_BOX.minLng,
    CHINA_BOX.maxLng
  ]
  await c.query(
    `INSERT INTO stations (id, name, type, address, town_id, department_id, lat, lng, open_24h, hours, amenities, closed_on_holidays)
     SELECT 'sb' || g, '驿站' || g, ($10::text[])[t], '基准地址 ' || g, ($13::text[])[1 + g % cardinality($13::text[])], ($11::text[])[t],
            least($18::float8, greatest($17::float8, ($1::float8[])[city] + spread * z1)),
            least($20::float8, greatest($19::float8, ($2::float8[])[city] + spread * z2 / cos(radians(($1::float8[])[city])))),
            ($6::boolean[])[h], ($5::text[])[h]::jsonb, ($8::text[])[a]::text[], r_hol < 0.3
       FROM (
         SELECT g, city, h, a, t, r_hol,
                CASE WHEN r_county < $15::float8 THEN $16::float8 ELSE ($3::float8[])[city] END AS spread,
                sqrt(-2 * ln(1 - u1)) * cos(2 * pi() * u2) AS z1,
                sqrt(-2 * ln(1 - u1)) * sin(2 * pi() * u2) AS z2
           FROM (
             SELECT g, ($4::int[])[1 + floor(random() * cardinality($4::int[]))::int] AS city,
                    ($7::int[])[1 + floor(random() * cardinality($7::int[]))::int] AS h,
                    ($9::int[])[1 + floor(random() * cardinality($9::int[]))::int] AS a,
                    ($12::int[])[1 + floor(random() * cardinality($12::int[]))::int] AS t,
                    random() AS r_county, random() AS u1, random() AS u2, random() AS r_hol
               FROM generate_series(1, $14::int) g
           ) d
       ) s`,
    params
  )
}

/** A small deterministic PRNG (mulberry32), so the finder's origins are the same in every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Where riders ask from: a city picked by population, then a spot in its urban spread. */
export function cityOrigins(n: number, seed = 7): { lat: number; lng: number }[] {
  const rand = prng(seed)
  const pool = citySlots()
  const out: { lat: number; lng: number }[] = []
  for (let i = 0; i < n; i++) {
    const city = CITIES[pool[Math.floor(rand() * pool.length)] - 1]
    const sd = urbanSpread(city.pop)
    const r = Math.sqrt(-2 * Math.log(1 - rand()))
    const th = 2 * Math.PI * rand()
    out.push({
      lat: Math.round((city.lat + sd * r * Math.cos(th)) * 1e5) / 1e5,
      lng: Math.round((city.lng + (sd * r * Math.sin(th)) / Math.cos((city.lat * Math.PI) / 180)) * 1e5) / 1e5
    })
  }
  return out
}

/**
 * A rider far from any cluster: the 羌塘 plateau in northern Tibet, ~500 km from 拉萨 and 格尔木. Fewer
 * than 20 stations lie within 64 km, so the finder reads past its last box (the worst case).
 */
export const REMOTE_ORIGIN = { lat: 33.5, lng: 86.0, name: '西藏 羌塘（北纬 33.5°，东经 86.0°）' }

/**
 * Runs a bulk load with the tables' secondary indexes dropped, then builds them again from their own
 * definitions (pg_get_indexdef), so the database ends with exactly the migrations' indexes. Building an
 * index once by sorting is several times faster than updating thirteen of them row by row; primary keys
 * and unique constraints stay, so the load is still checked for duplicates. The builds are dealt over
 * the given connections (one per core), biggest table first.
 */
export async function withIndexesRebuilt(lanes: pg.Client[], tables: string[], load: () => Promise<void>, log: (s: string) => void): Promise<number> {
  const [c] = lanes
  const { rows } = await c.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
      WHERE t.relname = ANY($1::text[]) AND t.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY array_position($1::text[], t.relname::text), 1`,
    [tables]
  )
  for (const r of rows) await c.query(`DROP INDEX ${r.name}`)
  await load()
  const t0 = performance.now()
  let next = 0
  await Promise.all(
    lanes.map(async (lane) => {
      await lane.query('SET max_parallel_maintenance_workers = 0')
      while (next < rows.length) await lane.query(rows[next++].def)
    })
  )
  log(`scale: rebuilt ${rows.length} indexes in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  return rows.length
}
