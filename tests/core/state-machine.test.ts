import {
  availableActions,
  checkInvariants,
  openProblem,
  replay,
  roleOf,
  transition,
  DEFAULT_SLA,
  type FlowAction,
  type FlowActor,
  type FlowState,
  type RefusalCode
} from '../../cloudfunctions/core/problems/flow'
import {
  at,
  DISPATCHER,
  ECONOMY,
  ENV,
  expectRefused,
  FILER,
  FINANCE,
  HR,
  open,
  OTHER_FILER,
  plusHours,
  SAME_ENTERPRISE,
  step,
  SYSTEM,
  T0,
  TAX,
  types
} from './flow-helpers'

const accepted = () => step(open(), { type: 'accept' }, HR)
const replied = () => step(accepted(), { type: 'reply', content: '已协调三家职校对接用工' }, HR)
const closed = () => step(replied(), { type: 'evaluate', solved: true, rating: 5 }, FILER)
const returned = () => step(open(), { type: 'return', reason: '属于经济促进局职责' }, HR)
const withCo = () => step(accepted(), { type: 'request_co', departmentIds: ['economy', 'finance'], reason: '涉及融资对接' }, HR)
const reopened = () => step(replied(), { type: 'evaluate', solved: false, comment: '招聘会未覆盖技工岗位' }, FILER)
const withPendingExtension = () => step(accepted(), { type: 'request_extension', days: 3, reason: '需等待市里政策口径' }, HR)

describe('opening a problem', () => {
  test('routed by the rules: filed + routed, the clock starting at 派单', () => {
    const s = open('hr', T0)
    expect(s.status).toBe('routed')
    expect(types(s)).toEqual(['filed', 'routed'])
    expect(s.history[1]).toMatchObject({ actor: { kind: 'system' }, reason: '按类别派至人社' })
    expect(s.lead).toMatchObject({ departmentId: 'hr', routedAt: T0.toISOString(), acceptDue: { date: '2026-03-10' }, replyDue: { date: '2026-03-16' } })
    expect(checkInvariants(s)).toEqual([])
  })

  test('unplaced: triage, no clock until the dispatcher routes it', () => {
    const s = open(null)
    expect(s.status).toBe('triage')
    expect(s.lead).toBeNull()
    const later = at('2026-03-11T15:00:00+08:00')
    const r = step(s, { type: 'route', departmentId: 'hr' }, DISPATCHER, later)
    expect(r.lead).toMatchObject({ routedAt: later.toISOString(), acceptDue: { date: '2026-03-12' }, replyDue: { date: '2026-03-18' } })
  })

  test('bad input is VALIDATION', () => {
    const r = openProblem({ problemId: '', category: 'tax', enterpriseId: 'e', filer: { personId: 'p' }, limits: DEFAULT_SLA, leadDepartmentId: null }, T0, ENV)
    expect(r).toMatchObject({ ok: false, code: 'VALIDATION' })
    const r2 = openProblem({ problemId: 'x', category: 'tax', enterpriseId: 'e', filer: { personId: 'p' }, limits: { ...DEFAULT_SLA, acceptDays: 0 }, leadDepartmentId: null }, T0, ENV)
    expect(r2).toMatchObject({ ok: false, code: 'VALIDATION', field: 'limits' })
  })
})

