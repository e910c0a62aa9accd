import { createHash } from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { IMPORT_BYTES_MAX, LIMITS } from '@contract'
import { parseOrigins, readConfig } from '../../cloudfunctions/local/config'
import { JSON_BODY_BYTES, UPLOAD_BODY_BYTES, startHost, type RunningHost } from '../../cloudfunctions/local/server'
import { openHarness, type Harness } from '../support/harness'

let h: Harness
let host: RunningHost
let staticDir: string

beforeAll(async () => {
  h = await openHarness()
  staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lst-static-'))
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>链上通</title>')
  fs.mkdirSync(path.join(staticDir, 'js'))
  fs.writeFileSync(path.join(staticDir, 'js', 'app.js'), 'console.log(1)')
  host = await startHost({ deps: h.deps, staticDir, port: 0, host: '127.0.0.1', maxBodyBytes: 4096 })
})
afterAll(async () => {
  await host.close()
  await h.close()
})

const post = (fn: string, body: unknown, token?: string) =>
  fetch(`${host.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body)
  })

describe('the HTTP host', () => {
  test('health answers ok', async () => {
    const r = await fetch(`${host.url}/api/health`)
    expect(r.status).toBe(200)
    expect(await r.json()).toEqual({ ok: true })
  })

  test('sign in, file and read back over HTTP with a bearer token', async () => {
    const signIn = await (await post('accounts', { action: 'demoSignIn', input: { role: 'enterprise' } })).json()
    expect(signIn.ok).toBe(true)
    const filed = await post('problems', {
      action: 'file',
      requestId: 'http-file-0001',
      input: { title: '子女入学咨询', content: '新引进的工程师孩子明年要上小学，想了解积分入学的办理流程。', category: 'schooling', enterpriseId: 'e-murata' }
    }, signIn.data.token)
    expect(filed.status).toBe(200)
    const body = await filed.json()
    expect(body.data.leadDepartmentId).toBe('education')
    const mine = await (await post('problems', { action: 'mine' }, signIn.data.token)).json()
    expect(mine.data.map((p: { id: string }) => p.id)).toContain(body.data.id)
  })

  test.each([
    [{ action: 'mine' }, 'problems', 401, 'UNAUTHENTICATED'],
    [{ action: 'list', input: { type: 1 } }, 'stations', 400, 'VALIDATION'],
    [{ action: 'list' }, 'nothing', 404, 'NOT_FOUND']
  ])('%j to %s → HTTP %d %s', async (body, fn, status, code) => {
    const r = await post(fn, body)
    expect(r.status).toBe(status)
    expect((await r.json()).error.code).toBe(code)
  })

  test('broken JSON and oversized bodies are refused in Chinese', async () => {
    const broken = await post('stations', '{"action":')
    expect(broken.status).toBe(400)
    expect((await broken.json()).error.message).toContain('JSON')
    const big = await post('stations', { action: 'list', input: { pad: 'x'.repeat(10_000) } })
    expect(big.status).toBe(413)
    expect((await big.json()).error.message).toBe('请求内容过大')
  })

  test('GET on an API function is refused', async () => {
    const r = await fetch(`${host.url}/api/stations`)
    expect(r.status).toBe(405)
  })

  test('serves the H5 build, falls back to index.html, and never leaves its directory', async () => {
    const js = await fetch(`${host.url}/js/app.js`)
    expect(js.headers.get('content-type')).toContain('javascript')
    const deep = await fetch(`${host.url}/some/route`)
    expect(await deep.text()).toContain('链上通')
    const escape = await fetch(`${host.url}/..%2f..%2fetc%2fpasswd`)
    expect(await escape.text()).not.toContain('root:')
    expect(js.headers.get('x-content-type-options')).toBe('nosniff')
  })
})

describe('photos on the HTTP host', () => {
  // a 1×1 PNG
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

  test('uploaded, attached to a problem, served by a signed link to its readers only', async () => {
    const { localPhotoStore } = await import('../../cloudfunctions/local/photo-store')
    const photos = localPhotoStore(fs.mkdtempSync(path.join(os.tmpdir(), 'lst-photos-')), 'test-secret')
    const withPhotos = await startHost({ deps: { ...h.deps, photos }, photos, port: 0, host: '127.0.0.1' })
    const call = (fn: string, body: unknown, token?: string) =>
      fetch(`${withPhotos.url}/api/${fn}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: JSON.stringify(body) }).then((r) => r.json())
    try {
      const token = (await call('accounts', { action: 'demoSignIn', input: { role: 'enterprise' } })).data.token
      const fake = await call('files', { action: 'upload', input: { mimeType: 'image/png', base64: Buffer.from('not an image at all').toString('base64') } }, token)
      expect(fake.error.code).toBe('VALIDATION')
      const up = await call('files', { action: 'upload', input: { mimeType: 'image/png', base64: PNG } }, token)
      expect(up.ok).toBe(true)
      const filed = await call('problems', {
        action: 'file',
        input: { title: '厂区门口路面塌陷', content: '厂区门口道路塌陷一个大坑，货车进出困难，附现场照片。', category: 'other', enterpriseId: 'e-murata', photos: [up.data.id] }
      }, token)
      expect(filed.data.photos).toHaveLength(1)
      const img = await fetch(`${withPhotos.url}${filed.data.photos[0].url}`)
      expect(img.headers.get('content-type')).toBe('image/png')
      expect(Buffer.from(await img.arrayBuffer()).toString('base64')).toBe(PNG)
      const forged = await fetch(`${withPhotos.url}/api/files/${up.data.id}?exp=${Date.now() + 60_000}&sig=forged`)
      expect(forged.status).toBe(403)
      // a photo cannot be attached twice, nor by someone else
      const reuse = await call('problems', {
        action: 'file',
        input: { title: '同一张照片再用一次', content: '试图把已经用过的照片再附到另一条诉求上。', category: 'other', enterpriseId: 'e-murata', photos: [up.data.id] }
      }, token)
      expect(reuse.error.code).toBe('VALIDATION')
    } finally {
      await withPhotos.close()
    }
  })

  test("a station's photos: set by its manager in order, shown on its public page, never reused for a problem", async () => {
    const { localPhotoStore } = await import('../../cloudfunctions/local/photo-store')
    const photos = localPhotoStore(fs.mkdtempSync(path.join(os.tmpdir(), 'lst-photos-')), 'test-secret')
    const withPhotos = await startHost({ deps: { ...h.deps, photos }, photos, port: 0, host: '127.0.0.1' })
    const call = (fn: string, body: unknown, token?: string) =>
      fetch(`${withPhotos.url}/api/${fn}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, body: JSON.stringify(body) }).then((r) => r.json())
    const signIn = async (role: string) => (await call('accounts', { action: 'demoSignIn', input: { role } })).data.token as string
    try {
      const manager = await signIn('station')
      const staff = await signIn('enterprise')
      const a = (await call('files', { action: 'upload', input: { mimeType: 'image/png', base64: PNG } }, manager)).data.id
      const b = (await call('files', { action: 'upload', input: { mimeType: 'image/png', base64: PNG } }, manager)).data.id
      const theirs = (await call('files', { action: 'upload', input: { mimeType: 'image/png', base64: PNG } }, staff)).data.id
      const stationId = 's-daliang-warm-1'
      const saved = await call('stations', { action: 'savePhotos', input: { stationId, photos: [b, a] } }, manager)
      expect(saved.data.map((p: { id: string }) => p.id)).toEqual([b, a])
      const page = await call('stations', { action: 'get', input: { id: stationId } })
      expect(page.data.photos.map((p: { id: string }) => p.id)).toEqual([b, a])
      expect(page.data.managerName).toBeTruthy()
      const img = await fetch(`${withPhotos.url}${page.data.photos[0].url}`)
      expect(Buffer.from(await img.arrayBuffer()).toString('base64')).toBe(PNG)

      // someone else's upload, or another station's manager, is refused
      expect((await call('stations', { action: 'savePhotos', input: { stationId, photos: [a, theirs] } }, manager)).error.code).toBe('VALIDATION')
      expect((await call('stations', { action: 'savePhotos', input: { stationId, photos: [] } }, staff)).error.code).toBe('FORBIDDEN')
      // a station photo is not free to attach to a problem
      const reuse = await call('problems', {
        action: 'file',
        input: { title: '借用站点照片', content: '试图把站点的照片附到一条企业诉求上。', category: 'other', enterpriseId: 'e-murata', photos: [a] }
      }, staff)
      expect(reuse.error.code).toBe('VALIDATION')
      // dropping one keeps the rest in order
      expect((await call('stations', { action: 'savePhotos', input: { stationId, photos: [a] } }, manager)).data.map((p: { id: string }) => p.id)).toEqual([a])
    } finally {
      await withPhotos.close()
    }
  })
})

/** One raw HTTP/1.1 exchange, for what fetch will not send (a Host header, a broken request line). */
function rawRequest(url: string, text: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const u = new URL(url)
  return new Promise((resolve, reject) => {
    const s = net.connect(Number(u.port), u.hostname, () => s.end(text))
    let data = ''
    s.setEncoding('latin1')
    s.on('data', (d: string) => (data += d))
    s.on('error', reject)
    s.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n')
      const [line, ...lines] = head.split('\r\n')
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]))
      resolve({ status: Number(line.split(' ')[1]), headers, body: Buffer.from(rest.join('\r\n\r\n'), 'latin1').toString('utf8') })
    })
  })
}

describe('security headers on every answer', () => {
  const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);'
  let site: RunningHost
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lst-static-'))
    fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><title>链上通</title><script>${INLINE}</script><script defer src="/js/app.js"></script>`)
    fs.mkdirSync(path.join(dir, 'js'))
    fs.writeFileSync(path.join(dir, 'js', 'app.js'), 'console.log(1)')
    site = await startHost({ deps: h.deps, staticDir: dir, port: 0, host: '127.0.0.1' })
  })
  afterAll(() => site.close())

  const expectSecure = (headers: Headers | Record<string, string>) => {
    const get = (k: string) => (headers instanceof Headers ? headers.get(k) : headers[k])
    expect(get('x-content-type-options')).toBe('nosniff')
    expect(get('referrer-policy')).toBe('no-referrer')
    expect(get('x-frame-options')).toBe('DENY')
    expect(get('cross-origin-opener-policy')).toBe('same-origin')
    expect(get('permissions-policy')).toContain('geolocation=(self)')
    expect(get('permissions-policy')).toContain('camera=()')
    const csp = get('content-security-policy') ?? ''
    for (const part of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "connect-src 'self' blob:"]) expect(csp).toContain(part)
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
  }

  test.each([
    ['a page', 'GET', '/'],
    ['a deep link', 'GET', '/pages/stations/index'],
    ['a script', 'GET', '/js/app.js'],
    ['health', 'GET', '/api/health'],
    ['an API answer', 'POST', '/api/stations'],
    ['an API refusal', 'POST', '/api/nothing'],
    ['a wrong method', 'PUT', '/api/stations'],
    ['a forged photo link', 'GET', '/api/files/x?exp=1&sig=2'],
    ['a preflight', 'OPTIONS', '/api/stations']
  ])('%s (%s %s)', async (_what, method, p) => {
    const r = await fetch(`${site.url}${p}`, { method, body: method === 'POST' || method === 'PUT' ? '{"action":"list"}' : undefined })
    expectSecure(r.headers)
  })

  test('the CSP allows exactly the inline scripts of the built index.html, by hash', async () => {
    const csp = (await fetch(`${site.url}/`)).headers.get('content-security-policy') ?? ''
    const hash = createHash('sha256').update(INLINE).digest('base64')
    expect(csp).toMatch(new RegExp(`script-src 'self' 'sha256-${hash.replace(/[+/]/g, '\\$&')}'`))
  })

  test('also on answers to requests Node cannot parse, and on oversized ones', async () => {
    const broken = await rawRequest(site.url, 'GARBAGE\r\n\r\n')
    expect(broken.status).toBe(400)
    expectSecure(broken.headers)
    expect(JSON.parse(broken.body).error.message).toMatch(/[\u4e00-\u9fa5]/)
    const big = await fetch(`${site.url}/api/stations`, { method: 'POST', body: 'x'.repeat(300 * 1024) })
    expect(big.status).toBe(413)
    expectSecure(big.headers)
  })
})

