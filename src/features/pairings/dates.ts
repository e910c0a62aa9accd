import { chinaDay } from '@/utils/china-time'

/** Today's date in China (YYYY-MM-DD), whatever the phone's time zone. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDay(now.toISOString())
}

export type Period = 'all' | 'month' | 'quarter' | 'year'

export const PERIODS: readonly { key: Period; label: string }[] = [
  { key: 'all', label: '全部时间' },
  { key: 'month', label: '本月' },
  { key: 'quarter', label: '近三月' },
  { key: 'year', label: '今年' }
]

const pad = (n: number) => String(n).padStart(2, '0')
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** The same day `months` months earlier (clamped to the month's last day): 2026-05-31 − 3 → 2026-02-28. */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number)
  const index = y * 12 + (m - 1) - months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  return `${year}-${pad(month)}-${pad(Math.min(d, daysIn(year, month)))}`
}

/** The China-date bounds (both included) of a feed period; {} for 全部时间. */
export function periodRange(period: Period, now: Date = new Date()): { from?: string; to?: string } {
  const today = chinaToday(now)
  const [y, m] = today.split('-').map(Number)
  switch (period) {
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(daysIn(y, m))}` }
    case 'quarter':
      return { from: monthsBefore(today, 3), to: today }
    case 'year':
      return { from: `${y}-01-01`, to: `${y}-12-31` }
    default:
      return {}
  }
}

/** 2026-11-20 → 2026年11月20日 ('' when missing). */
export function dayText(day: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(day ?? '')
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : ''
}
