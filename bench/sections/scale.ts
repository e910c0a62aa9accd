import os from 'node:os'
import type { Amenity, DayHours, StationType } from '@contract'
import type { Identity, Deps } from '../../cloudfunctions/app/context'
import { loadFlowSettings } from '../../cloudfunctions/app/flow-env'
import { findStations } from '../../cloudfunctions/core'
import { hmacTokens } from '../../cloudfunctions/app/auth/tokens'
import { dispatch } from '../../cloudfunctions/app/dispatch'
import { migrate } from '../../cloudfunctions/db/migrate'
import { openPostgres } from '../../cloudfunctions/db/postgres'
import { seedDemo } from '../../cloudfunctions/db/seed'
import { acquireServer, scratchDatabase, serverFacts, withClient } from '../lib/pg'
import { explainAnalyze, recordingDb, summarizePlan, trimPlan, type RecordingDb, type Statement } from '../lib/query-plans'
import type { Row, Section, SectionContext } from '../lib/report-types'
import {
  CITIES,
  COUNTY_SHARE,
  FULL_SIZE,
  HOURS_MIX,
  QUICK_SIZE,
  REMOTE_ORIGIN,
  YEARS,
  cityOrigins,
  insertEnterprises,
  insertEvents,
  insertProblems,
  insertStations,
  insertUnits,
  prepareLoad,
  withIndexesRebuilt,
  type ScaleSize
} from '../lib/scale-data'
import { count, ms, ratio, summarize, timeEach, type Summary } from '../lib/stats'

// Monday 10:00 in China, the hour a department works its inbox; the data is dated back from it.
const NOW = new Date('2026-11-23T02:00:00Z')
const LOADED_TABLES = ['problems', 'problem_units', 'problem_events', 'stations', 'enterprises', 'people', 'person_roles']
/** p99 above this deserves a look (the brief's mark for an interactive list on a phone). */
const SLOW_MS = 50

type Who = 'handler' | 'dispatcher' | null

/** One measured product call: a handler through dispatch(), as the mini program sends it. */
interface Probe {
  key: string
  figure: string
  who: Who
  fn: string
  body: (i: number) => { action: string; input: unknown }
  /** The statements whose plans are shown, among those the call ran. */
  mainSql: (s: Statement[]) => Statement[]
  samples: number
  budgetMs: number
  /** Tables the main plan must not read whole: the index is the point of the design. */
  noSeqScanOn?: string[]
  /** Possibly too slow to call at full size: estimated first (see estimateRemote), called only if affordable. */
  estimated?: boolean
}

const has = (needle: string) => (s: Statement[]) => s.filter((x) => x.sql.includes(needle))

