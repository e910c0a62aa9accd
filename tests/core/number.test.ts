import { formatProblemNumber, shanghaiDay } from '../../cloudfunctions/core'

describe('problem numbers', () => {
  test.each([
    ['2026-11-23T00:00:00Z', '20261123'],
    ['2026-11-23T15:59:59Z', '20261123'],
    // 16:00 UTC is midnight in China: the next day's numbers begin
    ['2026-11-23T16:00:00Z', '20261124'],
    ['2026-12-31T16:30:00Z', '20270101']
  ])('%s is day %s in Shanghai', (at, day) => {
    expect(shanghaiDay(new Date(at))).toBe(day)
  })

  test.each([
    ['20261123', 1, 'SD20261123-0001'],
    ['20261123', 42, 'SD20261123-0042'],
    ['20261123', 12345, 'SD20261123-12345']
  ])('day %s seq %d → %s', (day, seq, want) => {
    expect(formatProblemNumber(day, seq)).toBe(want)
  })

  test.each([['2026-11-23', 1], ['20261123', 0], ['20261123', 1.5]])('refuses day %s seq %s', (day, seq) => {
    expect(() => formatProblemNumber(day, seq)).toThrow(RangeError)
  })
})
