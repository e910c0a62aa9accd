import type { ExportedFile, Result } from '@contract'
import { hashPassword } from '../../cloudfunctions/app/auth/passwords'
import { slotFixture } from '../support/bookings'
import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
beforeAll(async () => {
  h = await openHarness()
})
afterAll(() => h.close())

const NAME = '冯小翠'
const PHONE = '13800001234'
const OPENID = 'o-personal-data-0001'
const PASSWORD = 'a-long-secret-123'

/** A liaison of 村田 who signs in both ways: with a login (console) and through WeChat (OPENID). */
async function liaison(login: string): Promise<{ id: string; token: string; hash: string }> {
  const id = `p-test-pd-${login}`
  const hash = await hashPassword(PASSWORD)
  await h.db.query('INSERT INTO people (id, name, phone, openid, login, password_hash) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    NAME,
    PHONE,
    `${OPENID}-${login}`,
    login,
    hash
  ])
  await h.db.query(`INSERT INTO person_roles (person_id, role, scope_id) VALUES ($1, 'enterprise', 'e-murata')`, [id])
  return { id, token: h.deps.tokens.issue(id, h.clock.now), hash }
}

const fileOne = (as: string, title: string) =>
  h.call(
    'problems',
    'file',
    { title, content: '新订单排产到明年三月，车间还缺 40 名数控操作工，希望人社部门帮忙对接招聘会。', category: 'recruitment', enterpriseId: 'e-murata' },
    { as }
  )

const decode = (f: ExportedFile): Record<string, unknown> => JSON.parse(Buffer.from(f.base64, 'base64').toString('utf8'))

function refused<T>(r: Result<T>, code: string): void {
  if (r.ok) throw new Error(`expected ${code}, got ok`)
  expect(r.error.code).toBe(code)
  expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
}

describe('exporting one’s own data', () => {
  test('a JSON file with their profile, problems and bookings; never the password hash or the OPENID', async () => {
    const me = await liaison('pd.export')
    const filed = unwrap(await fileOne(me.token, '导出测试：招工难'))
    const { slotId } = await slotFixture(h, 2)
    unwrap(await h.call('bookings', 'book', { slotId }, { as: me.token }))

    const file = unwrap(await h.call('accounts', 'exportMine', {}, { as: me.token }))
    expect(file.fileName).toBe('我的数据-20261123.json')
    expect(file.mimeType).toBe('application/json')
    const text = Buffer.from(file.base64, 'base64').toString('utf8')
    const data = decode(file)
    expect(data.账号).toMatchObject({ 姓名: NAME, 电话: PHONE, 登录名: 'pd.export', 微信: '已绑定微信' })
    expect(data.角色).toEqual([{ 角色: '企业联络员', 范围: expect.stringContaining('村田') }])
    expect(data.提交的诉求).toEqual([expect.objectContaining({ 编号: filed.number, 标题: '导出测试：招工难' })])
    expect(data.预约).toEqual([expect.objectContaining({ 服务: '测试服务', 状态: expect.any(String) })])
    expect(text).not.toContain(me.hash)
    expect(text).not.toContain('password')
    expect(text).not.toContain(OPENID)
  })
})

