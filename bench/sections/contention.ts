import { randomBytes } from 'node:crypto'
import { addEnterprisePeople, addSittings, type BenchPerson } from '../lib/bench-fixtures'
import { burst, burstAgent, openSockets, type BurstAnswer } from '../lib/http-burst'
import { startBenchHost, type BenchHost } from '../lib/host-on-postgres'
import type { Row, Section } from '../lib/report-types'
import { count, ms, percentile, ratio, summarize, type Summary } from '../lib/stats'

// Issue #7: 500 people press 预约 at the same moment for a sitting with 10 places. Exactly 10 may be
// confirmed (the slot row is locked while counting and inserting: docs/stations.md), the rest wait in
// line; how long does that take them, beside the same 500 requests that share no sitting?

const PLACES = 10

interface Plan {
  people: number
  rounds: number
  warmup: number
}
const FULL: Plan = { people: 500, rounds: 3, warmup: 200 }
const QUICK: Plan = { people: 200, rounds: 1, warmup: 50 }

type Variant = 'contended' | 'shared' | 'own'
const VARIANT: Record<Variant, string> = {
  contended: `one sitting of ${PLACES} places`,
  shared: 'one sitting with a place for everyone',
  own: 'a sitting each'
}

interface Burst {
  answers: BurstAnswer[]
  wallMs: number
  slotIds: string[]
}

export const contention: Section = {
  id: 'contention',
  title: 'Booking contention',
  run: async (ctx) => {
    const plan = ctx.quick ? QUICK : FULL
    const failures: string[] = []
    const bench = await startBenchHost(ctx, 'contention')
    const agent = burstAgent(plan.people)
    try {
      const run = randomBytes(3).toString('hex')
      const people = await addEnterprisePeople(bench.db, bench.tokens, `bench-c-${run}`, plan.people, new Date())
      let services = 0
      /** Fresh sittings for one burst, under a new service so that their times never collide with earlier ones. */
      const sittings = (variant: Variant | 'warm-up') =>
        variant === 'contended'
          ? addSittings(bench.db, { serviceId: `svc-bench-c-${run}-${services++}`, capacity: PLACES, count: 1, now: new Date() })
          : variant === 'shared'
            ? addSittings(bench.db, { serviceId: `svc-bench-c-${run}-${services++}`, capacity: plan.people, count: 1, now: new Date() })
            : addSittings(bench.db, { serviceId: `svc-bench-c-${run}-${services++}`, capacity: PLACES, count: plan.people, now: new Date() })
      const fire = async (variant: Variant | 'warm-up', who: BenchPerson[]): Promise<Burst> => {
        const slotIds = await sittings(variant)
        await openSockets(agent, bench.url, who.length)
        const calls = who.map((p, i) => ({
          method: 'POST' as const,
          path: '/api/bookings',
          body: { action: 'book', input: { slotId: slotIds[i % slotIds.length] }, requestId: `bench-${run}-${services}-${i}` },
          token: p.token
        }))
        const { answers, wallMs } = await burst(agent, bench.url, calls)
        return { answers, wallMs, slotIds }
      }

      // the host's first bookings compile its code paths and fill its pool: not part of any figure
      await fire('warm-up', people.slice(0, plan.warmup))
      const rounds: Record<Variant, Burst[]> = { contended: [], shared: [], own: [] }
      for (let r = 0; r < plan.rounds; r++) {
        // in turn within each round, so that a busier moment of the machine falls on all three alike
        for (const variant of ['own', 'contended', 'shared'] as const) {
          const b = await fire(variant, people)
          rounds[variant].push(b)
          failures.push(...(await verify(bench, variant, b, plan.people).then((f) => f.map((x) => `round ${r + 1}, ${VARIANT[variant]}: ${x}`))))
          const s = summarize(b.answers.map((a) => a.ms))
          ctx.log(`contention: round ${r + 1} ${variant}: wall ${ms(b.wallMs)}, p50 ${ms(s.p50)}, p99 ${ms(s.p99)}`)
        }
      }

      const latency = (v: Variant) => summarize(rounds[v].flatMap((b) => b.answers.map((a) => a.ms)))
      const wall = (v: Variant) => percentile([...rounds[v].map((b) => b.wallMs)].sort((a, b) => a - b), 50)
      const walls = (v: Variant) => rounds[v].map((b) => ms(b.wallMs)).join(', ')
      const statuses = (v: Variant, status: string) => rounds[v].map((b) => b.answers.filter((a) => a.body?.ok && (a.body.data as { status?: string }).status === status).length)
      const refusedAll = (v: Variant) => rounds[v].map((b) => b.answers.filter((a) => !a.body?.ok).length)
      const lat: Record<Variant, Summary> = { contended: latency('contended'), shared: latency('shared'), own: latency('own') }
      const confirmed = statuses('contended', 'confirmed')
      const waitlisted = statuses('contended', 'waitlisted')
      const refused = refusedAll('contended')
      const n = plan.people
      const rows: Row[] = [
        {
          figure: `Confirmed of ${n} simultaneous requests for ${PLACES} places`,
          value: confirmed.join(', '),
          baseline: 'places in the sitting',
          baselineValue: String(PLACES),
          ratio: ratio(Math.max(...confirmed), PLACES),
          note: `per round; answers and rows must both be exactly ${PLACES}`
        },
        {
          figure: 'Waitlisted',
          value: waitlisted.join(', '),
          baseline: 'requests − places',
          baselineValue: String(n - PLACES),
          ratio: ratio(Math.min(...waitlisted), n - PLACES),
          note: `per round; refused: ${refused.join(', ')}; waitlist positions 1…${n - PLACES} each once`
        }
      ]
      for (const p of ['p50', 'p99'] as const) {
        rows.push({
          figure: `Latency, ${VARIANT.contended} · ${p}`,
          value: ms(lat.contended[p]),
          baseline: `same ${n} requests, ${VARIANT.own} · ${p}`,
          baselineValue: ms(lat.own[p]),
          ratio: ratio(lat.contended[p], lat.own[p]),
          note: `n=${lat.contended.n} (${plan.rounds} round${plan.rounds > 1 ? 's' : ''} of ${n})`
        })
      }
      rows.push({
        figure: `Wall time of the burst, ${VARIANT.contended}`,
        value: ms(wall('contended')),
        baseline: `same ${n} requests, ${VARIANT.own}`,
        baselineValue: ms(wall('own')),
        ratio: ratio(wall('contended'), wall('own')),
        note: `median of rounds: ${walls('contended')} vs ${walls('own')}; ${count((n * 1000) / wall('contended'))} vs ${count((n * 1000) / wall('own'))} bookings/s`
      })
      for (const p of ['p50', 'p99'] as const) {
        rows.push({
          figure: `Latency, ${VARIANT.shared} (all confirmed) · ${p}`,
          value: ms(lat.shared[p]),
          baseline: `same ${n} requests, ${VARIANT.own} · ${p}`,
          baselineValue: ms(lat.own[p]),
          ratio: ratio(lat.shared[p], lat.own[p]),
          note: p === 'p50' ? `the same lock queue without the waitlist; wall ${walls('shared')}` : `n=${lat.shared.n}`
        })
      }
      const details = [
        `The real host over HTTP on PostgreSQL ${bench.server.version} (demo mode, its pool of 10 connections), on a fresh database with the ` +
          `demo data and ${n} enterprise people added. Each round ${n} people each send one \`bookings.book\` (with its own requestId) at ` +
          `the same moment, each on its own already-open keep-alive socket (opened by as many \`GET /api/health\` just before, so no TCP ` +
          `connect is timed). Latency is from a request's write to its answer's last byte; wall time from the first write to the last answer. ` +
          `A warm-up burst of ${plan.warmup} on sittings of their own comes first.`,
        `**Contended:** one new sitting with ${PLACES} places per round. Checked every round, from the answers and again from the rows: ` +
          `exactly ${PLACES} confirmed, the rest waitlisted with positions 1…${n - PLACES} each once, every answer ok or a typed refusal ` +
          `(none expected: no booking rule refuses these people), and the booking ids answered are the rows stored.`,
        `**Baseline — ${VARIANT.own}:** the same ${n} people and requests, each booking a new sitting of its own with places to spare, ` +
          `all confirmed. Chosen because it differs from the contended burst only in that no two transactions want the same slot row: ` +
          `the same HTTP, dispatch, pool queue and inserts, so the ratio is what waiting on one row lock (and counting a growing sitting) costs.`,
        `**One sitting with a place for everyone** (capacity ${n}) is shown too: the same single lock queue where everyone is confirmed, ` +
          `which separates the cost of the queue from that of the waitlist. The three bursts alternate within each round. Server settings: ${bench.server.settings}` +
          `${bench.server.startedHere ? " (the bench's own scratch server: test data only, durability off)" : ''}.`
      ]
      return { id: 'contention', title: 'Booking contention', rows, details, failures }
    } finally {
      agent.destroy()
      await bench.close()
    }
  }
}

