import { createHmac } from 'node:crypto'
import {
  audienceAllows,
  canBook,
  canCancel,
  checkInExpiry,
  checkInOutcome,
  decodeCheckIn,
  DEFAULT_NO_SHOW_POLICY,
  encodeCheckIn,
  evenSlots,
  generateSlots,
  noShowBlock,
  noShowDue,
  placeOrWaitlist,
  promoteNext,
  promotions,
  remainingPlaces,
  validateNoShowPolicy,
  validateWeeklySlots,
  waitlistPosition,
  type BookingCaller,
  type BookingStatus,
  type CanBookInput,
  type WeeklySlots
} from '../../cloudfunctions/core/bookings'

/** An instant written on a Beijing wall clock: bj('2026-03-10 23:30'). */
const bj = (wall: string) => new Date(`${wall.replace(' ', 'T')}:00+08:00`)
const iso = (wall: string) => bj(wall).toISOString()

const member: BookingCaller = { signedIn: true, roles: [], partyMember: true }
const staff: BookingCaller = { signedIn: true, roles: ['enterprise'] }
const rider: BookingCaller = { signedIn: true, roles: [] }

describe('slots from a weekly schedule', () => {
  // Monday–Friday 09:00–10:00 and 14:30–15:30
  const weekdays: WeeklySlots = evenSlots([1, 2, 3, 4, 5], '09:00', '10:00', 60).map((d, i) => (d.length ? [...d, ...(i ? [{ start: '14:30', end: '15:30' }] : [])] : d))

  test('over the Spring Festival with holiday closures: the holiday is skipped, the passed sitting left out', () => {
    // Thursday 2026-02-12 10:00; 14 days ahead reach Thursday 02-26; 02-15..23 is the holiday;
    // the 调休 Saturday 02-14 has no sittings in a Monday–Friday schedule
    const slots = generateSlots({ schedule: weekdays, from: bj('2026-02-12 10:00'), horizonDays: 14, closedOnHolidays: true })
    expect(slots.map((s) => `${s.day} ${s.start}`)).toEqual([
      '2026-02-12 14:30',
      '2026-02-13 09:00',
      '2026-02-13 14:30',
      '2026-02-24 09:00',
      '2026-02-24 14:30',
      '2026-02-25 09:00',
      '2026-02-25 14:30',
      '2026-02-26 09:00',
      '2026-02-26 14:30'
    ])
    expect(slots[0]).toEqual({ day: '2026-02-12', start: '14:30', end: '15:30', startsAt: '2026-02-12T06:30:00.000Z', endsAt: '2026-02-12T07:30:00.000Z' })
  })

  test('without holiday closures the weekdays of the holiday keep their sittings', () => {
    const slots = generateSlots({ schedule: weekdays, from: bj('2026-02-12 10:00'), horizonDays: 14 })
    expect(slots.filter((s) => s.day >= '2026-02-15' && s.day <= '2026-02-23')).toHaveLength(12) // Mon 16th – Fri 20th, Mon 23rd
  })

  test('closure dates are skipped; horizon 0 is today only; a sitting starting exactly at `from` is kept', () => {
    const slots = generateSlots({ schedule: weekdays, from: bj('2026-03-09 09:00'), horizonDays: 3, closures: ['2026-03-10'] })
    expect([...new Set(slots.map((s) => s.day))]).toEqual(['2026-03-09', '2026-03-11', '2026-03-12'])
    expect(generateSlots({ schedule: weekdays, from: bj('2026-03-09 09:00'), horizonDays: 0 }).map((s) => s.start)).toEqual(['09:00', '14:30'])
  })

  test('a sitting ending at 24:00 ends at the next China midnight', () => {
    const late: WeeklySlots = Array.from({ length: 7 }, () => [{ start: '22:00', end: '24:00' }])
    expect(generateSlots({ schedule: late, from: bj('2026-03-09 00:00'), horizonDays: 0 })).toEqual([
      { day: '2026-03-09', start: '22:00', end: '24:00', startsAt: iso('2026-03-09 22:00'), endsAt: iso('2026-03-10 00:00') }
    ])
  })

  test('bad schedules are reported in Chinese and refused', () => {
    const bad: WeeklySlots = [
      [{ start: '09:00', end: '09:00' }],
      [{ start: '09:00', end: '10:30' }, { start: '10:00', end: '11:00' }],
      [{ start: '24:00', end: '24:00' }],
      null,
      [],
      [],
      []
    ]
    expect(validateWeeklySlots(bad)).toEqual([
      '周日第 1 个时段：结束时间应晚于开始时间',
      '周一：时段 09:00–10:30 与 10:00–11:00 重叠',
      '周二第 1 个时段：开始时间应为 00:00–23:59'
    ])
    expect(validateWeeklySlots([])).toEqual(['时段安排应为周日至周六共 7 项'])
    expect(() => generateSlots({ schedule: bad, from: bj('2026-03-09 00:00'), horizonDays: 1 })).toThrow(RangeError)
    expect(() => generateSlots({ schedule: weekdays, from: bj('2026-03-09 00:00'), horizonDays: -1 })).toThrow(RangeError)
  })
})

