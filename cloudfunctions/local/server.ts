import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { HTTP_STATUS, fail, type Result } from '@contract'
import { dispatch } from '../app/dispatch'
import type { Deps, Identity } from '../app/context'
import { serveStatic } from './static'
import type { LocalPhotoStore } from './photo-store'

export interface HostOptions {
  deps: Deps
  /** Directory of the H5 build; the host still answers the API without it. */
  staticDir?: string
  port: number
  host: string
  maxBodyBytes?: number
  /** Serves GET /api/files/<id> for photos kept under the data directory. */
  photos?: LocalPhotoStore
  /** Origins (`https://admin.example.cn`) whose pages may call the API besides the host's own; see config.ts. */
  allowedOrigins?: readonly string[]
}

/** JSON bodies of every function but the two that carry files: the largest real request (a 2000-character problem) is far below. */
export const JSON_BODY_BYTES = 256 * 1024
// a photo (3 MB) or an import spreadsheet (2 MB) travels as base64 inside JSON: about 4 MB of request
export const UPLOAD_BODY_BYTES = 4.5 * 1024 * 1024
/** The functions whose requests carry a file: `files` (photos) and `admin` (spreadsheet imports). */
const CARRIES_FILES: ReadonlySet<string> = new Set(['files', 'admin'])

export interface RunningHost {
  url: string
  server: http.Server
  close(): Promise<void>
}

/** Sent with every answer, API or page (see docs/security.md). */
const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'geolocation=(self), camera=(), microphone=(), payment=(), usb=()'
}

/**
 * The Content-Security-Policy the H5 build runs under: its own scripts (plus the hashes of the inline
 * scripts Taro writes into index.html), inline styles (Taro and React set style attributes), photos and
 * QR codes as data:/blob: images, picked photos read back through fetch(blob:), nothing framed, no plugins.
 */