describe('legal paths', () => {
  test('派单 → 签收 → 答复 → 评价（已解决）→ 办结', () => {
    const s = closed()
    expect(s.status).toBe('closed')
    expect(types(s)).toEqual(['filed', 'routed', 'accepted', 'replied', 'confirmed', 'rated', 'closed'])
    expect(s).toMatchObject({ solved: true, rating: 5, reopenCount: 0 })
    expect(s.lead).toMatchObject({ acceptedAt: T0.toISOString(), reply: '已协调三家职校对接用工' })
    expect(s.history.slice(-3).every((e) => e.actor.kind === 'filer')).toBe(true)
  })

  test('any liaison of the filing enterprise may evaluate', () => {
    expect(step(replied(), { type: 'evaluate', solved: true, rating: 4, comment: '满意' }, SAME_ENTERPRISE).status).toBe('closed')
  })

  test('退单 (reason required) → dispatcher 转办: the new unit’s clock starts at 转办', () => {
    const r = returned()
    expect(r).toMatchObject({ status: 'returned', returnCount: 1 })
    expect(r.history.at(-1)).toMatchObject({ type: 'returned', reason: '属于经济促进局职责', actor: HR })
    const when = at('2026-03-10T16:00:00+08:00')
    const s = step(r, { type: 'reroute', departmentId: 'economy', reason: '退单理由成立' }, DISPATCHER, when)
    expect(s.status).toBe('routed')
    expect(s.lead).toMatchObject({ departmentId: 'economy', routedAt: when.toISOString(), acceptDue: { date: '2026-03-11' }, replyDue: { date: '2026-03-17' } })
    expect(s.history.at(-1)).toMatchObject({ type: 'rerouted', data: { from: 'hr' } })
    expect(roleOf(s, HR)).toBe('outsider')
    expect(step(s, { type: 'accept' }, ECONOMY).status).toBe('accepted')
  })

  test('退单 after 签收 is allowed; the dispatcher may insist: back to the same unit on its original deadlines', () => {
    const r = step(accepted(), { type: 'return', reason: '企业诉求实为融资问题' }, HR)
    const s = step(r, { type: 'insist', reason: '用工补贴属人社职责' }, DISPATCHER, at('2026-03-12T10:00:00+08:00'))
    expect(s.status).toBe('routed')
    expect(s.lead).toMatchObject({ departmentId: 'hr', routedAt: T0.toISOString(), acceptedAt: null, acceptDue: { date: '2026-03-10' } })
    expect(step(s, { type: 'accept' }, HR).status).toBe('accepted')
  })

  test('转办 without a 退单: the dispatcher re-assigns an item in progress', () => {
    const s = step(accepted(), { type: 'reroute', departmentId: 'finance' }, DISPATCHER)
    expect(s).toMatchObject({ status: 'routed', lead: { departmentId: 'finance', acceptedAt: null } })
  })

  test('会办: co-handlers accept and answer on their own clock; the lead replies only after all have answered', () => {
    const asked = at('2026-03-10T10:00:00+08:00')
    let s = step(accepted(), { type: 'request_co', departmentIds: ['economy', 'finance'], reason: '涉及融资对接' }, HR, asked)
    expect(s.coHandlers.map((c) => [c.departmentId, c.status, c.acceptDue.date, c.replyDue.date])).toEqual([
      ['economy', 'pending', '2026-03-11', '2026-03-17'],
      ['finance', 'pending', '2026-03-11', '2026-03-17']
    ])
    expect(roleOf(s, ECONOMY)).toBe('co_handler')
    expect(expectRefused(s, { type: 'reply', content: '答复' }, HR, 'CONFLICT').message).toContain('economy')
    s = step(s, { type: 'co_accept' }, ECONOMY)
    s = step(s, { type: 'co_reply', content: '已对接链主企业' }, ECONOMY)
    expectRefused(s, { type: 'co_reply', content: '意见' }, FINANCE, 'CONFLICT') // must accept first
    s = step(s, { type: 'co_accept' }, FINANCE)
    expect(expectRefused(s, { type: 'reply', content: '答复' }, HR, 'CONFLICT').message).toContain('finance')
    s = step(s, { type: 'co_reply', content: '已安排授信' }, FINANCE)
    s = step(s, { type: 'reply', content: '已会同经济促进局、金融部门解决' }, HR)
    expect(s.status).toBe('replied')
    expect(s.coHandlers.map((c) => c.status)).toEqual(['replied', 'replied'])
  })

  test('the dispatcher can start 会办 too, and release a wrongly asked co-handler', () => {
    let s = step(open(), { type: 'request_co', departmentIds: ['tax'] }, DISPATCHER)
    s = step(s, { type: 'accept' }, HR)
    s = step(s, { type: 'cancel_co', departmentId: 'tax', reason: '与税务无关' }, DISPATCHER)
    expect(s.coHandlers[0].status).toBe('cancelled')
    expect(roleOf(s, TAX)).toBe('outsider')
    expect(step(s, { type: 'reply', content: '已解决' }, HR).status).toBe('replied')
  })

  test('延期: requested with a reason, approved by the dispatcher, reply deadline moved, capped at 10', () => {
    let s = withPendingExtension()
    expect(s.extensions).toMatchObject([{ id: 'ext-4', departmentId: 'hr', days: 3, status: 'pending' }])
    expectRefused(s, { type: 'request_extension', days: 1, reason: '再申请' }, HR, 'CONFLICT')
    s = step(s, { type: 'approve_extension', requestId: 'ext-4' }, DISPATCHER)
    expect(s.lead).toMatchObject({ extensionDays: 3, replyDue: { date: '2026-03-19', basis: { workdays: 8 } } })
    expectRefused(s, { type: 'request_extension', days: 8, reason: '还需时间' }, HR, 'VALIDATION')
    s = step(s, { type: 'request_extension', days: 7, reason: '还需时间' }, HR)
    const id = s.extensions[1].id
    s = step(s, { type: 'approve_extension', requestId: id, days: 2, reason: '只同意两天' }, DISPATCHER)
    expect(s.extensions[1]).toMatchObject({ status: 'approved', grantedDays: 2, decisionReason: '只同意两天' })
    expect(s.lead).toMatchObject({ extensionDays: 5, replyDue: { date: '2026-03-23' } })
    s = step(s, { type: 'request_extension', days: 5, reason: '第三次' }, HR)
    s = step(s, { type: 'refuse_extension', requestId: s.extensions[2].id, reason: '理由不充分' }, DISPATCHER)
    expect(s.extensions[2]).toMatchObject({ status: 'refused', decisionReason: '理由不充分' })
    expect(s.lead!.replyDue.date).toBe('2026-03-23')
    s = step(s, { type: 'request_extension', days: 5, reason: '第四次' }, HR)
    s = step(s, { type: 'approve_extension', requestId: s.extensions[3].id }, DISPATCHER)
    expect(s.lead!.extensionDays).toBe(10)
    expect(expectRefused(s, { type: 'request_extension', days: 1, reason: '再延' }, HR, 'CONFLICT').message).toContain('上限')
  })

  test('a co-handler asks for its own extension', () => {
    let s = step(withCo(), { type: 'co_accept' }, ECONOMY)
    s = step(s, { type: 'request_extension', days: 2, reason: '需调取数据' }, ECONOMY)
    s = step(s, { type: 'approve_extension', requestId: s.extensions[0].id }, DISPATCHER)
    expect(s.coHandlers[0]).toMatchObject({ departmentId: 'economy', extensionDays: 2, replyDue: { date: '2026-03-18' } })
    expect(s.lead!.replyDue.date).toBe('2026-03-16')
  })

  test('a pending extension lapses when the unit replies', () => {
    let s = step(withPendingExtension(), { type: 'reply', content: '已办好' }, HR)
    expect(s.extensions[0].status).toBe('lapsed')
    s = step(s, { type: 'evaluate', solved: false, comment: '没解决' }, FILER)
    expect(expectRefused(s, { type: 'approve_extension', requestId: 'ext-4' }, DISPATCHER, 'CONFLICT').message).toMatch(/没有待审批/)
  })

  test('重办: not solved goes back to the lead with a new reply deadline, counted each time', () => {
    const when = at('2026-03-12T10:00:00+08:00')
    let s = step(replied(), { type: 'evaluate', solved: false, rating: 2, comment: '招聘会未覆盖技工岗位' }, FILER, when)
    expect(s).toMatchObject({ status: 'reopened', reopenCount: 1, solved: false, rating: 2 })
    expect(s.lead).toMatchObject({ repliedAt: null, replyDue: { date: '2026-03-19' } })
    expect(types(s).slice(-2)).toEqual(['rated', 'reopened'])
    s = step(s, { type: 'reply', content: '已补开技工专场' }, HR)
    s = step(s, { type: 'evaluate', solved: false, comment: '仍缺焊工' }, FILER)
    expect(s.reopenCount).toBe(2)
    s = step(s, { type: 'reply', content: '已对接职业技术学院定向培养' }, HR)
    s = step(s, { type: 'evaluate', solved: true, rating: 4 }, FILER)
    expect(s).toMatchObject({ status: 'closed', reopenCount: 2, solved: true, rating: 4 })
  })

  test('manual 督办 by the dispatcher raises the supervision level', () => {
    const s = step(accepted(), { type: 'supervise', reason: '企业多次来电，请加快办理' }, DISPATCHER)
    expect(s.supervision.level).toBe(1)
    expect(s.supervision.records[0]).toMatchObject({ kind: 'manual', departmentId: 'hr', note: '企业多次来电，请加快办理' })
  })

  test('every event says who, when, what and why', () => {
    const s = returned()
    const e = s.history.at(-1)!
    expect(e).toEqual({ seq: 3, type: 'returned', at: T0.toISOString(), actor: HR, reason: '属于经济促进局职责', data: { departmentId: 'hr' } })
  })
})