describe('who may book', () => {
  test.each<[string, CanBookInput['audience'], BookingCaller, boolean]>([
    ['anyone signed in', 'anyone', rider, true],
    ['not signed in', 'anyone', { signedIn: false }, false],
    ['enterprise staff by role', 'enterprise', staff, true],
    ['enterprise staff by flag', 'enterprise', { signedIn: true, enterpriseStaff: true }, true],
    ['a first secretary is not enterprise staff', 'enterprise', { signedIn: true, roles: ['secretary'] }, false],
    ['a Party member', 'party_member', member, true],
    ['enterprise staff who is not a member', 'party_member', staff, false]
  ])('%s', (_name, audience, caller, allowed) => {
    expect(audienceAllows(audience, caller)).toBe(allowed)
  })
})

describe('canBook: limits exactly at the boundary', () => {
  const now = bj('2026-03-10 10:00')
  const base: CanBookInput = { slot: { startsAt: iso('2026-03-10 12:00') }, now, audience: 'anyone', caller: rider, minNoticeMinutes: 120, horizonDays: 7 }
  const block = noShowBlock([bj('2026-03-01 10:00'), bj('2026-03-05 10:00'), bj('2026-03-09 10:00')], now)!

  test.each<[string, Partial<CanBookInput>, string | null, RegExp | null]>([
    ['exactly the minimum notice: allowed', {}, null, null],
    ['one minute short of it: too late', { slot: { startsAt: iso('2026-03-10 11:59') } }, 'TOO_LATE', /需至少提前 2 小时预约/],
    ['no notice needed, one millisecond ahead', { minNoticeMinutes: 0, slot: { startsAt: new Date(now.getTime() + 1) } }, null, null],
    ['starting now', { minNoticeMinutes: 0, slot: { startsAt: now } }, 'SLOT_STARTED', /已开始/],
    ['the last minute of the horizon’s last day', { slot: { startsAt: iso('2026-03-17 23:59') } }, null, null],
    ['the first minute after it', { slot: { startsAt: iso('2026-03-18 00:00') } }, 'BEYOND_HORIZON', /只能预约 7 天内的时段（最晚 2026年3月17日）/],
    ['horizon 0: today only', { horizonDays: 0, slot: { startsAt: iso('2026-03-11 09:00') } }, 'BEYOND_HORIZON', /最晚 2026年3月10日/],
    ['not signed in', { caller: { signedIn: false } }, 'SIGN_IN_REQUIRED', /请先登录/],
    ['members only', { audience: 'party_member', caller: staff }, 'AUDIENCE', /仅限党员/],
    ['enterprise staff only', { audience: 'enterprise', caller: rider }, 'AUDIENCE', /仅限企业职工/],
    ['blocked by no-shows', { noShowBlock: block }, 'NO_SHOW_BLOCKED', /2026年3月23日 10:00 前不能新预约/],
    ['the station is closed that China day', { closures: ['2026-03-10'] }, 'CLOSED', /闭站/],
    ['closed on another day only', { closures: ['2026-03-09', '2026-03-11'] }, null, null]
  ])('%s', (_name, patch, code, message) => {
    const r = canBook({ ...base, ...patch })
    if (code === null) expect(r).toEqual({ ok: true })
    else {
      expect(r).toMatchObject({ ok: false, code })
      if (!r.ok) expect(r.message).toMatch(message as RegExp)
    }
  })

  test('a block that has run out no longer refuses', () => {
    expect(canBook({ ...base, now: bj('2026-03-23 10:00'), slot: { startsAt: iso('2026-03-24 10:00') }, noShowBlock: block })).toEqual({ ok: true })
  })

  test('refusals carry the API error code to answer with', () => {
    expect(canBook({ ...base, caller: { signedIn: false } })).toMatchObject({ error: 'UNAUTHENTICATED' })
    expect(canBook({ ...base, audience: 'party_member' })).toMatchObject({ error: 'FORBIDDEN' })
    expect(canBook({ ...base, slot: { startsAt: iso('2026-03-10 11:00') } })).toMatchObject({ error: 'CONFLICT' })
  })
})

