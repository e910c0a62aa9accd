import type { Station } from '@contract/stations'
import { shanghaiClock } from '@/utils/date'

function minutesOf(hhmm: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim())
  if (!m) return null
  return Number(m[1]) * 60 + Number(m[2])
}

export interface TodayHours {
  /** What to show: '24小时', '今日 08:00–20:00', '今日休息'. */
  text: string
  /** Open at `now` (Shanghai time); null when the hours cannot be read. */
  openNow: boolean | null
}

/** Today's opening hours of a station and whether it is open now, in Shanghai time. */
export function todayHours(station: Pick<Station, 'open24h' | 'hours'>, now: Date = new Date()): TodayHours {
  if (station.open24h) return { text: '24小时', openNow: true }
  const { weekday, minutes } = shanghaiClock(now)
  const day = station.hours?.[weekday] ?? null
  if (!day) return { text: '今日休息', openNow: false }
  const open = minutesOf(day.open)
  const close = minutesOf(day.close)
  const text = `今日 ${day.open}–${day.close}`
  if (open === null || close === null) return { text, openNow: null }
  // a close time at or before the opening time runs past midnight
  const openNow = close > open ? minutes >= open && minutes < close : minutes >= open || minutes < close
  return { text, openNow }
}
