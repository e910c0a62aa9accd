import type { FigureRow } from '@contract/reports'

/** A rate (fraction 0–1, or null) as people read it: '87.5%', or '—' when there was nothing to count. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(1)}%`
}

export type RateKey = 'responseRate' | 'solveRate' | 'satisfactionRate'

export interface RateSpec {
  key: RateKey
  name: string
  /** numerator / denominator, in words, for one row. */
  basis: (r: FigureRow) => string
}

export const RATES: readonly RateSpec[] = [
  { key: 'responseRate', name: '响应率', basis: (r) => `按时签收 ${r.acceptedInTime} / 应签收 ${r.acceptDecided}` },
  { key: 'solveRate', name: '解决率', basis: (r) => `确认解决 ${r.confirmedSolved} / 派单 ${r.routed}` },
  { key: 'satisfactionRate', name: '满意率', basis: (r) => `4–5星 ${r.satisfied} / 评价 ${r.rated}` }
]

/** How a rate reads: good from 90%, fair from 60%, else poor; none for “—”. */
export function tone(rate: number | null): 'good' | 'fair' | 'poor' | 'none' {
  if (rate === null) return 'none'
  if (rate >= 0.9) return 'good'
  if (rate >= 0.6) return 'fair'
  return 'poor'
}

export function isEmptyRow(r: FigureRow): boolean {
  return r.routed === 0 && r.returns === 0 && r.rated === 0 && r.overdue === 0
}

/**
 * What each figure means (docs/figures.md). The same definitions are printed in the 说明 sheet of the
 * exported report.
 */
export const DEFINITIONS: readonly { name: string; text: string }[] = [
  { name: '响应率', text: '按时签收数 ÷ 应签收数。承办单位在签收期限（自派单起按工作日计）内签收的比例；转办后按新单位重新计时。' },
  { name: '应签收', text: '已签收（按时或逾期）或签收期限已过仍未签收的诉求数。刚派单、还在签收期限内的不计入，不会拉低响应率。' },
  { name: '解决率', text: '企业确认解决数 ÷ 已派单数。只有提出诉求的企业评价“已解决”才计入，承办单位答复或自行办结都不算。' },
  { name: '满意率', text: '4–5 星评价数 ÷ 评价数。企业评价时打 4 星及以上为满意。' },
  { name: '已派单', text: '已有承办单位的诉求（待分派的不计），按提交诉求的月份（北京时间）统计；合并为链级问题的只计一次。' },
  { name: '超期督办', text: '签收或答复超过期限被督办过、或当前已超期的诉求数。' },
  { name: '退单', text: '承办单位把诉求退回调度中心的次数，按退单的月份计入退单的单位。' },
  { name: '—', text: '没有可计算的诉求时比率显示为“—”，不是 0% 或 100%。' }
]