function probes(quick: boolean): Probe[] {
  const n = quick ? 50 : 200
  const budget = quick ? 3_000 : 10_000
  const origins = cityOrigins(n + 40)
  const origin = (i: number) => origins[(i + origins.length) % origins.length]
  return [
    {
      key: 'inbox-open',
      figure: 'Inbox 待办, open (`problems.inbox`, 人社局 handler), p99',
      who: 'handler',
      fn: 'problems',
      body: () => ({ action: 'inbox', input: { view: 'open' } }),
      mainSql: has('FROM problem_units u'),
      samples: n,
      budgetMs: budget,
      noSeqScanOn: ['problems', 'problem_units']
    },
    {
      key: 'inbox-overdue',
      figure: 'Inbox 待办, overdue view, p99',
      who: 'handler',
      fn: 'problems',
      body: () => ({ action: 'inbox', input: { view: 'overdue' } }),
      mainSql: has('FROM problem_units u'),
      samples: n,
      budgetMs: budget
    },
    {
      key: 'inbox-all',
      figure: 'Inbox 待办, all view (answered and closed too), p99',
      who: 'handler',
      fn: 'problems',
      body: () => ({ action: 'inbox', input: { view: 'all' } }),
      mainSql: has('FROM problem_units u'),
      samples: n,
      budgetMs: budget
    },
    {
      key: 'figures-month',
      figure: 'Dashboard 数据看板, district, this month by department (`reports.figures`), p99',
      who: 'dispatcher',
      fn: 'reports',
      body: () => ({ action: 'figures', input: {} }),
      mainSql: (s) => [...has('FROM problems p')(s), ...has('FROM problem_events e')(s)],
      samples: n,
      budgetMs: budget,
      noSeqScanOn: ['problems', 'problem_events']
    },
    {
      key: 'figures-year',
      figure: 'Dashboard 数据看板, district, 12 months by month, p99',
      who: 'dispatcher',
      fn: 'reports',
      body: () => ({ action: 'figures', input: { groupBy: 'month' } }),
      mainSql: (s) => [...has('FROM problems p')(s), ...has('FROM problem_events e')(s)],
      samples: n,
      budgetMs: budget
    },
    {
      key: 'figures-handler',
      figure: 'Dashboard 数据看板, 人社局 handler, this month, p99',
      who: 'handler',
      fn: 'reports',
      body: () => ({ action: 'figures', input: {} }),
      mainSql: has('FROM problems p'),
      samples: n,
      budgetMs: budget
    },
    {
      key: 'nearby-city',
      figure: 'Nearest open stations 找驿站 (`stations.nearby`, 20 open, from a city), p99',
      who: null,
      fn: 'stations',
      body: (i) => ({ action: 'nearby', input: { ...origin(i), openNow: true, limit: 20 } }),
      mainSql: (s) => has('FROM stations s')(s).slice(-1),
      samples: n,
      budgetMs: budget,
      noSeqScanOn: ['stations']
    },
    {
      key: 'nearby-remote',
      figure: 'Nearest open stations from a remote spot (no 20 within 64 km), p99',
      who: null,
      fn: 'stations',
      body: () => ({ action: 'nearby', input: { lat: REMOTE_ORIGIN.lat, lng: REMOTE_ORIGIN.lng, openNow: true, limit: 20 } }),
      mainSql: (s) => has('FROM stations s')(s).slice(-2),
      samples: 20,
      budgetMs: budget,
      estimated: true
    }
  ]
}

interface Session {
  deps: Deps
  rec: RecordingDb
  tokens: Record<Exclude<Who, null>, string>
  errors: unknown[]
}

async function openSession(url: string): Promise<Session> {
  const rec = recordingDb(openPostgres(url, 4))
  const errors: unknown[] = []
  const deps: Deps = { db: rec.db, tokens: hmacTokens('bench-scale'), demo: true, now: () => NOW, log: (_m, e) => errors.push(e) }
  const signIn = async (role: 'handler' | 'dispatcher') => {
    const r = await dispatch(deps, 'accounts', { action: 'demoSignIn', input: { role } }, { kind: 'none' })
    if (!r.ok) throw new Error(`demoSignIn ${role}: ${r.error.message}`)
    return (r.data as { token: string }).token
  }
  return { deps, rec, tokens: { handler: await signIn('handler'), dispatcher: await signIn('dispatcher') }, errors }
}

function callOf(s: Session, p: Probe): (i: number) => Promise<unknown> {
  const identity: Identity = p.who ? { kind: 'token', token: s.tokens[p.who] } : { kind: 'none' }
  return async (i) => {
    const r = await dispatch(s.deps, p.fn, p.body(i), identity)
    if (!r.ok) throw new Error(`${p.fn}.${p.body(i).action}: ${r.error.code} ${r.error.message} ${s.errors.map(String).join('; ')}`)
    return r.data
  }
}

async function selectOne(s: Session, n: number): Promise<Summary> {
  return summarize(await timeEach(n, 20, () => s.deps.db.query('SELECT 1')))
}