type Row = [string, () => FlowState, FlowAction, FlowActor, RefusalCode, Date?]

const ILLEGAL: Row[] = [
  // FORBIDDEN: the actor has no part in this action
  ['the filer accepts', open, { type: 'accept' }, FILER, 'FORBIDDEN'],
  ['another unit accepts', open, { type: 'accept' }, ECONOMY, 'FORBIDDEN'],
  ['the system accepts', open, { type: 'accept' }, SYSTEM, 'FORBIDDEN'],
  ['the dispatcher replies', accepted, { type: 'reply', content: '答复内容' }, DISPATCHER, 'FORBIDDEN'],
  ['a unit routes', () => open(null), { type: 'route', departmentId: 'hr' }, HR, 'FORBIDDEN'],
  ['a unit re-routes', accepted, { type: 'reroute', departmentId: 'economy' }, HR, 'FORBIDDEN'],
  ['the lead evaluates its own reply', replied, { type: 'evaluate', solved: true, rating: 5 }, HR, 'FORBIDDEN'],
  ['the dispatcher evaluates', replied, { type: 'evaluate', solved: true, rating: 5 }, DISPATCHER, 'FORBIDDEN'],
  ['another enterprise evaluates', replied, { type: 'evaluate', solved: true, rating: 5 }, OTHER_FILER, 'FORBIDDEN'],
  ['a co-handler replies for the lead', withCo, { type: 'reply', content: '答复内容' }, ECONOMY, 'FORBIDDEN'],
  ['the lead accepts as co-handler', withCo, { type: 'co_accept' }, HR, 'FORBIDDEN'],
  ['a unit approves an extension', withPendingExtension, { type: 'approve_extension', requestId: 'ext-4' }, HR, 'FORBIDDEN'],
  ['the filer asks for an extension', accepted, { type: 'request_extension', days: 2, reason: '理由理由' }, FILER, 'FORBIDDEN'],
  ['an outsider acts on a closed item', closed, { type: 'accept' }, TAX, 'FORBIDDEN'],
  ['an actor without a department', open, { type: 'accept' }, { kind: 'unit', personId: 'p', departmentId: '' }, 'FORBIDDEN'],
  // CONFLICT: not possible in this state
  ['accept twice', accepted, { type: 'accept' }, HR, 'CONFLICT'],
  ['reply before accepting', open, { type: 'reply', content: '答复内容' }, HR, 'CONFLICT'],
  ['evaluate before the reply', accepted, { type: 'evaluate', solved: true, rating: 5 }, FILER, 'CONFLICT'],
  ['evaluate twice', closed, { type: 'evaluate', solved: true, rating: 5 }, FILER, 'CONFLICT'],
  ['route an item already routed', open, { type: 'route', departmentId: 'economy' }, DISPATCHER, 'CONFLICT'],
  ['route a returned item (use 转办/维持)', returned, { type: 'route', departmentId: 'economy' }, DISPATCHER, 'CONFLICT'],
  ['re-route from triage', () => open(null), { type: 'reroute', departmentId: 'hr' }, DISPATCHER, 'CONFLICT'],
  ['re-route a closed item', closed, { type: 'reroute', departmentId: 'economy' }, DISPATCHER, 'CONFLICT'],
  ['re-route a replied item', replied, { type: 'reroute', departmentId: 'economy' }, DISPATCHER, 'CONFLICT'],
  ['insist without a 退单', accepted, { type: 'insist', reason: '维持维持' }, DISPATCHER, 'CONFLICT'],
  ['return twice', returned, { type: 'return', reason: '理由理由' }, HR, 'CONFLICT'],
  ['return a 重办 item', reopened, { type: 'return', reason: '理由理由' }, HR, 'CONFLICT'],
  ['return after replying', replied, { type: 'return', reason: '理由理由' }, HR, 'CONFLICT'],
  ['lead reply with co-handlers unanswered', withCo, { type: 'reply', content: '答复内容' }, HR, 'CONFLICT'],
  ['co-reply before co-accept', withCo, { type: 'co_reply', content: '意见意见' }, ECONOMY, 'CONFLICT'],
  ['lead asks 会办 before accepting', open, { type: 'request_co', departmentIds: ['economy'] }, HR, 'CONFLICT'],
  ['cancel 会办 with none', accepted, { type: 'cancel_co', departmentId: 'economy', reason: '理由理由' }, DISPATCHER, 'CONFLICT'],
  ['extension before accepting', open, { type: 'request_extension', days: 2, reason: '理由理由' }, HR, 'CONFLICT'],
  ['second pending extension', withPendingExtension, { type: 'request_extension', days: 2, reason: '理由理由' }, HR, 'CONFLICT'],
  ['extension after the reply deadline', accepted, { type: 'request_extension', days: 2, reason: '理由理由' }, HR, 'CONFLICT', at('2026-03-17T00:00:01+08:00')],
  ['approve with nothing pending', accepted, { type: 'approve_extension', requestId: 'ext-4' }, DISPATCHER, 'CONFLICT'],
  ['督办 a closed item', closed, { type: 'supervise', reason: '督办督办' }, DISPATCHER, 'CONFLICT'],
  ['督办 an item waiting for the filer', replied, { type: 'supervise', reason: '督办督办' }, DISPATCHER, 'CONFLICT'],
  ['anything on a closed item, even by the lead', closed, { type: 'reply', content: '补充答复' }, HR, 'CONFLICT'],
  // VALIDATION: the input is wrong
  ['退单 without a reason', open, { type: 'return', reason: '' }, HR, 'VALIDATION'],
  ['退单 with only spaces', open, { type: 'return', reason: '   ' }, HR, 'VALIDATION'],
  ['insist without a reason', returned, { type: 'insist', reason: '' }, DISPATCHER, 'VALIDATION'],
  ['转办 to the same unit', returned, { type: 'reroute', departmentId: 'hr' }, DISPATCHER, 'VALIDATION'],
  ['转办 to nobody', returned, { type: 'reroute', departmentId: ' ' }, DISPATCHER, 'VALIDATION'],
  ['转办 to an active co-handler', withCo, { type: 'reroute', departmentId: 'economy' }, DISPATCHER, 'VALIDATION'],
  ['派单 to nobody', () => open(null), { type: 'route', departmentId: '' }, DISPATCHER, 'VALIDATION'],
  ['solved without a rating', replied, { type: 'evaluate', solved: true }, FILER, 'VALIDATION'],
  ['rating 0', replied, { type: 'evaluate', solved: true, rating: 0 }, FILER, 'VALIDATION'],
  ['rating 6', replied, { type: 'evaluate', solved: true, rating: 6 }, FILER, 'VALIDATION'],
  ['rating 2.5', replied, { type: 'evaluate', solved: true, rating: 2.5 }, FILER, 'VALIDATION'],
  ['not solved without saying why', replied, { type: 'evaluate', solved: false }, FILER, 'VALIDATION'],
  ['not solved with rating 9', replied, { type: 'evaluate', solved: false, rating: 9, comment: '没解决' }, FILER, 'VALIDATION'],
  ['solved given as text', replied, { type: 'evaluate', solved: 'yes', rating: 5 } as unknown as FlowAction, FILER, 'VALIDATION'],
  ['empty reply', accepted, { type: 'reply', content: '' }, HR, 'VALIDATION'],
  ['empty co-reply', () => step(withCo(), { type: 'co_accept' }, ECONOMY), { type: 'co_reply', content: ' ' }, ECONOMY, 'VALIDATION'],
  ['会办 with nobody', accepted, { type: 'request_co', departmentIds: [] }, HR, 'VALIDATION'],
  ['会办 with the lead itself', accepted, { type: 'request_co', departmentIds: ['hr'] }, HR, 'VALIDATION'],
  ['会办 with duplicates', accepted, { type: 'request_co', departmentIds: ['tax', 'tax'] }, HR, 'VALIDATION'],
  ['会办 with a unit already co-handling', withCo, { type: 'request_co', departmentIds: ['finance'] }, HR, 'VALIDATION'],
  ['cancel 会办 of a unit not co-handling', withCo, { type: 'cancel_co', departmentId: 'tax', reason: '理由理由' }, DISPATCHER, 'VALIDATION'],
  ['cancel 会办 without a reason', withCo, { type: 'cancel_co', departmentId: 'economy', reason: '' }, DISPATCHER, 'VALIDATION'],
  ['extension of 0 days', accepted, { type: 'request_extension', days: 0, reason: '理由理由' }, HR, 'VALIDATION'],
  ['extension of 11 days', accepted, { type: 'request_extension', days: 11, reason: '理由理由' }, HR, 'VALIDATION'],
  ['extension of 1.5 days', accepted, { type: 'request_extension', days: 1.5, reason: '理由理由' }, HR, 'VALIDATION'],
  ['extension without a reason', accepted, { type: 'request_extension', days: 2, reason: '' }, HR, 'VALIDATION'],
  ['approve an unknown request', withPendingExtension, { type: 'approve_extension', requestId: 'nope' }, DISPATCHER, 'VALIDATION'],
  ['approve more days than asked', withPendingExtension, { type: 'approve_extension', requestId: 'ext-4', days: 4 }, DISPATCHER, 'VALIDATION'],
  ['refuse without a reason', withPendingExtension, { type: 'refuse_extension', requestId: 'ext-4', reason: '' }, DISPATCHER, 'VALIDATION'],
  ['督办 without a note', accepted, { type: 'supervise', reason: '' }, DISPATCHER, 'VALIDATION'],
  ['an unknown action', accepted, { type: 'delete' } as unknown as FlowAction, DISPATCHER, 'VALIDATION']
]

