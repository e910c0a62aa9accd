import { mondayOf, weekBounds, weekOfInstant, weeklySummaryDue } from '../../cloudfunctions/core'

describe('weeks run Monday to Sunday, China time', () => {
  test('every day of a week has the same Monday', () => {
    // 2026-11-23 is a Monday
    for (const day of ['2026-11-23', '2026-11-24', '2026-11-27', '2026-11-28', '2026-11-29']) expect(mondayOf(day)).toBe('2026-11-23')
    expect(mondayOf('2026-11-22')).toBe('2026-11-16') // Sunday belongs to the week before
    expect(mondayOf('2026-11-30')).toBe('2026-11-30')
  })

  test('across a month and a year', () => {
    expect(mondayOf('2026-03-01')).toBe('2026-02-23')
    expect(mondayOf('2027-01-01')).toBe('2026-12-28')
    expect(mondayOf('2024-02-29')).toBe('2024-02-26')
  })

  test('the bounds are China midnights, half-open', () => {
    const b = weekBounds('2026-11-26')
    expect(b).toMatchObject({ monday: '2026-11-23', sunday: '2026-11-29' })
    expect(b.start.toISOString()).toBe('2026-11-22T16:00:00.000Z')
    expect(b.end.toISOString()).toBe('2026-11-29T16:00:00.000Z')
  })

  test('an instant belongs to the week of its China day, not its UTC day', () => {
    // Sunday 23:30 UTC = Monday 07:30 in China
    expect(weekOfInstant(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23')
    // Monday 15:59 UTC = Monday 23:59 in China; 16:00 UTC = Tuesday 00:00
    expect(weekOfInstant(new Date('2026-11-30T15:59:00Z'))).toBe('2026-11-30')
    // Sunday 16:00 UTC = Monday 00:00 in China: the next week
    expect(weekOfInstant(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30')
  })

  test('a bad day is refused', () => {
    expect(() => mondayOf('2026-02-30')).toThrow(RangeError)
  })
})

describe('the Monday summary is due from 08:00 China time, for the week just ended', () => {
  test('not before Monday 08:00', () => {
    expect(weeklySummaryDue(new Date('2026-11-22T16:00:00Z'))).toBeNull() // Monday 00:00
    expect(weeklySummaryDue(new Date('2026-11-22T23:59:59Z'))).toBeNull() // Monday 07:59:59
  })

  test('from Monday 08:00 on, and still later in the week (a sweep that missed Monday catches up)', () => {
    expect(weeklySummaryDue(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-16') // Monday 08:00
    expect(weeklySummaryDue(new Date('2026-11-25T04:00:00Z'))).toBe('2026-11-16') // Wednesday
    expect(weeklySummaryDue(new Date('2026-11-29T15:59:00Z'))).toBe('2026-11-16') // Sunday 23:59
  })
})
