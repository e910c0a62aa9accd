import fc from 'fast-check'
import type { DayHours } from '@contract'
import { formatWeekHours, parseWeekHours } from '../../cloudfunctions/core/stations/week-hours-text'

const span = (open: string, close: string): DayHours => ({ open, close })
const office = span('08:30', '17:30')
const hoursOf = (text: string) => {
  const r = parseWeekHours(text)
  if (!r.ok) throw new Error(r.error)
  return r.hours
}

describe('reading weekly hours from a cell', () => {
  it('a span alone is every day', () => {
    expect(hoursOf('08:30-17:30')).toEqual(Array(7).fill(office))
  })

  it('later segments override earlier ones, whatever the separators', () => {
    const weekdays = [null, office, office, office, office, office, null]
    expect(hoursOf('08:30-17:30;周六周日休息')).toEqual(weekdays)
    expect(hoursOf('08:30-17:30；周六、周日 休息')).toEqual(weekdays)
    expect(hoursOf('每天 8:30～17:30\n周末 闭馆')).toEqual(weekdays)
    expect(hoursOf('工作日 08:30-17:30')).toEqual(weekdays)
  })

  it('days not named are closed; ranges wrap past Sunday', () => {
    expect(hoursOf('周一至周五 08:30-17:30，周六 09:00-12:00')).toEqual([null, office, office, office, office, office, span('09:00', '12:00')])
    expect(hoursOf('星期五-星期一 10:00-22:00')).toEqual([span('10:00', '22:00'), span('10:00', '22:00'), null, null, null, span('10:00', '22:00'), span('10:00', '22:00')])
    expect(hoursOf('周三 09:00-24:00')[3]).toEqual(span('09:00', '24:00'))
  })

  it('says what it could not read', () => {
    expect(parseWeekHours('早上八点到晚上')).toMatchObject({ ok: false, error: expect.stringContaining('无法识别') })
    expect(parseWeekHours('周一至周五')).toMatchObject({ ok: false, error: expect.stringContaining('缺少时间') })
    expect(parseWeekHours('25:00-26:00')).toMatchObject({ ok: false, error: expect.stringContaining('开门时间') })
    expect(parseWeekHours('')).toMatchObject({ ok: false })
  })
})

describe('writing weekly hours to a cell', () => {
  it('one span when every day is alike, runs of days from Monday otherwise', () => {
    expect(formatWeekHours(Array(7).fill(office))).toBe('08:30-17:30')
    expect(formatWeekHours([null, office, office, office, office, office, span('09:00', '12:00')])).toBe('周一至周五 08:30-17:30；周六 09:00-12:00；周日 休息')
    expect(formatWeekHours([null, office, office, office, office, office, null])).toBe('周一至周五 08:30-17:30；周六、周日 休息')
    expect(formatWeekHours(Array(7).fill(null))).toBe('每天 休息')
  })

  it('reads back what it writes', () => {
    const hm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`)
    const day = fc.option(fc.tuple(hm, hm).map(([open, close]) => span(open, close)), { nil: null })
    fc.assert(
      fc.property(fc.array(day, { minLength: 7, maxLength: 7 }), (hours) => {
        expect(hoursOf(formatWeekHours(hours))).toEqual(hours)
      })
    )
  })
})
