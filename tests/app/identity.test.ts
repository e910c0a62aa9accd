import { openHarness, unwrap, type Harness } from '../support/harness'
import { createAdmin } from '../../cloudfunctions/local/cli/admin'
import type { Result, Session } from '@contract'

let h: Harness
let admin: { login: string; secret: string; token: string }

beforeAll(async () => {
  h = await openHarness({ demo: false })
  const { secret } = await h.db.tx((q) => createAdmin(q, '苏建明', 'admin.su', h.clock.now))
  const s = unwrap(await h.call('accounts', 'signIn', { login: 'admin.su', password: secret }))
  admin = { login: 'admin.su', secret, token: s.token }
})
afterAll(() => h.close())

const openid = (id: string) => ({ kind: 'openid' as const, openid: id })
const codeOf = async (role: string, scopeId?: string, days?: number) =>
  unwrap(await h.call('accounts', 'issueInvite', { role: role as 'handler', ...(scopeId ? { scopeId } : {}), ...(days ? { days } : {}) }, { as: admin.token })).code

describe('the first administrator and console sign-in', () => {
  test('the CLI admin signs in with the printed secret; the same words for a wrong password and an unknown login', async () => {
    expect(admin.token).toBeTruthy()
    const me = unwrap(await h.call('accounts', 'me', {}, { as: admin.token }))
    expect(me.roles.map((r) => r.role)).toEqual(['admin'])
    const wrong = await h.call('accounts', 'signIn', { login: 'admin.su', password: 'not-it-123' })
    const unknown = await h.call('accounts', 'signIn', { login: 'nobody', password: 'not-it-123' })
    expect(wrong.ok || [wrong.error.code, wrong.error.message]).toEqual(['UNAUTHENTICATED', '账号或密码不正确'])
    expect(unknown.ok || [unknown.error.code, unknown.error.message]).toEqual(['UNAUTHENTICATED', '账号或密码不正确'])
    // the stored password is a scrypt hash, never the secret
    const [row] = await h.db.query<{ password_hash: string }>(`SELECT password_hash FROM people WHERE login = 'admin.su'`)
    expect(row.password_hash.startsWith('scrypt$')).toBe(true)
    expect(row.password_hash).not.toContain(admin.secret)
  })

  test('five wrong passwords lock the account for 15 minutes, even for the right one; then it opens', async () => {
    const { secret } = await h.db.tx((q) => createAdmin(q, '测试管理员', 'lock.me', h.clock.now))
    for (let i = 0; i < 4; i++) expect((await h.call('accounts', 'signIn', { login: 'lock.me', password: `wrong-${i}-pass` })).ok).toBe(false)
    const fifth = await h.call('accounts', 'signIn', { login: 'lock.me', password: 'wrong-5-pass' })
    expect(fifth.ok || fifth.error.code).toBe('RATE_LIMITED')
    const right = await h.call('accounts', 'signIn', { login: 'lock.me', password: secret })
    expect(right.ok || right.error.message).toMatch(/已锁定，请在 \d{2}:\d{2} 后再试/)
    const saved = h.clock.now
    h.clock.now = new Date(saved.getTime() + 15 * 60_000 + 1000)
    try {
      expect((await h.call('accounts', 'signIn', { login: 'lock.me', password: secret })).ok).toBe(true)
    } finally {
      h.clock.now = saved
    }
  })

  test('demo sign-in is refused outside demo mode', async () => {
    const r = await h.call('accounts', 'demoSignIn', { role: 'admin' })
    expect(r.ok || r.error.code).toBe('FORBIDDEN')
  })

  test('changing the password: the current one is checked, the new one must be long enough', async () => {
    const { secret } = await h.db.tx((q) => createAdmin(q, '改密码', 'change.me', h.clock.now))
    const token = unwrap(await h.call('accounts', 'signIn', { login: 'change.me', password: secret })).token
    const weak = await h.call('accounts', 'changePassword', { current: secret, next: '12345678' }, { as: token })
    expect(weak.ok || weak.error.fields?.next).toBe('密码至少 10 位')
    const bad = await h.call('accounts', 'changePassword', { current: 'nope-nope-1', next: 'better-pass-42' }, { as: token })
    expect(bad.ok || bad.error.fields?.current).toBe('当前密码不正确')
    unwrap(await h.call('accounts', 'changePassword', { current: secret, next: 'better-pass-42' }, { as: token }))
    expect((await h.call('accounts', 'signIn', { login: 'change.me', password: 'better-pass-42' })).ok).toBe(true)
    expect((await h.call('accounts', 'signIn', { login: 'change.me', password: secret })).ok).toBe(false)
  })
})

