import type { ImportableEntity, ImportReport, Result } from '@contract'
import { creditCodeCheckChar } from '../../cloudfunctions/core'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { csvBase64, csvText, xlsxBase64, type Cells } from '../support/spreadsheets'

let h: Harness
let admin: string
let dispatcher: string

beforeAll(async () => {
  h = await openHarness()
  admin = await h.signIn('admin')
  dispatcher = await h.signIn('dispatcher')
})
afterAll(() => h.close())

/** A valid 统一社会信用代码 from its first 17 characters. */
const code = (first17: string) => `${first17}${creditCodeCheckChar(first17)}`
/** The same code with a wrong check character. */
const mistyped = (first17: string) => `${first17}${creditCodeCheckChar(first17) === '0' ? '1' : '0'}`

const run = (entity: ImportableEntity, fileName: string, base64: string, dryRun = false, as = admin): Promise<Result<ImportReport>> =>
  h.call('admin', 'import', { entity, fileName, base64, dryRun }, { as })
const report = async (entity: ImportableEntity, fileName: string, base64: string, dryRun = false) => unwrap(await run(entity, fileName, base64, dryRun))

const count = async (table: string) => (await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n
const auditCount = () => count('audit_log')
const enterprise = async (name: string) =>
  (await h.db.query<{ id: string; credit_code: string | null; chain_id: string | null; town_id: string | null; is_chain_leader: boolean }>(
    'SELECT id, credit_code, chain_id, town_id, is_chain_leader FROM enterprises WHERE name = $1',
    [name]
  ))[0] ?? null

const ENTERPRISE_HEADER: Cells = ['企业名称', '统一社会信用代码', '产业链', '镇街', '链主企业(是/否)']

describe('enterprises from .xlsx', () => {
  const rows: Cells[] = [
    ENTERPRISE_HEADER,
    ['顺德导入测试甲有限公司', code('91440606MA4W00001'), '智能家电', '大良街道', '否'],
    ['顺德导入测试乙有限公司', null, '机器人', '容桂街道', null],
    // an existing enterprise, found by name: its chain-leader flag changes, its code is filled in
    ['美的集团股份有限公司', code('91440606MA4W00002'), '智能家电', '北滘镇', '是']
  ]

  it('a dry run reports what would happen and writes nothing', async () => {
    const before = { enterprises: await count('enterprises'), audit: await auditCount() }
    const r = await report('enterprises', 'e.xlsx', await xlsxBase64(rows), true)
    expect(r).toEqual({ entity: 'enterprises', dryRun: true, total: 3, created: 2, updated: 1, rejected: [], applied: false })
    expect(await count('enterprises')).toBe(before.enterprises)
    expect(await auditCount()).toBe(before.audit)
    expect(await enterprise('顺德导入测试甲有限公司')).toBeNull()
  })

  it('imports every row in one go and audits each change', async () => {
    const before = await count('enterprises')
    const r = await report('enterprises', 'e.xlsx', await xlsxBase64(rows))
    expect(r).toMatchObject({ total: 3, created: 2, updated: 1, rejected: [], applied: true })
    expect(await count('enterprises')).toBe(before + 2)
    expect(await enterprise('顺德导入测试甲有限公司')).toMatchObject({ credit_code: code('91440606MA4W00001'), chain_id: 'smart_appliance', town_id: 'daliang', is_chain_leader: false })
    expect(await enterprise('顺德导入测试乙有限公司')).toMatchObject({ credit_code: null, chain_id: 'robotics', town_id: 'ronggui', is_chain_leader: false })
    expect(await enterprise('美的集团股份有限公司')).toMatchObject({ id: 'e-midea', credit_code: code('91440606MA4W00002'), is_chain_leader: true })

    const log = await h.db.query<{ subject_id: string; action: string; actor_name: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>(
      `SELECT subject_id, action, actor_name, before, after FROM audit_log WHERE subject = 'enterprises' ORDER BY id`
    )
    expect(log).toHaveLength(3)
    expect(log.every((e) => e.action === 'import' && e.actor_name === '苏建明')).toBe(true)
    const midea = log.find((e) => e.subject_id === 'e-midea')
    expect(midea?.before).toMatchObject({ creditCode: null })
    expect(midea?.after).toMatchObject({ creditCode: code('91440606MA4W00002'), isChainLeader: true })
    expect(log.filter((e) => e.before === null)).toHaveLength(2)
  })

  it('the same file again matches every row: nothing created, nothing changed, nothing more in the log', async () => {
    const audit = await auditCount()
    const r = await report('enterprises', 'e.xlsx', await xlsxBase64(rows))
    expect(r).toMatchObject({ created: 0, updated: 3, applied: true })
    expect(await auditCount()).toBe(audit)
  })

  it('matches by credit code before the name, so a row can rename an enterprise', async () => {
    const r = await report('enterprises', 'e.xlsx', await xlsxBase64([ENTERPRISE_HEADER, ['顺德导入测试甲（改名）有限公司', code('91440606MA4W00001'), null, null, null]]))
    expect(r).toMatchObject({ created: 0, updated: 1, applied: true })
    // blank cells keep what was there
    expect(await enterprise('顺德导入测试甲（改名）有限公司')).toMatchObject({ chain_id: 'smart_appliance', town_id: 'daliang' })
  })
})

describe('enterprises from .csv', () => {
  it('reads UTF-8 with the BOM Excel writes, headers with stray spaces and without the hint', async () => {
    const base64 = csvBase64([[' 企业名称 ', '统一社会信用代码', '产业链', ' 镇街', '链主企业（是/否）'], ['顺德导入测试丙有限公司', '', '预制菜', '陈村镇', '否']], 'utf8-bom')
    expect(await report('enterprises', 'e.csv', base64)).toMatchObject({ created: 1, applied: true })
    expect(await enterprise('顺德导入测试丙有限公司')).toMatchObject({ chain_id: 'prepared_food', town_id: 'chencun' })
  })

  it('reads UTF-8 without a BOM', async () => {
    const base64 = csvBase64([['企业名称', '镇街'], ['顺德导入测试丁有限公司', '均安镇']], 'utf8')
    expect(await report('enterprises', 'e.csv', base64)).toMatchObject({ created: 1, applied: true })
  })

  it('reads GB18030 (GBK), as Excel on a Chinese Windows saves CSV', async () => {
    const base64 = csvBase64([ENTERPRISE_HEADER, ['顺德导入测试戊有限公司', null, '机器人', '龙江镇', '否']], 'gb18030')
    expect(await report('enterprises', 'e.csv', base64)).toMatchObject({ created: 1, rejected: [], applied: true })
    expect(await enterprise('顺德导入测试戊有限公司')).toMatchObject({ chain_id: 'robotics', town_id: 'longjiang' })
  })
})

describe('a bad row stops the whole import', () => {
  it('writes nothing and names every bad row with its reasons', async () => {
    const before = { enterprises: await count('enterprises'), audit: await auditCount() }
    const rows: Cells[] = [
      ENTERPRISE_HEADER,
      ['顺德导入测试己有限公司', code('91440606MA4W00003'), '智能家电', '大良街道', '否'],
      ['顺德导入测试庚有限公司', mistyped('91440606MA4W00004'), '智能家电', '大良街道', '否'],
      ['顺德导入测试辛有限公司', null, '不存在的产业链', '大良街道', '否'],
      [],
      ['顺德导入测试己有限公司', null, null, null, null],
      [null, code('91440606MA4W00005'), '智能家电', '大良街道', '否'],
      ['顺德导入测试壬有限公司', null, null, null, '也许']
    ]
    const r = await report('enterprises', 'e.xlsx', await xlsxBase64(rows))
    expect(r.applied).toBe(false)
    expect(r.total).toBe(6)
    expect(r.rejected.map((x) => x.row)).toEqual([3, 4, 6, 7, 8])
    const reasons = Object.fromEntries(r.rejected.map((x) => [x.row, x.errors.join('；')]))
    expect(reasons[3]).toContain('校验位不正确')
    expect(reasons[4]).toContain('产业链“不存在的产业链”不存在')
    expect(reasons[6]).toContain('与第 2 行重复')
    expect(reasons[7]).toContain('请填写企业名称')
    expect(reasons[8]).toContain('链主企业应填“是”或“否”')
    expect(await count('enterprises')).toBe(before.enterprises)
    expect(await auditCount()).toBe(before.audit)
  })

  it('refuses a row whose code belongs to one enterprise and whose name to another', async () => {
    const r = await report('enterprises', 'e.xlsx', await xlsxBase64([ENTERPRISE_HEADER, ['广东格兰仕集团有限公司', code('91440606MA4W00002'), null, null, null]]))
    expect(r.applied).toBe(false)
    expect(r.rejected[0].errors.join()).toContain('已被另一家企业使用')
  })

  it('refuses a chain leader without a chain', async () => {
    const r = await report('enterprises', 'e.csv', csvBase64([ENTERPRISE_HEADER, ['顺德导入测试癸有限公司', null, null, '大良街道', '是']]))
    expect(r.rejected).toEqual([{ row: 2, errors: ['链主企业须填写所属产业链'] }])
  })
})

describe('files that cannot be imported', () => {
  const refused = async (entity: ImportableEntity, fileName: string, base64: string) => {
    const r = await run(entity, fileName, base64)
    if (r.ok) throw new Error('expected a refusal')
    return r.error
  }

  it('garbage bytes are VALIDATION, whatever the name says', async () => {
    const garbage = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 37 + 11) % 256)).toString('base64')
    for (const name of ['e.xlsx', 'e.csv']) {
      expect(await refused('enterprises', name, garbage)).toMatchObject({ code: 'VALIDATION', message: '无法读取文件，请确认是 .xlsx 或 .csv' })
    }
    const brokenZip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.alloc(100, 7)]).toString('base64')
    expect(await refused('enterprises', 'e.xlsx', brokenZip)).toMatchObject({ code: 'VALIDATION', message: '无法读取文件，请确认是 .xlsx 或 .csv' })
  })

  it('random bytes never get past a typed refusal', async () => {
    let seed = 7
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 256
    for (let i = 0; i < 40; i++) {
      const bytes = Buffer.from(Array.from({ length: 20 + (i % 7) * 40 }, next))
      if (i % 3 === 0) bytes.write('PK\u0003\u0004', 0, 'latin1')
      const r = await run('stations', i % 2 ? 's.csv' : 's.xlsx', bytes.toString('base64'), true)
      expect(r.ok ? 'OK' : r.error.code).toBe('VALIDATION')
    }
  })

  it('names unknown and missing columns', async () => {
    const e = await refused('enterprises', 'e.csv', csvBase64([['公司名', '镇街'], ['某某公司', '大良街道']]))
    expect(e.code).toBe('VALIDATION')
    expect(e.message).toContain('缺少必填列：企业名称')
    expect(e.message).toContain('无法识别的列：公司名')
  })

  it('a header without data rows is refused', async () => {
    expect((await refused('enterprises', 'e.csv', csvBase64([ENTERPRISE_HEADER]))).code).toBe('VALIDATION')
  })

  it('more than 5,000 data rows are refused', async () => {
    const rows: Cells[] = [['企业名称'], ...Array.from({ length: 5001 }, (_, i) => [`批量企业${i}`])]
    const e = await refused('enterprises', 'e.csv', Buffer.from(csvText(rows)).toString('base64'))
    expect(e).toMatchObject({ code: 'VALIDATION' })
    expect(e.message).toContain('5000')
  })

  it('only the system administrator may import', async () => {
    const base64 = csvBase64([ENTERPRISE_HEADER, ['顺德导入测试越权有限公司', null, null, null, null]])
    const codeOf = (r: Result<ImportReport>) => (r.ok ? 'OK' : r.error.code)
    const dispatcherTry = await run('enterprises', 'e.csv', base64, true, dispatcher)
    expect(dispatcherTry).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '仅系统管理员可以操作' } })
    expect(codeOf(await run('stations', 's.csv', base64, true, await h.person('station', 's-daliang-warm-1')))).toBe('FORBIDDEN')
    expect(codeOf(await h.call('admin', 'import', { entity: 'enterprises', fileName: 'e.csv', base64, dryRun: true }))).toBe('UNAUTHENTICATED')
    expect(await enterprise('顺德导入测试越权有限公司')).toBeNull()
  })
})

