import type { AuditEntry, AuditInput, Result, Role } from '@contract'
import { openHarness, unwrap, type Harness } from '../support/harness'

// The admin console's base data: every list and save, the refusals a form needs (with their fields),
// removal guarded by what still refers to a record, and the audit log that every change leaves.

let h: Harness
let admin: string
let dispatcher: string
const ADMIN_ID = 'p-demo-admin'

beforeAll(async () => {
  h = await openHarness()
  admin = await h.signIn('admin')
  dispatcher = await h.signIn('dispatcher')
})
afterAll(() => h.close())

function refusal<T>(r: Result<T>) {
  if (r.ok) throw new Error(`expected a refusal, got ${JSON.stringify(r.data)}`)
  return r.error
}

const log = async (filter: AuditInput = {}): Promise<AuditEntry[]> => unwrap(await h.call('admin', 'audit', filter, { as: admin }))
const auditRows = async () => (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log'))[0].n
const hours = Array.from({ length: 7 }, () => ({ open: '08:00', close: '20:00' }))
const station = (extra: Record<string, unknown> = {}) => ({
  name: '测试暖新驿站',
  type: 'warm' as const,
  address: '大良街道测试路 1 号',
  townId: 'daliang',
  lat: 22.84,
  lng: 113.25,
  hours,
  ...extra
})

describe('only the system administrator', () => {
  // a valid input for each action, so that what is refused is the caller and not the input
  const inputs = {
    departments: {},
    saveDepartment: { name: '越权部门', kind: 'district' },
    towns: {},
    saveTown: { name: '越权镇' },
    chains: {},
    saveChain: { name: '越权链', leadDepartmentId: 'hr' },
    enterprises: {},
    saveEnterprise: { name: '越权企业有限公司' },
    people: {},
    savePerson: { name: '越权人' },
    grantRole: { personId: 'p-demo-enterprise', role: 'admin' },
    stations: {},
    saveStation: station(),
    services: {},
    saveServiceItem: { stationId: 's-daliang-warm-1', name: '越权服务', durationMinutes: 30, capacity: 2, audience: 'anyone' },
    pairings: {},
    savePairing: { kind: 'branch', phase: 3, agencyBranch: '越权机关支部', enterpriseBranch: '越权企业支部', startedOn: '2026-01-01' },
    remove: { entity: 'departments', id: 'hr' },
    audit: {}
  } as const

  test.each(['enterprise', 'secretary', 'handler', 'dispatcher', 'station'] as Role[])('a %s is refused every admin action and changes nothing', async (role) => {
    const token = await h.signIn(role)
    const rows = await auditRows()
    for (const [action, input] of Object.entries(inputs)) {
      const e = refusal(await h.call('admin', action as 'departments', input as never, { as: token }))
      expect([action, e.code, e.message]).toEqual([action, 'FORBIDDEN', '仅系统管理员可以操作'])
    }
    expect(await auditRows()).toBe(rows)
    expect((await h.db.query(`SELECT 1 FROM departments WHERE name = '越权部门'`)).length).toBe(0)
  })

  test('someone not signed in is asked to sign in', async () => {
    for (const [action, input] of Object.entries(inputs)) {
      expect(refusal(await h.call('admin', action as 'departments', input as never)).code).toBe('UNAUTHENTICATED')
    }
  })
})

describe('departments and towns', () => {
  test('a department is created, found by name, replaced, and both changes are logged with the actor', async () => {
    const created = unwrap(await h.call('admin', 'saveDepartment', { name: '区政务数据局', matters: '政务数据共享', kind: 'district' }, { as: admin }))
    expect(created).toEqual({ id: expect.stringMatching(/^dep-/), name: '区政务数据局', matters: '政务数据共享', kind: 'district' })
    expect(unwrap(await h.call('admin', 'departments', { q: '政务数据' }, { as: admin }))).toEqual([created])

    const updated = unwrap(await h.call('admin', 'saveDepartment', { id: created.id, name: '区数据资源管理中心', kind: 'district' }, { as: admin }))
    expect(updated).toEqual({ id: created.id, name: '区数据资源管理中心', matters: '', kind: 'district' })

    const entries = await log({ subject: 'departments', subjectId: created.id })
    expect(entries.map((e) => e.action)).toEqual(['update', 'create'])
    expect(entries[0]).toMatchObject({ actorId: ADMIN_ID, actorName: '苏建明', subject: 'departments', before: created, after: updated })
    expect(entries[1]).toMatchObject({ actorId: ADMIN_ID, before: null, after: created })
    expect(Date.parse(entries[0].at)).toBe(h.clock.now.getTime())
  })

  test('a taken name is a CONFLICT on the name field, an unknown id NOT_FOUND, and neither is logged', async () => {
    const rows = await auditRows()
    const dup = refusal(await h.call('admin', 'saveDepartment', { name: '区经济促进局', kind: 'district' }, { as: admin }))
    expect(dup).toEqual({ code: 'CONFLICT', message: '已有名为“区经济促进局”的部门', fields: { name: '已有名为“区经济促进局”的部门' } })
    // renaming a record to its own name is not a clash with itself
    unwrap(await h.call('admin', 'saveDepartment', { id: 'economy', name: '区经济促进局', kind: 'district', matters: '技改' }, { as: admin }))
    expect(await auditRows()).toBe(rows + 1)
    expect(refusal(await h.call('admin', 'saveDepartment', { id: 'dep-nobody', name: '无此部门', kind: 'town' }, { as: admin })).code).toBe('NOT_FOUND')
    expect(await auditRows()).toBe(rows + 1)
  })

  test('search takes % and _ literally and ignores case', async () => {
    unwrap(await h.call('admin', 'saveDepartment', { name: '达标率100%专班', kind: 'district' }, { as: admin }))
    unwrap(await h.call('admin', 'saveDepartment', { name: 'ABC_测试组', kind: 'district' }, { as: admin }))
    expect(unwrap(await h.call('admin', 'departments', { q: '%' }, { as: admin })).map((d) => d.name)).toEqual(['达标率100%专班'])
    expect(unwrap(await h.call('admin', 'departments', { q: '_' }, { as: admin })).map((d) => d.name)).toEqual(['ABC_测试组'])
    expect(unwrap(await h.call('admin', 'departments', { q: 'abc' }, { as: admin })).map((d) => d.name)).toEqual(['ABC_测试组'])
    const all = unwrap(await h.call('admin', 'departments', {}, { as: admin })).map((d) => d.name)
    expect(all.length).toBeGreaterThan(20)
    expect(all).toEqual([...all].sort())
  })

  test('a town must point at an existing office', async () => {
    const bad = refusal(await h.call('admin', 'saveTown', { name: '测试镇', departmentId: 'nowhere' }, { as: admin }))
    expect(bad).toEqual({ code: 'VALIDATION', message: '所选办事机构不存在', fields: { departmentId: '所选办事机构不存在' } })
    const town = unwrap(await h.call('admin', 'saveTown', { name: '测试镇', departmentId: 'hr' }, { as: admin }))
    expect(town).toEqual({ id: expect.stringMatching(/^town-/), name: '测试镇', departmentId: 'hr' })
    expect(refusal(await h.call('admin', 'saveTown', { name: '大良街道' }, { as: admin })).fields).toEqual({ name: '已有名为“大良街道”的镇街' })
    expect(unwrap(await h.call('admin', 'saveTown', { id: town.id, name: '测试镇', departmentId: null }, { as: admin })).departmentId).toBeNull()
  })
})

describe('chains and enterprises', () => {
  test('a chain keeps its lead and cooperating departments apart, and counts its enterprises', async () => {
    const both = refusal(await h.call('admin', 'saveChain', { name: '低空经济', leadDepartmentId: 'economy', cooperatingDepartmentIds: ['science', 'economy'] }, { as: admin }))
    expect(both).toMatchObject({ code: 'VALIDATION', fields: { cooperatingDepartmentIds: '牵头部门不必再列为协同部门' } })
    expect(refusal(await h.call('admin', 'saveChain', { name: '低空经济', leadDepartmentId: 'nowhere' }, { as: admin })).fields).toEqual({ leadDepartmentId: '所选牵头部门不存在' })
    expect(refusal(await h.call('admin', 'saveChain', { name: '低空经济', leadDepartmentId: 'economy', cooperatingDepartmentIds: ['nowhere'] }, { as: admin })).code).toBe('VALIDATION')

    const chain = unwrap(await h.call('admin', 'saveChain', { name: '低空经济', leader: '副区长', leadDepartmentId: 'economy', cooperatingDepartmentIds: ['science', 'hr', 'science'] }, { as: admin }))
    expect(chain).toEqual({ id: expect.stringMatching(/^chain-/), name: '低空经济', leader: '副区长', leadDepartmentId: 'economy', cooperatingDepartmentIds: ['hr', 'science'], enterprises: 0 })
    unwrap(await h.call('admin', 'saveEnterprise', { name: '顺德低空飞行器有限公司', chainId: chain.id, townId: 'daliang' }, { as: admin }))
    const [listed] = unwrap(await h.call('admin', 'chains', { q: '低空' }, { as: admin }))
    expect(listed.enterprises).toBe(1)

    const replaced = unwrap(await h.call('admin', 'saveChain', { id: chain.id, name: '低空经济', leadDepartmentId: 'science' }, { as: admin }))
    expect(replaced).toMatchObject({ leader: null, leadDepartmentId: 'science', cooperatingDepartmentIds: [] })
    const [entry] = await log({ subject: 'chains', subjectId: chain.id })
    expect(entry.before).toMatchObject({ cooperatingDepartmentIds: ['hr', 'science'], enterprises: 1 })
    expect(entry.after).toMatchObject({ cooperatingDepartmentIds: [] })
  })

  test('a credit code with a wrong check digit is refused on its field, and nothing is logged', async () => {
    const rows = await auditRows()
    const bad = refusal(await h.call('admin', 'saveEnterprise', { name: '校验位错误有限公司', creditCode: '91110000802100433C' }, { as: admin }))
    expect(bad).toEqual({ code: 'VALIDATION', message: '统一社会信用代码校验位不正确，请核对是否抄错', fields: { creditCode: '统一社会信用代码校验位不正确，请核对是否抄错' } })
    const letter = refusal(await h.call('admin', 'saveEnterprise', { name: '校验位错误有限公司', creditCode: '91440606MO4UJ8XE2L' }, { as: admin }))
    expect(letter.fields?.creditCode).toContain('“O”')
    expect(refusal(await h.call('admin', 'saveEnterprise', { name: '校验位错误有限公司', creditCode: '9144' }, { as: admin })).fields).toEqual({ creditCode: '统一社会信用代码应为 18 位' })
    expect(await auditRows()).toBe(rows)
    expect((await h.db.query(`SELECT 1 FROM enterprises WHERE name = '校验位错误有限公司'`)).length).toBe(0)
  })

  test('an enterprise is saved with a valid code (upper-cased), and a second one cannot take the same code', async () => {
    const e = unwrap(await h.call('admin', 'saveEnterprise', { name: '中国国际航空股份有限公司', creditCode: '91110000802100433b', chainId: 'smart_appliance', townId: 'daliang', isChainLeader: true }, { as: admin }))
    expect(e).toEqual({ id: expect.stringMatching(/^e-/), name: '中国国际航空股份有限公司', creditCode: '91110000802100433B', chainId: 'smart_appliance', townId: 'daliang', isChainLeader: true })
    const dup = refusal(await h.call('admin', 'saveEnterprise', { name: '另一家公司', creditCode: '91110000802100433B' }, { as: admin }))
    expect(dup).toEqual({ code: 'CONFLICT', message: '该统一社会信用代码已登记为“中国国际航空股份有限公司”', fields: { creditCode: '该统一社会信用代码已登记为“中国国际航空股份有限公司”' } })
    // the same code on the same enterprise is its own
    const cleared = unwrap(await h.call('admin', 'saveEnterprise', { id: e.id, name: e.name, creditCode: '91110000802100433B' }, { as: admin }))
    expect(cleared).toMatchObject({ chainId: null, townId: null, isChainLeader: false })
    expect(unwrap(await h.call('admin', 'enterprises', { q: '国际航空' }, { as: admin }))).toEqual([cleared])
  })

  test('unknown chain and town are named field by field; a chain leader needs a chain', async () => {
    const bad = refusal(await h.call('admin', 'saveEnterprise', { name: '无处可去有限公司', chainId: 'nochain', townId: 'notown' }, { as: admin }))
    expect(bad).toEqual({ code: 'VALIDATION', message: '所选产业链不存在', fields: { chainId: '所选产业链不存在', townId: '所选镇街不存在' } })
    expect(refusal(await h.call('admin', 'saveEnterprise', { name: '无处可去有限公司', isChainLeader: true }, { as: admin })).fields).toEqual({ chainId: '链主企业须选择所属产业链' })
    expect(refusal(await h.call('admin', 'saveEnterprise', { name: '广东村田智能科技有限公司' }, { as: admin })).code).toBe('CONFLICT')
  })
})

describe('people and roles', () => {
  test('phones are masked in the list and in the log, and the whole number stays only in the row', async () => {
    const p = unwrap(await h.call('admin', 'savePerson', { name: '林测试', phone: '13800138000', partyMember: true }, { as: admin }))
    expect(p).toEqual({ id: expect.stringMatching(/^p-/), name: '林测试', phone: '138****8000', partyMember: true, login: null, wechatBound: false, lockedUntil: null, roles: [], deleted: false })
    const [entry] = await log({ subject: 'people', subjectId: p.id })
    expect(entry.after).toMatchObject({ phone: '138****8000' })
    expect(JSON.stringify(entry)).not.toContain('13800138000')
    expect((await h.db.query<{ phone: string }>('SELECT phone FROM people WHERE id = $1', [p.id]))[0].phone).toBe('13800138000')
    const listed = unwrap(await h.call('admin', 'people', { q: '林测' }, { as: admin }))
    expect(listed).toEqual([p])
  })

  test('an edit that leaves the phone out keeps the stored number; null clears it', async () => {
    const phoneOf = async (id: string) => (await h.db.query<{ phone: string | null }>('SELECT phone FROM people WHERE id = $1', [id]))[0].phone
    const p = unwrap(await h.call('admin', 'savePerson', { name: '周保留', phone: '13900139000' }, { as: admin }))
    unwrap(await h.call('admin', 'savePerson', { id: p.id, name: '周保留改', partyMember: true }, { as: admin }))
    expect(await phoneOf(p.id)).toBe('13900139000')
    unwrap(await h.call('admin', 'savePerson', { id: p.id, name: '周保留改', phone: null }, { as: admin }))
    expect(await phoneOf(p.id)).toBeNull()
  })

  test('the list shows roles with their scope names, filters by role, and a lock only while it lasts', async () => {
    const managers = unwrap(await h.call('admin', 'people', { role: 'station' }, { as: admin }))
    expect(managers.length).toBeGreaterThan(0)
    for (const m of managers) expect(m.roles.some((r) => r.role === 'station' && r.scopeName)).toBe(true)
    const me = unwrap(await h.call('admin', 'people', { q: '苏建明' }, { as: admin }))
    expect(me[0].roles).toEqual([{ role: 'admin', scopeId: null, scopeName: null }])

    const later = new Date(h.clock.now.getTime() + 600_000)
    await h.db.query('UPDATE people SET locked_until = $2 WHERE id = $1', ['p-demo-handler', later])
    expect(unwrap(await h.call('admin', 'people', { q: '何嘉欣' }, { as: admin }))[0].lockedUntil).toBe(later.toISOString())
    await h.db.query('UPDATE people SET locked_until = $2 WHERE id = $1', ['p-demo-handler', new Date(h.clock.now.getTime() - 1)])
    expect(unwrap(await h.call('admin', 'people', { q: '何嘉欣' }, { as: admin }))[0].lockedUntil).toBeNull()
  })

  test('a role is granted only over a scope that fits it, once, and each grant is logged', async () => {
    const p = unwrap(await h.call('admin', 'savePerson', { name: '周经办' }, { as: admin }))
    const noScope = refusal(await h.call('admin', 'grantRole', { personId: p.id, role: 'handler' }, { as: admin }))
    expect(noScope).toMatchObject({ code: 'VALIDATION', fields: { scopeId: '请选择范围' } })
    expect(refusal(await h.call('admin', 'grantRole', { personId: p.id, role: 'dispatcher', scopeId: 'hr' }, { as: admin })).fields).toEqual({ scopeId: '不需要选择范围' })
    // a department id is no station
    expect(refusal(await h.call('admin', 'grantRole', { personId: p.id, role: 'station', scopeId: 'hr' }, { as: admin })).fields).toEqual({ scopeId: '所选范围不存在' })
    expect(refusal(await h.call('admin', 'grantRole', { personId: 'p-nobody', role: 'dispatcher' }, { as: admin })).code).toBe('NOT_FOUND')

    const granted = unwrap(await h.call('admin', 'grantRole', { personId: p.id, role: 'handler', scopeId: 'hr' }, { as: admin }))
    expect(granted.roles).toEqual([{ role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }])
    unwrap(await h.call('admin', 'grantRole', { personId: p.id, role: 'handler', scopeId: 'hr' }, { as: admin }))
    const entries = await log({ subject: 'roles', subjectId: p.id })
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      action: 'grant',
      actorId: ADMIN_ID,
      before: null,
      after: { personId: p.id, personName: '周经办', role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }
    })
  })

  test('an erased person is listed as deleted and can be neither edited nor granted a role', async () => {
    const p = unwrap(await h.call('admin', 'savePerson', { name: '将注销' }, { as: admin }))
    await h.db.query('UPDATE people SET erased_at = $2 WHERE id = $1', [p.id, h.clock.now])
    expect(unwrap(await h.call('admin', 'people', { q: '将注销' }, { as: admin }))[0].deleted).toBe(true)
    expect(refusal(await h.call('admin', 'grantRole', { personId: p.id, role: 'dispatcher' }, { as: admin }))).toMatchObject({ code: 'CONFLICT', message: '该人员已注销，不能授予角色' })
    expect(refusal(await h.call('admin', 'savePerson', { id: p.id, name: '复活' }, { as: admin })).code).toBe('CONFLICT')
    expect(refusal(await h.call('admin', 'saveStation', station({ managerPersonId: p.id }), { as: admin })).fields).toEqual({ managerPersonId: '所选站长已注销' })
  })
})

