import fc from 'fast-check'
import { isWorkday as packageIsWorkday } from 'chinese-days'
import type { CalendarOverride } from '@contract'
import {
  addDays,
  addWorkdays,
  calendarCoverage,
  calendarWarnings,
  dayInfo,
  endOfDay,
  isDay,
  isWorkday,
  makeCalendar,
  packageYears,
  shanghaiDate,
  statutoryHolidays,
  toDay,
  validateOverrides,
  workdaysBetween
} from '../../cloudfunctions/core/calendar'

describe('days in China, whatever the machine time zone', () => {
  test.each([
    ['2026-11-23T15:59:59.999Z', '2026-11-23'],
    ['2026-11-23T16:00:00.000Z', '2026-11-24'],
    ['2026-12-31T16:30:00Z', '2027-01-01'],
    ['2026-02-13T20:00:00+08:00', '2026-02-13']
  ])('%s is %s in Shanghai', (at, day) => {
    expect(shanghaiDate(new Date(at))).toBe(day)
    expect(toDay(at)).toBe(day)
  })

  test('the end of a day in China is 15:59:59.999 UTC', () => {
    expect(endOfDay('2026-03-09')).toBe('2026-03-09T15:59:59.999Z')
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
  })

  test.each(['2026-02-30', '2026-13-01', '26-01-01', '2026/01/01', ''])('%s is not a day', (s) => {
    expect(isDay(s)).toBe(false)
  })

  test('bad input is a RangeError', () => {
    expect(() => toDay('2026-02-30')).toThrow(RangeError)
    expect(() => toDay('not a date')).toThrow(RangeError)
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError)
  })
})

describe('working days', () => {
  test.each<[string, boolean, string]>([
    // 2026, from chinese-days
    ['2026-01-01', false, '元旦'],
    ['2026-01-04', true, '元旦后的周日调休上班'],
    ['2026-02-14', true, '春节前的周六调休上班'],
    ['2026-02-15', false, '春节'],
    ['2026-02-17', false, '春节（初一）'],
    ['2026-02-20', false, '春节（周五）'],
    ['2026-02-23', false, '春节（周一）'],
    ['2026-02-24', true, '节后周二'],
    ['2026-02-28', true, '春节后的周六调休上班'],
    ['2026-04-06', false, '清明（周一）'],
    ['2026-05-05', false, '劳动节（周二）'],
    ['2026-05-09', true, '劳动节后的周六调休上班'],
    ['2026-09-25', false, '中秋（周五）'],
    ['2026-09-20', true, '国庆前的周日调休上班'],
    ['2026-10-01', false, '国庆'],
    ['2026-10-07', false, '国庆（周三）'],
    ['2026-10-10', true, '国庆后的周六调休上班'],
    ['2026-03-09', true, '普通周一'],
    ['2026-03-07', false, '普通周六'],
    ['2026-03-08', false, '普通周日'],
    // 2027: chinese-days 1.5.7 does not know it; the statutory floor does
    ['2027-01-01', false, '元旦（法定，兜底）'],
    ['2027-02-05', false, '除夕（法定，兜底）'],
    ['2027-02-08', false, '正月初三（法定，兜底）'],
    ['2027-02-09', true, '初四：法定之外的假日要等国务院通知录入'],
    ['2027-04-05', false, '清明（法定，兜底）'],
    ['2027-05-03', true, '劳动节法定只有两天'],
    ['2027-06-09', false, '端午（法定，兜底）'],
    ['2027-09-15', false, '中秋（法定，兜底）'],
    ['2027-10-01', false, '国庆（法定，兜底）'],
    ['2027-10-04', true, '国庆法定三天之后的周一']
  ])('%s workday=%s (%s)', (day, want) => {
    expect(isWorkday(day, [])).toBe(want)
  })

  test('chinese-days 1.5.7 does not know 2027 and calls 2027-01-01 a workday; the floor says holiday', () => {
    expect(packageYears()).toContain(2026)
    expect(packageYears()).not.toContain(2027)
    expect(packageIsWorkday('2027-01-01')).toBe(true)
    expect(dayInfo('2027-01-01', [])).toEqual({ date: '2027-01-01', workday: false, source: 'floor', name: '元旦' })
  })

  test('an instant means its day in China', () => {
    // 2026-02-13 23:30 UTC is Saturday 2026-02-14 07:30 in China: a 调休 workday
    expect(isWorkday(new Date('2026-02-13T23:30:00Z'), [])).toBe(true)
    // 2026-02-14 16:30 UTC is Sunday 2026-02-15 in China: Spring Festival
    expect(isWorkday(new Date('2026-02-14T16:30:00Z'), [])).toBe(false)
  })

  describe('overrides win', () => {
    const overrides: CalendarOverride[] = [
      { date: '2026-02-14', kind: 'holiday', note: '台风停工' },
      { date: '2026-10-01', kind: 'workday' },
      { date: '2027-01-01', kind: 'workday' },
      { date: '2027-02-09', kind: 'holiday', note: '春节' },
      { date: '2027-02-20', kind: 'workday', note: '春节调休上班' }
    ]
    const cal = makeCalendar(overrides)
    test.each<[string, boolean]>([
      ['2026-02-14', false],
      ['2026-10-01', true],
      ['2027-01-01', true],
      ['2027-02-09', false],
      ['2027-02-20', true],
      ['2026-02-28', true]
    ])('%s workday=%s', (day, want) => {
      expect(isWorkday(day, cal)).toBe(want)
      expect(isWorkday(day, overrides)).toBe(want)
    })
    test('the override is named as the source', () => {
      expect(dayInfo('2026-02-14', cal)).toEqual({ date: '2026-02-14', workday: false, source: 'override', name: '台风停工' })
    })
  })

  test('bad overrides are refused with Chinese messages', () => {
    const bad = [
      { date: '2027-02-30', kind: 'holiday' },
      { date: '2027-01-02', kind: 'off' },
      { date: '2027-01-03', kind: 'holiday' },
      { date: '2027-01-03', kind: 'workday' }
    ] as unknown as CalendarOverride[]
    const errors = validateOverrides(bad)
    expect(errors).toHaveLength(3)
    expect(errors.join('')).toMatch(/第 1 条.*第 2 条.*第 4 条/)
    expect(() => makeCalendar(bad)).toThrow(RangeError)
  })
})

