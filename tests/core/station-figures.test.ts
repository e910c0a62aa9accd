import { maskPhone, stationFigures } from '../../cloudfunctions/core'

describe('stationFigures', () => {
  test('every day of the range is present, in order, even with nothing recorded', () => {
    const f = stationFigures('s-1', '2026-02-27', '2026-03-02', new Map([['2026-03-01', { booked: 3, checkedIn: 2, noShows: 1 }]]))
    expect(f.days.map((d) => d.date)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])
    expect(f.days[2]).toEqual({ date: '2026-03-01', booked: 3, checkedIn: 2, noShows: 1, cancelled: 0, walkIns: 0 })
    expect(f.days[0]).toEqual({ date: '2026-02-27', booked: 0, checkedIn: 0, noShows: 0, cancelled: 0, walkIns: 0 })
  })

  test('totals add up and the no-show rate counts only decided sittings', () => {
    const counts = new Map([
      ['2026-03-01', { booked: 4, checkedIn: 3, noShows: 1, cancelled: 2, walkIns: 5 }],
      ['2026-03-02', { booked: 6, walkIns: 1 }]
    ])
    const f = stationFigures('s-1', '2026-03-01', '2026-03-02', counts)
    expect(f.totals).toEqual({ booked: 10, checkedIn: 3, noShows: 1, cancelled: 2, walkIns: 6 })
    expect(f.noShowRate).toBeCloseTo(0.25)
  })

  test('no decided sittings: no rate rather than a flattering zero', () => {
    expect(stationFigures('s-1', '2026-03-01', '2026-03-01', new Map([['2026-03-01', { booked: 2 }]])).noShowRate).toBeNull()
  })

  test('a reversed range is a programming error', () => {
    expect(() => stationFigures('s-1', '2026-03-02', '2026-03-01', new Map())).toThrow(RangeError)
  })
})

describe('maskPhone', () => {
  test.each([
    ['13800138000', '138****8000'],
    ['+86 138-0013-8000', '****8000'],
    ['0757-22381016', '****1016'],
    ['123', '****']
  ])('%s → %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked)
  })

  test('no phone stays no phone', () => {
    expect(maskPhone(null)).toBeNull()
    expect(maskPhone('')).toBeNull()
  })
})
