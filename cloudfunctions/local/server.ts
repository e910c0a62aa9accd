import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { HTTP_STATUS, fail, type Result } from '@contract'
import { dispatch } from '../app/dispatch'
import type { Deps, Identity } from '../app/context'
import { serveStatic } from './static'

export interface HostOptions {
  deps: Deps
  /** Directory of the H5 build; the host still answers the API without it. */
  staticDir?: string
  port: number
  host: string
  maxBodyBytes?: number
}

export interface RunningHost {
  url: string
  server: http.Server
  close(): Promise<void>
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer'
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

const sendResult = (res: http.ServerResponse, r: Result<unknown>) => send(res, r.ok ? 200 : HTTP_STATUS[r.error.code], r)

class TooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      // keep reading (and dropping) so the client gets our answer instead of a reset connection
      if (size > limit) return reject(new TooLarge())
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function identityOf(req: http.IncomingMessage): Identity {
  const auth = req.headers.authorization
  const m = typeof auth === 'string' ? /^Bearer\s+(\S+)$/i.exec(auth) : null
  return m ? { kind: 'token', token: m[1] } : { kind: 'none' }
}

/** The local and self-hosted host: the same handlers as the cloud functions at POST /api/<fn>, and the H5 build. */
export function startHost(opts: HostOptions): Promise<RunningHost> {
  const limit = opts.maxBodyBytes ?? 256 * 1024
  const server = http.createServer(async (req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v)
    const url = new URL(req.url ?? '/', 'http://host')
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, fail('VALIDATION', '不支持的请求方式'))
      return serveStatic(opts.staticDir, url.pathname, res)
    }
    const fn = url.pathname.slice('/api/'.length)
    if (fn === 'health' && req.method === 'GET') return send(res, 200, { ok: true })
    if (req.method !== 'POST') return send(res, 405, fail('VALIDATION', '接口只接受 POST 请求'))
    let body: unknown
    try {
      const text = await readBody(req, limit)
      body = text ? JSON.parse(text) : {}
    } catch (e) {
      if (e instanceof TooLarge) {
        res.setHeader('connection', 'close')
        return send(res, 413, fail('VALIDATION', '请求内容过大'))
      }
      return send(res, 400, fail('VALIDATION', '请求内容不是有效的 JSON'))
    }
    sendResult(res, await dispatch(opts.deps, fn, body, identityOf(req)))
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`,
        server,
        close: () => new Promise<void>((r) => server.close(() => r()))
      })
    })
  })
}