describe('no-shows: 3 in 30 days block 14 days', () => {
  const t = (wall: string) => bj(wall)
  test.each<[string, Date[], string, string | null]>([
    ['3 in 30 days', [t('2026-03-01 10:00'), t('2026-03-10 10:00'), t('2026-03-20 10:00')], '2026-03-21 09:00', iso('2026-04-03 10:00')],
    ['one millisecond before the end of the block', [t('2026-03-01 10:00'), t('2026-03-10 10:00'), t('2026-03-20 10:00')], '2026-04-03 09:59', iso('2026-04-03 10:00')],
    ['the block’s end exactly: free again', [t('2026-03-01 10:00'), t('2026-03-10 10:00'), t('2026-03-20 10:00')], '2026-04-03 10:00', null],
    ['2 only', [t('2026-03-01 10:00'), t('2026-03-10 10:00')], '2026-03-11 10:00', null],
    ['the first is exactly 30 days before the third: outside the window', [t('2026-03-01 10:00'), t('2026-03-10 10:00'), t('2026-03-31 10:00')], '2026-03-31 12:00', null],
    ['a minute inside the window', [t('2026-03-01 10:01'), t('2026-03-10 10:00'), t('2026-03-31 10:00')], '2026-03-31 12:00', iso('2026-04-14 10:00')],
    ['no-shows after now are ignored', [t('2026-03-01 10:00'), t('2026-03-10 10:00'), t('2026-03-20 10:00')], '2026-03-15 10:00', null],
    // after a block the no-shows that caused it are used up: a 4th soon after does not block again
    ['used up by the block', [t('2026-03-01 10:00'), t('2026-03-02 10:00'), t('2026-03-03 10:00'), t('2026-03-20 10:00'), t('2026-03-21 10:00')], '2026-03-22 10:00', null],
    ['a fresh 3 after a block block again', [t('2026-03-01 10:00'), t('2026-03-02 10:00'), t('2026-03-03 10:00'), t('2026-03-20 10:00'), t('2026-03-21 10:00'), t('2026-03-22 10:00')], '2026-03-22 11:00', iso('2026-04-05 10:00')]
  ])('%s', (_name, history, now, until) => {
    const block = noShowBlock(history, bj(now))
    expect(block?.until ?? null).toBe(until)
  })

  test('the message tells the user the rule and the date, in Chinese', () => {
    const block = noShowBlock([iso('2026-03-01 10:00'), iso('2026-03-10 10:00'), iso('2026-03-20 10:00')], bj('2026-03-21 09:00'))!
    expect(block.message).toBe('近 30 天内有 3 次预约未到场，2026年4月3日 10:00 前不能新预约')
    expect(block.since).toBe(iso('2026-03-20 10:00'))
    expect(block.policy).toEqual(DEFAULT_NO_SHOW_POLICY)
  })

  test('N, D and B are configurable', () => {
    const block = noShowBlock([bj('2026-03-01 10:00'), bj('2026-03-05 10:00')], bj('2026-03-06 10:00'), { n: 2, d: 7, b: 3 })!
    expect(block.until).toBe(iso('2026-03-08 10:00'))
    expect(block.message).toBe('近 7 天内有 2 次预约未到场，2026年3月8日 10:00 前不能新预约')
    expect(validateNoShowPolicy({ n: 0, d: 30, b: 14 })).toEqual(['未到次数应为 1–100 的整数'])
    expect(() => noShowBlock([], bj('2026-03-06 10:00'), { n: 3, d: 0, b: 14 })).toThrow(RangeError)
  })

  test.each<[BookingStatus, string, boolean]>([
    ['confirmed', '2026-03-10 09:14', false],
    ['confirmed', '2026-03-10 09:15', true],
    ['checked_in', '2026-03-10 12:00', false],
    ['cancelled', '2026-03-10 12:00', false],
    ['waitlisted', '2026-03-10 12:00', false]
  ])('a %s booking of 09:00 with 15 minutes’ grace at %s: no-show %s', (status, now, due) => {
    expect(noShowDue({ status, startsAt: iso('2026-03-10 09:00') }, bj(now), 15)).toBe(due)
  })
})