describe('stations, service items and pairings', () => {
  test('a station manager is granted the station role over it, logged as a grant', async () => {
    const manager = unwrap(await h.call('admin', 'savePerson', { name: '站长甲' }, { as: admin }))
    const s = unwrap(await h.call('admin', 'saveStation', station({ managerPersonId: manager.id, amenities: ['water', 'water', 'wifi'], phone: '0757-22381016' }), { as: admin }))
    expect(s).toMatchObject({ id: expect.stringMatching(/^s-/), townId: 'daliang', managerPersonId: manager.id, amenities: ['water', 'wifi'], open24h: false, closedOnHolidays: false, hours })
    const person = unwrap(await h.call('admin', 'people', { q: '站长甲' }, { as: admin }))[0]
    expect(person.roles).toEqual([{ role: 'station', scopeId: s.id, scopeName: '测试暖新驿站' }])
    expect((await log({ subject: 'roles', subjectId: manager.id }))[0]).toMatchObject({ action: 'grant', after: { role: 'station', scopeId: s.id } })
    expect((await log({ subject: 'stations', subjectId: s.id }))[0]).toMatchObject({ action: 'create', after: s })

    // the manager's closures are not the console's to overwrite
    await h.db.query(`UPDATE stations SET closures = '{2026-12-01}' WHERE id = $1`, [s.id])
    unwrap(await h.call('admin', 'saveStation', station({ id: s.id, name: '测试暖新驿站（改）', managerPersonId: manager.id }), { as: admin }))
    expect((await h.db.query<{ n: number }>('SELECT cardinality(closures) AS n FROM stations WHERE id = $1', [s.id]))[0].n).toBe(1)
    expect(await log({ subject: 'roles', subjectId: manager.id })).toHaveLength(1)
  })

  test('a station needs an existing town, department and manager', async () => {
    const bad = refusal(await h.call('admin', 'saveStation', station({ townId: 'notown', departmentId: 'nodept', managerPersonId: 'p-nobody' }), { as: admin }))
    expect(bad.fields).toEqual({ townId: '所选镇街不存在', departmentId: '所选主管部门不存在', managerPersonId: '所选站长不存在' })
  })

  test('an item keeps the schedule its station manager set; a larger capacity reaches future sittings and their waitlist', async () => {
    const s = unwrap(await h.call('admin', 'saveStation', station({ name: '服务测试站' }), { as: admin }))
    const item = unwrap(await h.call('admin', 'saveServiceItem', { stationId: s.id, name: '法律咨询', durationMinutes: 30, capacity: 1, audience: 'enterprise' }, { as: admin }))
    expect(item).toEqual({ id: expect.stringMatching(/^svc-/), stationId: s.id, name: '法律咨询', description: '', durationMinutes: 30, capacity: 1, audience: 'enterprise' })

    const schedule = JSON.stringify([null, [{ start: '09:00', end: '09:30' }], null, null, null, null, null])
    await h.db.query('UPDATE service_items SET schedule = $2 WHERE id = $1', [item.id, schedule])
    const starts = new Date(h.clock.now.getTime() + 2 * 86_400_000)
    await h.db.query('INSERT INTO slots (id, service_item_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, 1)', [`${item.id}-slot`, item.id, starts, new Date(starts.getTime() + 1_800_000)])
    const waiting = await h.person('enterprise', 'e-murata')
    const waitingId = h.deps.tokens.verify(waiting, h.clock.now) as string
    await h.db.query(
      `INSERT INTO bookings (id, slot_id, person_id, status, created_at, waitlisted_at) VALUES
         ('bk-first', $1, 'p-demo-enterprise', 'confirmed', $3, NULL), ('bk-second', $1, $2, 'waitlisted', $3, $3)`,
      [`${item.id}-slot`, waitingId, h.clock.now]
    )

    const bigger = unwrap(await h.call('admin', 'saveServiceItem', { id: item.id, stationId: s.id, name: '法律咨询', description: '律师坐班', durationMinutes: 30, capacity: 2, audience: 'anyone' }, { as: admin }))
    expect(bigger).toMatchObject({ capacity: 2, description: '律师坐班', audience: 'anyone' })
    const [row] = await h.db.query<{ schedule: unknown }>('SELECT schedule FROM service_items WHERE id = $1', [item.id])
    expect(row.schedule).toEqual(JSON.parse(schedule))
    expect((await h.db.query<{ capacity: number }>('SELECT capacity FROM slots WHERE id = $1', [`${item.id}-slot`]))[0].capacity).toBe(2)
    expect((await h.db.query<{ status: string }>(`SELECT status FROM bookings WHERE id = 'bk-second'`))[0].status).toBe('confirmed')
    expect(unwrap(await h.call('admin', 'services', { stationId: s.id }, { as: admin }))).toEqual([bigger])

    const moved = refusal(await h.call('admin', 'saveServiceItem', { id: item.id, stationId: 's-daliang-warm-1', name: '法律咨询', durationMinutes: 30, capacity: 2, audience: 'anyone' }, { as: admin }))
    expect(moved).toMatchObject({ code: 'VALIDATION', fields: { stationId: '服务项目不能移到其他站点' } })
    expect(refusal(await h.call('admin', 'saveServiceItem', { stationId: 'nostation', name: '无站服务', durationMinutes: 30, capacity: 2, audience: 'anyone' }, { as: admin })).fields).toEqual({ stationId: '所选站点不存在' })

    const removal = refusal(await h.call('admin', 'remove', { entity: 'services', id: item.id }, { as: admin }))
    expect(removal).toEqual({ code: 'CONFLICT', message: '该服务项目仍有 2 条预约引用，不能删除' })
    const stationRemoval = refusal(await h.call('admin', 'remove', { entity: 'stations', id: s.id }, { as: admin }))
    expect(stationRemoval.message).toBe('该站点仍有 2 条预约引用，不能删除')
  })

  test('a pairing checks its enterprise and department and is found by either branch', async () => {
    const input = { kind: 'branch' as const, phase: 3, agencyBranch: '区测试局机关党支部', enterpriseBranch: '测试企业党支部', startedOn: '2026-03-01', endsOn: '2027-02-28', goals: '共建' }
    const bad = refusal(await h.call('admin', 'savePairing', { ...input, agencyDepartmentId: 'nodept', enterpriseId: 'noent' }, { as: admin }))
    expect(bad.fields).toEqual({ agencyDepartmentId: '所选机关部门不存在', enterpriseId: '所选企业不存在' })
    expect(refusal(await h.call('admin', 'savePairing', { ...input, endsOn: '2026-01-01' }, { as: admin })).fields).toEqual({ endsOn: '结束日期不能早于开始日期' })

    const p = unwrap(await h.call('admin', 'savePairing', { ...input, agencyDepartmentId: 'hr', enterpriseId: 'e-murata' }, { as: admin }))
    expect(p).toEqual({ id: expect.stringMatching(/^pair-/), ...input, agencyDepartmentId: 'hr', enterpriseId: 'e-murata' })
    expect(unwrap(await h.call('admin', 'pairings', { q: '测试企业' }, { as: admin }))).toEqual([p])
    const open = unwrap(await h.call('admin', 'savePairing', { ...input, id: p.id, endsOn: null, kind: 'mentoring' }, { as: admin }))
    expect(open).toMatchObject({ endsOn: null, kind: 'mentoring', enterpriseId: null })
  })
})