async function load(url: string, size: ScaleSize, root: string, log: (s: string) => void): Promise<string[]> {
  const steps: string[] = []
  const step = async (name: string, fn: () => Promise<unknown>) => {
    const t0 = performance.now()
    await fn()
    const took = performance.now() - t0
    steps.push(`${name} ${ms(took)}`)
    log(`scale: ${name} in ${ms(took)}`)
  }
  // two connections, one per core: what does not depend on the problems runs beside them
  await withClient(url, (main) =>
    withClient(url, async (second) => {
      await prepareLoad(main, log)
      await prepareLoad(second, log)
      const rebuilt = await withIndexesRebuilt(
        [main, second],
        ['problems', 'problem_units', 'problem_events', 'stations'],
        async () => {
          await step(`${count(size.enterprises)} enterprises and their liaisons`, () => insertEnterprises(main, size.enterprises))
          const problems = step(`${count(size.problems)} problems`, () => insertProblems(main, root, size, NOW))
          await Promise.all([
            problems.then(() => step('problem_units (leads and 会办 co-handlers)', () => insertUnits(main))),
            step(`${count(size.stations)} stations`, () => insertStations(second, size.stations))
              .then(() => problems)
              .then(() => step('problem_events (filings, 退单 and 转办)', () => insertEvents(second)))
          ])
        },
        log
      )
      steps.push(`${rebuilt} secondary indexes dropped before and rebuilt after`)
      // what autovacuum would have done by the time a table is this big: visibility map, hint bits, statistics
      await step('VACUUM ANALYZE', () =>
        Promise.all([main.query('VACUUM (ANALYZE) problems'), second.query(`VACUUM (ANALYZE) ${LOADED_TABLES.filter((t) => t !== 'problems').join(', ')}`)])
      )
      // flush the load's dirty pages now rather than in the middle of the measurements
      await main.query('CHECKPOINT').catch(() => undefined)
    })
  )
  return steps
}

interface Sampled {
  summary: Summary
  /** The statements of the first call, recorded for the plans (so a slow call is not made again to explain it). */
  statements: Statement[]
  firstMs: number
}

/**
 * The first call is recorded (and is the first of the warm-up). A call slower than a third of the
 * probe's budget is measured once, that first cold call; otherwise the warm-up goes on (up to `warmup`
 * calls or about a second) and as many samples follow as fit the budget, at least 30 (or all of a
 * smaller count asked for).
 */
async function sampleProbe(s: Session, p: Probe, warmup: number): Promise<Sampled> {
  const call = callOf(s, p)
  const t0 = performance.now()
  const { statements } = await s.rec.record(() => call(-1))
  const firstMs = performance.now() - t0
  if (firstMs * 3 > p.budgetMs) return { summary: summarize([firstMs]), statements, firstMs }
  const more = Math.min(warmup - 1, Math.ceil(1000 / Math.max(firstMs, 1)))
  const t1 = performance.now()
  for (let w = 0; w < more; w++) await call(-2 - w)
  const per = more > 0 ? (performance.now() - t1) / more : firstMs
  const n = Math.min(p.samples, Math.max(Math.min(p.samples, 30), Math.floor(p.budgetMs / Math.max(per, 0.01))))
  return { summary: summarize(await timeEach(n, 0, call)), statements, firstMs }
}

interface RemoteEstimate {
  sql: Summary
  rows: number
  perRowMs: number
  totalMs: number
}

/**
 * The remote rider at full size, without making the call: it reads the whole station table and computes
 * the opening status of every row, which has taken from seconds to two minutes on this shared machine,
 * more than the bench's budget at the slow end. Instead the call's own statements, recorded on the demo
 * data (same text, same parameters), are replayed on the big tables, and findStations, as the handler
 * calls it, is timed on a slice of the rows they return; the call costs about the SQL plus that per-row
 * time for every row (linear: tried on 4,000 to 200,000 rows). When the estimate fits the budget, and
 * always at quick size, the real call is made as well, which keeps the estimate honest.
 */
