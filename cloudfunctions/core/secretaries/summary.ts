import type { WeeklySummary } from '@contract'
import { addDays, type Day } from '../calendar'
import { mondayOf } from './week'

/** What the database tells of one secretary's week; the summary and its sentence are made from it. */
export interface WeekFigures {
  visits: number
  enterprisesVisited: number
  /** Full names of the assigned enterprises with no visit that week, in the order to show them. */
  enterprisesNotVisited: string[]
  /** Filed by the secretary on an enterprise's behalf during the week. */
  problemsFiled: number
  /** Of those the secretary ever filed on behalf: closed during the week. */
  problemsClosed: number
  /** Of those the secretary ever filed on behalf: open and past a deadline now. */
  problemsOverdue: number
}

const REGION = /^(广东省|广东|佛山市|佛山|顺德区|顺德)/
const FORM = /(股份有限公司|有限责任公司|有限公司|股份公司|集团|公司)$/
const BRACKETS = /[（(][^（()）]*[）)]/g
// Line-of-business words that follow the trade name (字号) in a registered name, longest first.
const INDUSTRY = [
  '中央厨房', '供应链', '机器人', '自动化', '中央',
  '科技', '智能', '实业', '发展', '精密', '制造', '机械', '起重', '环境', '工程', '系统', '材料', '电器', '电气', '家电', '电子',
  '家居', '家具', '设计', '研发', '管理', '水产', '预制', '食品', '风味', '糕点', '鱼鲜', '珠宝', '首饰', '宝石', '服饰', '牛仔',
  '咨询', '贸易', '物流', '投资', '服务', '技术', '新材料', '纺织', '五金', '塑料', '化工', '建材', '包装', '印刷', '能源'
].sort((a, b) => b.length - a.length)

/**
 * The short name people use for a firm, for sentences: 广东永通起重机械股份有限公司 → 永通. Drops the
 * region before the trade name, the company form after it, anything in brackets, then line-of-business
 * words from the end while at least two characters remain. A heuristic for text only: lists keep full names.
 */
export function tradeName(name: string): string {
  let s = name.replace(BRACKETS, '').trim()
  for (let prev = ''; prev !== s; ) {
    prev = s
    const region = s.replace(REGION, '')
    if (region.length >= 2) s = region
    const form = s.replace(FORM, '')
    if (form.length >= 2) s = form
  }
  for (let cut = true; cut; ) {
    cut = false
    for (const w of INDUSTRY) {
      if (s.endsWith(w) && s.length - w.length >= 2) {
        s = s.slice(0, -w.length)
        cut = true
        break
      }
    }
  }
  return s || name
}

const monthDay = (day: Day) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/** How the week reads seen from `today`: 本周, 上周, or 11月2日—11月8日. */
export function weekLabel(weekOf: Day, today: Day): string {
  const current = mondayOf(today)
  if (weekOf === current) return '本周'
  if (weekOf === addDays(current, -7)) return '上周'
  return `${monthDay(weekOf)}—${monthDay(addDays(weekOf, 6))}`
}

/**
 * The week in one sentence, e.g. 本周走访 3 家企业 4 次，代企业提交诉求 2 件，办结 1 件，超期 1 件；尚未走访：永通、特丽洁.
 * `label` is weekLabel's; the not-visited part says 尚未 only of the week still running.
 */
export function summaryText(f: WeekFigures, label: string): string {
  const visits = f.visits > 0 ? `${label}走访 ${f.enterprisesVisited} 家企业 ${f.visits} 次` : `${label}没有走访企业`
  const problems = `代企业提交诉求 ${f.problemsFiled} 件，办结 ${f.problemsClosed} 件，超期 ${f.problemsOverdue} 件`
  const names = [...new Set(f.enterprisesNotVisited.map(tradeName))]
  const rest = names.length ? `；${label === '本周' ? '尚未走访' : '未走访'}：${names.join('、')}` : f.visits > 0 ? '；联系的企业均已走访' : ''
  return `${visits}，${problems}${rest}`
}

/** The contract's WeeklySummary of the week starting `weekOf` (a Monday), as seen on the China day `today`. */
export function weeklySummary(weekOf: Day, f: WeekFigures, today: Day): WeeklySummary {
  return {
    weekOf,
    visits: f.visits,
    enterprisesVisited: f.enterprisesVisited,
    enterprisesNotVisited: f.enterprisesNotVisited,
    problemsFiled: f.problemsFiled,
    problemsClosed: f.problemsClosed,
    problemsOverdue: f.problemsOverdue,
    text: summaryText(f, weekLabel(weekOf, today))
  }
}
