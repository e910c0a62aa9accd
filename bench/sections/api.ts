import { randomBytes } from 'node:crypto'
import { FILING_CATEGORY_IDS, type Result } from '@contract'
import { addEnterprisePeople, addSittings, type BenchPerson } from '../lib/bench-fixtures'
import { startBenchHost } from '../lib/host-on-postgres'
import { runLoad, type ApiCall, type LoadOutcome } from '../lib/http-load'
import { openInProcess } from '../lib/in-process-api'
import type { Row, Section, SectionContext } from '../lib/report-types'
import { selectOneConcurrent, selectOneSequential } from '../lib/select-one'
import { count, ms, ratio, summarize, timeEach, type Summary } from '../lib/stats'

// Issue #7: p50 and p99 of the four calls people make most (file a problem, a handler's inbox, the
// nearest stations, book a sitting), in process on PGlite and over HTTP on PostgreSQL, each beside a
// bare SELECT 1 round trip on the same database measured in the same run.

interface Plan {
  inProcess: { n: number; warmup: number; selectOne: number }
  http: { connections: number; warmup: number; amount: Record<HttpOp, number>; selectOne: number; selectOneConcurrent: number }
}
type Op = 'file' | 'inbox' | 'nearby' | 'book'
type HttpOp = Op | 'health'

// Sized for ~2 minutes on the 2-core machine. The slow ones: filing (one day's numbering row is locked
// per filing, so filings go one at a time whatever the concurrency: docs/testing.md) and the station
// finder (CPU-bound in the host: opening hours of every station in reach, for each widening radius).
const FULL: Plan = {
  inProcess: { n: 200, warmup: 20, selectOne: 2000 },
  http: { connections: 10, warmup: 100, amount: { health: 2000, nearby: 250, inbox: 1000, book: 1000, file: 600 }, selectOne: 2000, selectOneConcurrent: 4000 }
}
const QUICK: Plan = {
  inProcess: { n: 40, warmup: 5, selectOne: 200 },
  http: { connections: 10, warmup: 20, amount: { health: 300, nearby: 60, inbox: 200, book: 200, file: 150 }, selectOne: 200, selectOneConcurrent: 500 }
}

const LABEL: Record<Op, string> = {
  file: 'file a problem',
  inbox: "list a handler's inbox",
  nearby: 'find the nearest stations',
  book: 'book a sitting'
}
const OPS: Op[] = ['nearby', 'inbox', 'book', 'file']

// A rider standing on 德胜东路 in 大良, as the station finder asks when the phone gives a location
const HERE = { lat: 22.8398, lng: 113.2551 }
const NEARBY_INPUT = { ...HERE, openNow: true, amenities: [], limit: 20 }
const INBOX_INPUT = { view: 'open' as const }
// The demo data has no problems, so the demo handler's inbox starts empty: it is filled first through
// problems.file with problems the routing sends to the handler's department (区人社局), a plausible day's list.
const INBOX_FILL = 50
// ten people per sitting, ten places per sitting: every booking is confirmed, none waits on a full one
const BOOKERS = 10

const forTheInbox = (k: number, enterpriseId: string) => ({
  title: `招聘普工困难 ${k}`,
  content: `订单增加，第 ${k} 批需招聘普工约 50 名，希望协助对接招聘会和职业介绍。`,
  category: 'recruitment' as const,
  enterpriseId
})

const filing = (k: number, enterpriseId: string) => ({
  title: `压测诉求 ${k}`,
  content: `第 ${k} 条压测诉求：园区道路夜间照明不足，职工下班通行不便，希望协调增设路灯。`,
  category: FILING_CATEGORY_IDS[k % FILING_CATEGORY_IDS.length],
  enterpriseId
})

/** Who books which sitting for the k-th booking: consecutive k go to different sittings, so concurrent requests do not queue on one slot's lock. */
const booking = (k: number, sittings: string[], people: BenchPerson[]) => {
  const person = people[Math.floor(k / sittings.length)]
  if (!person) throw new Error(`booking ${k}: only ${sittings.length * people.length} (sitting, person) pairs were made`)
  return { slotId: sittings[k % sittings.length], person }
}

function pairRows(where: string, label: string, value: Summary, baseline: string, base: Summary, note: string): Row[] {
  return (['p50', 'p99'] as const).map((p) => ({
    figure: `${where} · ${label} · ${p}`,
    value: ms(value[p]),
    baseline: `${baseline} · ${p}`,
    baselineValue: ms(base[p]),
    ratio: ratio(value[p], base[p]),
    note: p === 'p50' ? note : `n=${value.n}; baseline n=${base.n}`
  }))
}

