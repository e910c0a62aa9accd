import { runSweep } from '../../cloudfunctions/app/sweeper'
import { openHarness, unwrap, type Harness } from '../support/harness'
import type { FlowActionInput, ProblemDetail } from '@contract'

let h: Harness
let enterprise: string
let hr: string
let education: string
let dispatcher: string

beforeAll(async () => {
  h = await openHarness()
  enterprise = await h.signIn('enterprise')
  hr = await h.signIn('handler')
  education = await h.person('handler', 'education')
  dispatcher = await h.signIn('dispatcher')
})
afterAll(() => h.close())

// Monday 2026-11-23, 10:00 in China
const MONDAY = new Date('2026-11-23T02:00:00Z')
beforeEach(() => {
  h.clock.now = MONDAY
})

const recruit = {
  title: '新厂区急需招聘焊工',
  content: '新厂区下月投产，焊工缺口约 50 人，希望对接区里的招聘会，并了解技能培训补贴。',
  category: 'recruitment' as const,
  enterpriseId: 'e-murata'
}

const file = async (input = recruit, opts: { anonymous?: boolean } = {}) =>
  unwrap(await h.call('problems', 'file', { ...input, ...opts }, { as: enterprise }))
const act = (as: string, id: string, action: FlowActionInput) => h.call('problems', 'act', { id, action }, { as })
const ok = async (as: string, id: string, action: FlowActionInput): Promise<ProblemDetail> => unwrap(await act(as, id, action))

