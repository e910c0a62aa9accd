import fc from 'fast-check'
import {
  availableActions,
  checkInvariants,
  remainingExtensionDays,
  replay,
  sweep,
  transition,
  type FlowAction,
  type FlowActionType,
  type FlowActor,
  type FlowState,
  type TransitionResult
} from '../../cloudfunctions/core/problems/flow'
import { CHINESE, DISPATCHER, ECONOMY, envWith, FILER, FINANCE, HR, open, OTHER_FILER, SAME_ENTERPRISE, SYSTEM, TAX } from './flow-helpers'

/**
 * Property tests of the flow: random sequences of actions from random actors, at random times, with the
 * sweeper running in between. Whatever happens, each step is either refused with a typed code and a
 * Chinese message (changing nothing) or yields a state that satisfies every invariant.
 */

const ENV = envWith([{ date: '2026-12-28', kind: 'holiday', note: '测试用' }])
const ACTORS: FlowActor[] = [
  FILER,
  SAME_ENTERPRISE,
  OTHER_FILER,
  HR,
  ECONOMY,
  FINANCE,
  TAX,
  DISPATCHER,
  SYSTEM,
  { kind: 'unit', personId: 'p-anon', departmentId: '' }
]
const DEPTS = ['hr', 'economy', 'finance', 'tax', '', ' ']
const TEXTS = [undefined, '', '  ', '属于其他单位职责', '已协调解决', 'x'.repeat(2001)]

const text = fc.constantFrom(...TEXTS)
const dept = fc.constantFrom(...DEPTS)
const PICK = '__pick__'

/** Any action, valid or not. `__pick__` request ids are replaced by a real id of the state at run time. */
const anyAction: fc.Arbitrary<FlowAction> = fc.oneof(
  fc.record({ type: fc.constant('route' as const), departmentId: dept, reason: text }),
  fc.constant({ type: 'accept' as const }),
  fc.record({ type: fc.constant('return' as const), reason: text }),
  fc.record({ type: fc.constant('reroute' as const), departmentId: dept, reason: text }),
  fc.record({ type: fc.constant('insist' as const), reason: text }),
  fc.record({ type: fc.constant('request_co' as const), departmentIds: fc.array(dept, { maxLength: 3 }), reason: text }),
  fc.constant({ type: 'co_accept' as const }),
  fc.record({ type: fc.constant('co_reply' as const), content: text }),
  fc.record({ type: fc.constant('cancel_co' as const), departmentId: dept, reason: text }),
  fc.record({ type: fc.constant('reply' as const), content: text }),
  fc.record({ type: fc.constant('request_extension' as const), days: fc.oneof(fc.integer({ min: -1, max: 12 }), fc.constant(1.5)), reason: text }),
  fc.record({
    type: fc.constant('approve_extension' as const),
    requestId: fc.constantFrom(PICK, PICK, 'nope'),
    days: fc.option(fc.integer({ min: -1, max: 12 }), { nil: undefined })
  }),
  fc.record({ type: fc.constant('refuse_extension' as const), requestId: fc.constantFrom(PICK, 'nope'), reason: text }),
  fc.record({ type: fc.constant('supervise' as const), reason: text }),
  fc.record({
    type: fc.constant('evaluate' as const),
    solved: fc.oneof(fc.boolean(), fc.constant('yes' as unknown as boolean)),
    rating: fc.constantFrom(undefined, 0, 1, 3, 5, 6, 2.5),
    comment: text
  }),
  fc.constant({ type: 'withdraw' } as unknown as FlowAction)
) as fc.Arbitrary<FlowAction>

function resolvePick(s: FlowState, a: FlowAction, pick: number): FlowAction {
  if ((a.type === 'approve_extension' || a.type === 'refuse_extension') && a.requestId === PICK) {
    return { ...a, requestId: s.extensions.length ? s.extensions[pick % s.extensions.length].id : 'none' }
  }
  return a
}

const startArb = fc.integer({ min: 0, max: 360 * 24 }).map((h) => new Date(Date.parse('2026-01-02T01:00:00Z') + h * 3600_000))
const stepArb = fc.record({
  actor: fc.nat({ max: ACTORS.length - 1 }),
  action: anyAction,
  pick: fc.nat(),
  minutes: fc.integer({ min: 0, max: 4 * 24 * 60 }),
  sweep: fc.boolean()
})

