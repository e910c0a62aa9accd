import { ADMIN_ENTITIES, type ExportedFile, type ExportListInput, type ImportableEntity } from '@contract'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { csvBase64, readCsv, readXlsx } from '../support/spreadsheets'

let h: Harness
let admin: string

beforeAll(async () => {
  h = await openHarness()
  admin = await h.signIn('admin')
})
afterAll(() => h.close())

const exported = async (input: ExportListInput): Promise<ExportedFile> => unwrap(await h.call('admin', 'export', input, { as: admin }))
const imported = async (entity: ImportableEntity, fileName: string, base64: string, dryRun = false) =>
  unwrap(await h.call('admin', 'import', { entity, fileName, base64, dryRun }, { as: admin }))
const count = async (table: string) => (await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n

describe('every list exports', () => {
  it.each([...ADMIN_ENTITIES, 'audit' as const])('%s as .xlsx and .csv with the same header and rows', async (entity) => {
    const xlsx = await exported({ entity })
    expect(xlsx.fileName).toMatch(/^.+-20261123\.xlsx$/)
    expect(xlsx.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    const csv = await exported({ entity, format: 'csv' })
    expect(csv.fileName).toBe(xlsx.fileName.replace(/xlsx$/, 'csv'))
    expect(csv.mimeType).toMatch(/^text\/csv/)

    const { rows: sheet } = await readXlsx(xlsx.base64)
    const { rows: text, bom } = readCsv(csv.base64)
    expect(bom).toBe(true)
    expect(text[0]).toEqual(sheet[0])
    expect(text.length).toBe(sheet.length)
  })

  it('names the file for the China day', async () => {
    h.clock.now = new Date('2026-11-24T17:30:00Z') // 01:30 on the 25th in China
    try {
      expect((await exported({ entity: 'enterprises' })).fileName).toBe('企业-20261125.xlsx')
    } finally {
      h.clock.now = new Date('2026-11-23T02:00:00Z')
    }
  })

  it('writes references by name, with a filling guide for the importable lists', async () => {
    const { rows, wb } = await readXlsx((await exported({ entity: 'enterprises' })).base64)
    expect(rows[0]).toEqual(['企业名称', '统一社会信用代码', '产业链', '镇街', '链主企业(是/否)'])
    expect(rows).toContainEqual(['美的集团股份有限公司', '', '智能家电', '北滘镇', '是'])
    expect(wb.getWorksheet('填写说明')).toBeDefined()
    expect(wb.worksheets[0].getCell('A1').note).toBeTruthy()
  })

  it('lists every department, town, chain and service of the seed', async () => {
    for (const [entity, table] of [
      ['departments', 'departments'],
      ['towns', 'towns'],
      ['chains', 'chains'],
      ['services', 'service_items']
    ] as const) {
      const { rows } = readCsv((await exported({ entity, format: 'csv' })).base64)
      expect(rows.length - 1).toBe(await count(table))
    }
  })

  it('only the system administrator may export', async () => {
    const dispatcher = await h.signIn('dispatcher')
    const r = await h.call('admin', 'export', { entity: 'people' }, { as: dispatcher })
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '仅系统管理员可以操作' } })
  })
})

describe('people', () => {
  it('masks phones and writes one row per role', async () => {
    await imported(
      'people',
      'u.csv',
      csvBase64([
        ['姓名', '手机号', '党员(是/否)', '角色', '范围'],
        ['导出测试甲', '13912345678', '是', '企业联络员', '美的集团股份有限公司'],
        ['导出测试甲', '13912345678', '是', '第一书记', '广东格兰仕集团有限公司']
      ])
    )
    const { rows } = readCsv((await exported({ entity: 'people', format: 'csv' })).base64)
    expect(rows.filter((r) => r[0] === '导出测试甲')).toEqual([
      ['导出测试甲', '139****5678', '是', '企业联络员', '美的集团股份有限公司'],
      ['导出测试甲', '139****5678', '是', '第一书记', '广东格兰仕集团有限公司']
    ])
    expect(rows.flat().some((c) => /1\d{10}/.test(c))).toBe(false)
  })

  it('imports its own export back, found by name and masked phone, the administrator restated as is', async () => {
    const [{ n }] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE erased_at IS NULL')
    const audit = await count('audit_log')
    const file = await exported({ entity: 'people', format: 'xlsx' })
    const r = await imported('people', file.fileName, file.base64)
    expect(r).toMatchObject({ created: 0, updated: n, rejected: [], applied: true })
    expect(await count('audit_log')).toBe(audit)
  })
})

describe('the export is the import template', () => {
  it.each([
    ['enterprises', 'xlsx'],
    ['enterprises', 'csv'],
    ['stations', 'xlsx'],
    ['stations', 'csv'],
    ['pairings', 'xlsx'],
    ['pairings', 'csv']
  ] as const)('%s exported as .%s import back unchanged: 0 created, all updated', async (entity, format) => {
    const table = entity
    const n = await count(table)
    const audit = await count('audit_log')
    const file = await exported({ entity, format })
    const r = await imported(entity, file.fileName, file.base64)
    expect(r).toEqual({ entity, dryRun: false, total: n, created: 0, updated: n, rejected: [], applied: true })
    expect(await count(table)).toBe(n)
    // nothing changed, so nothing was written or logged
    expect(await count('audit_log')).toBe(audit)
  })

  it('an edited export imports the edits', async () => {
    const file = await exported({ entity: 'stations' })
    const ExcelJS = (await import('exceljs')).default
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    const hoursCol = header.indexOf('开放时间') + 1
    const name = String(ws.getRow(2).getCell(1).value)
    ws.getRow(2).getCell(hoursCol).value = '周一至周五 09:00-18:00；周末 休息'
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
    const r = await imported('stations', 'edited.xlsx', base64)
    expect(r).toMatchObject({ created: 0, applied: true })
    const [s] = await h.db.query<{ id: string; hours: unknown }>('SELECT id, hours FROM stations WHERE name = $1', [name])
    const day = { open: '09:00', close: '18:00' }
    expect(s.hours).toEqual([null, day, day, day, day, day, null])
    const [entry] = await h.db.query<{ action: string; before: { hours: unknown } }>(
      `SELECT action, before FROM audit_log WHERE subject = 'stations' AND subject_id = $1 ORDER BY id DESC LIMIT 1`,
      [s.id]
    )
    expect(entry.action).toBe('import')
    expect(entry.before.hours).not.toEqual(s.hours)
  })
})

describe('the audit log', () => {
  it('shows China time, the actor, labels and the records as JSON', async () => {
    const { rows } = readCsv((await exported({ entity: 'audit', format: 'csv' })).base64)
    expect(rows[0]).toEqual(['时间(北京时间)', '操作人', '类型', '记录编号', '操作', '修改前', '修改后'])
    const station = rows.find((r) => r[2] === '站点' && r[4] === '导入')
    expect(station).toBeDefined()
    // the harness's clock: 02:00 UTC is 10:00 in China
    expect(station?.[0]).toBe('2026-11-23 10:00:00')
    expect(station?.[1]).toBe('苏建明')
    expect(JSON.parse(station?.[6] ?? 'null')).toMatchObject({ hours: expect.any(Array) })
    expect(rows.some((r) => r[2] === '角色' && r[4] === '授予角色')).toBe(true)
  })
})
