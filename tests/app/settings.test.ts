import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
let dispatcher: string
let enterprise: string

beforeAll(async () => {
  h = await openHarness()
  dispatcher = await h.signIn('dispatcher')
  enterprise = await h.signIn('enterprise')
})
afterAll(() => h.close())

const problem = {
  title: '申请产线改造补贴',
  content: '今年新上两条自动化产线，想申请技改补贴，不清楚材料怎么准备。',
  category: 'other' as const,
  enterpriseId: 'e-murata'
}

describe('the dispatcher keeps the routing rules, time limits and calendar', () => {
  test('a rule sends matching problems to its department, with the rule as the reason', async () => {
    const s = unwrap(await h.call('settings', 'saveRule', { phrase: '产线改造', departmentId: 'science', priority: 90 }, { as: dispatcher }))
    expect(s.rules.map((r) => r.phrase)).toContain('产线改造')
    const filed = unwrap(await h.call('problems', 'file', problem, { as: enterprise }))
    expect(filed.leadDepartmentId).toBe('science')
    expect(filed.routingReason).toContain('产线改造')
    const id = s.rules.find((r) => r.phrase === '产线改造')?.id as string
    await h.call('settings', 'deleteRule', { id }, { as: dispatcher })
  })

  test('a category time limit changes the deadlines of problems filed after it', async () => {
    unwrap(await h.call('settings', 'saveSla', { category: 'recruitment', acceptDays: 2, replyDays: 10, extensionMaxDays: 5 }, { as: dispatcher }))
    const filed = unwrap(await h.call('problems', 'file', { ...problem, title: '急需招聘焊工', content: '新厂区急需招聘焊工五十名，希望对接招聘会。', category: 'recruitment' }, { as: enterprise }))
    // Monday 2026-11-23 + 2 working days
    expect(filed.lead?.acceptDue.date).toBe('2026-11-25')
    const bad = await h.call('settings', 'saveSla', { category: 'recruitment', acceptDays: 5, replyDays: 2, extensionMaxDays: 5 }, { as: dispatcher })
    expect(bad.ok || bad.error.code).toBe('VALIDATION')
  })

  test('a holiday entered for next year removes the missing-year warning and moves deadlines', async () => {
    const before = unwrap(await h.call('settings', 'get', {}, { as: dispatcher }))
    expect(before.calendarWarnings.map((w) => w.year)).toContain(2027)
    unwrap(await h.call('settings', 'saveCalendarDay', { date: '2027-01-04', kind: 'holiday', note: '元旦调休' }, { as: dispatcher }))
    const after = unwrap(await h.call('settings', 'get', {}, { as: dispatcher }))
    expect(after.calendarWarnings.map((w) => w.year)).not.toContain(2027)
    const bad = await h.call('settings', 'saveCalendarDay', { date: '2027-02-30', kind: 'holiday' }, { as: dispatcher })
    expect(bad.ok || bad.error.code).toBe('VALIDATION')
  })

  test('nobody but the dispatcher (or an admin) changes settings', async () => {
    const r = await h.call('settings', 'saveRule', { phrase: '随便什么', departmentId: 'hr', priority: 1 }, { as: enterprise })
    expect(r.ok || r.error.code).toBe('FORBIDDEN')
  })

  test('retraining learns from a re-routed problem and becomes the model in use', async () => {
    const hr = await h.signIn('handler')
    const education = await h.person('handler', 'education')
    const p = unwrap(await h.call('problems', 'file', { ...problem, title: '员工子女积分入学', content: '新引进的工程师孩子要上小学，积分入学怎么办理，需要哪些材料。', category: 'schooling' }, { as: enterprise }))
    // whatever routing chose, the dispatcher moves it and education takes it: a labelled example
    const target = p.leadDepartmentId === 'education' ? 'hr' : 'education'
    unwrap(await h.call('problems', 'act', { id: p.id, action: { type: 'reroute', departmentId: target } }, { as: dispatcher }))
    unwrap(await h.call('problems', 'act', { id: p.id, action: { type: 'accept' } }, { as: target === 'hr' ? hr : education }))
    const s = unwrap(await h.call('settings', 'retrain', {}, { as: dispatcher }))
    expect(s.routingModel.source).toBe('trained')
    expect(s.routingModel.examples).toBe(1)
    const [{ n }] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM routing_models')
    expect(n).toBe(1)
    // filing still works with the retrained model
    expect(unwrap(await h.call('problems', 'file', problem, { as: enterprise })).number).toMatch(/^SD/)
  })
})

describe('rules the engine would ignore are refused', () => {
  test('a one-character word in A+B, and a duplicate phrase', async () => {
    const d = await h.signIn('dispatcher')
    const short = await h.call('settings', 'saveRule', { phrase: '招+聘工', departmentId: 'hr', priority: 10 }, { as: d })
    expect(short.ok || short.error.fields?.phrase).toBeTruthy()
    expect(short.ok).toBe(false)
    unwrap(await h.call('settings', 'saveRule', { phrase: '稳岗补贴', departmentId: 'hr', priority: 10 }, { as: d }))
    const dup = await h.call('settings', 'saveRule', { phrase: '稳岗补贴', departmentId: 'finance', priority: 20 }, { as: d })
    expect(dup.ok || dup.error.code).toBe('CONFLICT')
  })
})