export const api: Section = {
  id: 'api',
  title: 'API latency',
  run: async (ctx) => {
    const plan = ctx.quick ? QUICK : FULL
    const out = { rows: [] as Row[], details: [] as string[], failures: [] as string[] }
    await inProcess(ctx, plan, out)
    await overHttp(ctx, plan, out)
    return { id: 'api', title: 'API latency', ...out }
  }
}

async function inProcess(ctx: SectionContext, plan: Plan, out: { rows: Row[]; details: string[]; failures: string[] }): Promise<void> {
  const { n, warmup } = plan.inProcess
  const t0 = performance.now()
  const app = await openInProcess(ctx.root)
  try {
    ctx.log(`api: PGlite with migrations and demo data ready in ${ms(performance.now() - t0)}`)
    const run = randomBytes(3).toString('hex')
    const signIn = async (role: 'enterprise' | 'handler') => {
      const r = await app.call('accounts', 'demoSignIn', { role })
      if (!r.ok) throw new Error(`demoSignIn ${role}: ${r.error.message}`)
      return r.data
    }
    const enterprise = await signIn('enterprise')
    const handler = (await signIn('handler')).token
    const enterpriseId = enterprise.user.roles.find((g) => g.role === 'enterprise')?.scopeId
    if (!enterpriseId) throw new Error('the demo enterprise account has no enterprise')
    const total = n + warmup
    const people = await addEnterprisePeople(app.db, app.deps.tokens, `bench-ip-${run}`, BOOKERS, new Date())
    const sittings = await addSittings(app.db, { serviceId: `svc-bench-ip-${run}`, capacity: BOOKERS, count: Math.ceil(total / BOOKERS), now: new Date() })

    const refusals: string[] = []
    const expectOk = (what: string, r: Result<unknown>) => {
      if (!r.ok) refusals.push(`${what}: ${r.error.code} ${r.error.message}`)
      return r
    }
    const counters = { file: 0, book: 0 }
    const once = {
      nearby: () => app.call('stations', 'nearby', NEARBY_INPUT),
      inbox: () => app.call('problems', 'inbox', INBOX_INPUT, { token: handler }),
      book: () => {
        const k = counters.book++
        const { slotId, person } = booking(k, sittings, people)
        return app.call('bookings', 'book', { slotId }, { token: person.token, requestId: `bench-${run}-book-${k}` })
      },
      file: () => {
        const k = counters.file++
        return app.call('problems', 'file', filing(k, enterpriseId), { token: enterprise.token, requestId: `bench-${run}-file-${k}` })
      }
    } satisfies Record<Op, () => Promise<Result<unknown>>>
    for (let k = 0; k < INBOX_FILL; k++) {
      expectOk('filling the inbox', await app.call('problems', 'file', forTheInbox(k, enterpriseId), { token: enterprise.token, requestId: `bench-${run}-fill-${k}` }))
    }
    const sizes = {
      nearby: await once.nearby().then((r) => (r.ok ? r.data.length : NaN)),
      inbox: await once.inbox().then((r) => (r.ok ? r.data.length : NaN))
    }
    if (sizes.inbox !== INBOX_FILL) out.failures.push(`in process: the handler's inbox holds ${sizes.inbox} problems after ${INBOX_FILL} filings for it`)

    const base = summarize(await timeEach(plan.inProcess.selectOne, Math.ceil(plan.inProcess.selectOne / 10), () => app.db.query('SELECT 1')))
    const results = {} as Record<Op, Summary>
    // OPS lists the inbox before filing: the measured filings would otherwise grow it as it is timed
    for (const op of OPS) {
      results[op] = summarize(await timeEach(n, warmup, async () => expectOk(op, await once[op]())))
      ctx.log(`api: in process ${op}: p50 ${ms(results[op].p50)}, p99 ${ms(results[op].p99)}`)
    }
    const [{ confirmed }] = await app.db.query<{ confirmed: number }>(
      `SELECT count(*)::int AS confirmed FROM bookings WHERE status = 'confirmed' AND person_id = ANY($1::text[])`,
      [people.map((p) => p.personId)]
    )
    if (confirmed !== total) out.failures.push(`in process: ${confirmed} confirmed bookings stored for ${total} booking calls`)
    if (refusals.length) out.failures.push(`in process: ${refusals.length} calls not ok, first: ${refusals[0]}`)
    if (app.errors.length) out.failures.push(`in process: handlers logged ${app.errors.length} errors, first: ${app.errors[0]}`)

    for (const op of OPS) out.rows.push(...pairRows('In process (PGlite)', LABEL[op], results[op], 'SELECT 1 through the same Db', base, `n=${n} one after another, ${warmup} warm-up`))
    out.details.push(
      `**In process (PGlite).** The real handlers through \`dispatch()\` (input validation, token check and caller lookup, the handler, ` +
        `the transaction and \`request_log\` entry of idempotent actions) on an in-memory PGlite with the real migrations and the demo data, ` +
        `one call after another on the real clock. The baseline is \`SELECT 1\` through the same \`Db\` object: PGlite runs in the bench's own ` +
        `thread, so it is the cost of one query into the embedded engine, with no network. Calls: \`stations.nearby\` anonymous at ` +
        `${HERE.lat}, ${HERE.lng} (大良) with the station finder's own query (open now, 20 nearest; ${sizes.nearby} returned); ` +
        `\`problems.inbox\` \`{ view: 'open' }\` as the demo handler (区人社局), holding ${sizes.inbox} problems filed for it first (the demo data has none); ` +
        `\`bookings.book\` by ${BOOKERS} enterprise people over ${sittings.length} sittings of ${BOOKERS} places (every booking confirmed, a fresh requestId each); ` +
        `\`problems.file\` as the demo enterprise liaison, categories in turn, a fresh requestId each.`
    )
  } finally {
    await app.close()
  }
}

