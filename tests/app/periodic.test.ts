import { runPeriodic } from '../../cloudfunctions/app/periodic'
import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness

beforeAll(async () => {
  h = await openHarness()
})
afterAll(() => h.close())

const noticesOf = async (personId: string) =>
  h.db.query<{ title: string; body: string; created_at: Date }>('SELECT title, body, created_at FROM notices WHERE person_id = $1 ORDER BY created_at, title, body', [personId])
const recorded = async (kind: string) =>
  h.db.query<{ subject: string; period: string }>('SELECT subject, period FROM periodic_notices WHERE kind = $1 ORDER BY period, subject', [kind])

// The demo's pairs with someone to remind: 村田's (its liaison is a contact) and the four of 梁志宏's
// enterprises (he is their first secretary). 人信, 惠美庄 and 申菱 have nobody yet.
const REMINDED = ['pair-2-gaobao', 'pair-2-hongjinyuan', 'pair-2-murata', 'pair-2-telijie', 'pair-2-yongtong']

describe('at night nothing goes out', () => {
  test('Monday 07:59 China time', async () => {
    h.clock.now = new Date('2026-11-22T23:59:00Z')
    expect(await runPeriodic(h.deps)).toEqual({ planReminders: 0, weeklySummaries: 0 })
    expect(await recorded('plan_reminder')).toEqual([])
  })
})

describe('Monday 2026-11-23, 08:00 China time', () => {
  test('pairs behind their plan are reminded once this month; each first secretary gets last week’s summary once', async () => {
    h.clock.now = new Date('2026-11-23T00:00:00Z')
    // two sweeps at once (two hosts): each message still goes out once
    const [a, b] = await Promise.all([runPeriodic(h.deps), runPeriodic(h.deps)])
    expect(a.planReminders + b.planReminders).toBe(REMINDED.length)
    expect(a.weeklySummaries + b.weeklySummaries).toBe(1)
    expect((await recorded('plan_reminder')).map((r) => r.subject)).toEqual(REMINDED)
    expect((await recorded('plan_reminder')).every((r) => r.period === '2026-11')).toBe(true)
    expect(await recorded('weekly_summary')).toEqual([{ subject: 'p-demo-secretary', period: '2026-11-16' }])

    // 村田's liaison hears of 村田's pair only
    const liaison = await noticesOf('p-demo-enterprise')
    expect(liaison).toHaveLength(1)
    expect(liaison[0].title).toBe('共建计划进度提醒')
    // 党课 1 of 2 and 主题党日 1 of 2 are on pace (1 expected by now); no 共商发展难题 yet is behind
    expect(liaison[0].body).toBe(
      '「顺德图书馆党支部与村田智能公司党支部」2026年共建计划进度落后：共商发展难题已开展 0 次，按进度应达 1 次（全年 2 次）。请尽快安排活动，并在“共建”中记录。'
    )

    // the first secretary: one reminder for each of his four pairs, and the summary of the week 11-16…11-22
    const secretary = await noticesOf('p-demo-secretary')
    expect(secretary.filter((n) => n.title === '共建计划进度提醒')).toHaveLength(4)
    const weekly = secretary.filter((n) => n.title.startsWith('每周走访小结'))
    expect(weekly).toEqual([
      {
        title: '每周走访小结（11月16日—11月22日）',
        body: '上周没有走访企业，代企业提交诉求 0 件，办结 0 件，超期 0 件；未走访：鸿金源、高宝、特丽洁、永通',
        created_at: h.clock.now
      }
    ])
    // nobody else is told: no contact or secretary for 人信, 惠美庄, 申菱, and those are not recorded either
    const [{ n }] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notices WHERE person_id NOT IN ('p-demo-enterprise', 'p-demo-secretary')`)
    expect(n).toBe(0)
  })

  test('a later sweep the same day, week and month sends nothing again', async () => {
    h.clock.now = new Date('2026-11-23T06:00:00Z')
    expect(await runPeriodic(h.deps)).toEqual({ planReminders: 0, weeklySummaries: 0 })
    h.clock.now = new Date('2026-11-29T12:00:00Z') // Sunday evening
    expect(await runPeriodic(h.deps)).toEqual({ planReminders: 0, weeklySummaries: 0 })
  })

  test('a first secretary assigned later this week still gets the summary (and the pair of his firm its reminder, once)', async () => {
    h.clock.now = new Date('2026-11-25T02:00:00Z') // Wednesday
    const token = await h.person('secretary', 'e-renxin')
    const [{ person_id: newcomer }] = await h.db.query<{ person_id: string }>(`SELECT person_id FROM person_roles WHERE role = 'secretary' AND scope_id = 'e-renxin'`)
    expect(token).toBeTruthy()
    // 人信's pair now has someone to remind: it had not been recorded, so it is reminded now
    expect(await runPeriodic(h.deps)).toEqual({ planReminders: 1, weeklySummaries: 1 })
    const got = await noticesOf(newcomer)
    expect(got.map((n) => n.title).sort()).toEqual(['共建计划进度提醒', '每周走访小结（11月16日—11月22日）'])
    expect(got.find((n) => n.title.startsWith('每周'))!.body).toBe('上周没有走访企业，代企业提交诉求 0 件，办结 0 件，超期 0 件；未走访：人信')
  })
})

describe('the next month and week', () => {
  test('a pair on pace is not reminded; 青蓝 pairs never are; the new week brings a new summary', async () => {
    h.clock.now = new Date('2026-12-01T01:00:00Z') // Tuesday 12-01, 09:00
    const dispatcher = await h.signIn('dispatcher')
    // 村田's pair gets a plan of its own that it has already met
    unwrap(await h.call('pairings', 'savePlan', { pairingId: 'pair-2-murata', year: 2026, required: [{ type: 'lecture', count: 1 }] }, { as: dispatcher }))
    const secretary = await h.signIn('secretary')
    unwrap(await h.call('secretaries', 'logVisit', { enterpriseId: 'e-gaobao', note: '走访了解订单和用工情况。' }, { as: secretary }))

    const report = await runPeriodic(h.deps)
    expect(report).toEqual({ planReminders: REMINDED.length, weeklySummaries: 2 })
    const december = (await recorded('plan_reminder')).filter((r) => r.period === '2026-12').map((r) => r.subject)
    expect(december).toEqual(['pair-2-gaobao', 'pair-2-hongjinyuan', 'pair-2-renxin', 'pair-2-telijie', 'pair-2-yongtong'])
    expect(december.some((s) => s.startsWith('mentor-'))).toBe(false)
    expect((await noticesOf('p-demo-enterprise')).filter((n) => n.title === '共建计划进度提醒')).toHaveLength(1) // November's only
    // the week of 11-23 had no visit; the visit of 12-01 belongs to the week now running
    const weekly = (await noticesOf('p-demo-secretary')).filter((n) => n.title === '每周走访小结（11月23日—11月29日）')
    expect(weekly).toHaveLength(1)
    expect(weekly[0].body).toMatch(/^上周没有走访企业/)
  })

  test('in January nobody is behind yet: an even pace asks for nothing in the first weeks', async () => {
    h.clock.now = new Date('2027-01-04T01:00:00Z') // Monday 2027-01-04, 09:00
    const report = await runPeriodic(h.deps)
    expect(report.planReminders).toBe(0)
    expect(report.weeklySummaries).toBe(2)
  })
})