// append-only: the earlier events are still there, the very same objects, in the same places
const prefixOf = (a: FlowState['history'], b: FlowState['history']) => a.every((e, i) => e === b[i])

/** Checks one accepted step against its predecessor; returns the new state. */
function checkStep(prev: FlowState, r: TransitionResult, type: FlowActionType, actor: FlowActor): FlowState {
  if (!r.ok) {
    expect(['CONFLICT', 'FORBIDDEN', 'VALIDATION']).toContain(r.code)
    expect(r.message).toMatch(CHINESE)
    return prev
  }
  const next = r.next
  expect(checkInvariants(next)).toEqual([])
  expect(r.events.length).toBeGreaterThan(0)
  expect(next.history.length).toBe(prev.history.length + r.events.length)
  expect(prefixOf(prev.history, next.history)).toBe(true)
  expect(next.reopenCount).toBeGreaterThanOrEqual(prev.reopenCount)
  expect(next.supervision.level).toBeGreaterThanOrEqual(prev.supervision.level)
  if (next.status === 'closed' && prev.status !== 'closed') {
    // closed only through the filer's own confirmation of a reply
    expect(type).toBe('evaluate')
    expect(actor.kind).toBe('filer')
    expect(prev.status).toBe('replied')
    expect(r.events.map((e) => e.type)).toEqual(['confirmed', 'rated', 'closed'])
  }
  if (next.status === 'replied' && prev.status !== 'replied') {
    expect(prev.coHandlers.filter((c) => c.status === 'pending' || c.status === 'accepted')).toEqual([])
  }
  return next
}

function checkSweep(s: FlowState, now: Date): FlowState {
  const first = sweep(s, now, ENV.calendar)
  expect(checkInvariants(first.next)).toEqual([])
  expect(prefixOf(s.history, first.next.history)).toBe(true)
  expect(first.events.every((e) => e.type === 'supervised' && e.actor.kind === 'system')).toBe(true)
  // idempotent: the same run again raises nothing
  const again = sweep(first.next, now, ENV.calendar)
  expect(again.events).toEqual([])
  // and nothing already escalated is ever escalated again, later either
  const later = sweep(first.next, new Date(now.getTime() + 30 * 24 * 3600_000), ENV.calendar)
  const done = new Set(first.next.supervision.records.map((r) => r.key))
  for (const e of later.events) if (e.type === 'supervised') expect(done.has(e.data.record.key)).toBe(false)
  return first.next
}