async function estimateRemote(s: Session, statements: Statement[], quick: boolean): Promise<RemoteEstimate> {
  let last: RawStation[] = []
  const sql = summarize(
    await timeEach(quick ? 3 : 2, quick ? 1 : 0, async () => {
      for (const st of statements) {
        const rows = await s.deps.db.query<RawStation>(st.sql, st.params)
        // the widest round's stations (the whole table), not the 在站人数 count that follows it
        if (st.sql.includes('FROM stations s') && rows.length >= last.length) last = rows
      }
    })
  )
  const { env } = await loadFlowSettings(s.deps.db)
  // every k-th row: the read is ordered by town, type and name, so its first rows would all be of one kind
  const stride = Math.max(1, Math.floor(last.length / 4000))
  const slice = last.filter((_, i) => i % stride === 0).map(finderStation)
  const query = { origin: { lat: REMOTE_ORIGIN.lat, lng: REMOTE_ORIGIN.lng }, at: NOW, openNow: true, limit: 20 }
  const js = summarize(await timeEach(3, 1, async () => findStations(slice, query, env.calendar)))
  const perRowMs = js.p50 / Math.max(1, slice.length)
  return { sql, rows: last.length, perRowMs, totalMs: sql.p50 + perRowMs * last.length }
}

interface RawStation {
  id: string
  type: StationType
  lat: number
  lng: number
  open_24h: boolean
  hours: (DayHours | null)[]
  amenities: Amenity[]
  closed_on_holidays: boolean
  closures: string[]
}

const finderStation = (r: RawStation) => ({
  id: r.id,
  type: r.type,
  lat: Number(r.lat),
  lng: Number(r.lng),
  open24h: r.open_24h,
  hours: r.hours,
  amenities: r.amenities,
  closedOnHolidays: r.closed_on_holidays,
  closures: r.closures
})

async function measureAll(s: Session, list: Probe[], quick: boolean, log: (x: string) => void): Promise<Map<string, Sampled>> {
  const out = new Map<string, Sampled>()
  for (const p of list) {
    const r = await sampleProbe(s, p, quick ? 5 : 20)
    out.set(p.key, r)
    log(`scale: ${p.key} p50 ${ms(r.summary.p50)} p99 ${ms(r.summary.p99)} (n=${r.summary.n})`)
  }
  return out
}

/** The probes at full size: measured, or (too slow to run) estimated from the demo call's statements. */
async function measureAtScale(
  s: Session,
  list: Probe[],
  quick: boolean,
  demo: Map<string, Sampled>,
  log: (x: string) => void
): Promise<{ measured: Map<string, Sampled>; estimates: Map<string, RemoteEstimate> }> {
  const estimates = new Map<string, RemoteEstimate>()
  for (const p of list.filter((x) => x.estimated)) {
    const e = await estimateRemote(s, demo.get(p.key)?.statements ?? [], quick)
    estimates.set(p.key, e)
    log(`scale: ${p.key} estimated ${ms(e.totalMs)} (SQL ${ms(e.sql.p50)}, ${e.perRowMs.toFixed(3)} ms × ${count(e.rows)} rows)`)
  }
  // a call the estimate puts within about the budget is made as well: then the table shows the real thing
  const affordable = (p: Probe) => quick || !p.estimated || (estimates.get(p.key)?.totalMs ?? Infinity) <= 1.5 * p.budgetMs
  const measured = await measureAll(s, list.filter(affordable), quick, log)
  // at full size the plans of an estimated probe come from the same statements, recorded on the demo data
  for (const p of list) if (!measured.has(p.key)) measured.set(p.key, { ...(demo.get(p.key) as Sampled), summary: summarize([]) })
  return { measured, estimates }
}

interface Plan {
  sql: Statement
  lines: string[]
  /** For a parallel plan: the same statement's execution time with parallel workers off. */
  serialMs: number | null
}

async function explainAll(url: string, list: Probe[], measured: Map<string, Sampled>): Promise<Map<string, Plan[]>> {
  const out = new Map<string, Plan[]>()
  await withClient(url, async (c) => {
    for (const p of list) {
      const plans: Plan[] = []
      for (const sql of p.mainSql(measured.get(p.key)?.statements ?? [])) {
        const lines = await explainAnalyze(c, sql)
        let serialMs: number | null = null
        if (lines.some((l) => l.includes('Gather'))) {
          // does the worker pay for itself on this machine? the same statement, one process
          await c.query('SET max_parallel_workers_per_gather = 0')
          serialMs = summarizePlan(await explainAnalyze(c, sql)).executionMs
          await c.query('RESET max_parallel_workers_per_gather')
        }
        plans.push({ sql, lines, serialMs })
      }
      out.set(p.key, plans)
    }
  })
  return out
}