describe('request size limits', () => {
  let site: RunningHost
  beforeAll(async () => {
    site = await startHost({ deps: h.deps, port: 0, host: '127.0.0.1' })
  })
  afterAll(() => site.close())
  const postSized = (fn: string, bytes: number) =>
    fetch(`${site.url}/api/${fn}`, { method: 'POST', body: `{"action":"list","input":{"pad":"${'x'.repeat(bytes - 36)}"}}` })

  test('JSON bodies up to 256 KB are read; one byte more is refused with 413 in Chinese', async () => {
    const atLimit = await postSized('stations', JSON_BODY_BYTES)
    expect(atLimit.status).toBe(400) // read and judged: `pad` is no field of stations.list
    const over = await postSized('stations', JSON_BODY_BYTES + 1)
    expect(over.status).toBe(413)
    expect(await over.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: '请求内容过大' } })
  })

  test('photo uploads may reach 4.5 MB (a 3 MB photo in base64), no more', async () => {
    expect(UPLOAD_BODY_BYTES).toBeGreaterThan(Math.ceil((LIMITS.photoBytesMax * 4) / 3) + 200)
    expect((await postSized('files', UPLOAD_BODY_BYTES)).status).toBe(404) // read and judged: files has no action list
    expect((await postSized('files', UPLOAD_BODY_BYTES + 1)).status).toBe(413)
  })

  test('an import spreadsheet (2 MB in base64) gets the same room; other functions do not', async () => {
    expect(UPLOAD_BODY_BYTES).toBeGreaterThan(Math.ceil((IMPORT_BYTES_MAX * 4) / 3) + 200)
    expect((await postSized('admin', UPLOAD_BODY_BYTES)).status).toBe(404) // read and judged: admin has no action list
    expect((await postSized('admin', UPLOAD_BODY_BYTES + 1)).status).toBe(413)
    expect((await postSized('problems', JSON_BODY_BYTES + 1)).status).toBe(413)
  })

  test('slow clients are cut off: headers within 30 s, the whole request within 2 min', () => {
    expect(site.server.headersTimeout).toBe(30_000)
    expect(site.server.requestTimeout).toBe(120_000)
  })
})

