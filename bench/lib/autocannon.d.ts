// autocannon ships no type declarations (and @types/autocannon is not installed): just the part of its
// programmatic API the bench uses, as documented in its README for v8.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  interface RequestParams {
    method?: string
    path?: string
    headers?: Record<string, string>
    body?: string | Buffer
  }

  interface Request extends RequestParams {
    /** Called before each request is written; what it returns is sent (a falsy answer restarts the sequence). */
    setupRequest?: (req: RequestParams, context: Record<string, unknown>) => RequestParams
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string | string[]>) => void
  }

  interface Options {
    url: string
    connections?: number
    pipelining?: number
    duration?: number
    amount?: number
    timeout?: number
    /** ms between its samples of req/s; a run with `amount` only ends on such a tick (default 1000). */
    sampleInt?: number
    method?: string
    headers?: Record<string, string>
    body?: string
    requests?: Request[]
    /** Whether autocannon prints its own table (programmatic runs: no). */
    renderResultsTable?: boolean
    renderProgressBar?: boolean
  }

  interface Histogram {
    average: number
    mean: number
    stddev: number
    min: number
    max: number
    p50: number
    p90: number
    p97_5: number
    p99: number
    totalCount?: number
  }

  interface Result {
    duration: number
    errors: number
    timeouts: number
    mismatches: number
    non2xx: number
    resets: number
    '2xx': number
    '4xx': number
    '5xx': number
    latency: Histogram
    requests: Histogram & { total: number; sent: number }
  }

  interface Instance extends EventEmitter {
    /** 'response': (client, statusCode, resBytes, responseTime in fractional ms) for every answer. */
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this
    on(event: string, listener: (...args: unknown[]) => void): this
    stop(): void
  }

  function autocannon(opts: Options, cb: (err: Error | null, result: Result) => void): Instance

  namespace autocannon {
    export type { Options, Request, RequestParams, Result, Histogram, Instance }
  }

  export default autocannon
}