async function tableFacts(url: string): Promise<string> {
  return withClient(url, async (c) => {
    const { rows } = await c.query<{ relname: string; n: string; size: string }>(
      `SELECT relname, reltuples::bigint AS n, pg_size_pretty(pg_total_relation_size(oid)) AS size
         FROM pg_class WHERE relname = ANY($1::text[]) AND relkind = 'r' ORDER BY pg_total_relation_size(oid) DESC`,
      [LOADED_TABLES]
    )
    return rows.map((r) => `${r.relname} ${count(Number(r.n))} rows, ${r.size} with indexes`).join('; ')
  })
}

async function dataChecks(url: string, size: ScaleSize): Promise<{ failures: string[]; facts: string[]; hrOpen: number }> {
  return withClient(url, async (c) => {
    const failures: string[] = []
    const [counts] = (
      await c.query<{ problems: number; stations: number; open: number; hr_open: number; overdue: number; returns: number }>(
        `SELECT (SELECT count(*) FROM problems WHERE id LIKE 'pb%')::int AS problems,
                (SELECT count(*) FROM stations WHERE id LIKE 'sb%')::int AS stations,
                (SELECT count(*) FROM problems WHERE status IN ('routed', 'accepted', 'reopened'))::int AS open,
                (SELECT count(*) FROM problem_units WHERE department_id = 'hr' AND state = 'open')::int AS hr_open,
                (SELECT count(*) FROM problems WHERE overdue)::int AS overdue,
                (SELECT count(*) FROM problem_events WHERE type = 'returned')::int AS returns`
      )
    ).rows
    if (counts.problems !== size.problems) failures.push(`expected ${size.problems} generated problems, found ${counts.problems}`)
    if (counts.stations !== size.stations) failures.push(`expected ${size.stations} generated stations, found ${counts.stations}`)
    const { rows: status } = await c.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM problems GROUP BY 1 ORDER BY 2 DESC')
    const { rows: open } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM stations s WHERE id LIKE 'sb%' AND (open_24h OR (hours->1->>'open') <= '10:00' AND (hours->1->>'close') > '10:00')`
    )
    const pct = (x: number, of: number) => `${((100 * x) / Math.max(1, of)).toFixed(1)}%`
    return {
      failures,
      hrOpen: counts.hr_open,
      facts: [
        `Problems by status: ${status.map((r) => `${r.status} ${count(r.n)}`).join(', ')}. Open (待签收/办理中/重办) ${count(counts.open)} (${pct(counts.open, counts.problems)}), overdue ${count(counts.overdue)}; ` +
          `the 人社局 inbox holds ${count(counts.hr_open)} open items. ${count(counts.returns)} 退单 events.`,
        `Stations open at the bench's Monday 10:00 by their weekly hours: ${pct(open[0].n, counts.stations)}.`
      ]
    }
  })
}