const STATION_HEADER: Cells = ['站点名称', '类型', '地址', '镇街', '主管部门', '纬度', '经度', '全天开放(是/否)', '开放时间', '设施', '电话']

describe('stations', () => {
  it('creates a station with hours by weekday and amenities by label', async () => {
    const rows: Cells[] = [
      STATION_HEADER,
      ['大良导入测试驿站', '暖“新”驿站', '大良街道测试路 1 号', '大良街道', null, 22.84, 113.25, '否', '周一至周五 08:30-17:30；周六 09:00-12:00', '饮水、充电,休息', '0757-22221234']
    ]
    expect(await report('stations', 's.xlsx', await xlsxBase64(rows))).toMatchObject({ created: 1, applied: true })
    const [s] = await h.db.query<{ type: string; hours: unknown; amenities: string[]; phone: string; town_id: string }>(
      `SELECT type, hours, amenities, phone, town_id FROM stations WHERE name = '大良导入测试驿站'`
    )
    const office = { open: '08:30', close: '17:30' }
    expect(s).toEqual({
      type: 'warm',
      hours: [null, office, office, office, office, office, { open: '09:00', close: '12:00' }],
      amenities: ['water', 'charging', 'rest'],
      phone: '0757-22221234',
      town_id: 'daliang'
    })
  })

  it('a round-the-clock station needs no hours', async () => {
    const rows: Cells[] = [STATION_HEADER, ['容桂导入测试驿站', '党群服务站', '容桂街道测试路 2 号', '容桂街道', '区委社会工作部（两新工委）调度中心', 22.77, 113.28, '是', null, null, null]]
    const r = await report('stations', 's.csv', csvBase64(rows))
    expect(r).toMatchObject({ created: 1, rejected: [], applied: true })
  })

  it('reports bad types, hours, amenities and coordinates by row', async () => {
    const rows: Cells[] = [
      STATION_HEADER,
      ['坏站点一', '驿站', '某某路 1 号', '大良街道', null, 22.8, 113.2, '否', '08:00-20:00', null, null],
      ['坏站点二', '党群服务站', '某某路 2 号', '大良街道', null, 22.8, 113.2, '否', '每天八点到晚上', null, null],
      ['坏站点三', '党群服务站', '某某路 3 号', '大良街道', null, '北纬', 113.2, '否', '08:00-20:00', '饮水、按摩', null],
      ['坏站点四', '党群服务站', '某某路 4 号', '大良街道', null, 22.8, 113.2, '否', null, null, null]
    ]
    const r = await report('stations', 's.xlsx', await xlsxBase64(rows))
    const reasons = Object.fromEntries(r.rejected.map((x) => [x.row, x.errors.join('；')]))
    expect(reasons[2]).toContain('类型“驿站”不正确')
    expect(reasons[3]).toContain('开放时间无法识别')
    expect(reasons[4]).toContain('纬度应为数字')
    expect(reasons[4]).toContain('设施“按摩”不正确')
    expect(reasons[5]).toContain('请填写开放时间')
    expect(r.applied).toBe(false)
    expect(r.created).toBe(0)
  })

  it('an administrator restated as they are passes, as the people export does', async () => {
    const r = await report('people', 'u.csv', csvBase64([PEOPLE_HEADER, ['苏建明', null, '否', '系统管理员', null]]))
    expect(r).toMatchObject({ updated: 1, rejected: [], applied: true })
  })
})

