// Many requests to the host at the same moment, each sent once on its own keep-alive socket: the shape of
// "everybody presses 预约 when the sitting opens". autocannon repeats requests per connection, which is
// the wrong shape for this, so plain http with an agent that holds one socket per request.
import http from 'node:http'
import type { ApiCall } from './http-load'

export interface BurstAnswer {
  /** From this request's write to its answer's last byte. */
  ms: number
  status: number
  /** The parsed JSON answer, or null when there was none (network error, not JSON). */
  body: { ok: boolean; data?: unknown; error?: { code?: string; message?: string } } | null
  error?: string
}

/** An agent that keeps `sockets` connections open between bursts (Node keeps 256 free ones by default). */
export const burstAgent = (sockets: number): http.Agent => new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets })

export async function burst(agent: http.Agent, url: string, calls: ApiCall[]): Promise<{ answers: BurstAnswer[]; wallMs: number }> {
  const { hostname, port } = new URL(url)
  const t0 = performance.now()
  const answers = await Promise.all(
    calls.map(
      (call) =>
        new Promise<BurstAnswer>((resolve) => {
          const payload = call.body === undefined ? undefined : JSON.stringify(call.body)
          const headers: Record<string, string> = {}
          if (payload !== undefined) {
            headers['content-type'] = 'application/json'
            headers['content-length'] = String(Buffer.byteLength(payload))
          }
          if (call.token) headers.authorization = `Bearer ${call.token}`
          const started = performance.now()
          const req = http.request({ agent, hostname, port, method: call.method, path: call.path, headers, timeout: 60_000 }, (res) => {
            const chunks: Buffer[] = []
            res.on('data', (c: Buffer) => chunks.push(c))
            res.on('end', () => {
              const elapsed = performance.now() - started
              let body: BurstAnswer['body'] = null
              try {
                body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BurstAnswer['body']
              } catch {
                body = null
              }
              resolve({ ms: elapsed, status: res.statusCode ?? 0, body })
            })
            res.on('error', (e) => resolve({ ms: performance.now() - started, status: res.statusCode ?? 0, body: null, error: e.message }))
          })
          req.on('timeout', () => req.destroy(new Error('no answer within 60 s')))
          req.on('error', (e) => resolve({ ms: performance.now() - started, status: 0, body: null, error: e.message }))
          req.end(payload)
        })
    )
  )
  return { answers, wallMs: performance.now() - t0 }
}

/** Opens (or checks) `n` sockets to the host with as many GET /api/health at once, so a burst after it does not time TCP connects. */
export async function openSockets(agent: http.Agent, url: string, n: number): Promise<void> {
  const { answers } = await burst(agent, url, Array.from({ length: n }, () => ({ method: 'GET' as const, path: '/api/health' })))
  const bad = answers.filter((a) => a.status !== 200)
  if (bad.length) throw new Error(`${bad.length} of ${n} health checks failed: ${bad[0].error ?? bad[0].status}`)
}