describe('the statutory floor', () => {
  test('2027: 元旦, 春节 (除夕–初三), 清明, 劳动节 ×2, 端午, 中秋, 国庆 ×3', () => {
    expect(statutoryHolidays(2027).map((h) => h.date)).toEqual([
      '2027-01-01', '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-04-05', '2027-05-01', '2027-05-02',
      '2027-06-09', '2027-09-15', '2027-10-01', '2027-10-02', '2027-10-03'
    ])
  })

  // the floor must never call a day a holiday that the official arrangement made a workday
  test('agrees with every year chinese-days knows (since the 2008 festival set)', () => {
    for (const year of packageYears().filter((y) => y >= 2008)) {
      for (const h of statutoryHolidays(year)) {
        // 除夕 and 5/2 became statutory only in 2025
        if (year < 2025 && (h.name.includes('除夕') || h.date.endsWith('-05-02'))) continue
        expect({ year, date: h.date, workday: isWorkday(h.date, []) }).toEqual({ year, date: h.date, workday: false })
      }
    }
  })
})

describe('coverage of a year', () => {
  test('2026 is known from the package', () => {
    expect(calendarCoverage(2026, [])).toEqual({ year: 2026, known: true, source: 'package', warning: null })
  })
  test('2027 without overrides warns', () => {
    expect(calendarCoverage(2027, [])).toEqual({ year: 2027, known: false, source: 'floor', warning: '2027 年节假日安排尚未录入' })
  })
  test('2027 with the administrator’s entries is known', () => {
    expect(calendarCoverage(2027, [{ date: '2027-02-09', kind: 'holiday' }])).toMatchObject({ known: true, source: 'overrides', warning: null })
  })
  test.each<[string, CalendarOverride[], number[]]>([
    ['2026-06-01T10:00:00+08:00', [], []],
    ['2026-10-31T23:59:00+08:00', [], []],
    ['2026-11-01T00:00:00+08:00', [], [2027]],
    ['2026-12-20T10:00:00+08:00', [{ date: '2027-01-02', kind: 'workday' }], []],
    ['2027-03-01T10:00:00+08:00', [], [2027]]
  ])('warnings at %s', (now, overrides, years) => {
    const w = calendarWarnings(new Date(now), overrides)
    expect(w.map((c) => c.year)).toEqual(years)
    for (const c of w) expect(c.warning).toBe(`${c.year} 年节假日安排尚未录入`)
  })
})