describe('illegal transitions are refused with a typed code and a Chinese message, changing nothing', () => {
  const rows = ILLEGAL.map(([name, setup, action, actor, code, now]) => ({ name, setup, action, actor, code, now: now ?? T0 }))
  test.each(rows)('$code: $name', ({ setup, action, actor, code, now }) => {
    const s = setup()
    const copy = JSON.stringify(s)
    const r = transition(s, action, actor, now, ENV)
    expect(r).toMatchObject({ ok: false, code })
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/)
    expect(JSON.stringify(s)).toBe(copy)
  })

  test('VALIDATION names the field', () => {
    expect(expectRefused(open(), { type: 'return', reason: '' }, HR, 'VALIDATION').field).toBe('reason')
    expect(expectRefused(replied(), { type: 'evaluate', solved: true, rating: 7 }, FILER, 'VALIDATION').field).toBe('rating')
  })
})

describe('availableActions', () => {
  test.each<[string, () => FlowState, FlowActor, string[]]>([
    ['dispatcher on triage', () => open(null), DISPATCHER, ['route']],
    ['lead on a routed item', open, HR, ['accept', 'return']],
    ['dispatcher on a routed item', open, DISPATCHER, ['reroute', 'request_co', 'supervise']],
    ['lead while handling', accepted, HR, ['return', 'request_co', 'reply', 'request_extension']],
    ['lead with co-handlers unanswered', withCo, HR, ['return', 'request_co', 'request_extension']],
    ['a co-handler asked', withCo, ECONOMY, ['co_accept']],
    ['dispatcher on a returned item', returned, DISPATCHER, ['reroute', 'insist']],
    ['filer after the reply', replied, FILER, ['evaluate']],
    ['filer of another enterprise', replied, OTHER_FILER, []],
    ['anyone on a closed item', closed, DISPATCHER, []]
  ])('%s', (_name, setup, actor, want) => {
    expect(availableActions(setup(), actor, T0, ENV)).toEqual(want)
  })

  test('after the reply deadline a unit can no longer ask for more time', () => {
    expect(availableActions(accepted(), HR, plusHours(T0, 24 * 8), ENV)).not.toContain('request_extension')
  })
})

describe('history', () => {
  test('replaying the history rebuilds the state exactly', () => {
    let s = withCo()
    s = step(s, { type: 'co_accept' }, ECONOMY)
    s = step(s, { type: 'request_extension', days: 2, reason: '需调取数据' }, ECONOMY)
    s = step(s, { type: 'approve_extension', requestId: s.extensions[0].id }, DISPATCHER)
    s = step(s, { type: 'cancel_co', departmentId: 'finance', reason: '无需金融部门' }, DISPATCHER)
    s = step(s, { type: 'co_reply', content: '已对接' }, ECONOMY)
    s = step(s, { type: 'reply', content: '已解决' }, HR)
    s = step(s, { type: 'evaluate', solved: false, comment: '还没好' }, FILER)
    expect(replay(s.history)).toEqual(s)
    expect(checkInvariants(s)).toEqual([])
  })

  test('a corrupt history is rejected', () => {
    const s = accepted()
    expect(() => replay(s.history.slice(1))).toThrow()
    expect(() => replay([s.history[0], { ...s.history[2], seq: 2 }])).toThrow()
  })
})