const PAIRING_HEADER: Cells = ['类型', '期数', '机关党组织', '机关部门', '企业党组织', '企业', '开始日期', '结束日期', '共建目标']

describe('pairings', () => {
  it('creates by phase and both branches, then updates the same pair', async () => {
    const row: Cells = ['政企结对', 3, '区导入测试局机关党支部', null, '美的集团导入测试党支部', '美的集团股份有限公司', new Date(Date.UTC(2026, 0, 5)), '2026/12/31', '共学共建']
    expect(await report('pairings', 'p.xlsx', await xlsxBase64([PAIRING_HEADER, row]))).toMatchObject({ created: 1, applied: true })
    const again: Cells = [...row.slice(0, 8), '共学共建，服务企业']
    expect(await report('pairings', 'p.xlsx', await xlsxBase64([PAIRING_HEADER, again]))).toMatchObject({ created: 0, updated: 1, applied: true })
    const rows = await h.db.query<{ enterprise_id: string; started_on: string; ends_on: string; goals: string }>(
      `SELECT enterprise_id, to_char(started_on, 'YYYY-MM-DD') AS started_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, goals
         FROM pairings WHERE agency_branch = '区导入测试局机关党支部'`
    )
    expect(rows).toEqual([{ enterprise_id: 'e-midea', started_on: '2026-01-05', ends_on: '2026-12-31', goals: '共学共建，服务企业' }])
  })

  it('reports an unknown enterprise, a bad date and an end before the start', async () => {
    const rows: Cells[] = [
      PAIRING_HEADER,
      ['政企结对', 3, '甲机关党支部', null, '甲企业党支部', '没有这家企业', '2026-01-05', null, null],
      ['政企结对', 3, '乙机关党支部', null, '乙企业党支部', null, '2026-02-30', null, null],
      ['政企结对', 3, '丙机关党支部', null, '丙企业党支部', null, '2026-03-01', '2025-03-01', null]
    ]
    const r = await report('pairings', 'p.csv', csvBase64(rows))
    const reasons = Object.fromEntries(r.rejected.map((x) => [x.row, x.errors.join('；')]))
    expect(reasons[2]).toContain('企业“没有这家企业”不存在')
    expect(reasons[3]).toContain('日期不正确')
    expect(reasons[4]).toContain('结束日期不能早于开始日期')
  })
})