describe('cancelling', () => {
  const startsAt = iso('2026-03-10 12:00')
  test.each<[BookingStatus, Date, string | null]>([
    ['confirmed', bj('2026-03-10 10:00'), null],
    ['confirmed', new Date(bj('2026-03-10 10:00').getTime() + 1), 'CUTOFF_PASSED'],
    ['waitlisted', bj('2026-03-10 11:59'), null],
    ['waitlisted', bj('2026-03-10 12:00'), 'CUTOFF_PASSED'],
    ['cancelled', bj('2026-03-09 10:00'), 'NOT_CANCELLABLE'],
    ['checked_in', bj('2026-03-09 10:00'), 'NOT_CANCELLABLE'],
    ['no_show', bj('2026-03-09 10:00'), 'NOT_CANCELLABLE']
  ])('%s at %s with a 2-hour cutoff → %s', (status, now, code) => {
    const r = canCancel({ status, startsAt }, now, 120)
    if (code === null) expect(r).toEqual({ ok: true })
    else expect(r).toMatchObject({ ok: false, code })
  })

  test('the cutoff message says until when', () => {
    const r = canCancel({ status: 'confirmed', startsAt }, bj('2026-03-10 11:00'), 120)
    expect(!r.ok && r.message).toBe('开始前 2 小时内不能取消（截止 2026年3月10日 10:00）')
    expect(canCancel({ status: 'checked_in', startsAt }, bj('2026-03-10 11:00'), 120)).toMatchObject({ message: '预约已签到，不能取消' })
  })
})

describe('capacity and the waitlist', () => {
  test.each<[number, number, 'confirmed' | 'waitlisted', number]>([
    [0, 1, 'confirmed', 1],
    [3, 4, 'confirmed', 1],
    [4, 4, 'waitlisted', 0],
    [5, 4, 'waitlisted', 0],
    [0, 0, 'waitlisted', 0],
    [Number.NaN, 4, 'waitlisted', 0]
  ])('%d confirmed of %d: a new booking is %s; %d left', (confirmed, capacity, outcome, left) => {
    expect(placeOrWaitlist(confirmed, capacity)).toBe(outcome)
    expect(remainingPlaces(confirmed, capacity)).toBe(left)
  })

  const line = [
    { id: 'w3', createdAt: iso('2026-03-09 10:02') },
    { id: 'w2', createdAt: iso('2026-03-09 10:01') },
    { id: 'w1b', createdAt: iso('2026-03-09 10:00') },
    { id: 'w1a', createdAt: bj('2026-03-09 10:00') }
  ]

  test('the first in line is promoted: earliest, ties by id', () => {
    expect(promoteNext(line)?.id).toBe('w1a')
    expect(promoteNext([])).toBeNull()
    expect(waitlistPosition(line, 'w2')).toBe(3)
    expect(waitlistPosition(line, 'nobody')).toBeNull()
  })

  test('a cancellation promotes one per free place, only before the start', () => {
    const now = bj('2026-03-10 08:00')
    expect(promotions({ confirmedCount: 3, capacity: 4, waitlist: line, slotStartsAt: iso('2026-03-10 09:00'), now }).map((w) => w.id)).toEqual(['w1a'])
    expect(promotions({ confirmedCount: 2, capacity: 4, waitlist: line, slotStartsAt: iso('2026-03-10 09:00'), now }).map((w) => w.id)).toEqual(['w1a', 'w1b'])
    expect(promotions({ confirmedCount: 4, capacity: 4, waitlist: line, slotStartsAt: iso('2026-03-10 09:00'), now })).toEqual([])
    expect(promotions({ confirmedCount: 0, capacity: 4, waitlist: line, slotStartsAt: iso('2026-03-10 08:00'), now })).toEqual([])
  })
})

describe('check-in', () => {
  const startsAt = iso('2026-03-10 09:00')
  test.each<[BookingStatus, string, string | null, boolean | null]>([
    ['confirmed', '2026-03-10 08:29', 'TOO_EARLY', null],
    ['confirmed', '2026-03-10 08:30', null, false],
    ['confirmed', '2026-03-10 09:14', null, false],
    ['confirmed', '2026-03-10 09:15', 'TOO_LATE', null],
    ['checked_in', '2026-03-10 09:05', null, true],
    ['checked_in', '2026-03-11 09:05', null, true],
    ['cancelled', '2026-03-10 09:00', 'CANCELLED', null],
    ['waitlisted', '2026-03-10 09:00', 'WAITLISTED', null],
    ['no_show', '2026-03-10 09:20', 'NO_SHOW', null]
  ])('%s at %s → %s', (status, now, code, already) => {
    const r = checkInOutcome({ status, startsAt }, bj(now), { graceMinutes: 15, earlyMinutes: 30 })
    if (code === null) expect(r).toEqual({ ok: true, alreadyCheckedIn: already })
    else expect(r).toMatchObject({ ok: false, code })
  })

  test('too early names the time (and the date when another day)', () => {
    const same = checkInOutcome({ status: 'confirmed', startsAt }, bj('2026-03-10 08:00'))
    expect(!same.ok && same.message).toBe('签到尚未开始，请于 08:30 后签到')
    const before = checkInOutcome({ status: 'confirmed', startsAt }, bj('2026-03-09 20:00'))
    expect(!before.ok && before.message).toBe('签到尚未开始，请于 2026年3月10日 08:30 后签到')
  })
})