describe('invites', () => {
  test('only an administrator issues them; the scope must fit the role and exist', async () => {
    const noAdmin = await h.call('accounts', 'issueInvite', { role: 'handler', scopeId: 'hr' })
    expect(noAdmin.ok || noAdmin.error.code).toBe('UNAUTHENTICATED')
    const missing = await h.call('accounts', 'issueInvite', { role: 'handler' }, { as: admin.token })
    expect(missing.ok || missing.error.fields?.scopeId).toBe('请选择范围')
    const extra = await h.call('accounts', 'issueInvite', { role: 'dispatcher', scopeId: 'hr' }, { as: admin.token })
    expect(extra.ok || extra.error.fields?.scopeId).toBe('不需要选择范围')
    const nowhere = await h.call('accounts', 'issueInvite', { role: 'station', scopeId: 's-nowhere' }, { as: admin.token })
    expect(nowhere.ok || nowhere.error.fields?.scopeId).toBe('所选范围不存在')
    const issued = unwrap(await h.call('accounts', 'issueInvite', { role: 'handler', scopeId: 'hr', note: '人社局新同事' }, { as: admin.token }))
    expect(issued.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/)
    expect(issued).toMatchObject({ role: 'handler', scopeId: 'hr', status: 'pending' })
    // only a hash is kept; the list never shows codes
    expect(JSON.stringify(await h.db.query('SELECT * FROM invites'))).not.toContain(issued.code.replace(/-/g, ''))
    expect(JSON.stringify(unwrap(await h.call('accounts', 'invites', {}, { as: admin.token })))).not.toContain(issued.code)
  })

  test('a newcomer on the web takes an invite with a name, login and password, once; the role works at once', async () => {
    const code = await codeOf('handler', 'hr')
    const session = unwrap(await h.call('accounts', 'redeemInvite', { code: code.toLowerCase(), name: '何新人', login: 'he.xinren', password: 'welcome-2026' }))
    expect(session.user.roles).toEqual([{ role: 'handler', scopeId: 'hr', scopeName: expect.any(String) }])
    expect(unwrap(await h.call('problems', 'inbox', {}, { as: session.token }))).toEqual(expect.any(Array))
    const again = await h.call('accounts', 'redeemInvite', { code, name: '另一个人', login: 'another.one', password: 'welcome-2026' })
    expect(again.ok || again.error.message).toBe('该邀请码已被使用')
    // the refused newcomer was not kept
    expect(await h.db.query(`SELECT 1 FROM people WHERE login = 'another.one'`)).toHaveLength(0)
    expect((await h.call('accounts', 'signIn', { login: 'he.xinren', password: 'welcome-2026' })).ok).toBe(true)
  })

  test('on WeChat the OPENID is the account: redeeming binds it, and later calls by that OPENID carry the role', async () => {
    const code = await codeOf('station', 's-daliang-warm-1')
    const r = (await h.raw('accounts', { action: 'redeemInvite', input: { code, name: '罗新站长' } }, openid('o-wx-station-1'))) as Result<Session>
    expect(r.ok).toBe(true)
    const me = (await h.raw('accounts', { action: 'me' }, openid('o-wx-station-1'))) as Result<{ roles: { role: string; scopeId: string }[] }>
    expect(me.ok && me.data.roles).toEqual([expect.objectContaining({ role: 'station', scopeId: 's-daliang-warm-1' })])
    const [row] = await h.db.query<{ login: string | null; password_hash: string | null }>(`SELECT login, password_hash FROM people WHERE openid = 'o-wx-station-1'`)
    expect(row).toEqual({ login: null, password_hash: null })
    // a second invite adds a role to the same person
    const second = await codeOf('secretary', 'e-murata')
    expect(((await h.raw('accounts', { action: 'redeemInvite', input: { code: second } }, openid('o-wx-station-1'))) as Result<Session>).ok).toBe(true)
    const after = (await h.raw('accounts', { action: 'me' }, openid('o-wx-station-1'))) as Result<{ roles: { role: string }[] }>
    expect(after.ok && after.data.roles.map((g) => g.role).sort()).toEqual(['secretary', 'station'])
  })

  test('wrong, revoked and expired codes are refused in Chinese; a newcomer must give what the web needs', async () => {
    const bad = await h.call('accounts', 'redeemInvite', { code: 'ABCD-EFGH-JKLM', name: '某人', login: 'some.one', password: 'welcome-2026' })
    expect(bad.ok || bad.error.message).toBe('邀请码不正确')
    const malformed = await h.call('accounts', 'redeemInvite', { code: '0000', name: '某人' })
    expect(malformed.ok || malformed.error.fields?.code).toBe('邀请码应为 12 位字母和数字')
    const code = await codeOf('dispatcher')
    const noLogin = await h.call('accounts', 'redeemInvite', { code, name: '某人' })
    expect(noLogin.ok || noLogin.error.fields?.login).toBe('请设置登录账号')
    const listed = unwrap(await h.call('accounts', 'invites', {}, { as: admin.token }))
    const id = listed.find((i) => i.role === 'dispatcher' && i.status === 'pending')?.id as string
    expect(unwrap(await h.call('accounts', 'revokeInvite', { id }, { as: admin.token })).status).toBe('revoked')
    const revoked = await h.call('accounts', 'redeemInvite', { code, name: '某人', login: 'some.one', password: 'welcome-2026' })
    expect(revoked.ok || revoked.error.message).toBe('该邀请码已被撤销')
    const short = await codeOf('enterprise', 'e-murata', 1)
    const saved = h.clock.now
    h.clock.now = new Date(saved.getTime() + 86_400_000 + 1000)
    try {
      const expired = await h.call('accounts', 'redeemInvite', { code: short, name: '某人', login: 'some.one', password: 'welcome-2026' })
      expect(expired.ok || expired.error.message).toBe('该邀请码已过期')
    } finally {
      h.clock.now = saved
    }
  })

  test('revoking a role takes effect on the next call; the last administrator stays', async () => {
    const code = await codeOf('dispatcher')
    const s = unwrap(await h.call('accounts', 'redeemInvite', { code, name: '黄临时', login: 'huang.tmp', password: 'welcome-2026' }))
    expect((await h.call('problems', 'triage', {}, { as: s.token })).ok).toBe(true)
    unwrap(await h.call('accounts', 'revokeRole', { personId: s.user.id, role: 'dispatcher' }, { as: admin.token }))
    const after = await h.call('problems', 'triage', {}, { as: s.token })
    expect(after.ok || after.error.code).toBe('FORBIDDEN')
    const self = unwrap(await h.call('accounts', 'me', {}, { as: admin.token })).id
    const others = await h.db.query<{ person_id: string }>(`SELECT person_id FROM person_roles WHERE role = 'admin' AND person_id <> $1`, [self])
    // take every other administrator's role away; then the last one (this one) is refused
    for (const a of others) unwrap(await h.call('accounts', 'revokeRole', { personId: a.person_id, role: 'admin' }, { as: admin.token }))
    const last = await h.call('accounts', 'revokeRole', { personId: self, role: 'admin' }, { as: admin.token })
    expect(last.ok || last.error.message).toBe('不能收回最后一位系统管理员的角色')
  })
})
