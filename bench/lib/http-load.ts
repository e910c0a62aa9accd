// autocannon against the host, one operation at a time, each request built on the spot so that it can
// carry its own requestId, body and caller. Latencies are taken from autocannon's per-response event,
// which has fractional milliseconds: its own histogram records whole milliseconds (lowest discernible
// value 1), too coarse for a loopback request of a few ms, so its p50/p99 are kept only as a cross-check.
import autocannon from 'autocannon'
import type { Summary } from './stats'
import { summarize } from './stats'

export interface ApiCall {
  method: 'GET' | 'POST'
  path: string
  body?: unknown
  token?: string
}

export interface LoadSpec {
  url: string
  connections: number
  amount: number
  /** The k-th request of the run (k counts from `from`): what to send. */
  request: (k: number) => ApiCall
  from?: number
  /** Given the data of an ok answer, a reason it is not the expected one (e.g. a waitlisted booking), or null. */
  check?: (data: unknown) => string | null
}

export interface LoadOutcome {
  latency: Summary
  /** autocannon's own histogram (whole ms), for comparison. */
  autocannon: { p50: number; p99: number }
  /** From starting autocannon (connections included) to the last answer. */
  wallMs: number
  perSecond: number
  /** Requests built; the next run's `from`. */
  next: number
  answers: number
  non2xx: number
  errors: number
  timeouts: number
  /** 2xx answers that were not `ok: true` or failed `check`. */
  refused: number
  /** The first few unexpected answers, for the report. */
  problems: string[]
}

export function runLoad(spec: LoadSpec): Promise<LoadOutcome> {
  let k = spec.from ?? 0
  const samples: number[] = []
  let refused = 0
  let lastAnswer = Number.NaN
  const problems: string[] = []
  const note = (s: string) => {
    if (problems.length < 5) problems.push(s)
  }
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        amount: spec.amount,
        timeout: 30,
        // a run with `amount` notices it is done only on its next sample tick: 1 s of idling by default
        sampleInt: 100,
        renderProgressBar: false,
        renderResultsTable: false,
        requests: [
          {
            setupRequest: (req) => {
              const call = spec.request(k++)
              const headers: Record<string, string> = { ...req.headers }
              if (call.token) headers.authorization = `Bearer ${call.token}`
              if (call.body !== undefined) headers['content-type'] = 'application/json'
              return { ...req, method: call.method, path: call.path, headers, body: call.body === undefined ? undefined : JSON.stringify(call.body) }
            },
            onResponse: (status, body) => {
              if (status < 200 || status >= 300) return note(`${status}: ${body.slice(0, 200)}`)
              let answer: { ok?: unknown; data?: unknown; error?: { code?: string; message?: string } }
              try {
                answer = JSON.parse(body) as typeof answer
              } catch {
                refused++
                return note(`${status}: not JSON: ${body.slice(0, 200)}`)
              }
              if (answer.ok !== true) {
                refused++
                return note(`${status}: ${answer.error?.code} ${answer.error?.message}`)
              }
              const wrong = spec.check?.(answer.data) ?? null
              if (wrong) {
                refused++
                note(wrong)
              }
            }
          }
        ]
      },
      (err, result) => {
        if (err) return reject(err)
        // from the start to the last answer, not to autocannon's last tick
        const wallMs = lastAnswer - t0
        resolve({
          latency: summarize(samples),
          autocannon: { p50: result.latency.p50, p99: result.latency.p99 },
          wallMs,
          perSecond: (samples.length * 1000) / wallMs,
          next: k,
          answers: samples.length,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          refused,
          problems
        })
      }
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      samples.push(responseTime)
      lastAnswer = performance.now()
    })
  })
}