describe('erasing oneself (注销)', () => {
  test('the confirmation word is required', async () => {
    const me = await liaison('pd.confirm')
    refused(await h.raw('accounts', { action: 'eraseMe', input: { confirm: '删除' } }, { kind: 'token', token: me.token }), 'VALIDATION')
    refused(await h.raw('accounts', { action: 'eraseMe', input: {} }, { kind: 'token', token: me.token }), 'VALIDATION')
    expect(unwrap(await h.call('accounts', 'me', {}, { as: me.token })).name).toBe(NAME)
  })

  test('the last administrator cannot erase themselves', async () => {
    const [{ n }] = await h.db.query<{ n: number }>(`SELECT count(DISTINCT person_id)::int AS n FROM person_roles WHERE role = 'admin'`)
    expect(n).toBe(1)
    const admin = await h.signIn('admin')
    refused(await h.call('accounts', 'eraseMe', { confirm: '注销' }, { as: admin }), 'CONFLICT')
    expect(unwrap(await h.call('accounts', 'me', {}, { as: admin })).roles.map((r) => r.role)).toContain('admin')
  })

  test('name, contacts and sign-in go; problems stay, anonymous; future bookings are cancelled and the waitlist promoted', async () => {
    const me = await liaison('pd.erase')
    const filed = unwrap(await fileOne(me.token, '注销测试：招工难'))
    const { slotId } = await slotFixture(h, 1)
    const mine = unwrap(await h.call('bookings', 'book', { slotId }, { as: me.token }))
    expect(mine.status).toBe('confirmed')
    const next = await h.person('enterprise', 'e-murata')
    expect(unwrap(await h.call('bookings', 'book', { slotId }, { as: next })).status).toBe('waitlisted')

    // what the console's audit log copied about them: their name as actor and in records of changes to them
    await h.db.query(
      `INSERT INTO audit_log (at, actor_id, actor_name, subject, subject_id, action, before, after)
       VALUES (now(), $1, $2, 'roles', $1, 'grant', NULL, $3), (now(), 'p-demo-admin', '苏建明', 'people', $1, 'update', $4, NULL)`,
      [me.id, NAME, JSON.stringify({ personId: me.id, personName: NAME, role: 'enterprise' }), JSON.stringify({ id: me.id, name: NAME, phone: '138****1234', login: 'pd.erase' })]
    )

    expect(unwrap(await h.call('accounts', 'eraseMe', { confirm: '注销' }, { as: me.token, requestId: 'req-erase-0001' }))).toEqual({ erased: true })

    // every way in is closed: the token, the console login, the OPENID
    refused(await h.call('problems', 'mine', {}, { as: me.token }), 'UNAUTHENTICATED')
    refused(await h.call('accounts', 'signIn', { login: 'pd.erase', password: PASSWORD }), 'UNAUTHENTICATED')
    refused(await h.raw('problems', { action: 'mine', input: {} }, { kind: 'openid', openid: `${OPENID}-pd.erase` }), 'UNAUTHENTICATED')

    const [row] = await h.db.query<Record<string, unknown>>('SELECT name, phone, openid, login, password_hash, erased_at FROM people WHERE id = $1', [me.id])
    expect(row).toMatchObject({ name: '已注销用户', phone: null, openid: null, login: null, password_hash: null })
    expect(row.erased_at).not.toBeNull()
    expect(await h.db.query('SELECT 1 FROM person_roles WHERE person_id = $1', [me.id])).toHaveLength(0)
    expect(await h.db.query('SELECT 1 FROM notices WHERE person_id = $1', [me.id])).toHaveLength(0)

    // the problem is still there for those working on it, and names nobody
    const handler = await h.signIn('handler')
    const dispatcher = await h.signIn('dispatcher')
    const seenByHandler = unwrap(await h.call('problems', 'get', { id: filed.id }, { as: handler }))
    expect(seenByHandler).toMatchObject({ anonymous: true, filerName: '匿名', title: '注销测试：招工难' })
    const seenByDispatcher = unwrap(await h.call('problems', 'get', { id: filed.id }, { as: dispatcher }))
    expect(seenByDispatcher.anonymous).toBe(true)
    expect(JSON.stringify(seenByDispatcher)).not.toContain(NAME)
    expect(JSON.stringify(seenByHandler)).not.toContain(NAME)
    const staff = unwrap(await h.call('problems', 'get', { id: filed.id }, { as: await h.signIn('enterprise') }))
    expect(JSON.stringify(staff)).not.toContain(NAME)

    // the booking is cancelled and the place went to the next in line, who was told
    const [booking] = await h.db.query<{ status: string }>('SELECT status FROM bookings WHERE id = $1', [mine.id])
    expect(booking.status).toBe('cancelled')
    expect(unwrap(await h.call('bookings', 'mine', {}, { as: next })).find((b) => b.slotId === slotId)?.status).toBe('confirmed')
    expect(unwrap(await h.call('notices', 'list', {}, { as: next })).some((n) => n.title.startsWith('候补成功'))).toBe(true)

    // the audit entry says who by id only
    const audit = await h.db.query<{ actor_name: string; before: unknown; after: unknown }>(
      `SELECT actor_name, before, after FROM audit_log WHERE subject = 'people' AND subject_id = $1 AND action = 'erase'`,
      [me.id]
    )
    expect(audit).toEqual([{ actor_name: '已注销用户', before: null, after: null }])
    const log = JSON.stringify(await h.db.query('SELECT * FROM audit_log'))
    expect(log).not.toContain(NAME)
    expect(log).not.toContain('138****1234')
    expect(log).toContain('苏建明') // others' names stay
  })
})
