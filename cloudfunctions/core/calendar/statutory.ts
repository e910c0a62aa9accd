import { getSolarDateFromLunar } from 'chinese-days'
import { addDays, isDay, type Day } from './days'

/**
 * The statutory public holidays (全体公民放假的节日, 《全国年节及纪念日放假办法》 as revised in 2024,
 * in force from 2025): the days that are off in every year whatever the State Council's annual notice
 * says. They are the floor for a year the package does not know yet; the notice's extra days and the
 * 调休 Saturdays/Sundays are not predictable and must be entered as overrides.
 *
 *   元旦 1 day (1/1) · 春节 4 days (除夕 and 正月初一至初三) · 清明 1 day (the solar term) ·
 *   劳动节 2 days (5/1, 5/2) · 端午 1 day (五月初五) · 中秋 1 day (八月十五) · 国庆 3 days (10/1–10/3)
 */
export interface StatutoryHoliday {
  date: Day
  name: string
}

/**
 * The solar date of a lunar date, through chinese-days. The lunar date is passed as a local-time Date
 * at noon: the package reads it back with local getters and formats with local getters, so the result
 * is the same in every machine time zone (its string parsing is not — it reads 'YYYY-MM-DD' as UTC
 * and then uses local getters).
 */
function lunarToSolar(lunarYear: number, lunarMonth: number, lunarDay: number): Day {
  const { date } = getSolarDateFromLunar(new Date(lunarYear, lunarMonth - 1, lunarDay, 12))
  if (!isDay(date)) throw new RangeError(`农历换算失败：${lunarYear}-${lunarMonth}-${lunarDay}`)
  return date
}

/**
 * 清明 (the solar term pure_brightness) by the usual formula for 2000–2099 (the one chinese-days'
 * getSolarTermDate uses, C = 4.81, no correction year for this term in this century). Computed here
 * because that function parses its own output in local time.
 */
export function qingmingDay(year: number): Day {
  if (!Number.isInteger(year) || year < 2000 || year > 2099) throw new RangeError(`不支持的年份：${year}`)
  const y = year % 100
  const day = Math.floor(y * 0.2422 + 4.81) - Math.floor(y / 4)
  return `${year}-04-${String(day).padStart(2, '0')}`
}

const cache = new Map<number, StatutoryHoliday[]>()

/** The statutory holidays of a Gregorian year (2000–2099), in date order. */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  const hit = cache.get(year)
  if (hit) return hit
  const springDay1 = lunarToSolar(year, 1, 1)
  const list: StatutoryHoliday[] = [
    { date: `${year}-01-01`, name: '元旦' },
    { date: addDays(springDay1, -1), name: '春节（除夕）' },
    { date: springDay1, name: '春节' },
    { date: addDays(springDay1, 1), name: '春节' },
    { date: addDays(springDay1, 2), name: '春节' },
    { date: qingmingDay(year), name: '清明节' },
    { date: `${year}-05-01`, name: '劳动节' },
    { date: `${year}-05-02`, name: '劳动节' },
    { date: lunarToSolar(year, 5, 5), name: '端午节' },
    { date: lunarToSolar(year, 8, 15), name: '中秋节' },
    { date: `${year}-10-01`, name: '国庆节' },
    { date: `${year}-10-02`, name: '国庆节' },
    { date: `${year}-10-03`, name: '国庆节' }
  ]
  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
  cache.set(year, list)
  return list
}
