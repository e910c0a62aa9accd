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
  // yesterday's hours may run past midnight into today
  const yesterday = station.hours?.[(weekday + 6) % 7] ?? null
  const spill = (() => {
    if (!yesterday) return false
    const open = minutesOf(yesterday.open)
    const close = minutesOf(yesterday.close)
    return open !== null && close !== null && close <= open && minutes < close
  })()
  const day = station.hours?.[weekday] ?? null
  if (!day) return { text: '今日休息', openNow: spill }
  const open = minutesOf(day.open)
  const close = minutesOf(day.close)
  const text = `今日 ${day.open}–${day.close}`
  if (open === null || close === null) return { text, openNow: spill || null }
  // a close time at or before the opening time runs past midnight (the part after midnight is tomorrow's)
  const openNow = spill || (close > open ? minutes >= open && minutes < close : minutes >= open)
  return { text, openNow }
}