describe('removing a record', () => {
  test('a department still referred to is kept, with what refers to it named; once free it goes, logged', async () => {
    const d = unwrap(await h.call('admin', 'saveDepartment', { name: '待删除部门', kind: 'district' }, { as: admin }))
    const s = unwrap(await h.call('admin', 'saveStation', station({ name: '引用部门的站', departmentId: d.id }), { as: admin }))
    // the dispatcher's form offers only the routing engine's departments, so the rule goes in directly
    await h.db.query(`INSERT INTO routing_rules (id, phrase, department_id) VALUES ('rr-to-remove', '待删关键词', $1)`, [d.id])
    const rows = await auditRows()
    const refused = refusal(await h.call('admin', 'remove', { entity: 'departments', id: d.id }, { as: admin }))
    expect(refused).toEqual({ code: 'CONFLICT', message: '该部门仍有 1 个站点、1 条派单规则引用，不能删除' })
    expect(await auditRows()).toBe(rows)

    unwrap(await h.call('admin', 'remove', { entity: 'stations', id: s.id }, { as: admin }))
    unwrap(await h.call('settings', 'deleteRule', { id: 'rr-to-remove' }, { as: dispatcher }))
    expect(unwrap(await h.call('admin', 'remove', { entity: 'departments', id: d.id }, { as: admin }))).toEqual({ removed: true })
    expect(unwrap(await h.call('admin', 'departments', { q: '待删除部门' }, { as: admin }))).toEqual([])
    expect((await log({ subject: 'departments', subjectId: d.id }))[0]).toMatchObject({ action: 'delete', actorId: ADMIN_ID, before: d, after: null })
    expect((await log({ subject: 'stations', subjectId: s.id }))[0]).toMatchObject({ action: 'delete', before: { name: '引用部门的站' } })
    expect(refusal(await h.call('admin', 'remove', { entity: 'departments', id: d.id }, { as: admin })).code).toBe('NOT_FOUND')
  })

  test('a reference the counts do not know is still caught by the database and refused, not an error', async () => {
    const d = unwrap(await h.call('admin', 'saveDepartment', { name: '只在处理记录里的部门', kind: 'district' }, { as: admin }))
    const enterprise = await h.signIn('enterprise')
    const problem = unwrap(await h.call('problems', 'file', { title: '厂区门口路灯不亮', content: '厂区门口一段路灯坏了一周，夜班员工出入不安全。', category: 'other', enterpriseId: 'e-murata' }, { as: enterprise }))
    await h.db.query(`INSERT INTO problem_events (problem_id, seq, type, actor_kind, actor_department_id, at) VALUES ($1, 9999, 'note', 'unit', $2, $3)`, [problem.id, d.id, h.clock.now])
    const rows = await auditRows()
    expect(refusal(await h.call('admin', 'remove', { entity: 'departments', id: d.id }, { as: admin }))).toEqual({ code: 'CONFLICT', message: '该部门仍被其他记录引用，不能删除' })
    expect(await auditRows()).toBe(rows)
    expect(unwrap(await h.call('admin', 'departments', { q: '只在处理记录里的部门' }, { as: admin }))).toHaveLength(1)
  })

  test('enterprises with staff and pairings with activities stay; people are never removed', async () => {
    const e = refusal(await h.call('admin', 'remove', { entity: 'enterprises', id: 'e-murata' }, { as: admin }))
    expect(e.code).toBe('CONFLICT')
    expect(e.message).toMatch(/^该企业仍有 .*位企业联络员或第一书记.*引用，不能删除$/)
    const pair = unwrap(await h.call('admin', 'savePairing', { kind: 'branch', phase: 3, agencyBranch: '有活动的机关支部', enterpriseBranch: '有活动的企业支部', startedOn: '2026-01-01' }, { as: admin }))
    await h.db.query(`INSERT INTO pairing_activities (id, pairing_id, type, title, held_on) VALUES ('act-keep', $1, 'lecture', '共上党课', '2026-06-01')`, [pair.id])
    expect(refusal(await h.call('admin', 'remove', { entity: 'pairings', id: pair.id }, { as: admin })).message).toBe('该结对仍有 1 次共建活动引用，不能删除')
    await h.db.query(`DELETE FROM pairing_activities WHERE id = 'act-keep'`)
    unwrap(await h.call('admin', 'remove', { entity: 'pairings', id: pair.id }, { as: admin }))
    const person = refusal(await h.call('admin', 'remove', { entity: 'people', id: 'p-demo-enterprise' }, { as: admin }))
    expect(person).toEqual({ code: 'CONFLICT', message: '人员不能删除，可收回其角色；本人可在“我的数据”中注销' })
    expect(refusal(await h.call('admin', 'remove', { entity: 'towns', id: 'daliang' }, { as: admin })).message).toMatch(/^该镇街仍有 \d+ 家企业、\d+ 个站点/)
  })
})

