import { ERROR_CODES } from '@contract'
import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
beforeAll(async () => {
  h = await openHarness()
})
afterAll(() => h.close())

describe('the dispatcher', () => {
  test.each([
    ['nope', { action: 'list' }, 'NOT_FOUND'],
    ['stations', { action: 'nope' }, 'NOT_FOUND'],
    ['stations', { action: 'toString' }, 'NOT_FOUND'],
    ['__proto__', { action: 'list' }, 'NOT_FOUND'],
    ['stations', null, 'VALIDATION'],
    ['stations', [], 'VALIDATION'],
    ['stations', { action: 5 }, 'VALIDATION'],
    ['stations', { action: 'list', input: 'x' }, 'VALIDATION'],
    ['stations', { action: 'list', input: { type: 'castle' } }, 'VALIDATION'],
    ['stations', { action: 'list', input: { extra: 1 } }, 'VALIDATION'],
    ['stations', { action: 'list', requestId: 'short' }, 'VALIDATION'],
    ['problems', { action: 'mine' }, 'UNAUTHENTICATED']
  ])('%s %j → %s with a Chinese message', async (fn, body, code) => {
    const r = await h.raw(fn, body)
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe(code)
    expect(ERROR_CODES).toContain(r.error.code)
    expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
  })

  test('a forged or expired token is refused for signed-in actions', async () => {
    const r = await h.raw('problems', { action: 'mine' }, { kind: 'token', token: 'v1.abc.def' })
    expect(r.ok || r.error.code).toBe('UNAUTHENTICATED')
    const token = await h.signIn('enterprise')
    h.clock.now = new Date(h.clock.now.getTime() + 8 * 24 * 3600 * 1000)
    const late = await h.raw('problems', { action: 'mine' }, { kind: 'token', token })
    expect(late.ok || late.error.code).toBe('UNAUTHENTICATED')
    h.clock.now = new Date('2026-11-23T02:00:00Z')
  })

  test('public actions answer without sign-in', async () => {
    expect(unwrap(await h.call('stations', 'list', {})).length).toBeGreaterThan(0)
    expect(unwrap(await h.call('pairings', 'list', {})).length).toBe(11) // every pair: 8 branch pairs and 3 青蓝 mentoring pairs
    const boot = unwrap(await h.call('catalog', 'bootstrap', {}))
    expect(boot.departments.map((d) => d.id)).toContain('dispatch')
  })

  test('station filters narrow the list', async () => {
    const warm = unwrap(await h.call('stations', 'list', { type: 'warm' }))
    expect(warm.length).toBeGreaterThan(0)
    expect(warm.every((s) => s.type === 'warm')).toBe(true)
    const town = unwrap(await h.call('stations', 'list', { townId: 'daliang' }))
    expect(town.every((s) => s.townId === 'daliang')).toBe(true)
  })

  test('an unexpected failure is answered as INTERNAL without leaking details', async () => {
    const broken = { ...h.deps, db: { ...h.deps.db, query: async () => { throw new Error('relation "secret_table" does not exist') } } }
    const { dispatch } = await import('../../cloudfunctions/app/dispatch')
    const r = await dispatch(broken, 'stations', { action: 'list' }, { kind: 'none' })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error).toEqual({ code: 'INTERNAL', message: '服务器开小差了，请稍后再试' })
  })
})

describe('demo sign-in', () => {
  test('gives each role its demo person', async () => {
    const session = unwrap(await h.call('accounts', 'demoSignIn', { role: 'handler' }))
    expect(session.user.roles).toEqual([expect.objectContaining({ role: 'handler', scopeId: 'hr' })])
    expect(unwrap(await h.call('accounts', 'me', {}, { as: session.token })).id).toBe(session.user.id)
  })

  test('is refused when demo mode is off', async () => {
    const prod = await openHarness({ demo: false })
    try {
      const r = await prod.call('accounts', 'demoSignIn', { role: 'admin' })
      expect(r.ok || r.error.code).toBe('FORBIDDEN')
    } finally {
      await prod.close()
    }
  })
})