describe('the problem flow through the handlers', () => {
  test('file → routed → accept → reply → the filer confirms solved and rates → closed', async () => {
    const p = await file()
    expect(p.leadDepartmentId).toBe('hr')
    expect(p.lead?.acceptDue.date).toBe('2026-11-24')
    expect((await h.call('problems', 'get', { id: p.id }, { as: hr })).ok && p.actions).toEqual([])
    const seen = unwrap(await h.call('problems', 'get', { id: p.id }, { as: hr }))
    expect(seen.actions).toEqual(expect.arrayContaining(['accept', 'return']))

    expect((await ok(hr, p.id, { type: 'accept' })).status).toBe('accepted')
    const replied = await ok(hr, p.id, { type: 'reply', content: '已将贵司列入下周专场招聘会，并安排技能培训补贴申报辅导。' })
    expect(replied.status).toBe('replied')

    const filerView = unwrap(await h.call('problems', 'get', { id: p.id }, { as: enterprise }))
    expect(filerView.actions).toEqual(['evaluate'])
    const rated = await ok(enterprise, p.id, { type: 'evaluate', solved: true, rating: 5, comment: '很及时' })
    expect(rated.status).toBe('closed')
    expect(rated.rating).toBe(5)
    expect(rated.events.map((e) => e.type)).toEqual(['filed', 'routed', 'accepted', 'replied', 'confirmed', 'rated', 'closed'])
    // the unit cannot close or reply again once it is closed
    const again = await act(hr, p.id, { type: 'reply', content: '补充说明一下后续安排的情况。' })
    expect(again.ok || again.error.code).toBe('CONFLICT')
  })

  test('not solved → 重办, counted, back with the unit', async () => {
    const p = await file()
    await ok(hr, p.id, { type: 'accept' })
    await ok(hr, p.id, { type: 'reply', content: '已电话联系企业说明招聘会安排。' })
    const bare = await act(enterprise, p.id, { type: 'evaluate', solved: false })
    expect(bare.ok || bare.error.fields?.['action.comment']).toContain('没解决')
    const unrated = await act(enterprise, p.id, { type: 'evaluate', solved: true })
    expect(unrated.ok || unrated.error.fields?.['action.rating']).toContain('打分')
    const reopened = await ok(enterprise, p.id, { type: 'evaluate', solved: false, comment: '还没有对接上' })
    expect(reopened.status).toBe('reopened')
    expect(reopened.reopenCount).toBe(1)
  })

  test('hand back → the dispatcher re-routes → accepted by the other unit, and routing learns from it', async () => {
    const p = await file()
    const back = await act(hr, p.id, { type: 'return', reason: '' })
    expect(back.ok || back.error.code).toBe('VALIDATION')
    const returned = await ok(hr, p.id, { type: 'return', reason: '涉及员工子女入学，非本局职责' })
    expect(returned.status).toBe('returned')
    expect(unwrap(await h.call('problems', 'triage', {}, { as: dispatcher })).find((x) => x.id === p.id)?.queueReason).toBe('returned')

    const rerouted = await ok(dispatcher, p.id, { type: 'reroute', departmentId: 'education', reason: '转教育局办理' })
    expect(rerouted.status).toBe('routed')
    expect(rerouted.leadDepartmentId).toBe('education')
    // once re-routed away, hr no longer sees it
    const hrView = await h.call('problems', 'get', { id: p.id }, { as: hr })
    expect(hrView.ok || hrView.error.code).toBe('NOT_FOUND')
    expect(unwrap(await h.call('problems', 'inbox', {}, { as: education })).map((x) => x.id)).toContain(p.id)
    expect((await ok(education, p.id, { type: 'accept' })).status).toBe('accepted')

    const [example] = await h.db.query<{ department_id: string; weight: number }>('SELECT department_id, weight FROM routing_examples WHERE problem_id = $1', [p.id])
    expect(example.department_id).toBe('education')
  })

  test('co-handling: the lead cannot answer until every co-handler has answered', async () => {
    const p = await file()
    await ok(hr, p.id, { type: 'accept' })
    const co = await ok(hr, p.id, { type: 'request_co', departmentIds: ['education'], reason: '新员工子女入学需教育局会办' })
    expect(co.coHandlers.map((c) => [c.departmentId, c.status])).toEqual([['education', 'pending']])
    expect(unwrap(await h.call('problems', 'get', { id: p.id }, { as: hr })).actions).not.toContain('reply')

    const early = await act(hr, p.id, { type: 'reply', content: '招聘会已安排，入学事项请等待。' })
    expect(early.ok || early.error.code).toBe('CONFLICT')

    const inbox = unwrap(await h.call('problems', 'inbox', {}, { as: education }))
    const row = inbox.find((x) => x.id === p.id)
    expect(row?.unitRole).toBe('co_handler')
    // the co-handler's own clock, not the lead's
    expect(row?.acceptDue).toBe(co.coHandlers[0].acceptDue.at)
    expect(co.events.find((e) => e.type === 'co_requested')?.note).toContain('区教育局')
    await ok(education, p.id, { type: 'co_accept' })
    await ok(education, p.id, { type: 'co_reply', content: '已为 3 名员工子女安排就近入学学位。' })
    expect((await ok(hr, p.id, { type: 'reply', content: '招聘与入学两项均已落实，请企业确认。' })).status).toBe('replied')
  })

  test('extension: the unit asks, the dispatcher approves, the reply deadline moves', async () => {
    const p = await file()
    await ok(hr, p.id, { type: 'accept' })
    const asked = await ok(hr, p.id, { type: 'request_extension', days: 3, reason: '需协调多家培训机构' })
    const request = asked.extensions[0]
    expect(request.status).toBe('pending')
    expect(unwrap(await h.call('problems', 'triage', {}, { as: dispatcher })).find((x) => x.id === p.id)?.queueReason).toBe('extension')
    const before = asked.lead?.replyDue.date
    const approved = await ok(dispatcher, p.id, { type: 'approve_extension', requestId: request.id })
    expect(approved.extensions[0].status).toBe('approved')
    expect((approved.lead?.replyDue.date ?? '') > (before ?? '')).toBe(true)
  })

  test('an anonymous filer is never named to the department, but is to the dispatcher', async () => {
    const p = await file(recruit, { anonymous: true })
    const byUnit = unwrap(await h.call('problems', 'get', { id: p.id }, { as: hr }))
    expect(byUnit.filerName).toBe('匿名')
    expect(JSON.stringify(byUnit)).not.toContain('陈晓敏')
    expect(unwrap(await h.call('problems', 'get', { id: p.id }, { as: dispatcher })).filerName).toBe('陈晓敏')
  })

  test('a handler of another department can neither read nor act', async () => {
    const p = await file()
    const r = await act(education, p.id, { type: 'accept' })
    expect(r.ok || r.error.code).toBe('NOT_FOUND')
  })

  test('notices: the unit hears of a new problem, the filer of the reply', async () => {
    const p = await file()
    const unitNotices = unwrap(await h.call('notices', 'list', {}, { as: hr }))
    expect(unitNotices.some((n) => n.problemId === p.id && n.body.includes('签收'))).toBe(true)
    await ok(hr, p.id, { type: 'accept' })
    await ok(hr, p.id, { type: 'reply', content: '已安排招聘会专场并告知企业具体时间。' })
    const mine = unwrap(await h.call('notices', 'list', {}, { as: enterprise }))
    expect(mine.some((n) => n.problemId === p.id && n.body.includes('已答复'))).toBe(true)
    expect(unwrap(await h.call('notices', 'markRead', {}, { as: enterprise })).unread).toBe(0)
    const [{ n }] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox o JOIN notices t ON t.id = o.notice_id WHERE t.problem_id = $1`, [p.id])
    expect(n).toBeGreaterThan(0)
  })

  test('a retried action with the same request id acts once', async () => {
    const p = await file()
    const a = await h.call('problems', 'act', { id: p.id, action: { type: 'accept' } }, { as: hr, requestId: 'act-retry-0001' })
    const b = await h.call('problems', 'act', { id: p.id, action: { type: 'accept' } }, { as: hr, requestId: 'act-retry-0001' })
    expect(unwrap(b)).toEqual(unwrap(a))
    expect(unwrap(a).events.filter((e) => e.type === 'accepted')).toHaveLength(1)
  })
})

describe('the sweeper', () => {
  test('escalates a missed acceptance once, however often it runs', async () => {
    const p = await file()
    // filed Monday: due end of Tuesday; Wednesday morning it is overdue
    h.clock.now = new Date('2026-11-25T02:00:00Z')
    const first = await runSweep(h.deps)
    expect(first.ran).toBe(true)
    expect(first.escalations).toBeGreaterThan(0)
    const after = unwrap(await h.call('problems', 'get', { id: p.id }, { as: dispatcher }))
    expect(after.supervision.filter((s) => s.kind === 'accept_overdue')).toHaveLength(1)
    expect(after.overdue).toBe(true)

    const second = await runSweep(h.deps)
    expect(second.escalations).toBe(0)
    const again = unwrap(await h.call('problems', 'get', { id: p.id }, { as: dispatcher }))
    expect(again.events.filter((e) => e.type === 'supervised')).toHaveLength(after.events.filter((e) => e.type === 'supervised').length)
    expect(unwrap(await h.call('problems', 'inbox', { view: 'overdue' }, { as: hr })).map((x) => x.id)).toContain(p.id)
  })
})