/** What the answers say against what the database holds, for one burst. */
async function verify(bench: BenchHost, variant: Variant, b: Burst, n: number): Promise<string[]> {
  const out: string[] = []
  const untyped = b.answers.filter((a) => !a.body || (!a.body.ok && !a.body.error?.code))
  if (untyped.length) out.push(`${untyped.length} answers without a typed result, first: ${untyped[0].error ?? `HTTP ${untyped[0].status}`}`)
  const internal = b.answers.filter((a) => a.body && !a.body.ok && a.body.error?.code === 'INTERNAL')
  if (internal.length) out.push(`${internal.length} INTERNAL errors`)
  const ok = b.answers.filter((a) => a.body?.ok).map((a) => a.body?.data as { id: string; status: string; waitlistPosition: number | null })
  const refused = b.answers.filter((a) => a.body && !a.body.ok)
  const confirmed = ok.filter((x) => x.status === 'confirmed').length
  const waitlisted = ok.filter((x) => x.status === 'waitlisted')
  if (confirmed + waitlisted.length + refused.length !== n) out.push(`${confirmed} confirmed + ${waitlisted.length} waitlisted + ${refused.length} refused ≠ ${n}`)
  const expectConfirmed = variant === 'contended' ? PLACES : n - refused.length
  if (confirmed !== expectConfirmed) out.push(`${confirmed} confirmed answers, expected ${expectConfirmed}`)
  if (variant === 'contended') {
    const positions = new Set(waitlisted.map((x) => x.waitlistPosition))
    const line = waitlisted.length
    if (positions.size !== line || ![...positions].every((p) => p !== null && p >= 1 && p <= line)) out.push(`waitlist positions are not 1…${line} each once`)
  }
  const rows = await bench.db.query<{ id: string; status: string }>('SELECT id, status FROM bookings WHERE slot_id = ANY($1::text[])', [b.slotIds])
  const stored = (s: string) => rows.filter((r) => r.status === s).length
  if (stored('confirmed') !== confirmed || stored('waitlisted') !== waitlisted.length || rows.length !== ok.length) {
    out.push(`rows: ${stored('confirmed')} confirmed, ${stored('waitlisted')} waitlisted, ${rows.length} in all; answers: ${confirmed}, ${waitlisted.length}, ${ok.length}`)
  }
  const answered = new Set(ok.map((x) => x.id))
  if (rows.some((r) => !answered.has(r.id))) out.push('rows stored that no answer names')
  return out
}