describe('addWorkdays: the end of the n-th working day after the start day', () => {
  const at = (s: string) => new Date(s)
  test.each<[string, string, number, string]>([
    ['Friday evening, 1 day → end of Monday', '2026-03-06T20:00:00+08:00', 1, '2026-03-09'],
    ['Saturday, 1 day → end of Monday (the start day never counts)', '2026-03-07T10:00:00+08:00', 1, '2026-03-09'],
    ['Sunday, 1 day → end of Monday', '2026-03-08T10:00:00+08:00', 1, '2026-03-09'],
    ['Monday morning, 1 day → end of Tuesday', '2026-03-09T09:00:00+08:00', 1, '2026-03-10'],
    ['Monday, 5 days → next Monday', '2026-03-09T09:00:00+08:00', 5, '2026-03-16'],
    ['Friday before 清明 Monday, 1 day → Tuesday', '2026-04-03T17:00:00+08:00', 1, '2026-04-07'],
    ['Friday before the 调休 Saturday, 1 day → that Saturday', '2026-02-13T10:00:00+08:00', 1, '2026-02-14'],
    ['across Spring Festival, 5 days', '2026-02-13T10:00:00+08:00', 5, '2026-02-27'],
    ['across Spring Festival, 6 days → the 调休 Saturday', '2026-02-13T10:00:00+08:00', 6, '2026-02-28'],
    ['00:30 on the 调休 Saturday (16:30 UTC Friday) starts from Saturday', '2026-02-13T16:30:00Z', 1, '2026-02-24'],
    ['eve of 国庆, 1 day', '2026-09-30T10:00:00+08:00', 1, '2026-10-08'],
    ['eve of 国庆, 5 days (includes the 调休 Saturday 10-10)', '2026-09-30T10:00:00+08:00', 5, '2026-10-13'],
    ['New Year’s Eve 2026 → 2027 by the floor', '2026-12-31T10:00:00+08:00', 1, '2027-01-04'],
    ['0 days → the start day itself', '2026-03-07T10:00:00+08:00', 0, '2026-03-07']
  ])('%s', (_name, start, n, due) => {
    const d = addWorkdays(at(start), n, [])
    expect(d.date).toBe(due)
    expect(d.at).toBe(endOfDay(due))
    expect(workdaysBetween(at(start), due, [])).toBe(n)
  })

  test('counting into an unknown year is marked uncertain, and an override makes it certain', () => {
    expect(addWorkdays('2026-12-30', 1, []).uncertain).toBe(false)
    expect(addWorkdays('2026-12-31', 1, []).uncertain).toBe(true)
    const entered = makeCalendar([{ date: '2027-01-04', kind: 'holiday', note: '示例' }])
    expect(addWorkdays('2026-12-31', 1, entered)).toMatchObject({ date: '2027-01-05', uncertain: false })
  })

  test('the basis is kept so a deadline can be recomputed', () => {
    expect(addWorkdays(at('2026-03-06T20:00:00+08:00'), 1, []).basis).toEqual({ start: '2026-03-06', workdays: 1 })
  })

  test('n must be a whole number of days', () => {
    expect(() => addWorkdays('2026-03-06', -1, [])).toThrow(RangeError)
    expect(() => addWorkdays('2026-03-06', 1.5, [])).toThrow(RangeError)
  })

  const dayArb = fc.integer({ min: 0, max: 4 * 366 }).map((i) => addDays('2025-01-01', i))

  test('property: workdaysBetween inverts addWorkdays, and the due day is a working day', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 30 }), (start, n) => {
        const due = addWorkdays(start, n, [])
        expect(workdaysBetween(start, due.date, [])).toBe(n)
        expect(workdaysBetween(due.date, start, [])).toBe(0 - n)
        if (n > 0) {
          expect(isWorkday(due.date, [])).toBe(true)
          expect(due.date > start).toBe(true)
        }
      }),
      { numRuns: 300 }
    )
  })

  test('property: more days never make an earlier deadline', () => {
    fc.assert(
      fc.property(dayArb, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 10 }), (start, n, k) => {
        expect(addWorkdays(start, n + k, []).date >= addWorkdays(start, n, []).date).toBe(true)
        // adding k more days to the due day is the same as counting n + k from the start
        expect(addWorkdays(addWorkdays(start, n, []).date, k, []).date).toBe(addWorkdays(start, n + k, []).date)
      }),
      { numRuns: 200 }
    )
  })
})