describe('the audit log', () => {
  test('pages run newest first by id without gaps or repeats, and filter by subject and actor', async () => {
    for (let i = 0; i < 5; i++) unwrap(await h.call('admin', 'saveTown', { name: `翻页镇${i}` }, { as: admin }))
    const all = await log({ subject: 'towns', limit: 200 })
    expect(all.length).toBeGreaterThanOrEqual(5)
    const ids = all.map((e) => BigInt(e.id))
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)))
    expect(all[0].after).toMatchObject({ name: '翻页镇4' })

    const pages: AuditEntry[] = []
    let before: string | undefined
    for (;;) {
      const page = await log({ subject: 'towns', limit: 2, before })
      expect(page.length).toBeLessThanOrEqual(2)
      if (!page.length) break
      pages.push(...page)
      before = page[page.length - 1].id
    }
    expect(pages.map((e) => e.id)).toEqual(all.map((e) => e.id))
    expect(all.every((e) => e.subject === 'towns')).toBe(true)
    const mine = await log({ actorId: ADMIN_ID, limit: 200 })
    expect(mine.length).toBeGreaterThan(0)
    expect(mine.every((e) => e.actorId === ADMIN_ID)).toBe(true)
    expect(refusal(await h.call('admin', 'audit', { before: 'abc' }, { as: admin })).fields).toEqual({ before: '翻页位置不正确' })
  })

  test('fifty entries make a page unless asked otherwise', async () => {
    const d = unwrap(await h.call('admin', 'saveDepartment', { name: '改名很多次的部门', kind: 'district' }, { as: admin }))
    for (let i = 0; i < 51; i++) unwrap(await h.call('admin', 'saveDepartment', { id: d.id, name: '改名很多次的部门', matters: `第 ${i} 次`, kind: 'district' }, { as: admin }))
    expect(await log({ subjectId: d.id })).toHaveLength(50)
    expect(await log({ subjectId: d.id, limit: 200 })).toHaveLength(52)
  })

  test('a retried save (same request id) is done and logged once', async () => {
    const rows = await auditRows()
    const first = unwrap(await h.call('admin', 'saveTown', { name: '重试镇' }, { as: admin, requestId: 'retry-town-1' }))
    const again = unwrap(await h.call('admin', 'saveTown', { name: '重试镇' }, { as: admin, requestId: 'retry-town-1' }))
    expect(again).toEqual(first)
    expect(await auditRows()).toBe(rows + 1)
  })
})

