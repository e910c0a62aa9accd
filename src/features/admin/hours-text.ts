import type { Hours } from './console-types'

/** Monday first, as people read a week; the contract's index 0 is Sunday. */
export const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const
export const DAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const

const span = (from: number, to: number) => (from === to ? DAY_NAMES[from] : `${DAY_NAMES[from]}至${DAY_NAMES[to]}`)

/** 周一至周五 09:00–18:00，周六 10:00–16:00: runs of days with the same hours, closed days left out. */
export function weekText(hours: Hours): string {
  const runs: { from: number; to: number; text: string }[] = []
  for (const day of WEEK_ORDER) {
    const h = hours[day]
    const text = h ? `${h.open}–${h.close}` : ''
    const last = runs[runs.length - 1]
    if (last && last.text === text && WEEK_ORDER.indexOf(last.to as (typeof WEEK_ORDER)[number]) === WEEK_ORDER.indexOf(day) - 1) last.to = day
    else runs.push({ from: day, to: day, text })
  }
  const open = runs.filter((r) => r.text)
  return open.length ? open.map((r) => `${span(r.from, r.to)} ${r.text}`).join('，') : '暂未开放'
}