const PEOPLE_HEADER: Cells = ['姓名', '手机号', '党员(是/否)', '角色', '范围']

describe('people', () => {
  it('creates people and grants their roles, one row per role, each grant audited', async () => {
    const rows: Cells[] = [
      PEOPLE_HEADER,
      ['导入测试甲', '13800000001', '是', '企业联络员', '美的集团股份有限公司'],
      ['导入测试甲', '13800000001', null, '第一书记', '广东格兰仕集团有限公司'],
      ['导入测试乙', '13800000002', '否', '部门经办人', '区民政和人力资源社会保障局'],
      ['导入测试丙', null, null, null, null]
    ]
    const r = await report('people', 'u.xlsx', await xlsxBase64(rows))
    expect(r).toMatchObject({ total: 4, created: 3, updated: 0, rejected: [], applied: true })
    const roles = await h.db.query<{ role: string; scope_id: string }>(
      `SELECT r.role, r.scope_id FROM person_roles r JOIN people p ON p.id = r.person_id WHERE p.phone = '13800000001' ORDER BY r.role`
    )
    expect(roles).toEqual([
      { role: 'enterprise', scope_id: 'e-midea' },
      { role: 'secretary', scope_id: 'e-galanz' }
    ])
    const grants = await h.db.query<{ after: { role: string } }>(`SELECT after FROM audit_log WHERE subject = 'roles' AND action = 'grant'`)
    expect(grants.map((g) => g.after.role).sort()).toEqual(['enterprise', 'handler', 'secretary'])
    const people = await h.db.query<{ after: { phone: string } }>(`SELECT after FROM audit_log WHERE subject = 'people' AND action = 'import'`)
    expect(people).toHaveLength(3)
    // the log shows phones as the console does: masked
    expect(JSON.stringify(people)).not.toContain('13800000001')
  })

  it('finds people again by phone, and by name when the phone is blank', async () => {
    const rows: Cells[] = [PEOPLE_HEADER, ['导入测试甲', '13800000001', '否', null, null], ['导入测试丙', null, '是', null, null]]
    expect(await report('people', 'u.csv', csvBase64(rows))).toMatchObject({ created: 0, updated: 2, applied: true })
    const [p] = await h.db.query<{ party_member: boolean }>(`SELECT party_member FROM people WHERE phone = '13800000001'`)
    expect(p.party_member).toBe(false)
  })

  it('never imports administrators, and checks roles and scopes', async () => {
    const rows: Cells[] = [
      PEOPLE_HEADER,
      ['导入测试丁', '13800000004', null, '系统管理员', null],
      ['苏建明', null, '是', null, null],
      ['导入测试戊', '13800000005', null, '站点管理员', null],
      ['导入测试己', '13800000006', null, '调度员', '大良街道'],
      ['导入测试庚', '1380000', null, '园长', null]
    ]
    const r = await report('people', 'u.csv', csvBase64(rows))
    const reasons = Object.fromEntries(r.rejected.map((x) => [x.row, x.errors.join('；')]))
    expect(reasons[2]).toContain('不能通过导入授予系统管理员角色')
    expect(reasons[3]).toContain('系统管理员的资料和角色不能通过导入修改')
    expect(reasons[4]).toContain('须在“范围”中填写站点名称')
    expect(reasons[5]).toContain('“范围”应留空')
    expect(reasons[6]).toContain('角色“园长”不正确')
    expect(reasons[6]).toContain('电话应为 11 位手机号')
    expect(r.applied).toBe(false)
    expect(r.created).toBe(0)
  })

  it('an administrator restated as they are passes, as the people export does', async () => {
    const r = await report('people', 'u.csv', csvBase64([PEOPLE_HEADER, ['苏建明', null, '否', '系统管理员', null]]))
    expect(r).toMatchObject({ updated: 1, rejected: [], applied: true })
  })
})
