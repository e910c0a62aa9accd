import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startHost, type RunningHost } from '../../cloudfunctions/local/server'
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
