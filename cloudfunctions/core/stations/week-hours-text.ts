import type { DayHours } from '@contract'
import { isHm } from './time'

/**
 * A station's weekly hours as one spreadsheet cell, so that the export can be edited and imported back.
 *
 * Written as segments, each `[days] value`, value being `HH:MM-HH:MM` or `休息`:
 *   "08:30-17:30"                                     every day
 *   "08:30-17:30；周六、周日 休息"                       every day, then Saturday and Sunday closed
 *   "周一至周五 08:30-17:30；周六 09:00-12:00；周日 休息"  what the export writes
 * A segment without days means every day; a later segment overrides an earlier one for its days; a day
 * no segment names is closed. Days: 周一…周日 (周天, 星期一 too), ranges 周一至周五 or 周一-周五, lists
 * 周六、周日, and 每天, 工作日 (Monday–Friday), 周末. Separators between segments are free (；, newline,
 * space, comma), because people type them every way.
 */

const WEEK_FROM_MONDAY = [1, 2, 3, 4, 5, 6, 0] as const
const DAY_NAMES = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']
const DAY_CHAR: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 0, 天: 0, 七: 0 }

export const WEEK_HOURS_FORMAT_HINT = '如“08:30-17:30”（每天）或“周一至周五 08:30-17:30；周六 09:00-12:00；周日 休息”'

export type WeekHoursParse = { ok: true; hours: (DayHours | null)[] } | { ok: false; error: string }

const DAY = '(?:周|星期|礼拜)([一二三四五六日天七])'
const TOKENS: { re: RegExp; kind: 'span' | 'closed' | 'range' | 'day' | 'every' | 'workdays' | 'weekend' | 'gap' }[] = [
  { re: /(\d{1,2})[:：](\d{2})\s*[-~～至到—–－]\s*(\d{1,2})[:：](\d{2})/y, kind: 'span' },
  { re: /(?:休息|闭馆|关闭|不开放|闭站)/y, kind: 'closed' },
  { re: new RegExp(`${DAY}\\s*[至到~～\\-—–－]\\s*(?:周|星期|礼拜)?([一二三四五六日天七])`, 'y'), kind: 'range' },
  { re: new RegExp(DAY, 'y'), kind: 'day' },
  { re: /(?:每天|每日|天天|全周)/y, kind: 'every' },
  { re: /工作日/y, kind: 'workdays' },
  { re: /周末/y, kind: 'weekend' },
  { re: /[\s;；,，、/和及]+/y, kind: 'gap' }
]

const hm = (h: string, m: string) => `${h.padStart(2, '0')}:${m}`

/** Monday-first walk from one weekday to another, wrapping past Sunday (周五至周一 is Fri, Sat, Sun, Mon). */
function dayRange(from: number, to: number): number[] {
  const days = [from]
  for (let d = from; d !== to; ) {
    d = (d + 1) % 7
    days.push(d)
  }
  return days
}

/** Reads the cell; the error names what could not be read, in Chinese. */
export function parseWeekHours(text: string): WeekHoursParse {
  const hours: (DayHours | null)[] = Array.from({ length: 7 }, () => null)
  let pending: number[] = []
  let values = 0
  const src = text.trim()
  let at = 0
  while (at < src.length) {
    const hit = TOKENS.map((t) => {
      t.re.lastIndex = at
      return { kind: t.kind, m: t.re.exec(src) }
    }).find((t) => t.m !== null)
    if (!hit || !hit.m) return { ok: false, error: `开放时间无法识别“${src.slice(at, at + 8)}”，${WEEK_HOURS_FORMAT_HINT}` }
    const m = hit.m
    at += m[0].length
    if (hit.kind === 'gap') continue
    if (hit.kind === 'span' || hit.kind === 'closed') {
      let value: DayHours | null = null
      if (hit.kind === 'span') {
        value = { open: hm(m[1], m[2]), close: hm(m[3], m[4]) }
        if (!isHm(value.open)) return { ok: false, error: `开门时间“${value.open}”不正确，应为 00:00–23:59` }
        if (!isHm(value.close, true)) return { ok: false, error: `关门时间“${value.close}”不正确，应为 00:00–24:00` }
      }
      for (const d of pending.length ? pending : WEEK_FROM_MONDAY) hours[d] = value
      pending = []
      values++
      continue
    }
    if (hit.kind === 'range') pending.push(...dayRange(DAY_CHAR[m[1]], DAY_CHAR[m[2]]))
    else if (hit.kind === 'day') pending.push(DAY_CHAR[m[1]])
    else if (hit.kind === 'every') pending.push(...WEEK_FROM_MONDAY)
    else if (hit.kind === 'workdays') pending.push(1, 2, 3, 4, 5)
    else pending.push(6, 0)
  }
  if (pending.length) return { ok: false, error: `开放时间中“${DAY_NAMES[pending[0]]}”后缺少时间或“休息”` }
  if (!values) return { ok: false, error: `请填写开放时间，${WEEK_HOURS_FORMAT_HINT}` }
  return { ok: true, hours }
}

const valueText = (h: DayHours | null | undefined) => (h ? `${h.open}-${h.close}` : '休息')

function daysText(days: readonly number[]): string {
  if (days.length === 1) return DAY_NAMES[days[0]]
  if (days.length === 2) return `${DAY_NAMES[days[0]]}、${DAY_NAMES[days[1]]}`
  return `${DAY_NAMES[days[0]]}至${DAY_NAMES[days[days.length - 1]]}`
}

/** The cell the export writes: one span when every day is alike, else runs of days from Monday. */
export function formatWeekHours(hours: readonly (DayHours | null | undefined)[]): string {
  const texts = WEEK_FROM_MONDAY.map((d) => valueText(hours[d]))
  if (texts.every((t) => t === texts[0])) return texts[0] === '休息' ? '每天 休息' : texts[0]
  const runs: { days: number[]; text: string }[] = []
  WEEK_FROM_MONDAY.forEach((d, i) => {
    const last = runs[runs.length - 1]
    if (last && last.text === texts[i]) last.days.push(d)
    else runs.push({ days: [d], text: texts[i] })
  })
  return runs.map((r) => `${daysText(r.days)} ${r.text}`).join('；')
}