async function overHttp(ctx: SectionContext, plan: Plan, out: { rows: Row[]; details: string[]; failures: string[] }): Promise<void> {
  const p = plan.http
  const bench = await startBenchHost(ctx, 'api')
  try {
    const run = randomBytes(3).toString('hex')
    const people = await addEnterprisePeople(bench.db, bench.tokens, `bench-http-${run}`, BOOKERS, new Date())
    const bookings = p.amount.book + p.warmup
    const sittings = await addSittings(bench.db, { serviceId: `svc-bench-http-${run}`, capacity: BOOKERS, count: Math.ceil(bookings / BOOKERS) + 1, now: new Date() })
    const handler = await demoToken(bench.url, 'handler')

    const seq = summarize(await selectOneSequential(bench.databaseUrl, p.selectOne, Math.ceil(p.selectOne / 10)))
    const conc = await selectOneConcurrent(bench.databaseUrl, { connections: p.connections, total: p.selectOneConcurrent, warmup: 200 })
    const base = summarize(conc.samples)
    ctx.log(`api: SELECT 1 one at a time p50 ${ms(seq.p50)} p99 ${ms(seq.p99)}; ${p.connections} in flight p50 ${ms(base.p50)} p99 ${ms(base.p99)}`)

    const request: Record<HttpOp, (k: number) => ApiCall> = {
      health: () => ({ method: 'GET', path: '/api/health' }),
      nearby: () => ({ method: 'POST', path: '/api/stations', body: { action: 'nearby', input: NEARBY_INPUT } }),
      inbox: () => ({ method: 'POST', path: '/api/problems', body: { action: 'inbox', input: INBOX_INPUT }, token: handler }),
      book: (k) => {
        const { slotId, person } = booking(k, sittings, people)
        return { method: 'POST', path: '/api/bookings', body: { action: 'book', input: { slotId }, requestId: `bench-${run}-book-${k}` }, token: person.token }
      },
      file: (k) => {
        const person = people[k % people.length]
        return { method: 'POST', path: '/api/problems', body: { action: 'file', input: filing(k, person.enterpriseId), requestId: `bench-${run}-file-${k}` }, token: person.token }
      }
    }
    const check: Partial<Record<HttpOp, (data: unknown) => string | null>> = {
      book: (d) => ((d as { status?: string }).status === 'confirmed' ? null : `booking answered ${(d as { status?: string }).status}, expected confirmed`)
    }
    for (let k = 0; k < INBOX_FILL; k++) {
      const person = people[k % people.length]
      await postOk(bench.url, '/api/problems', { action: 'file', input: forTheInbox(k, person.enterpriseId), requestId: `bench-${run}-fill-${k}` }, person.token)
    }
    const inboxSize = ((await postOk(bench.url, '/api/problems', { action: 'inbox', input: INBOX_INPUT }, handler)) as unknown[]).length
    if (inboxSize !== INBOX_FILL) out.failures.push(`HTTP: the handler's inbox holds ${inboxSize} problems after ${INBOX_FILL} filings for it`)

    const results = {} as Record<HttpOp, LoadOutcome>
    const okAnswers: Record<HttpOp, number> = { health: 0, nearby: 0, inbox: 0, book: 0, file: 0 }
    for (const op of ['health', ...OPS] as HttpOp[]) {
      const load = (amount: number, from: number) => runLoad({ url: bench.url, connections: p.connections, amount, request: request[op], from, check: check[op] })
      const warm = await load(p.warmup, 0)
      const main = await load(p.amount[op], warm.next)
      for (const [phase, r] of [['warm-up', warm], ['measured', main]] as const) {
        okAnswers[op] += r.answers - r.non2xx - r.refused
        const unexpected = r.non2xx + r.refused + r.errors + r.timeouts
        if (unexpected || r.answers !== (phase === 'warm-up' ? p.warmup : p.amount[op])) {
          out.failures.push(
            `HTTP ${op} (${phase}): ${r.answers} answers for ${phase === 'warm-up' ? p.warmup : p.amount[op]} requests, ${r.non2xx} non-2xx, ` +
              `${r.refused} not ok, ${r.errors} connection errors, ${r.timeouts} timeouts; ${r.problems.join(' | ')}`
          )
        }
      }
      results[op] = main
      ctx.log(`api: HTTP ${op}: ${count(main.answers)} in ${ms(main.wallMs)} (${count(main.perSecond)}/s), p50 ${ms(main.latency.p50)}, p99 ${ms(main.latency.p99)}`)
    }

    // what the answers said, against the rows the database holds
    const ids = people.map((x) => x.personId)
    const [stored] = await bench.db.query<{ booked: number; filed: number }>(
      `SELECT (SELECT count(*)::int FROM bookings WHERE status = 'confirmed' AND person_id = ANY($1::text[])) AS booked,
              (SELECT count(*)::int FROM problems WHERE filed_by = ANY($1::text[])) AS filed`,
      [ids]
    )
    if (stored.booked !== okAnswers.book) out.failures.push(`HTTP: ${stored.booked} confirmed bookings stored, ${okAnswers.book} confirmed answers`)
    if (stored.filed !== okAnswers.file + INBOX_FILL) out.failures.push(`HTTP: ${stored.filed} problems stored, ${okAnswers.file} ok answers and ${INBOX_FILL} filed for the inbox`)

    const note = (op: HttpOp) => {
      const r = results[op]
      return `n=${r.answers}, ${p.connections} connections, ${count(r.perSecond)} req/s; autocannon's own (whole ms): p50 ${r.autocannon.p50} ms, p99 ${r.autocannon.p99} ms`
    }
    for (const op of OPS) out.rows.push(...pairRows('HTTP (PostgreSQL)', LABEL[op], results[op].latency, `SELECT 1, ${p.connections} in flight`, base, note(op)))
    out.rows.push(...pairRows('HTTP', 'GET /api/health (no database)', results.health.latency, `SELECT 1, ${p.connections} in flight`, base, note('health')))
    out.rows.push(
      ...pairRows('PostgreSQL', `SELECT 1, ${p.connections} in flight on a pool of ${p.connections}`, base, 'SELECT 1 one at a time, one client', seq, `n=${base.n}, ${count((base.n * 1000) / conc.wallMs)} queries/s`)
    )
    out.details.push(
      `**Over HTTP (PostgreSQL ${bench.server.version}).** The real host (\`cloudfunctions/local/main.ts\`, demo mode, its pool of 10) as a child ` +
        `process on a fresh database with the demo data, driven by autocannon on loopback: ${p.connections} keep-alive connections, one ` +
        `request in flight on each, a fixed number of requests per call after ${p.warmup} warm-up requests, every request built on the spot ` +
        `(its own requestId and caller). Latency is from autocannon writing the request to the answer's last byte, taken from its ` +
        `per-response event in fractional ms (its own histogram keeps whole ms; its figures are in the notes). Every answer must be ` +
        `2xx with \`ok: true\` (and every booking confirmed), and the database must hold exactly the bookings and problems answered. ` +
        `The same calls as in process, except that filings come from ${BOOKERS} enterprise people of different enterprises ` +
        `(the handler's inbox held the same ${inboxSize} problems filed for it). The baseline is \`SELECT 1\` with pg from the bench process on the ` +
        `same database, ${p.connections} in flight on a pool of ${p.connections}: the same concurrency, so it includes the same queueing ` +
        `for the 2 cores — but no HTTP, no JSON, no dispatch, no transaction. \`GET /api/health\` (answered before any database work) ` +
        `shows what HTTP and the host's event loop cost alone; the last row shows what the concurrency does to \`SELECT 1\` itself. ` +
        `Client, host and server share the machine's cores. Server settings: ${bench.server.settings}` +
        `${bench.server.startedHere ? ' (the bench\'s own scratch server: test data only, durability off)' : ''}.`
    )
  } finally {
    await bench.close()
  }
}

async function demoToken(url: string, role: 'handler'): Promise<string> {
  const r = await fetch(`${url}/api/accounts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'demoSignIn', input: { role } }) })
  const body = (await r.json()) as Result<{ token: string }>
  if (!body.ok) throw new Error(`demoSignIn ${role}: ${body.error.message}`)
  return body.data.token
}

async function postOk(url: string, path: string, body: unknown, token: string): Promise<unknown> {
  const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
  const answer = (await r.json()) as Result<unknown>
  if (!answer.ok) throw new Error(`${path}: ${answer.error.code} ${answer.error.message}`)
  return answer.data
}
