import { TOWN_CLASS, departmentName, isDepartmentId } from './departments'
import { normalizeText } from './text'

/**
 * Explicit routing rules, kept by the dispatcher: when a phrase is in the problem, its department
 * leads, whatever the model thinks. Higher priority wins; among equals the longer phrase, then the
 * earlier rule. Matched rules of other departments become co-handlers.
 */
export interface RoutingRule {
  /** Stable id for the rule list in the web build (optional here). */
  id?: string
  /** Words to find in the title or content. `A+B` needs both A and B (in any order). */
  phrase: string
  /** A department id, or 'town' for the enterprise's own town/street office. */
  department: string
  /** Higher wins. */
  priority: number
  /** Why the rule exists, for the dispatcher's list. */
  note?: string
}

export interface RuleMatch {
  rule: RoutingRule
  /** Order of the rule in the list it came from. */
  index: number
}

/** Quotes, brackets and spaces do not count when matching: 暖“新”驿站 matches 暖新驿站. */
export function compactForRules(text: string): string {
  return normalizeText(text).replace(/[\s"'“”‘’「」『』《》〈〉()（）【】[\]<>·•]/g, '')
}

function parts(phrase: string): string[] {
  return compactForRules(phrase).split('+').filter(Boolean)
}

/** Problems with a rule, in Chinese, for the form the dispatcher edits; [] when it is fine. */
export function validateRule(rule: unknown): string[] {
  const errors: string[] = []
  if (!rule || typeof rule !== 'object') return ['规则应为对象']
  const r = rule as Partial<RoutingRule>
  if (typeof r.phrase !== 'string' || parts(r.phrase).length === 0) errors.push('关键词不能为空')
  else if (parts(r.phrase).some((p) => p.length < 2)) errors.push('关键词太宽泛，每个词至少写两个字')
  if (typeof r.department !== 'string' || !(r.department === TOWN_CLASS || isDepartmentId(r.department))) errors.push('部门编号不存在')
  if (typeof r.priority !== 'number' || !Number.isFinite(r.priority)) errors.push('优先级应为数字')
  return errors
}

/** Matching rules, best first. Invalid rules never match. */
export function matchRules(rules: readonly RoutingRule[], text: string): RuleMatch[] {
  const compact = compactForRules(text)
  const matches: RuleMatch[] = []
  rules.forEach((rule, index) => {
    if (validateRule(rule).length) return
    const ps = parts(rule.phrase)
    if (ps.every((p) => compact.includes(p))) matches.push({ rule, index })
  })
  return matches.sort((a, b) =>
    b.rule.priority - a.rule.priority ||
    compactForRules(b.rule.phrase).length - compactForRules(a.rule.phrase).length ||
    a.index - b.index)
}

export function describeRule(rule: RoutingRule): string {
  const dept = rule.department === TOWN_CLASS ? '企业所在镇街' : departmentName(rule.department)
  return `派单规则“${rule.phrase}”→${dept}（优先级 ${rule.priority}）`
}

/**
 * A few rules shipped with the product, for phrases that name one department's matter beyond
 * doubt. The dispatcher's own rules are added to (and may outrank) these. Kept short on purpose:
 * keyword routing alone misroutes; these only pin what the words settle.
 */
export const DEFAULT_RULES: readonly RoutingRule[] = [
  { id: 'party-transfer', phrase: '组织关系', department: 'dispatch', priority: 50, note: '党员组织关系转接' },
  { id: 'first-secretary', phrase: '第一书记', department: 'dispatch', priority: 50, note: '第一书记派驻与联系' },
  { id: 'pairing', phrase: '结对共建', department: 'dispatch', priority: 40, note: '政企结对共建活动' },
  { id: 'warm-station', phrase: '暖新驿站', department: 'trade_union', priority: 50, note: '暖“新”驿站由总工会共建' },
  { id: 'export-rebate', phrase: '出口退税', department: 'tax', priority: 40 },
  { id: 'vat-refund', phrase: '留抵退税', department: 'tax', priority: 40 },
  { id: 'discharge-permit', phrase: '排污许可', department: 'ecology', priority: 40 },
  { id: 'points-schooling', phrase: '积分入学', department: 'education', priority: 40 },
  { id: 'food-licence', phrase: '食品生产许可', department: 'market', priority: 40 },
  { id: 'injury', phrase: '工伤认定', department: 'hr', priority: 40 },
  { id: 'special-ops', phrase: '特种作业操作证', department: 'emergency', priority: 40, note: '电工焊工等特种作业证由应急管理部门考核' },
  { id: 'hi-tech', phrase: '高企认定', department: 'science', priority: 30 }
]