function planBlock(plans: Plan[], recordedOnDemo: boolean): string[] {
  const out: string[] = []
  for (const { sql, lines, serialMs } of plans) {
    const sum = summarizePlan(lines)
    const head = sql.sql.trim().split('\n')[0].trim().slice(0, 90)
    out.push(
      `Plan of \`${head}…\` (the handler's own SQL and parameters${recordedOnDemo ? ', recorded on the demo data and run here on the full tables' : `; ${ms(sql.ms)} in the recorded call`}). ` +
        `Indexes used: ${sum.indexes.length ? sum.indexes.map((i) => `\`${i}\``).join(', ') : 'none'}; ` +
        `whole-table scans: ${sum.seqScans.length ? sum.seqScans.map((t) => `\`${t}\``).join(', ') : 'none'}.` +
        (serialMs !== null ? ` With parallel workers off the same statement executes in ${ms(serialMs)} (parallel: ${ms(sum.executionMs ?? Number.NaN)}).` : '')
    )
    out.push(['```', ...trimPlan(lines), '```'].join('\n'))
  }
  return out
}

/** Why a slow figure is slow and what would fix it, from this run's plans and counts. */
function why(key: string, m: Sampled, plans: Plan[], est: RemoteEstimate | undefined, hrOpen: number): string | null {
  const plan = plans[0]
  const sum = plan ? summarizePlan(plan.lines) : null
  const parallel = plan?.serialMs != null && sum?.executionMs != null
  const serial = plan?.serialMs ?? Number.NaN
  const par = sum?.executionMs ?? Number.NaN
  const serialNote = !parallel
    ? ''
    : serial < par
      ? ` PostgreSQL chose a parallel plan; with parallel workers off the statement runs in ${ms(serial)} instead of ${ms(par)}: on two busy cores, starting a worker costs more than it saves.`
      : ` PostgreSQL chose a parallel plan, and it helps: ${ms(par)}, against ${ms(serial)} with parallel workers off.`
  switch (key) {
    case 'inbox-open':
    case 'inbox-overdue':
      return (
        `*Why:* the 人社局 has ${count(hrOpen)} open items; the query reads them all through \`problem_units_inbox\` and sorts them by \`(u.state = 'open') DESC, u.due, p.created_at DESC\`, ` +
        `a key no index supplies, so the work grows with the backlog.${serialNote} *What would help* (not an index: the one in place is the right one): ` +
        (parallel && serial < par ? 'turning parallel query off for the application on small servers (`ALTER ROLE … SET max_parallel_workers_per_gather = 0`), and ' : '') +
        'keeping backlogs short; the work is one index probe of `problems` per open item.'
      )
    case 'inbox-all':
      return (
        '*Why:* the all view sorts every unit the department ever had (answered and closed too) by deadline and then by the problem\'s filing time, a key spread over two tables, ' +
        `so each unit is joined to its problem before 200 are kept.${serialNote} *What would fix it* (a schema and query change, not just an index): keep the problem's \`created_at\` on ` +
        '`problem_units` (syncUnits writes it) with an index on `(department_id, state, created_at DESC)`, and read the open part (by `due`, through `problem_units_inbox`) ' +
        'and the answered part (newest first, through the new index) as two short index scans of at most 200 rows each; or page the all view by month.'
      )
    case 'figures-year':
      return (
        '*Why:* twelve months are about a third of the table: the plan reads those problems\' rows through `problems_created` (whole rows, title and content included) and ' +
        `formats each one's Shanghai month with \`to_char(… AT TIME ZONE 'Asia/Shanghai')\` before grouping.${serialNote} *What would help:* a covering index ` +
        '`problems (created_at) INCLUDE (status, merged_into, lead_department_id, chain_id, accepted_at, accept_due, accepted_in_time, solved, rating, overdue, supervision_level, reopen_count)` ' +
        'for an index-only scan, and grouping by `width_bucket(p.created_at, <the month starts>)` instead of formatting every row; both only divide a cost that grows with the ' +
        'district\'s volume. What makes it flat is a monthly rollup kept by the flow, or caching closed months (their figures only change when an old problem moves).'
      )
    case 'nearby-city':
      return (
        `*Why:* of the first call's ${ms(m.firstMs)}, the SQL took ${ms(m.statements.reduce((t, x) => t + x.ms, 0))} over ${m.statements.length} statements (one box query per round, ` +
        'then 在站人数); the rest is findStations computing the opening status of every candidate in the box (its label looks up to 30 days ahead). ' +
        'Computing the full status only for the 20 stations returned would take most of that away.'
      )
    case 'nearby-remote':
      return est
        ? `*Why:* fewer than 20 open stations lie within 64 km, so the handler reads all ${count(est.rows)} stations (the SQL alone ${ms(est.sql.p50)}, rows shipped to Node) ` +
            `and findStations computes the full opening status of every one (${est.perRowMs.toFixed(3)} ms each: its label looks up to 30 days ahead) before it keeps 20. ` +
            '*What would fix it* (code, not an index): (1) in findStations, test `isOpenAt` first and build `openingStatus` only for the stations returned; ' +
            '(2) in `stations.nearby`, keep doubling the box past 64 km (128 km, 256 km … the whole earth) instead of reading the whole table, so a remote rider reads ' +
            'the few hundred rows of the nearest cluster through `stations_lat_lng`.'
        : null
    default:
      return null
  }
}