describe('check-in codes', () => {
  const secret = 'test-secret'
  const sign = (data: string) => createHmac('sha256', secret).update(data).digest('base64url')
  const verify = (data: string, sig: string) => sig === sign(data)
  const exp = checkInExpiry(iso('2026-03-10 09:00'), 15)

  test('a code holds only the booking id, the expiry and the signature', () => {
    const code = encodeCheckIn('b-20260310-0001', exp, sign)
    const [id, seconds, sig] = code.split('.')
    expect(id).toBe('b-20260310-0001')
    expect(Number(seconds) * 1000).toBe(bj('2026-03-10 09:15').getTime())
    expect(sig).toBe(sign(`${id}.${seconds}`))
  })

  const code = encodeCheckIn('b-1', exp, sign)
  test.each<[string, unknown, string, string | null]>([
    ['valid', code, '2026-03-10 09:00', null],
    ['scanned twice: the same booking again', code, '2026-03-10 09:01', null],
    ['one second before expiry', code, '2026-03-10 09:14', null],
    ['at expiry', code, '2026-03-10 09:15', 'EXPIRED'],
    ['another booking id, same signature', code.replace('b-1', 'b-2'), '2026-03-10 09:00', 'FORGED'],
    ['a later expiry, same signature', code.replace(/\.(\d+)\./, (_m, s: string) => `.${Number(s) + 3600}.`), '2026-03-10 09:00', 'FORGED'],
    ['signed with another secret', encodeCheckIn('b-1', exp, (d) => createHmac('sha256', 'other').update(d).digest('base64url')), '2026-03-10 09:00', 'FORGED'],
    ['empty', '', '2026-03-10 09:00', 'MALFORMED'],
    ['not a string', 42, '2026-03-10 09:00', 'MALFORMED'],
    ['two parts', 'b-1.123', '2026-03-10 09:00', 'MALFORMED'],
    ['four parts', `${code}.x`, '2026-03-10 09:00', 'MALFORMED'],
    ['a leading zero in the expiry', code.replace(/\.(\d+)\./, '.0$1.'), '2026-03-10 09:00', 'MALFORMED'],
    ['a phone number and name', '13800138000.张三.sig', '2026-03-10 09:00', 'MALFORMED'],
    ['a URL', 'https://example.com/?b=1', '2026-03-10 09:00', 'MALFORMED']
  ])('%s', (_name, text, now, refusal) => {
    const r = decodeCheckIn(text, bj(now), verify)
    if (refusal === null) expect(r).toEqual({ ok: true, bookingId: 'b-1', exp })
    else expect(r).toMatchObject({ ok: false, code: refusal })
  })

  test('refusals read in Chinese', () => {
    expect(decodeCheckIn('nonsense', bj('2026-03-10 09:00'), verify)).toMatchObject({ message: '无法识别的签到码', error: 'VALIDATION' })
    expect(decodeCheckIn(code, bj('2026-03-10 10:00'), verify)).toMatchObject({ message: '签到码已过期，请在“我的预约”中重新打开' })
    expect(decodeCheckIn(code, bj('2026-03-10 09:00'), () => false)).toMatchObject({ message: '签到码无效，请在“我的预约”中重新打开', error: 'FORBIDDEN' })
  })

  test('a verify that throws means forged, not a crash', () => {
    expect(decodeCheckIn(code, bj('2026-03-10 09:00'), () => { throw new Error('boom') })).toMatchObject({ code: 'FORGED' })
  })

  test('ids and signatures outside the alphabet are refused when encoding', () => {
    expect(() => encodeCheckIn('b.1', exp, sign)).toThrow(RangeError)
    expect(() => encodeCheckIn('张三', exp, sign)).toThrow(RangeError)
    expect(() => encodeCheckIn('b-1', exp, () => 'a.b')).toThrow(RangeError)
    expect(() => encodeCheckIn('b-1', new Date(Number.NaN), sign)).toThrow(RangeError)
  })
})
