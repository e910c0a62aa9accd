import fc from 'fast-check'
import {
  EMPTY_COUNTS,
  FIGURE_DEFINITIONS,
  addCounts,
  average,
  figureRow,
  formatRate,
  isEmptyCounts,
  monthCount,
  monthLabel,
  monthOf,
  monthStart,
  monthsBetween,
  periodBounds,
  periodLabel,
  rate,
  shiftMonth,
  sumCounts,
  toCounts
} from '../../cloudfunctions/core/reports'

describe('rates', () => {
  test('null when the denominator is 0 — an empty period is “—”, never 0% or 100%', () => {
    expect(rate(0, 0)).toBeNull()
    expect(rate(3, 0)).toBeNull()
    expect(average(0, 0)).toBeNull()
  })

  test('a fraction 0–1 rounded to 4 decimals', () => {
    expect(rate(0, 5)).toBe(0)
    expect(rate(5, 5)).toBe(1)
    expect(rate(1, 3)).toBe(0.3333)
    expect(rate(2, 3)).toBe(0.6667)
    expect(rate(1, 8)).toBe(0.125)
    // 0.00125 is stored a hair below itself in binary; it still rounds half up
    expect(rate(1, 800)).toBe(0.0013)
  })

  test('the average rating has two decimals', () => {
    expect(average(14, 3)).toBe(4.67)
    expect(average(10, 2)).toBe(5)
  })

  test('formatted for people', () => {
    expect(formatRate(null)).toBe('—')
    expect(formatRate(0)).toBe('0.0%')
    expect(formatRate(0.6667)).toBe('66.7%')
    expect(formatRate(1)).toBe('100.0%')
  })

  test('always within 0–1 and at most 4 decimals', () => {
    fc.assert(
      fc.property(fc.nat(100000), fc.nat(100000), (a, b) => {
        const [n, d] = a <= b ? [a, b] : [b, a]
        const r = rate(n, d)
        if (d === 0) return r === null
        return r !== null && r >= 0 && r <= 1 && Math.abs(r * 10000 - Math.round(r * 10000)) < 1e-6 && Math.abs(r - n / d) <= 0.00005 + 1e-12
      })
    )
  })
})

describe('rows', () => {
  const counts = toCounts({ routed: 4, acceptDecided: 4, acceptedInTime: 3, confirmedSolved: 1, rated: 2, satisfied: 1, ratingSum: 7, overdue: 1, returns: 2, reopened: 1 })

  test('a row carries the counts and the three rates computed from them', () => {
    expect(figureRow('hr', '人社局', counts)).toEqual({
      key: 'hr',
      label: '人社局',
      routed: 4,
      acceptDecided: 4,
      acceptedInTime: 3,
      responseRate: 0.75,
      confirmedSolved: 1,
      solveRate: 0.25,
      rated: 2,
      satisfied: 1,
      satisfactionRate: 0.5,
      averageRating: 3.5,
      overdue: 1,
      returns: 2,
      reopened: 1
    })
  })

  test('响应率 is over the problems whose acceptance is decided, not over every routed one', () => {
    // 4 routed: 2 accepted in time, 1 past its accept deadline unaccepted, 1 routed moments ago
    const row = figureRow('hr', '人社局', toCounts({ routed: 4, acceptDecided: 3, acceptedInTime: 2, confirmedSolved: 1 }))
    expect(row).toMatchObject({ routed: 4, acceptDecided: 3, acceptedInTime: 2, responseRate: 0.6667, solveRate: 0.25 })
    // nothing decided yet (all still inside their deadline): “—”, not 0%
    expect(figureRow('hr', '人社局', toCounts({ routed: 2 })).responseRate).toBeNull()
  })

  test('a unit with only 退单 and no problem left has counts but null rates', () => {
    const row = figureRow('education', '教育局', toCounts({ returns: 1 }))
    expect(row).toMatchObject({ routed: 0, acceptDecided: 0, returns: 1, responseRate: null, solveRate: null, satisfactionRate: null, averageRating: null })
  })

  test('SQL answers (strings, missing keys) become numbers', () => {
    expect(toCounts({ routed: '12', rated: 3n as unknown as number })).toEqual({ ...EMPTY_COUNTS, routed: 12, rated: 3 })
    expect(toCounts(undefined)).toEqual(EMPTY_COUNTS)
    expect(isEmptyCounts(toCounts(undefined))).toBe(true)
    expect(isEmptyCounts(toCounts({ returns: 1 }))).toBe(false)
  })

  test('totals add counts, then compute rates (never an average of rates)', () => {
    const a = toCounts({ routed: 1, acceptDecided: 1, acceptedInTime: 1 })
    const b = toCounts({ routed: 3, acceptDecided: 3, acceptedInTime: 0 })
    const total = figureRow('total', '合计', sumCounts([a, b]))
    expect(total.responseRate).toBe(0.25)
    expect(addCounts(a, b)).toMatchObject({ routed: 4, acceptDecided: 4 })
    expect(sumCounts([])).toEqual(EMPTY_COUNTS)
  })
})

describe('months in China time', () => {
  test.each([
    ['2026-10-31T15:59:59.999Z', '2026-10'],
    // 16:00 UTC on the last day is midnight of the 1st in Shanghai
    ['2026-10-31T16:00:00.000Z', '2026-11'],
    ['2026-12-31T16:30:00.000Z', '2027-01'],
    ['2026-11-23T02:00:00.000Z', '2026-11']
  ])('%s falls in %s', (at, month) => {
    expect(monthOf(new Date(at))).toBe(month)
  })

  test('a month is [00:00 +08:00 on the 1st, the next 1st)', () => {
    expect(monthStart('2026-11').toISOString()).toBe('2026-10-31T16:00:00.000Z')
    const { start, end } = periodBounds('2026-12', '2026-12')
    expect(start.toISOString()).toBe('2026-11-30T16:00:00.000Z')
    expect(end.toISOString()).toBe('2026-12-31T16:00:00.000Z')
  })

  test('shifting and listing months across years', () => {
    expect(shiftMonth('2026-11', 2)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-11', -11)).toBe('2025-12')
    expect(monthsBetween('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02'])
    expect(monthsBetween('2026-11', '2026-10')).toEqual([])
    expect(monthCount('2025-12', '2026-11')).toBe(12)
    expect(monthCount('2026-11', '2026-10')).toBe(0)
  })

  test('labels', () => {
    expect(monthLabel('2026-03')).toBe('2026年3月')
    expect(periodLabel('2026-11', '2026-11')).toBe('2026年11月')
    expect(periodLabel('2025-12', '2026-11')).toBe('2025年12月—2026年11月')
  })

  test('not a month is a programming error', () => {
    expect(() => shiftMonth('2026-13', 1)).toThrow()
  })

  test('every instant falls inside the bounds of its own month', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const m = monthOf(d)
        const { start, end } = periodBounds(m, m)
        return start.getTime() <= d.getTime() && d.getTime() < end.getTime()
      })
    )
  })
})

test('every figure has a Chinese definition', () => {
  expect(FIGURE_DEFINITIONS.map((d) => d.name)).toEqual(['响应率', '应签收', '解决率', '满意率', '已派单', '超期督办', '退单', '重办'])
  expect(FIGURE_DEFINITIONS.find((d) => d.name === '响应率')?.formula).toBe('按时签收数 ÷ 应签收数')
  expect(FIGURE_DEFINITIONS.find((d) => d.name === '解决率')?.note).toContain('承办单位答复、自行办结都不计入')
})