describe('other administrative changes are logged too', () => {
  test('routing rules, time limits and calendar days, with the dispatcher as actor', async () => {
    const rows = await auditRows()
    expect(refusal(await h.call('settings', 'saveRule', { phrase: '无效部门规则', departmentId: 'nowhere', priority: 5 }, { as: dispatcher })).code).toBe('VALIDATION')
    expect(await auditRows()).toBe(rows)

    const saved = unwrap(await h.call('settings', 'saveRule', { phrase: '审计关键词', departmentId: 'hr', priority: 5 }, { as: dispatcher }))
    const rule = saved.rules.find((r) => r.phrase === '审计关键词')
    if (!rule) throw new Error('rule not saved')
    unwrap(await h.call('settings', 'saveRule', { id: rule.id, phrase: '审计关键词', departmentId: 'science', priority: 6, enabled: false }, { as: dispatcher }))
    unwrap(await h.call('settings', 'deleteRule', { id: rule.id }, { as: dispatcher }))
    const ruleLog = await log({ subject: 'routing_rules', subjectId: rule.id })
    expect(ruleLog.map((e) => e.action)).toEqual(['delete', 'update', 'create'])
    expect(ruleLog[2]).toMatchObject({ actorId: 'p-demo-dispatcher', before: null, after: { phrase: '审计关键词', departmentId: 'hr', priority: 5, enabled: true } })
    expect(ruleLog[1]).toMatchObject({ before: { departmentId: 'hr' }, after: { departmentId: 'science', departmentName: '区科技局', enabled: false } })
    expect(ruleLog[0]).toMatchObject({ before: { departmentId: 'science' }, after: null })

    unwrap(await h.call('settings', 'saveSla', { category: 'financing', acceptDays: 2, replyDays: 8, extensionMaxDays: 4 }, { as: dispatcher }))
    unwrap(await h.call('settings', 'saveSla', { category: 'financing', acceptDays: 1, replyDays: 6, extensionMaxDays: 3 }, { as: dispatcher }))
    const sla = await log({ subject: 'sla', subjectId: 'financing' })
    expect(sla.map((e) => e.action)).toEqual(['update', 'create'])
    expect(sla[0]).toMatchObject({ before: { acceptDays: 2, replyDays: 8 }, after: { acceptDays: 1, replyDays: 6, extensionMaxDays: 3 } })

    unwrap(await h.call('settings', 'saveCalendarDay', { date: '2027-10-09', kind: 'workday', note: '国庆调休' }, { as: dispatcher }))
    unwrap(await h.call('settings', 'deleteCalendarDay', { date: '2027-10-09' }, { as: dispatcher }))
    const days = await log({ subject: 'calendar', subjectId: '2027-10-09' })
    expect(days.map((e) => e.action)).toEqual(['delete', 'create'])
    expect(days[1].after).toEqual({ date: '2027-10-09', kind: 'workday', note: '国庆调休' })
    expect(days[0]).toMatchObject({ before: { date: '2027-10-09', kind: 'workday' }, after: null })
  })

  test('invites are logged without their code, and a revoked role with what it was over', async () => {
    const issued = unwrap(await h.call('accounts', 'issueInvite', { role: 'handler', scopeId: 'hr', note: '新同事' }, { as: admin }))
    const [entry] = await log({ subject: 'invites', subjectId: issued.id })
    expect(entry).toMatchObject({ action: 'issue_invite', actorId: ADMIN_ID, before: null, after: { id: issued.id, role: 'handler', scopeId: 'hr', note: '新同事', status: 'pending' } })
    const text = JSON.stringify(entry)
    expect(text).not.toContain(issued.code)
    expect(text).not.toContain(issued.code.replace(/-/g, ''))
    expect(refusal(await h.call('accounts', 'issueInvite', { role: 'station', scopeId: 'hr' }, { as: admin })).fields).toEqual({ scopeId: '所选范围不存在' })

    unwrap(await h.call('accounts', 'revokeInvite', { id: issued.id }, { as: admin }))
    unwrap(await h.call('accounts', 'revokeInvite', { id: issued.id }, { as: admin }))
    const revoked = await log({ subject: 'invites', subjectId: issued.id })
    expect(revoked.map((e) => e.action)).toEqual(['revoke_invite', 'issue_invite'])
    expect(revoked[0]).toMatchObject({ before: { status: 'pending' }, after: { status: 'revoked' } })

    const p = unwrap(await h.call('admin', 'savePerson', { name: '收回测试' }, { as: admin }))
    unwrap(await h.call('admin', 'grantRole', { personId: p.id, role: 'enterprise', scopeId: 'e-murata' }, { as: admin }))
    unwrap(await h.call('accounts', 'revokeRole', { personId: p.id, role: 'enterprise', scopeId: 'e-murata' }, { as: admin }))
    const roles = await log({ subject: 'roles', subjectId: p.id })
    expect(roles.map((e) => e.action)).toEqual(['revoke', 'grant'])
    expect(roles[0]).toMatchObject({ before: { personId: p.id, role: 'enterprise', scopeId: 'e-murata', scopeName: '广东村田智能科技有限公司' }, after: null })
  })

  test('annual plans: created, replaced and removed', async () => {
    const required = [{ type: 'lecture' as const, count: 2 }]
    unwrap(await h.call('pairings', 'savePlan', { year: 2030, required }, { as: dispatcher }))
    unwrap(await h.call('pairings', 'savePlan', { year: 2030, required: [{ type: 'lecture', count: 3 }] }, { as: dispatcher }))
    unwrap(await h.call('pairings', 'savePlan', { year: 2030, required: [] }, { as: dispatcher }))
    const plans = (await log({ subject: 'plans', subjectId: 'default' })).filter((e) => (e.after ?? e.before)?.year === 2030)
    expect(plans.map((e) => e.action)).toEqual(['delete', 'update', 'create'])
    expect(plans[2]).toMatchObject({ actorId: 'p-demo-dispatcher', before: null, after: { pairingId: null, year: 2030, required } })
    expect(plans[1]).toMatchObject({ before: { required }, after: { required: [{ type: 'lecture', count: 3 }] } })
  })
})
