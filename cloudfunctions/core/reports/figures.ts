import type { FigureRow } from '@contract'

/**
 * The counts behind one row of figures (docs/figures.md). Everything is a count of problems filed in
 * the period, except `returns`, which counts 退单 events in the period.
 */
export interface FigureCounts {
  /** Problems that have had a lead unit (every status but 待分派). The denominator of 解决率. */
  routed: number
  /**
   * …whose acceptance is decided at the time of the query: the current lead unit accepted (in time or
   * late), or its accept deadline passed without 签收. The denominator of 响应率: a problem still inside
   * its accept deadline is neither a success nor a failure yet.
   */
  acceptDecided: number
  /** …whose current lead unit accepted (签收) by its accept deadline. */
  acceptedInTime: number
  /** …that the filer confirmed solved (the unit's own reply never counts). */
  confirmedSolved: number
  /** Ratings given (1–5 stars), the denominator of 满意率. */
  rated: number
  /** Ratings of 4 or 5 stars. */
  satisfied: number
  /** Sum of the stars given, for the average. */
  ratingSum: number
  /** Problems that went past a deadline (督办 raised, or overdue now). */
  overdue: number
  /** 退单 events (a unit handing the problem back). */
  returns: number
  /** Problems the filer sent back at least once (重办). */
  reopened: number
}

export const EMPTY_COUNTS: Readonly<FigureCounts> = Object.freeze({
  routed: 0,
  acceptDecided: 0,
  acceptedInTime: 0,
  confirmedSolved: 0,
  rated: 0,
  satisfied: 0,
  ratingSum: 0,
  overdue: 0,
  returns: 0,
  reopened: 0
})

const KEYS = Object.keys(EMPTY_COUNTS) as (keyof FigureCounts)[]

/** Decimal places kept for a rate (a fraction 0–1): 4 places = 0.01 percentage points. */
export const RATE_DIGITS = 4
/** Decimal places kept for the average rating. */
export const AVERAGE_DIGITS = 2

function round(value: number, digits: number): number {
  const f = 10 ** digits
  // Number.EPSILON nudges values such as 0.00125 that binary floating point stores a hair too low
  return Math.round((value + Number.EPSILON) * f) / f
}

/**
 * numerator ÷ denominator as a fraction 0–1, rounded to RATE_DIGITS; null when nothing was counted
 * (an empty period is “—”, never 0% or 100%).
 */
export function rate(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(denominator) || denominator <= 0 || !Number.isFinite(numerator)) return null
  return round(numerator / denominator, RATE_DIGITS)
}

/** The average of `count` values summing to `sum`, rounded to AVERAGE_DIGITS; null when count is 0. */
export function average(sum: number, count: number): number | null {
  return count > 0 ? round(sum / count, AVERAGE_DIGITS) : null
}

/** Counts from loose input (SQL answers may be strings or bigints): missing keys are 0. */
export function toCounts(partial: Partial<Record<keyof FigureCounts, unknown>> | undefined): FigureCounts {
  const out = { ...EMPTY_COUNTS }
  for (const k of KEYS) {
    const v = Number(partial?.[k] ?? 0)
    out[k] = Number.isFinite(v) ? v : 0
  }
  return out
}

export function addCounts(a: FigureCounts, b: FigureCounts): FigureCounts {
  const out = { ...EMPTY_COUNTS }
  for (const k of KEYS) out[k] = a[k] + b[k]
  return out
}

export function sumCounts(all: readonly FigureCounts[]): FigureCounts {
  return all.reduce(addCounts, { ...EMPTY_COUNTS })
}

/** One row of the contract: the counts and the three rates computed from them. */
export function figureRow(key: string, label: string, c: FigureCounts): FigureRow {
  return {
    key,
    label,
    routed: c.routed,
    acceptDecided: c.acceptDecided,
    acceptedInTime: c.acceptedInTime,
    responseRate: rate(c.acceptedInTime, c.acceptDecided),
    confirmedSolved: c.confirmedSolved,
    solveRate: rate(c.confirmedSolved, c.routed),
    rated: c.rated,
    satisfied: c.satisfied,
    satisfactionRate: rate(c.satisfied, c.rated),
    averageRating: average(c.ratingSum, c.rated),
    overdue: c.overdue,
    returns: c.returns,
    reopened: c.reopened
  }
}

/** True when a row has nothing at all to show (no problem, no 退单). */
export function isEmptyCounts(c: FigureCounts): boolean {
  return KEYS.every((k) => c[k] === 0)
}

/** A rate as the dashboard and the report show it: '87.5%', or '—' for null. */
export function formatRate(r: number | null, digits = 1): string {
  return r === null ? '—' : `${(r * 100).toFixed(digits)}%`
}

/** The Chinese name and meaning of each figure: the 说明 of the dashboard and of the exported report. */
export const FIGURE_DEFINITIONS: readonly { name: string; formula: string; note: string }[] = [
  {
    name: '响应率',
    formula: '按时签收数 ÷ 应签收数',
    note: '承办单位在签收期限（自派单起的工作日，按上海时区日历）内签收的诉求占应签收诉求的比例。转办后按新承办单位重新计时。'
  },
  {
    name: '应签收',
    formula: '已签收数 + 超过签收期限仍未签收的诉求数',
    note: '签收已有结果的诉求：已签收的（按时或逾期），或签收期限已过仍未签收的。刚派单、仍在签收期限内的诉求不计入，不会拉低响应率。'
  },
  {
    name: '解决率',
    formula: '企业确认解决数 ÷ 已派单数',
    note: '只有提出诉求的企业在评价时确认“已解决”才计入；承办单位答复、自行办结都不计入。企业认为未解决而重办的，待企业再次确认后才计入。'
  },
  {
    name: '满意率',
    formula: '4–5 星评价数 ÷ 评价数',
    note: '企业评价时给出的 1–5 星中，4 星及以上为满意。平均评分为所有评价星数的平均值。'
  },
  {
    name: '已派单',
    formula: '已有承办单位的诉求数',
    note: '除“待分派”外的全部诉求（含已退单待调度的）。按提交诉求的月份统计；合并到链级问题的诉求只计链级问题一次。'
  },
  {
    name: '超期督办',
    formula: '被督办过或当前已超期的诉求数',
    note: '签收或答复超过期限时系统自动督办，调度员也可手动督办；按诉求计数，同一诉求多次督办只计一次。'
  },
  {
    name: '退单',
    formula: '退单次数',
    note: '承办单位以“非本单位职责”等理由把诉求退回调度中心的次数，按退单发生的月份计入退单的单位（反映“踢皮球”）。'
  },
  {
    name: '重办',
    formula: '被企业退回重办过的诉求数',
    note: '企业评价“未解决”后重新交承办单位办理的诉求。'
  }
]