describe('requests that used to take the host down', () => {
  // before: decodeURIComponent and new URL threw inside the request handler, an unhandled rejection that ended the process
  test.each([
    ['GET /api/files/%E0%A4%A HTTP/1.1\r\nHost: x\r\n\r\n', 404],
    ['GET /api/files/%ZZ?exp=1&sig=2 HTTP/1.1\r\nHost: x\r\n\r\n', 404],
    ['POST http://[ HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n', 400]
  ])('%j → %d, and the host answers on', async (text, status) => {
    const r = await rawRequest(host.url, text)
    expect(r.status).toBe(status)
    expect(JSON.parse(r.body).error.message).toMatch(/[\u4e00-\u9fa5]/)
    expect((await fetch(`${host.url}/api/health`)).status).toBe(200)
  })
})

describe('CORS: only the host itself and ALLOWED_ORIGINS', () => {
  const ADMIN = 'https://admin.example.cn'
  let site: RunningHost
  let port: string
  beforeAll(async () => {
    site = await startHost({ deps: h.deps, port: 0, host: '127.0.0.1', allowedOrigins: [ADMIN] })
    port = new URL(site.url).port
  })
  afterAll(() => site.close())
  const call = (headers: Record<string, string>, method = 'POST') =>
    fetch(`${site.url}/api/stations`, { method, headers, body: method === 'POST' ? '{"action":"list"}' : undefined })

  test('a page of the host itself (Origin = the Host it called) is served, with no CORS headers', async () => {
    const r = await call({ origin: site.url, 'content-type': 'application/json' })
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
    expect(r.headers.get('vary')).toContain('Origin')
  })

  test('localhost and 127.0.0.1 are each the same origin when the page was opened there, and different from each other', async () => {
    const viaLocalhost = await rawRequest(site.url, `POST /api/stations HTTP/1.1\r\nHost: localhost:${port}\r\nOrigin: http://localhost:${port}\r\nContent-Length: 17\r\nConnection: close\r\n\r\n{"action":"list"}`)
    expect(viaLocalhost.status).toBe(200)
    const crossed = await call({ origin: `http://localhost:${port}` })
    expect(crossed.status).toBe(403)
  })

  test('behind a proxy that rewrites Host, the browser’s Sec-Fetch-Site: same-origin vouches for the page', async () => {
    expect((await call({ origin: 'https://lst.example.cn', 'sec-fetch-site': 'same-origin' })).status).toBe(200)
    expect((await call({ origin: 'https://lst.example.cn', 'sec-fetch-site': 'cross-site' })).status).toBe(403)
  })

  test.each(['https://evil.example', 'null', `http://127.0.0.1:${Number(1)}`, 'https://admin.example.cn.evil.example', 'http://admin.example.cn', 'not a url'])(
    'Origin %s gets 403 with a Chinese JSON error and no CORS headers',
    async (origin) => {
      const r = await call({ origin })
      expect(r.status).toBe(403)
      expect(r.headers.get('access-control-allow-origin')).toBeNull()
      const body = await r.json()
      expect(body).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) } })
      const preflight = await call({ origin, 'access-control-request-method': 'POST' }, 'OPTIONS')
      expect(preflight.status).toBe(403)
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    }
  )

  test('an allowed origin: the preflight names methods and headers, the answer echoes the origin', async () => {
    const preflight = await call({ origin: ADMIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' }, 'OPTIONS')
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ADMIN)
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST')
    expect(preflight.headers.get('access-control-allow-headers')).toBe('authorization, content-type')
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull()
    const r = await call({ origin: ADMIN, 'content-type': 'application/json' })
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-origin')).toBe(ADMIN)
    expect(r.headers.get('vary')).toContain('Origin')
  })

  test('requests without an Origin (curl, the mini program, server to server) are served, without CORS headers', async () => {
    const r = await call({})
    expect(r.status).toBe(200)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('ALLOWED_ORIGINS: none by default; bare http(s) origins only', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lst-config-'))
    expect(readConfig({ DATA_DIR: dataDir } as unknown as NodeJS.ProcessEnv).allowedOrigins).toEqual([])
    expect(readConfig({ DATA_DIR: dataDir, ALLOWED_ORIGINS: ' https://Admin.example.cn/ ,http://localhost:10086,,https://admin.example.cn:443' } as unknown as NodeJS.ProcessEnv).allowedOrigins).toEqual([
      'https://admin.example.cn',
      'http://localhost:10086'
    ])
    for (const bad of ['*', 'null', 'https://a.example.cn/path', 'ftp://a.example.cn', 'a.example.cn', 'https://user@a.example.cn', 'https://a.example.cn?x=1']) {
      expect(() => parseOrigins(bad)).toThrow(/ALLOWED_ORIGINS/)
    }
  })
})
