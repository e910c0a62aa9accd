import ExcelJS from 'exceljs'
import type { Oversight, OversightRow } from '@contract'
import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
let dispatcher: string
let admin: string
let secretary: string
let enterprise: string
let handler: string

// Monday 2026-11-23, 10:00 in China (the harness's clock)
const START = new Date('2026-11-23T02:00:00Z')
const DEFAULT_2026 = [
  { type: 'lecture', count: 2 },
  { type: 'theme_day', count: 2 },
  { type: 'development', count: 2 },
  { type: 'position', count: 1 },
  { type: 'life_meeting', count: 1 },
  { type: 'evaluation', count: 1 }
]

beforeAll(async () => {
  h = await openHarness()
  dispatcher = await h.signIn('dispatcher')
  admin = await h.signIn('admin')
  secretary = await h.signIn('secretary')
  enterprise = await h.signIn('enterprise')
  handler = await h.signIn('handler')
})
afterAll(() => h.close())

const oversight = async (year = 2026, as = dispatcher): Promise<Oversight> => unwrap(await h.call('pairings', 'oversight', { year }, { as }))
const row = (o: Oversight, id: string): OversightRow => {
  const r = o.rows.find((x) => x.pairingId === id)
  if (!r) throw new Error(`no row for ${id}`)
  return r
}

describe('who may see and set plans and oversight', () => {
  test.each([
    ['secretary', () => secretary],
    ['enterprise', () => enterprise],
    ['handler', () => handler]
  ])('a %s is refused everywhere', async (_role, as) => {
    for (const r of [
      await h.call('pairings', 'plans', { year: 2026 }, { as: as() }),
      await h.call('pairings', 'savePlan', { year: 2026, required: [] }, { as: as() }),
      await h.call('pairings', 'oversight', { year: 2026 }, { as: as() }),
      await h.call('pairings', 'exportOversight', { year: 2026 }, { as: as() })
    ]) {
      expect(r.ok).toBe(false)
      if (!r.ok) {
        expect(r.error.code).toBe('FORBIDDEN')
        expect(r.error.message).toMatch(/仅对调度员和管理员开放/)
      }
    }
  })

  test('nobody signed in: UNAUTHENTICATED', async () => {
    const r = await h.call('pairings', 'oversight', { year: 2026 })
    expect(r.ok || r.error.code).toBe('UNAUTHENTICATED')
  })

  test('the administrator may', async () => {
    expect((await oversight(2026, admin)).year).toBe(2026)
    expect(unwrap(await h.call('pairings', 'plans', { year: 2026 }, { as: admin })).year).toBe(2026)
  })
})

