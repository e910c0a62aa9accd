import { makeCalendar } from '../../cloudfunctions/core/calendar'
import { applyEvent, checkInvariants, overdueItems, replay, sweep, type FlowState } from '../../cloudfunctions/core/problems/flow'
import { at, DISPATCHER, ECONOMY, ENV, FILER, HR, open, step, T0 } from './flow-helpers'

const CAL = ENV.calendar
// routed Monday 2026-03-09 09:00: accept due end of 03-10, reply due end of 03-16
const JUST_BEFORE_ACCEPT_DUE = at('2026-03-10T23:59:59.999+08:00')
const AFTER_ACCEPT_DUE = at('2026-03-11T00:00:00+08:00')
const AFTER_REPLY_DUE = at('2026-03-17T09:00:00+08:00')

const kinds = (events: ReturnType<typeof sweep>['events']) =>
  events.map((e) => (e.type === 'supervised' ? `${e.data.record.kind}:${e.data.record.departmentId}` : e.type))

describe('sweep: 督办 of overdue items', () => {
  test('nothing before the deadline, one 督办 after it, nothing more on a second run', () => {
    const s = open()
    expect(sweep(s, JUST_BEFORE_ACCEPT_DUE, CAL).events).toEqual([])
    const first = sweep(s, AFTER_ACCEPT_DUE, CAL)
    expect(kinds(first.events)).toEqual(['accept_overdue:hr'])
    expect(first.events[0]).toMatchObject({ actor: { kind: 'system' }, reason: expect.stringContaining('2026-03-10') })
    expect(first.next.supervision.level).toBe(1)
    const second = sweep(first.next, AFTER_ACCEPT_DUE, CAL)
    expect(second.events).toEqual([])
    expect(second.next).toBe(first.next)
  })

  test('the reply deadline runs from 派单 too: an item never accepted is escalated for both, once each', () => {
    const first = sweep(open(), AFTER_ACCEPT_DUE, CAL)
    const later = sweep(first.next, AFTER_REPLY_DUE, CAL)
    expect(kinds(later.events)).toEqual(['reply_overdue:hr'])
    expect(sweep(later.next, at('2026-04-30T09:00:00+08:00'), CAL).events).toEqual([])
    expect(later.next.supervision.level).toBe(2)
  })

  test('after a crash that stored only some of a run’s events, the rerun raises only the rest', () => {
    const s = open()
    const run = sweep(s, AFTER_REPLY_DUE, CAL)
    expect(kinds(run.events)).toEqual(['accept_overdue:hr', 'reply_overdue:hr'])
    const partlyStored = applyEvent(s, run.events[0])
    const rerun = sweep(partlyStored, AFTER_REPLY_DUE, CAL)
    expect(kinds(rerun.events)).toEqual(['reply_overdue:hr'])
    expect(rerun.next.supervision.records.map((r) => r.key)).toEqual(run.next.supervision.records.map((r) => r.key))
  })

  test('the state rebuilt from stored events knows what was escalated', () => {
    const run = sweep(open(), AFTER_REPLY_DUE, CAL)
    expect(sweep(replay(run.next.history), AFTER_REPLY_DUE, CAL).events).toEqual([])
  })

  test('an accepted item is not escalated for acceptance; an approved extension is a new deadline, escalated once when missed', () => {
    let s = step(open(), { type: 'accept' }, HR)
    s = step(s, { type: 'request_extension', days: 3, reason: '需市级部门答复' }, HR, at('2026-03-16T10:00:00+08:00'))
    s = step(s, { type: 'approve_extension', requestId: s.extensions[0].id }, DISPATCHER, at('2026-03-16T11:00:00+08:00'))
    expect(s.lead!.replyDue.date).toBe('2026-03-19')
    expect(sweep(s, AFTER_REPLY_DUE, CAL).events).toEqual([])
    const missed = sweep(s, at('2026-03-20T00:00:01+08:00'), CAL)
    expect(kinds(missed.events)).toEqual(['reply_overdue:hr'])
    expect(sweep(missed.next, at('2026-03-25T00:00:00+08:00'), CAL).events).toEqual([])
  })

  test('co-handlers are escalated on their own clock', () => {
    let s = step(open(), { type: 'accept' }, HR)
    s = step(s, { type: 'request_co', departmentIds: ['economy', 'finance'] }, HR, at('2026-03-12T10:00:00+08:00'))
    s = step(s, { type: 'co_accept' }, ECONOMY, at('2026-03-12T11:00:00+08:00'))
    // co accept due end of 03-13, co reply due end of 03-19; lead reply due end of 03-16
    const run = sweep(s, at('2026-03-14T10:00:00+08:00'), CAL)
    expect(kinds(run.events)).toEqual(['accept_overdue:finance'])
    const run2 = sweep(run.next, AFTER_REPLY_DUE, CAL)
    expect(kinds(run2.events)).toEqual(['reply_overdue:hr'])
    const run3 = sweep(run2.next, at('2026-03-20T10:00:00+08:00'), CAL)
    expect(kinds(run3.events)).toEqual(['reply_overdue:economy', 'reply_overdue:finance'])
    expect(sweep(run3.next, at('2026-03-20T10:00:00+08:00'), CAL).events).toEqual([])
    expect(checkInvariants(run3.next)).toEqual([])
  })

  test('退单 waits for the dispatcher (no 督办 of the unit); 维持原派单 keeps the original deadline and its 督办', () => {
    let s: FlowState = sweep(open(), AFTER_ACCEPT_DUE, CAL).next
    s = step(s, { type: 'return', reason: '不属本单位职责' }, HR, AFTER_ACCEPT_DUE)
    expect(sweep(s, AFTER_REPLY_DUE, CAL).events).toEqual([])
    s = step(s, { type: 'insist', reason: '属人社职责' }, DISPATCHER, AFTER_REPLY_DUE)
    // accept was already escalated for this very deadline; only the reply deadline is new
    expect(kinds(sweep(s, AFTER_REPLY_DUE, CAL).events)).toEqual(['reply_overdue:hr'])
  })

  test('转办 gives the new unit a new deadline and its own 督办', () => {
    let s: FlowState = sweep(open(), AFTER_ACCEPT_DUE, CAL).next
    s = step(s, { type: 'reroute', departmentId: 'economy', reason: '改派' }, DISPATCHER, AFTER_ACCEPT_DUE)
    expect(sweep(s, at('2026-03-12T12:00:00+08:00'), CAL).events).toEqual([])
    expect(kinds(sweep(s, at('2026-03-13T00:00:01+08:00'), CAL).events)).toEqual(['accept_overdue:economy'])
  })

  test('重办 starts a new reply deadline, escalated on its own', () => {
    let s = step(open(), { type: 'accept' }, HR)
    s = sweep(s, AFTER_REPLY_DUE, CAL).next
    s = step(s, { type: 'reply', content: '已答复' }, HR, AFTER_REPLY_DUE)
    s = step(s, { type: 'evaluate', solved: false, comment: '未解决' }, FILER, AFTER_REPLY_DUE)
    expect(s.lead!.replyDue.date).toBe('2026-03-24')
    expect(sweep(s, at('2026-03-24T20:00:00+08:00'), CAL).events).toEqual([])
    expect(kinds(sweep(s, at('2026-03-25T00:00:01+08:00'), CAL).events)).toEqual(['reply_overdue:hr'])
  })

  test('nothing is escalated for answered or closed items', () => {
    let s = step(open(), { type: 'accept' }, HR)
    s = step(s, { type: 'reply', content: '已答复' }, HR)
    expect(sweep(s, at('2027-06-01T00:00:00+08:00'), CAL).events).toEqual([])
    s = step(s, { type: 'evaluate', solved: true, rating: 3 }, FILER)
    expect(sweep(s, at('2027-06-01T00:00:00+08:00'), CAL).events).toEqual([])
    expect(overdueItems(s, at('2027-06-01T00:00:00+08:00'), CAL)).toEqual([])
  })

  test('a deadline in a year entered after routing is judged under the entered calendar', () => {
    const routed = open('hr', at('2026-12-31T10:00:00+08:00'))
    expect(routed.lead!.acceptDue).toMatchObject({ date: '2027-01-04', uncertain: true })
    const monday = at('2027-01-05T08:00:00+08:00')
    expect(kinds(sweep(routed, monday, CAL).events)).toEqual(['accept_overdue:hr'])
    // the notice came out: 2027-01-04 is off after all (an illustrative entry)
    const entered = makeCalendar([{ date: '2027-01-04', kind: 'holiday', note: '示例' }])
    expect(sweep(routed, monday, entered).events).toEqual([])
    expect(overdueItems(routed, at('2027-01-06T00:00:01+08:00'), entered).map((o) => o.due.date)).toEqual(['2027-01-05'])
  })

  test('the sweep of a fresh item right after routing raises nothing', () => {
    expect(sweep(open(), T0, CAL).events).toEqual([])
  })
})