export function contentSecurityPolicy(inlineScriptHashes: readonly string[] = []): string {
  return [
    "default-src 'self'",
    `script-src 'self'${inlineScriptHashes.map((h) => ` '${h}'`).join('')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' blob:",
    "media-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/** sha256 hashes of the inline scripts of an index.html, in CSP form. */
export function inlineScriptHashes(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    if (/\bsrc\s*=/i.test(m[1]) || !m[2]) continue
    out.push(`sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}`)
  }
  return out
}

/** The policy for the build in staticDir, read again whenever its index.html changes (a rebuild). */
function policyOf(staticDir: string | undefined): () => string {
  const none = contentSecurityPolicy()
  if (!staticDir) return () => none
  const index = path.join(staticDir, 'index.html')
  let seen = -1
  let policy = none
  return () => {
    let mtime = 0
    try {
      mtime = fs.statSync(index).mtimeMs
    } catch {
      return none
    }
    if (mtime !== seen) {
      seen = mtime
      policy = contentSecurityPolicy(inlineScriptHashes(fs.readFileSync(index, 'utf8')))
    }
    return policy
  }
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers })
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

/** host[:port] as compared: lower case, without the port a scheme implies. */
const authority = (hostPort: string) => hostPort.toLowerCase().replace(/:(80|443)$/, '')

/**
 * Where a request comes from, by its Origin header (browsers send it on every cross-origin request and on
 * every POST): `none` (no Origin: curl, the mini program, a same-origin GET), `same` (a page of this host:
 * the Origin names the Host the request was sent to, or the browser itself says same-origin), `allowed`
 * (listed in ALLOWED_ORIGINS) or `refused`. 127.0.0.1 and localhost are different origins, as for browsers.
 */
export function originOf(req: http.IncomingMessage, allowed: ReadonlySet<string>): 'none' | 'same' | 'allowed' | 'refused' {
  const origin = req.headers.origin
  if (origin === undefined) return 'none'
  let url: URL | null = null
  try {
    url = origin === 'null' ? null : new URL(origin)
  } catch {
    url = null
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return 'refused'
  if (allowed.has(url.origin)) return 'allowed'
  // a header no page script can set: the browser vouches for the page being ours (e.g. behind a proxy that rewrites Host)
  if (req.headers['sec-fetch-site'] === 'same-origin') return 'same'
  const host = req.headers.host
  return host && authority(url.host) === authority(host) ? 'same' : 'refused'
}

const CORS_METHODS = 'GET, POST, OPTIONS'
const CORS_HEADERS = 'authorization, content-type'

/** The local and self-hosted host: the same handlers as the cloud functions at POST /api/<fn>, and the H5 build. */
export function startHost(opts: HostOptions): Promise<RunningHost> {
  const limit = opts.maxBodyBytes ?? JSON_BODY_BYTES
  const allowed = new Set(opts.allowedOrigins ?? [])
  const policy = policyOf(opts.staticDir)

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v)
    res.setHeader('content-security-policy', policy())
    res.setHeader('vary', 'Origin')
    const from = originOf(req, allowed)
    if (from === 'refused') return send(res, 403, fail('FORBIDDEN', '该网页来源未获允许，不能访问本服务'))
    if (from === 'allowed') res.setHeader('access-control-allow-origin', String(req.headers.origin))

    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://host')
    } catch {
      return send(res, 400, fail('VALIDATION', '请求地址不正确'))
    }
    if (req.method === 'OPTIONS') {
      // a preflight: only an allowed origin gets the CORS answer; the browser then refuses the rest itself
      const cors: http.OutgoingHttpHeaders =
        from === 'allowed' ? { 'access-control-allow-methods': CORS_METHODS, 'access-control-allow-headers': CORS_HEADERS, 'access-control-max-age': '600' } : {}
      res.writeHead(204, { allow: 'GET, HEAD, POST, OPTIONS', ...cors })
      return void res.end()
    }
    if (!url.pathname.startsWith('/api/')) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, fail('VALIDATION', '不支持的请求方式'), { allow: 'GET, HEAD' })
      return serveStatic(opts.staticDir, url.pathname, res)
    }
    const fn = url.pathname.slice('/api/'.length)
    if (fn === 'health' && req.method === 'GET') return send(res, 200, { ok: true })
    if (fn.startsWith('files/') && req.method === 'GET') {
      let id: string
      try {
        id = decodeURIComponent(fn.slice('files/'.length))
      } catch {
        return send(res, 404, fail('NOT_FOUND', '图片不存在'))
      }
      return servePhoto(opts, id, url, res)
    }
    if (req.method !== 'POST') return send(res, 405, fail('VALIDATION', '接口只接受 POST 请求'), { allow: 'POST' })
    let body: unknown
    try {
      const text = await readBody(req, CARRIES_FILES.has(fn) ? Math.max(limit, UPLOAD_BODY_BYTES) : limit)
      body = text ? JSON.parse(text) : {}
    } catch (e) {
      if (e instanceof TooLarge) {
        res.setHeader('connection', 'close')
        return send(res, 413, fail('VALIDATION', '请求内容过大'))
      }
      return send(res, 400, fail('VALIDATION', '请求内容不是有效的 JSON'))
    }
    sendResult(res, await dispatch(opts.deps, fn, body, identityOf(req)))
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      // never let one request take the host down; the details stay in the log
      opts.deps.log(`${req.method ?? ''} ${req.url ?? ''} failed`, e)
      if (!res.headersSent) send(res, 500, fail('INTERNAL', '服务器开小差了，请稍后再试'))
      else res.destroy()
    })
  })
  // slow clients: headers within 30 s, the whole request (a 4.5 MB photo on a weak phone signal) within 2 min
  server.headersTimeout = 30_000
  server.requestTimeout = 120_000
  // requests Node cannot even parse (bad request line, header too large): a short JSON answer, not a bare 400
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) return void socket.destroy()
    const [status, reason] =
      err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large'] : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout'] : [400, 'Bad Request']
    const text = JSON.stringify(fail('VALIDATION', status === 408 ? '请求超时' : status === 431 ? '请求头过大' : '请求格式不正确'))
    const headers = { ...SECURITY_HEADERS, 'content-security-policy': policy(), 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), connection: 'close' }
    socket.end(`HTTP/1.1 ${status} ${reason}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${text}`)
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

/** A photo, to whoever holds a link a handler signed for a reader it had checked (see app/photo-links). */
async function servePhoto(opts: HostOptions, id: string, url: URL, res: http.ServerResponse): Promise<void> {
  const store = opts.photos
  const now = opts.deps.now()
  if (!store || !store.verify(id, url.searchParams.get('exp'), url.searchParams.get('sig'), now)) {
    return send(res, 403, fail('FORBIDDEN', '图片链接无效或已过期，请刷新页面'))
  }
  const [row] = await opts.deps.db.query<{ storage_key: string; mime_type: string }>(
    `SELECT storage_key, mime_type FROM files WHERE id = $1 AND storage = 'local'`,
    [id]
  )
  const bytes = row ? await store.read(row.storage_key) : null
  if (!row || !bytes) return send(res, 404, fail('NOT_FOUND', '图片不存在'))
  res.writeHead(200, { 'content-type': row.mime_type, 'cache-control': 'private, max-age=600', 'content-length': bytes.length })
  res.end(bytes)
}
