import {
  activityTypeFits,
  attendanceCodeRefusal,
  attendanceExpiry,
  attendanceOpen,
  canRaiseFrom,
  checkActivity,
  checkDateRange,
  decodeCheckIn,
  encodeCheckIn,
  pairingTitle,
  planProgress
} from '../../cloudfunctions/core'
import { ACTIVITY_TYPE_IDS } from '../../types/pairings'

const branch = { kind: 'branch' as const, startedOn: '2020-07-15', endsOn: null }
const mentoring = { kind: 'mentoring' as const, startedOn: '2025-03-01', endsOn: '2027-02-28' }
const TODAY = '2026-11-23'

describe('pairingTitle', () => {
  test('names both sides', () => {
    expect(pairingTitle({ agencyBranch: '顺德图书馆党支部', enterpriseBranch: '村田智能公司党支部' })).toBe('顺德图书馆党支部与村田智能公司党支部')
  })
})

describe('activity types by kind of pair', () => {
  test('青蓝 pairs take only 青蓝结对交流; branch pairs take everything else', () => {
    for (const t of ACTIVITY_TYPE_IDS) {
      expect(activityTypeFits('mentoring', t)).toBe(t === 'mentoring')
      expect(activityTypeFits('branch', t)).toBe(t !== 'mentoring')
    }
  })

  test('refusals name the field and speak Chinese', () => {
    const m = checkActivity(mentoring, { type: 'lecture', heldOn: TODAY }, TODAY)
    expect(m).toMatchObject({ ok: false, error: 'VALIDATION', field: 'type' })
    expect(m.ok || m.message).toContain('青蓝结对交流')
    const b = checkActivity(branch, { type: 'mentoring', heldOn: TODAY }, TODAY)
    expect(b).toMatchObject({ ok: false, error: 'VALIDATION', field: 'type' })
    expect(b.ok || b.message).toContain('只用于青蓝结对')
  })
})

describe('when an activity may be recorded', () => {
  test('today and earlier within the term; not tomorrow', () => {
    expect(checkActivity(branch, { type: 'lecture', heldOn: TODAY }, TODAY).ok).toBe(true)
    expect(checkActivity(branch, { type: 'lecture', heldOn: '2020-07-15' }, TODAY).ok).toBe(true)
    const future = checkActivity(branch, { type: 'lecture', heldOn: '2026-11-24' }, TODAY)
    expect(future).toMatchObject({ ok: false, error: 'VALIDATION', field: 'heldOn' })
  })

  test('not before the pair started, nor after it ended', () => {
    const early = checkActivity(branch, { type: 'lecture', heldOn: '2020-07-14' }, TODAY)
    expect(early.ok || early.message).toBe('活动日期早于结对开始日期（2020年7月15日）')
    const late = checkActivity(mentoring, { type: 'mentoring', heldOn: '2027-03-01' }, '2027-03-05')
    expect(late.ok || late.message).toBe('活动日期晚于结对结束日期（2027年2月28日）')
    expect(checkActivity(mentoring, { type: 'mentoring', heldOn: '2027-02-28' }, '2027-03-05').ok).toBe(true)
  })

  test('a day that does not exist is refused, not thrown on', () => {
    expect(checkActivity(branch, { type: 'lecture', heldOn: '2026-02-30' }, TODAY)).toMatchObject({ ok: false, field: 'heldOn' })
  })
})

describe('the sign-in window', () => {
  test('open only on the day, with the day named otherwise', () => {
    expect(attendanceOpen(TODAY, TODAY).ok).toBe(true)
    expect(attendanceOpen('2026-11-22', TODAY)).toEqual({ ok: false, error: 'CONFLICT', message: '签到仅在活动当天开放（2026年11月22日）' })
    expect(attendanceOpen('2026-11-24', TODAY)).toMatchObject({ ok: false, error: 'CONFLICT' })
  })

  test('the code expires when the China day ends', () => {
    const exp = attendanceExpiry(TODAY)
    expect(exp.toISOString()).toBe('2026-11-23T16:00:00.000Z')
    const sign = (d: string) => `sig${d.length}`
    const token = encodeCheckIn('act-1', exp, sign)
    const verify = (d: string, s: string) => sign(d) === s
    expect(decodeCheckIn(token, new Date('2026-11-23T15:59:59Z'), verify).ok).toBe(true)
    const late = decodeCheckIn(token, new Date('2026-11-23T16:00:00Z'), verify)
    expect(late.ok || late.code).toBe('EXPIRED')
  })

  test("refused codes in the sign-in's own words", () => {
    expect(attendanceCodeRefusal('FORGED')).toMatchObject({ error: 'FORBIDDEN', field: 'code' })
    expect(attendanceCodeRefusal('EXPIRED')).toMatchObject({ error: 'CONFLICT' })
    expect(attendanceCodeRefusal('MALFORMED')).toMatchObject({ error: 'VALIDATION' })
    for (const c of ['FORGED', 'EXPIRED', 'MALFORMED'] as const) expect(attendanceCodeRefusal(c).message).not.toContain('预约')
  })
})

describe('raising problems from an activity', () => {
  test('only from 共商发展难题 of a branch pair with an enterprise', () => {
    expect(canRaiseFrom({ kind: 'branch', enterpriseId: 'e-1' }, { type: 'development' }).ok).toBe(true)
    const lecture = canRaiseFrom({ kind: 'branch', enterpriseId: 'e-1' }, { type: 'lecture' })
    expect(lecture).toMatchObject({ ok: false, error: 'CONFLICT' })
    expect(lecture.ok || lecture.message).toContain('共商发展难题')
    expect(canRaiseFrom({ kind: 'branch', enterpriseId: null }, { type: 'development' })).toMatchObject({ ok: false, error: 'CONFLICT' })
    expect(canRaiseFrom({ kind: 'mentoring', enterpriseId: 'e-1' }, { type: 'mentoring' }).ok).toBe(false)
  })
})

describe('feed date ranges', () => {
  test('real days, from not after to', () => {
    expect(checkDateRange(undefined, undefined).ok).toBe(true)
    expect(checkDateRange('2026-01-01', '2026-01-01').ok).toBe(true)
    expect(checkDateRange('2026-02-01', '2026-01-31')).toMatchObject({ ok: false, error: 'VALIDATION', field: 'to' })
    expect(checkDateRange('2026-02-30', undefined)).toMatchObject({ ok: false, field: 'from' })
  })
})

describe('plan progress', () => {
  const plan = [
    { type: 'lecture' as const, count: 2 },
    { type: 'development' as const, count: 2 },
    { type: 'custom' as const, count: 0 }
  ]

  test('even pace: behind only where fewer are done than the share of the year asks', () => {
    const p = planProgress(2026, plan, { lecture: 1 }, '2026-11-23')
    expect(p?.lines.map((l) => [l.type, l.required, l.done, l.expected, l.behind])).toEqual([
      ['lecture', 2, 1, 1, false],
      ['development', 2, 0, 1, true]
    ])
    expect(p?.completion).toBeCloseTo(1 / 4)
    expect(p?.behind).toBe(true)
  })

  test('extra of one type does not make up for another; no plan is null', () => {
    expect(planProgress(2026, plan, { lecture: 9, development: 2 }, '2026-11-23')?.completion).toBe(1)
    expect(planProgress(2026, plan, { lecture: 9 }, '2026-11-23')?.completion).toBe(0.5)
    expect(planProgress(2026, [{ type: 'lecture', count: 0 }], {}, '2026-11-23')).toBeNull()
  })
})