describe('flow properties', () => {
  test('random actions from random actors: refused with a typed code, or a valid state', () => {
    fc.assert(
      fc.property(startArb, fc.option(fc.constantFrom('hr', 'economy'), { nil: null }), fc.array(stepArb, { maxLength: 40, size: 'max' }), (start, lead, steps) => {
        let now = start
        let s = open(lead, now, ENV)
        for (const st of steps) {
          now = new Date(now.getTime() + st.minutes * 60_000)
          const actor = ACTORS[st.actor]
          const action = resolvePick(s, st.action, st.pick)
          const before = JSON.stringify(s)
          const avail = availableActions(s, actor, now, ENV)
          const r = transition(s, action, actor, now, ENV)
          expect(JSON.stringify(s)).toBe(before) // pure: the input state is never touched
          if (r.ok) expect(avail).toContain(action.type)
          if (!r.ok && r.code === 'FORBIDDEN') expect(avail).not.toContain(action.type)
          s = checkStep(s, r, action.type, actor)
          if (st.sweep) s = checkSweep(s, now)
        }
        expect(replay(s.history)).toEqual(s)
      }),
      { numRuns: 400 }
    )
  })

  const FORWARD: FlowActionType[] = ['route', 'accept', 'co_accept', 'co_reply', 'reply', 'evaluate', 'insist', 'approve_extension', 'request_extension']

  /** A handler of the lead unit or of a co-handler, so walks get past 签收 whatever unit the item is with. */
  function partyActor(s: FlowState, i: number): FlowActor {
    const depts = [s.lead?.departmentId, s.lead?.departmentId, ...s.coHandlers.map((c) => c.departmentId)].filter((d): d is string => !!d)
    if (!depts.length) return DISPATCHER
    return { kind: 'unit', personId: 'p-party', departmentId: depts[i % depts.length] }
  }

  /** A valid input for an action the state machine says is available. */
  function validAction(s: FlowState, type: FlowActionType, actor: FlowActor, k: number): FlowAction {
    const others = ['hr', 'economy', 'finance', 'tax', 'science', 'market', 'housing', 'ecology', 'education', 'health', 'commerce', 'transport'].filter(
      (d) => d !== s.lead?.departmentId && !s.coHandlers.some((c) => c.departmentId === d && (c.status === 'pending' || c.status === 'accepted'))
    )
    const pending = s.extensions.filter((x) => x.status === 'pending')
    switch (type) {
      case 'route':
        return { type, departmentId: ['hr', 'economy', 'finance'][k % 3] }
      case 'accept':
      case 'co_accept':
        return { type }
      case 'return':
        return { type, reason: '不属于本单位职责' }
      case 'reroute':
        return { type, departmentId: others[k % others.length], reason: '改派' }
      case 'insist':
        return { type, reason: '属于该单位职责' }
      case 'request_co': {
        const kept = s.coHandlers.filter((c) => c.status !== 'cancelled').length
        return { type, departmentIds: others.slice(0, Math.max(1, Math.min(1 + (k % 3), 10 - kept))) }
      }
      case 'co_reply':
      case 'reply':
        return { type, content: '已办理' }
      case 'cancel_co': {
        const active = s.coHandlers.filter((c) => c.status === 'pending' || c.status === 'accepted')
        return { type, departmentId: active[k % active.length].departmentId, reason: '无需会办' }
      }
      case 'request_extension': {
        const dep = (actor as { departmentId: string }).departmentId
        const used = s.lead?.departmentId === dep ? s.lead.extensionDays : s.coHandlers.find((c) => c.departmentId === dep)!.extensionDays
        return { type, days: 1 + (k % remainingExtensionDays(used, s.limits)), reason: '需要更多时间' }
      }
      case 'approve_extension':
        return { type, requestId: pending[k % pending.length].id }
      case 'refuse_extension':
        return { type, requestId: pending[k % pending.length].id, reason: '理由不足' }
      case 'supervise':
        return { type, reason: '请加快办理' }
      case 'evaluate':
        return k % 3 === 0 ? { type, solved: false, comment: '没有解决', rating: 1 + (k % 5) } : { type, solved: true, rating: 1 + (k % 5) }
    }
  }

  test('guided walks: every available action with valid input succeeds, deep states are reached, invariants hold', () => {
    const reached = { closed: 0, reopened: 0, coReplied: 0, extensionApproved: 0, returned: 0, supervised: 0 }
    fc.assert(
      fc.property(
        startArb,
        fc.array(
          fc.record({
            actor: fc.nat({ max: ACTORS.length + 5 }),
            // mostly move the item on; sometimes take any available action
            forward: fc.boolean(),
            pick: fc.nat(),
            k: fc.nat(),
            minutes: fc.oneof(fc.integer({ min: 0, max: 8 * 60 }), fc.integer({ min: 0, max: 5 * 24 * 60 })),
            sweep: fc.boolean()
          }),
          { minLength: 5, maxLength: 80, size: 'max' }
        ),
        (start, steps) => {
          let now = start
          let s = open(null, now, ENV)
          for (const st of steps) {
            now = new Date(now.getTime() + st.minutes * 60_000)
            const actor = st.actor < ACTORS.length ? ACTORS[st.actor] : partyActor(s, st.actor)
            const avail = availableActions(s, actor, now, ENV)
            if (avail.length) {
              const type = (st.forward && FORWARD.find((t) => avail.includes(t))) || avail[st.pick % avail.length]
              const r = transition(s, validAction(s, type, actor, st.k), actor, now, ENV)
              if (!r.ok) throw new Error(`${type} by ${JSON.stringify(actor)} refused: ${r.code} ${r.message}`)
              s = checkStep(s, r, type, actor)
            }
            if (st.sweep) s = checkSweep(s, now)
          }
          expect(replay(s.history)).toEqual(s)
          const seen = new Set(s.history.map((e) => e.type))
          if (s.status === 'closed') reached.closed++
          if (seen.has('reopened')) reached.reopened++
          if (seen.has('co_replied')) reached.coReplied++
          if (seen.has('extension_approved')) reached.extensionApproved++
          if (seen.has('returned')) reached.returned++
          if (seen.has('supervised')) reached.supervised++
        }
      ),
      { numRuns: 400 }
    )
    for (const [what, n] of Object.entries(reached)) expect({ what, reached: n > 0 }).toEqual({ what, reached: true })
  })
})
