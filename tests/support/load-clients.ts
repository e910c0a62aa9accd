// Many clients filing problems against a running host over loopback, the way the mini program does:
// each request carries its own requestId, and a request whose answer never came is sent again with
// the same requestId until it is acknowledged. Used by tests/db/load.test.ts and faults.test.ts.
import pg from 'pg'
import { FILING_CATEGORY_IDS } from '@contract'
import { hmacTokens } from '../../cloudfunctions/app/auth/tokens'
import { post } from './host-process'

export interface FilingClient {
  personId: string
  enterpriseId: string
  token: string
}

export interface Ack {
  id: string
  number: string
}

export interface LoadReport {
  /** requestId → the problem its (first) acknowledgement named. */
  acked: Map<string, Ack>
  /** HTTP requests sent, retries and re-sends included. */
  requests: number
  /** Requests that got no answer (connection refused or cut, timeout) and were sent again. */
  networkErrors: number
  /** Answers with a 5xx status (also sent again). */
  serverErrors: number
  /** requestIds whose first try got no answer, with when it failed. */
  unansweredFirst: Map<string, Date>
  /** Re-sends and simultaneous duplicates, each compared with the first answer. */
  resent: number
  /** Answers that are not acceptable: 4xx, a re-send naming another problem, giving up at the deadline. */
  failures: string[]
  ms: number
}

export interface LoadOptions {
  url: string
  clients: FilingClient[]
  perClient: number
  /** Prefix of every requestId (unique per run). */
  run: string
  /** Every n-th request is sent again once its answer has come (a client that lost the answer). */
  resendEvery: number
  /** Every n-th request is sent twice at the same moment (a retry while the first is still in flight). */
  doubleEvery: number
  /** Give up retrying after this time (the test fails with the requests left). */
  deadlineMs: number
  /** Called after each acknowledgement (the fault test kills the host at a given count). */
  onAck?: (count: number) => void
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const requestIdOf = (run: string, client: number, i: number) => `${run}-${client}-${i}`

/** Creates enterprise staff people (one per client, spread over the seeded enterprises) with session tokens the host accepts. */
export async function makeClients(databaseUrl: string, sessionSecret: string, run: string, count: number): Promise<FilingClient[]> {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const enterprises = (await db.query<{ id: string }>('SELECT id FROM enterprises ORDER BY id')).rows.map((r) => r.id)
    const tokens = hmacTokens(sessionSecret)
    const out: FilingClient[] = []
    for (let c = 0; c < count; c++) {
      const personId = `p-${run}-${c}`
      const enterpriseId = enterprises[c % enterprises.length]
      await db.query('INSERT INTO people (id, name) VALUES ($1, $2)', [personId, `负载测试联络员${c}`])
      await db.query(`INSERT INTO person_roles (person_id, role, scope_id) VALUES ($1, 'enterprise', $2)`, [personId, enterpriseId])
      out.push({ personId, enterpriseId, token: tokens.issue(personId, new Date()) })
    }
    return out
  } finally {
    await db.end()
  }
}

/** Runs the clients to the end: every request acknowledged, refused, or the deadline passed. */
export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const started = Date.now()
  const deadline = started + o.deadlineMs
  const report: LoadReport = {
    acked: new Map(),
    requests: 0,
    networkErrors: 0,
    serverErrors: 0,
    unansweredFirst: new Map(),
    resent: 0,
    failures: [],
    ms: 0
  }

  /** One request sent until it is answered; the answer's problem, or null when refused or out of time. */
  const fileOnce = async (client: FilingClient, requestId: string, input: unknown): Promise<Ack | null> => {
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > deadline) {
        report.failures.push(`${requestId}: not acknowledged before the deadline`)
        return null
      }
      report.requests++
      try {
        const r = await post(o.url, 'problems', { action: 'file', input, requestId }, client.token, AbortSignal.timeout(30_000))
        if (r.status >= 500) {
          report.serverErrors++
        } else if (r.body.ok) {
          const data = r.body.data as Ack
          return { id: data.id, number: data.number }
        } else {
          report.failures.push(`${requestId}: ${r.status} ${r.body.error?.code} ${r.body.error?.message}`)
          return null
        }
      } catch {
        report.networkErrors++
        if (!report.unansweredFirst.has(requestId)) report.unansweredFirst.set(requestId, new Date())
      }
      await sleep(Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random()))
    }
  }

  const runClient = async (client: FilingClient, c: number) => {
    for (let i = 0; i < o.perClient; i++) {
      const requestId = requestIdOf(o.run, c, i)
      const input = {
        title: `负载测试诉求 ${c}-${i}`,
        content: `第 ${c} 个客户端的第 ${i} 条诉求：许多企业同时提交时，每条只存一次、编号唯一。`,
        category: FILING_CATEGORY_IDS[(c + i) % FILING_CATEGORY_IDS.length],
        enterpriseId: client.enterpriseId
      }
      const double = i % o.doubleEvery === o.doubleEvery - 1
      const answers = await Promise.all(double ? [fileOnce(client, requestId, input), fileOnce(client, requestId, input)] : [fileOnce(client, requestId, input)])
      if (double) report.resent++
      const first = answers[0]
      if (!first || answers.some((a) => !a)) continue
      if (answers.some((a) => a?.id !== first.id)) report.failures.push(`${requestId}: simultaneous duplicates answered ${answers.map((a) => a?.id).join(' ≠ ')}`)
      report.acked.set(requestId, first)
      o.onAck?.(report.acked.size)
      if (i % o.resendEvery === 0) {
        // the answer was "lost": the client sends the same request again
        report.resent++
        const again = await fileOnce(client, requestId, input)
        if (again && again.id !== first.id) report.failures.push(`${requestId}: re-send answered ${again.id}, first ${first.id}`)
      }
    }
  }

  await Promise.all(o.clients.map((client, c) => runClient(client, c)))
  report.ms = Date.now() - started
  return report
}