describe('annual plans', () => {
  test("the seeded default for the year, and no pair with its own", async () => {
    const plans = unwrap(await h.call('pairings', 'plans', { year: 2026 }, { as: dispatcher }))
    expect(plans).toEqual({ year: 2026, defaults: DEFAULT_2026, pairs: [] })
    expect(unwrap(await h.call('pairings', 'plans', { year: 2030 }, { as: dispatcher }))).toEqual({ year: 2030, defaults: [], pairs: [] })
  })

  test("a pair's own plan replaces the default for it; an empty list gives it back the default", async () => {
    h.clock.now = START
    // 村田's pair held a 党课 and a 主题党日 in 2026: 2 of the default's 9
    expect(row(await oversight(), 'pair-2-murata').completion).toBeCloseTo(2 / 9)

    const own = unwrap(
      await h.call('pairings', 'savePlan', { pairingId: 'pair-2-murata', year: 2026, required: [{ type: 'theme_day', count: 1 }, { type: 'lecture', count: 2 }] }, { as: dispatcher })
    )
    expect(own.defaults).toEqual(DEFAULT_2026)
    expect(own.pairs).toEqual([
      { pairingId: 'pair-2-murata', title: '顺德图书馆党支部与村田智能公司党支部', required: [{ type: 'lecture', count: 2 }, { type: 'theme_day', count: 1 }] }
    ])
    expect(row(await oversight(), 'pair-2-murata').completion).toBeCloseTo(2 / 3)
    // the others still follow the default
    expect(row(await oversight(), 'pair-2-huimeizhuang').completion).toBeCloseTo(2 / 9)

    // saved again: replaced, not added to
    const again = unwrap(await h.call('pairings', 'savePlan', { pairingId: 'pair-2-murata', year: 2026, required: [{ type: 'lecture', count: 1 }] }, { as: dispatcher }))
    expect(again.pairs[0].required).toEqual([{ type: 'lecture', count: 1 }])
    expect(row(await oversight(), 'pair-2-murata').completion).toBe(1)

    const back = unwrap(await h.call('pairings', 'savePlan', { pairingId: 'pair-2-murata', year: 2026, required: [] }, { as: dispatcher }))
    expect(back.pairs).toEqual([])
    expect(row(await oversight(), 'pair-2-murata').completion).toBeCloseTo(2 / 9)
  })

  test('a plan of zeros asks for nothing: no completion to show', async () => {
    unwrap(await h.call('pairings', 'savePlan', { pairingId: 'pair-2-renxin', year: 2026, required: [{ type: 'lecture', count: 0 }] }, { as: dispatcher }))
    expect(row(await oversight(), 'pair-2-renxin').completion).toBeNull()
    unwrap(await h.call('pairings', 'savePlan', { pairingId: 'pair-2-renxin', year: 2026, required: [] }, { as: dispatcher }))
  })

  test("the district's default is replaced as a whole, for that year only", async () => {
    const saved = unwrap(await h.call('pairings', 'savePlan', { year: 2027, required: [{ type: 'lecture', count: 4 }, { type: 'custom', count: 1 }] }, { as: dispatcher }))
    expect(saved).toEqual({ year: 2027, defaults: [{ type: 'lecture', count: 4 }, { type: 'custom', count: 1 }], pairs: [] })
    expect(unwrap(await h.call('pairings', 'plans', { year: 2026 }, { as: dispatcher })).defaults).toEqual(DEFAULT_2026)
    const cleared = unwrap(await h.call('pairings', 'savePlan', { year: 2027, required: [] }, { as: dispatcher }))
    expect(cleared.defaults).toEqual([])
  })

  test('a retried save (same request id) is applied once and answers the same', async () => {
    const input = { pairingId: 'pair-2-gaobao', year: 2027, required: [{ type: 'evaluation' as const, count: 3 }] }
    const a = unwrap(await h.call('pairings', 'savePlan', input, { as: dispatcher, requestId: 'plan-retry-0001' }))
    const b = unwrap(await h.call('pairings', 'savePlan', input, { as: dispatcher, requestId: 'plan-retry-0001' }))
    expect(b).toEqual(a)
    const [{ n }] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pairing_plans WHERE pairing_id = 'pair-2-gaobao' AND year = 2027`)
    expect(n).toBe(1)
  })

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['a 青蓝 pair', { pairingId: 'mentor-1', year: 2026, required: [{ type: 'lecture', count: 1 }] }, 'VALIDATION', /青蓝结对不设年度计划/],
    ['an unknown pair', { pairingId: 'pair-nope', year: 2026, required: [] }, 'NOT_FOUND', /结对不存在/],
    ['青蓝结对交流 in a plan', { year: 2026, required: [{ type: 'mentoring', count: 1 }] }, 'VALIDATION', /青蓝结对交流/],
    ['a type twice', { year: 2026, required: [{ type: 'lecture', count: 1 }, { type: 'lecture', count: 2 }] }, 'VALIDATION', /重复/],
    ['more than 52', { year: 2026, required: [{ type: 'lecture', count: 53 }] }, 'VALIDATION', /52/],
    ['a negative count', { year: 2026, required: [{ type: 'lecture', count: -1 }] }, 'VALIDATION', /负/],
    ['a fraction', { year: 2026, required: [{ type: 'lecture', count: 1.5 }] }, 'VALIDATION', /整数/],
    ['an unknown type', { year: 2026, required: [{ type: 'party', count: 1 }] }, 'VALIDATION', /活动类型不正确/],
    ['a year out of range', { year: 2018, required: [] }, 'VALIDATION', /年份不正确/],
    ['no year', { required: [] }, 'VALIDATION', /年份不正确/]
  ])('refused: %s', async (_what, input, code, message) => {
    const r = await h.raw('pairings', { action: 'savePlan', input }, { kind: 'token', token: dispatcher })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe(code)
      expect(r.error.message).toMatch(message)
    }
    // nothing changed
    expect(unwrap(await h.call('pairings', 'plans', { year: 2026 }, { as: dispatcher })).defaults).toEqual(DEFAULT_2026)
  })
})

describe('oversight of the year', () => {
  beforeAll(async () => {
    h.clock.now = START
    // two sign-ins at 村田's 主题党日 and one at 鸿金源's 组织生活会
    await h.db.query(
      `INSERT INTO activity_attendance (activity_id, person_id, at) VALUES
         ('act-murata-2026-04', 'p-demo-enterprise', '2026-04-23T02:00:00Z'),
         ('act-murata-2026-04', 'p-demo-secretary', '2026-04-23T02:05:00Z'),
         ('act-hongjinyuan-2026-10', 'p-demo-secretary', '2026-10-15T02:00:00Z')`
    )
  })

  test('one row per pair: activities by type, completion, attendance, last activity, inactivity', async () => {
    const o = await oversight()
    expect(o.rows).toHaveLength(11) // 8 政企结对 + 3 青蓝结对
    expect(o.rows.slice(0, 8).every((r) => r.kind === 'branch')).toBe(true)

    expect(row(o, 'pair-2-murata')).toEqual({
      pairingId: 'pair-2-murata',
      title: '顺德图书馆党支部与村田智能公司党支部',
      kind: 'branch',
      phase: 2,
      chainName: expect.any(String),
      activitiesByType: { lecture: 1, theme_day: 1 },
      activities: 2,
      completion: expect.closeTo(2 / 9, 6),
      problemsSolved: 0,
      attendance: 2,
      lastActivityOn: '2026-04-23',
      inactive: true
    })
    // 鸿金源: a 自选动作 (not in the plan) and a 组织生活会 39 days ago
    expect(row(o, 'pair-2-hongjinyuan')).toMatchObject({
      activitiesByType: { custom: 1, life_meeting: 1 },
      activities: 2,
      completion: expect.closeTo(1 / 9, 6),
      attendance: 1,
      lastActivityOn: '2026-10-15',
      inactive: false
    })
    // 青蓝 pairs have no plan and, in the demo, no meeting yet
    expect(row(o, 'mentor-1')).toMatchObject({ kind: 'mentoring', phase: 1, completion: null, activities: 0, lastActivityOn: null, inactive: true })
    expect(o.totals).toEqual({ pairs: 11, activities: 10, attendance: 3, problemsSolved: 0, inactive: 10 })
  })

  test("a problem the agency's department solved for the paired enterprise counts for the pair", async () => {
    h.clock.now = START
    const land = await h.person('handler', 'natural_resources')
    const p = unwrap(
      await h.call(
        'problems',
        'file',
        { title: '厂房改造报建卡在消防验收', content: '村级工业园改造后的新厂房报建材料已交齐，消防验收迟迟排不上，影响投产。', category: 'land', enterpriseId: 'e-hongjinyuan' },
        { as: secretary }
      )
    )
    expect(p.leadDepartmentId).toBe('natural_resources')
    unwrap(await h.call('problems', 'act', { id: p.id, action: { type: 'accept' } }, { as: land }))
    // co-handlers the routing asked for answer first
    for (const co of p.coHandlers) {
      const unit = await h.person('handler', co.departmentId)
      unwrap(await h.call('problems', 'act', { id: p.id, action: { type: 'co_accept' } }, { as: unit }))
      unwrap(await h.call('problems', 'act', { id: p.id, action: { type: 'co_reply', content: '已配合牵头单位完成相关核查，意见已反馈。' } }, { as: unit }))
    }
    unwrap(await h.call('problems', 'act', { id: p.id, action: { type: 'reply', content: '已协调消防部门本周五上门验收，并同步办理报建手续。' } }, { as: land }))
    expect(row(await oversight(), 'pair-2-hongjinyuan').problemsSolved).toBe(0) // answered is not solved
    unwrap(await h.call('problems', 'act', { id: p.id, action: { type: 'evaluate', solved: true, rating: 5 } }, { as: secretary }))
    const o = await oversight()
    expect(row(o, 'pair-2-hongjinyuan').problemsSolved).toBe(1)
    expect(o.totals.problemsSolved).toBe(1)
  })

  test('inactive: no activity in the 60 days up to today (China date)', async () => {
    // 鸿金源's last activity: 2026-10-15. 59 days later it is still active; on the 60th it is not.
    h.clock.now = new Date('2026-12-13T15:59:00Z') // 12-13 23:59 in China
    dispatcher = await h.signIn('dispatcher')
    expect(row(await oversight(), 'pair-2-hongjinyuan').inactive).toBe(false)
    h.clock.now = new Date('2026-12-13T16:00:00Z') // 12-14 00:00 in China
    expect(row(await oversight(), 'pair-2-hongjinyuan').inactive).toBe(true)
    h.clock.now = START
  })

  test('a year before any pair started has no rows', async () => {
    expect(await oversight(2019)).toEqual({ year: 2019, rows: [], totals: { pairs: 0, activities: 0, attendance: 0, problemsSolved: 0, inactive: 0 } })
    // 2025: the 政企 pairs, and the 青蓝 pairs signed in March; activities of 2026 do not count
    const o = await oversight(2025)
    expect(o.rows).toHaveLength(11)
    expect(o.totals.activities).toBe(0)
    expect(row(o, 'pair-2-murata')).toMatchObject({ activities: 0, completion: null, lastActivityOn: '2026-04-23' })
  })

  test('a bad year is refused', async () => {
    const r = await h.raw('pairings', { action: 'oversight', input: { year: '2026' } }, { kind: 'token', token: dispatcher })
    expect(r.ok || r.error.code).toBe('VALIDATION')
  })
})

describe('the .xlsx export', () => {
  test('the same rows under Chinese headers, a total, and the year’s plan', async () => {
    h.clock.now = START
    unwrap(await h.call('pairings', 'savePlan', { pairingId: 'pair-2-telijie', year: 2026, required: [{ type: 'theme_day', count: 3 }] }, { as: dispatcher }))
    const o = await oversight()
    const file = unwrap(await h.call('pairings', 'exportOversight', { year: 2026 }, { as: dispatcher }))
    expect(file.fileName).toBe('结对共建-2026.xlsx')
    expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')

    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['结对情况', '年度计划'])

    const ws = wb.getWorksheet('结对情况')!
    const headers = (ws.getRow(1).values as unknown[]).slice(1)
    expect(headers).toEqual([
      '结对', '类型', '期数', '产业链', '共上党课', '共办主题党日活动', '共商发展难题', '共建党建阵地', '共开组织生活会', '共评党员情况', '自选动作',
      '青蓝结对交流', '活动合计', '计划完成率', '解决问题', '签到人次', '最近活动', '60天未活动'
    ])
    expect(ws.rowCount).toBe(o.rows.length + 2)
    const col = (name: string) => headers.indexOf(name) + 1
    const byTitle = new Map<string, ExcelJS.Row>()
    for (let i = 2; i <= o.rows.length + 1; i++) byTitle.set(String(ws.getRow(i).getCell(1).value), ws.getRow(i))
    // the same rows, in the same order
    expect([...byTitle.keys()]).toEqual(o.rows.map((r) => r.title))

    const murata = byTitle.get('顺德图书馆党支部与村田智能公司党支部')!
    expect(murata.getCell(col('类型')).value).toBe('政企结对')
    expect(murata.getCell(col('共上党课')).value).toBe(1)
    expect(murata.getCell(col('共办主题党日活动')).value).toBe(1)
    expect(murata.getCell(col('活动合计')).value).toBe(2)
    expect(murata.getCell(col('计划完成率')).value).toBeCloseTo(2 / 9)
    expect(murata.getCell(col('计划完成率')).numFmt).toBe('0.0%')
    expect(murata.getCell(col('签到人次')).value).toBe(2)
    expect(murata.getCell(col('最近活动')).value).toBe('2026-04-23')
    expect(murata.getCell(col('60天未活动')).value).toBe('是')
    // 特丽洁 follows its own plan: one 主题党日 of three
    expect(byTitle.get('区城管执法局机关第一支部与特丽洁环境工程公司党支部')!.getCell(col('计划完成率')).value).toBeCloseTo(1 / 3)
    const mentor = [...byTitle.values()].find((r) => r.getCell(col('类型')).value === '青蓝结对')!
    expect(mentor.getCell(col('计划完成率')).value).toBe('—')

    const total = ws.getRow(o.rows.length + 2)
    expect(total.getCell(1).value).toBe('合计')
    expect(total.getCell(col('活动合计')).value).toBe(o.totals.activities)
    expect(total.getCell(col('签到人次')).value).toBe(o.totals.attendance)
    expect(total.getCell(col('解决问题')).value).toBe(o.totals.problemsSolved)
    expect(total.getCell(col('60天未活动')).value).toBe(`${o.totals.inactive} 对`)

    const plan = wb.getWorksheet('年度计划')!
    expect((plan.getRow(1).values as unknown[]).slice(1)).toEqual(['计划', '共上党课', '共办主题党日活动', '共商发展难题', '共建党建阵地', '共开组织生活会', '共评党员情况', '自选动作'])
    expect((plan.getRow(2).values as unknown[]).slice(1)).toEqual(['全区默认', 2, 2, 2, 1, 1, 1, 0])
    expect((plan.getRow(3).values as unknown[]).slice(1)).toEqual(['区城管执法局机关第一支部与特丽洁环境工程公司党支部', 0, 3, 0, 0, 0, 0, 0])
    const notes: string[] = []
    plan.eachRow((r, n) => n > 3 && notes.push(String(r.getCell(1).value ?? '')))
    expect(notes.join('\n')).toMatch(/未单独设置计划的政企结对按全区默认计划执行/)
  })

  test('a refused export says why', async () => {
    const r = await h.call('pairings', 'exportOversight', { year: 2026 }, { as: secretary })
    expect(r.ok || r.error.code).toBe('FORBIDDEN')
  })
})

