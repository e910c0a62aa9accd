import http from 'node:http'
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
}

// a photo travels as base64 inside JSON: 3 MB of image is about 4 MB of request
const UPLOAD_BODY_BYTES = 4.5 * 1024 * 1024

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
    if (fn.startsWith('files/') && req.method === 'GET') return servePhoto(opts, decodeURIComponent(fn.slice('files/'.length)), url, res)
    if (req.method !== 'POST') return send(res, 405, fail('VALIDATION', '接口只接受 POST 请求'))
    let body: unknown
    try {
      const text = await readBody(req, fn === 'files' ? Math.max(limit, UPLOAD_BODY_BYTES) : limit)
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