export interface StoredCheck {
  /** request_log rows of these clients' filings. */
  logged: number
  /** Distinct problems the request_log rows name (a row without an answer counts as none). */
  loggedProblems: number
  /** Problems these clients filed. */
  stored: number
  distinctNumbers: number
  /** requestIds whose logged answer names a different problem than the client was told. */
  mismatched: string[]
  /** Acknowledged problem ids not in the problems table. */
  missing: string[]
  /** Problems no acknowledged request names (a duplicate, or a filing nobody was told about). */
  unacknowledged: string[]
  /** Problems without their opening history, or whose version is not their last event. */
  incomplete: number
  /** Per Shanghai day, the sequence numbers of these problems are one run without holes. */
  gapless: boolean
}

/** What the database holds for these clients, compared with what they were told. */
export async function checkStored(databaseUrl: string, o: { clients: FilingClient[]; run: string; since: Date; acked: Map<string, Ack> }): Promise<StoredCheck> {
  const { clients, run, since, acked } = o
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const people = clients.map((c) => c.personId)
    const log = (
      await db.query<{ request_id: string; id: string | null }>(
        `SELECT request_id, response->>'id' AS id FROM request_log
          WHERE fn = 'problems' AND action = 'file' AND caller = ANY($1::text[]) AND starts_with(request_id, $2)`,
        [people, `${run}-`]
      )
    ).rows
    // the demo enterprise person has seeded problems too: only those filed since the run started count
    const problems = (
      await db.query<{ id: string; number: string }>('SELECT id, number FROM problems WHERE filed_by = ANY($1::text[]) AND created_at >= $2', [people, since])
    ).rows
    const [{ n: incomplete }] = (
      await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM problems p
          WHERE p.filed_by = ANY($1::text[]) AND p.created_at >= $2
            AND p.version IS DISTINCT FROM (SELECT max(seq) FROM problem_events e WHERE e.problem_id = p.id)`,
        [people, since]
      )
    ).rows
    const ackedIds = new Set([...acked.values()].map((a) => a.id))
    const storedIds = new Set(problems.map((p) => p.id))
    const mismatched = log.filter((r) => acked.has(r.request_id) && acked.get(r.request_id)?.id !== r.id).map((r) => r.request_id)
    const byDay = new Map<string, number[]>()
    for (const p of problems) {
      const [day, seq] = p.number.split('-')
      const seqs = byDay.get(day) ?? []
      seqs.push(Number(seq))
      byDay.set(day, seqs)
    }
    const gapless = [...byDay.values()].every((seqs) => seqs.reduce((a, b) => Math.max(a, b)) - seqs.reduce((a, b) => Math.min(a, b)) + 1 === seqs.length)
    return {
      logged: log.length,
      loggedProblems: new Set(log.map((r) => r.id).filter(Boolean)).size,
      stored: problems.length,
      distinctNumbers: new Set(problems.map((p) => p.number)).size,
      mismatched,
      missing: [...ackedIds].filter((id) => !storedIds.has(id)),
      unacknowledged: [...storedIds].filter((id) => !ackedIds.has(id)),
      incomplete,
      gapless
    }
  } finally {
    await db.end()
  }
}