export const scale: Section = {
  id: 'scale',
  title: 'Scale',
  run: async (ctx: SectionContext) => {
    const size = ctx.quick ? QUICK_SIZE : FULL_SIZE
    const list = probes(ctx.quick)
    const server = acquireServer(ctx.root, ctx.log)
    let scratch: Awaited<ReturnType<typeof scratchDatabase>> | undefined
    let session: Session | undefined
    try {
      scratch = await scratchDatabase(server.adminUrl, 'scale')
      const facts = await serverFacts(scratch.url)
      const t0 = performance.now()
      const setup = openPostgres(scratch.url, 2)
      try {
        await migrate(setup)
        await setup.tx((q) => seedDemo(q, NOW))
      } finally {
        await setup.close()
      }
      ctx.log(`scale: migrated and seeded in ${ms(performance.now() - t0)}`)
      session = await openSession(scratch.url)

      // the same calls on the demo-size database first: the second baseline, almost free
      const demo = await measureAll(session, list, true, ctx.log)
      const loadAvgBefore = os.loadavg()[0]
      const tLoad = performance.now()
      const steps = await load(scratch.url, size, ctx.root, ctx.log)
      const loadMs = performance.now() - tLoad
      const checks = await dataChecks(scratch.url, size)
      const tables = await tableFacts(scratch.url)

      const select1 = await selectOne(session, ctx.quick ? 100 : 500)
      ctx.log(`scale: SELECT 1 p50 ${ms(select1.p50)} p99 ${ms(select1.p99)}`)
      const { measured, estimates } = await measureAtScale(session, list, ctx.quick, demo, ctx.log)
      const plans = await explainAll(scratch.url, list, measured)
      const loadAvgAfter = os.loadavg()[0]

      const failures = [...checks.failures]
      const p99 = (key: string) => (measured.get(key)?.summary.n ? (measured.get(key)?.summary.p99 ?? Number.NaN) : (estimates.get(key)?.totalMs ?? Number.NaN))
      const rows: Row[] = list.map((p) => {
        const m = measured.get(p.key) as Sampled
        const d = demo.get(p.key) as Sampled
        const e = estimates.get(p.key)
        const sqlMs = m.statements.reduce((t, x) => t + x.ms, 0)
        const onDemo = `on the demo data p99 ${ms(d.summary.p99)}`
        const estimate = e
          ? `estimated from this run: the call's SQL replayed (p50 ${ms(e.sql.p50)}, n=${e.sql.n}) plus findStations at ${e.perRowMs.toFixed(3)} ms a row × ${count(e.rows)} rows = ${ms(e.totalMs)}`
          : ''
        if (e && !m.summary.n) {
          // the call was not made: the estimate stands in, and says so
          return {
            figure: p.figure.replace(/, p99$/, ', estimated (not run at this size)'),
            value: `≈ ${ms(e.totalMs)}`,
            baseline: '`SELECT 1` round trip, same pool, p99',
            baselineValue: ms(select1.p99),
            ratio: ratio(e.totalMs, select1.p99),
            note: `${estimate}; ${onDemo}`
          }
        }
        const single = m.summary.n === 1 ? 'a single cold call (too slow to repeat within the budget)' : `p50 ${ms(m.summary.p50)}, n=${m.summary.n}`
        return {
          figure: p.figure,
          value: ms(m.summary.p99),
          baseline: '`SELECT 1` round trip, same pool, p99',
          baselineValue: ms(select1.p99),
          ratio: ratio(m.summary.p99, select1.p99),
          note:
            `${single}; first call ${ms(m.firstMs)}, its ${m.statements.length} SQL statements adding up to ${ms(sqlMs)}; ` +
            `${onDemo} (this is ${ratio(m.summary.p99, d.summary.p99)} that)${estimate ? `; ${estimate}` : ''}`
        }
      })

      for (const p of list) {
        for (const plan of p.noSeqScanOn ? (plans.get(p.key) ?? []) : []) {
          const seq = summarizePlan(plan.lines).seqScans.filter((t) => p.noSeqScanOn?.includes(t))
          if (seq.length) failures.push(`${p.key}: the plan reads ${seq.join(', ')} whole (expected an index scan)`)
        }
      }
      const slow = list.filter((p) => p99(p.key) > SLOW_MS)

      const details: string[] = [
        `**What is measured.** Each figure is the p99 latency of one real handler call through \`dispatch()\` (identity, input validation, the handler, its SQL and the shaping of the answer) on PostgreSQL ${facts.version} ` +
          `(${facts.settings}), as the HTTP host and the cloud functions call it, over one pool of 4 connections, one call at a time after a warm-up. ` +
          'Sessions are demo sign-ins (`accounts.demoSignIn`): 何嘉欣 of 区民政和人力资源社会保障局 (hr) for the inbox and her own dashboard, 黄振华 (dispatcher) for the district dashboard; the finder needs none. ' +
          `The clock is fixed at ${NOW.toISOString()} (Monday 10:00 in China). **Baseline:** the round trip of \`SELECT 1\` through the same pool (p99 of ${select1.n}, p50 ${ms(select1.p50)}), ` +
          'what any call costs before it does work. The note adds the same call on the demo data (the same database before the load) as a second baseline.',
        `**The data** (${ms(loadMs)} to make: ${steps.join('; ')}). On top of the migrations and the demo seed (29 units: 19 district bureaus and 10 towns): ` +
          `${count(size.enterprises)} enterprises, ${count(size.problems)} problems filed over ${YEARS} years before the clock in time order (denser lately), led by the units in proportion to a realistic load ` +
          '(人社 14%, 经促 10%, 市监 8% … towns 2% each). Status follows age: open 60% of the last ten days (the reply deadline), 6% up to a month, 0.4% within the year, 0.08% older (stale, overdue and supervised); ' +
          'the rest mostly closed by the enterprise, with ratings. Each placed problem has its lead unit in `problem_units` and 6% a 会办 co-handler; `problem_events` holds each filing and every 退单/转办 ' +
          '(the steps in between are left out: nothing measured reads them). ' +
          `${count(size.stations)} stations around ${CITIES.length} cities weighted by population, ${Math.round((1 - COUNTY_SHARE) * 100)}% within the city, ${Math.round(COUNTY_SHARE * 100)}% in the counties around, inside China's extent; ` +
          `types 75% warm / 13% party / 8% 红色驿站 / 4% lab; weekly hours ${HOURS_MIX.map((h) => `${h.label} ${h.weight / 10}%`).join(', ')}. ` +
          `Tables: ${tables}.`,
        ...checks.facts,
        `The finder is asked for 20 open stations (the page's default) by riders placed in the cities the same way, a different spot each call; the remote rider is at ${REMOTE_ORIGIN.name}, where the finder widens its box to 64 km and then reads the whole table.`,
        `Machine load (1-minute load average) ${loadAvgBefore.toFixed(1)} before the load and ${loadAvgAfter.toFixed(1)} after the measurements, on ${os.cpus().length} cores shared with other work: the absolute times are only as steady as that.`,
        slow.length
          ? `**Over ${SLOW_MS} ms at p99:** ${slow.map((p) => `${p.key} (${ms(p99(p.key))})`).join(', ')}; why, and what would fix each, is under the plans.`
          : `Every call stayed under ${SLOW_MS} ms at p99.`,
        ...list.flatMap((p) => {
          const m = measured.get(p.key) as Sampled
          const note = p99(p.key) > SLOW_MS ? why(p.key, m, plans.get(p.key) ?? [], estimates.get(p.key), checks.hrOpen) : null
          return [`**${p.figure.replace(/, p99$/, '')}**`, ...planBlock(plans.get(p.key) ?? [], !!estimates.get(p.key) && !ctx.quick), ...(note ? [note] : [])]
        })
      ]
      return { id: 'scale', title: 'Scale', rows, details, failures }
    } finally {
      await session?.deps.db.close().catch(() => undefined)
      await scratch?.drop().catch((e) => ctx.log(`scale: could not drop ${scratch?.name}: ${String(e)}`))
      server.release()
    }
  }
}
