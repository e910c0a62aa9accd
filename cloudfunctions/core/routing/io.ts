import { TOWN_CLASS, isDepartmentId } from './departments'
import type { RouteDecision, RouteInput } from './engine'
import { NEUTRAL, type LabelledExample } from './model'

/**
 * JSON-lines formats of the command line and the data files, parsed without I/O so that the CLI
 * and the tests share them. Every error is a Chinese sentence for the person who wrote the line.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string }

export interface RouteLine {
  input: RouteInput
  /** Acceptable lead departments (evaluation files only). */
  lead?: string[]
  /** Departments expected among the co-handlers (evaluation files only). */
  co?: string[]
}

function parseObject(line: string): Parsed<Record<string, unknown>> {
  if (!line.trim()) return { ok: false, error: '空行：每行应为一个 JSON 对象' }
  let v: unknown
  try {
    v = JSON.parse(line)
  } catch {
    return { ok: false, error: '不是合法的 JSON' }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { ok: false, error: '每行应为一个 JSON 对象' }
  return { ok: true, value: v as Record<string, unknown> }
}

const FIELD_NAMES: Record<string, string> = { text: '正文 text', title: '标题 title', content: '内容 content', category: '类别 category', chain: '产业链 chain', town: '镇街 town' }

function departmentList(v: unknown, name: string, allowTownClass = false): Parsed<string[]> {
  const list = typeof v === 'string' ? [v] : v
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string')) {
    return { ok: false, error: `${name} 应为部门编号或部门编号数组` }
  }
  const unknown = list.filter((x) => !isDepartmentId(x) && !(allowTownClass && x === TOWN_CLASS))
  if (unknown.length) return { ok: false, error: `${name} 中有未知的部门编号：${unknown.join('、')}` }
  return { ok: true, value: list as string[] }
}

/** A line of `route --jsonl` (and of the evaluation file, which adds lead and co). */
export function parseRouteLine(line: string, withLabels = false): Parsed<RouteLine> {
  const o = parseObject(line)
  if (!o.ok) return o
  const v = o.value
  const input: RouteInput = {}
  for (const key of ['text', 'title', 'content', 'category', 'chain', 'town'] as const) {
    const x = v[key]
    if (x === undefined || x === null) continue
    if (typeof x !== 'string') return { ok: false, error: `${FIELD_NAMES[key]} 应为字符串` }
    input[key] = x
  }
  if (![input.text, input.title, input.content].some((s) => s && s.trim())) {
    return { ok: false, error: '缺少诉求文字：需要 text，或 title/content' }
  }
  const out: RouteLine = { input }
  if (withLabels) {
    const lead = departmentList(v.lead, 'lead')
    if (!lead.ok) return lead
    out.lead = lead.value
    if (v.co !== undefined) {
      const co = Array.isArray(v.co) && v.co.length === 0 ? ({ ok: true, value: [] } as Parsed<string[]>) : departmentList(v.co, 'co')
      if (!co.ok) return co
      out.co = co.value
    }
  }
  return { ok: true, value: out }
}

/**
 * A line of the starter set (or of `--extra`): a labelled problem
 * `{"text"|"title"+"content", "lead": id | [id, …]}` (the first id is the label), or a glossary
 * line `{"terms": ["社保", "工伤认定", …], "lead": id}` whose terms each count as a tiny example, or
 * `{"neutral": ["你好", "麻烦帮忙看看", …]}`: phrases that say nothing about the department.
 */
export interface TrainingLine {
  kind: 'problem' | 'terms' | 'neutral'
  examples: LabelledExample[]
}

export function parseTrainingLine(line: string): Parsed<TrainingLine> {
  const o = parseObject(line)
  if (!o.ok) return o
  const v = o.value
  if (v.neutral !== undefined) {
    if (!Array.isArray(v.neutral) || !v.neutral.every((t) => typeof t === 'string' && t.trim())) return { ok: false, error: 'neutral 应为非空字符串数组' }
    return { ok: true, value: { kind: 'neutral', examples: (v.neutral as string[]).map((t) => ({ text: t.trim(), department: NEUTRAL })) } }
  }
  // training lines may use 'town' for local matters in general (glossary), not only town_<id>
  const lead = departmentList(v.lead, 'lead', true)
  if (!lead.ok) return lead
  const department = lead.value[0]
  const weight = typeof v.weight === 'number' && Number.isFinite(v.weight) && v.weight > 0 ? v.weight : undefined
  if (v.terms !== undefined) {
    if (!Array.isArray(v.terms) || !v.terms.every((t) => typeof t === 'string' && t.trim())) return { ok: false, error: 'terms 应为非空字符串数组' }
    return { ok: true, value: { kind: 'terms', examples: (v.terms as string[]).map((t) => ({ text: t.trim(), department, weight, term: true })) } }
  }
  const parsed = parseRouteLine(line)
  if (!parsed.ok) return parsed
  const { title, content, text } = parsed.value.input
  return { ok: true, value: { kind: 'problem', examples: [{ text: [title, content, text].filter((s) => s && s.trim()).join('\n'), department, weight }] } }
}

/** The JSON line `route --jsonl` prints for a decision. Triage prints lead "dispatch" with triage true. */
export function decisionLine(d: RouteDecision): string {
  return JSON.stringify({
    lead: d.lead ?? 'dispatch',
    co: d.co,
    confidence: d.confidence,
    reason: d.reason,
    triage: d.triage,
    suggestions: d.suggestions
  })
}

export interface EvalCase {
  lead: readonly string[]
  co?: readonly string[]
  decision: RouteDecision
}

export interface EvalReport {
  total: number
  /** Lead as printed (triage counts as 'dispatch') is among the acceptable ones. */
  correct: number
  accuracy: number
  /** The model's first suggestion is acceptable, ignoring the threshold. */
  suggestionTop1: number
  /** Acceptable lead among the first three suggestions (or the rule's lead). */
  top3: number
  triaged: number
  /** Of those not triaged, how many were right. */
  routedCorrect: number
  /** Cases labelled with co-handlers, and how many got all of them (the chosen lead counts as covered). */
  coLabelled: number
  coFound: number
  /** Cases without co labels that got co-handlers anyway. */
  coSpurious: number
  /** expected → printed, with counts, most frequent first. */
  confusion: { expected: string; got: string; count: number }[]
}

export function evaluate(cases: readonly EvalCase[]): EvalReport {
  let correct = 0
  let suggestionTop1 = 0
  let top3 = 0
  let triaged = 0
  let routedCorrect = 0
  let coLabelled = 0
  let coFound = 0
  let coSpurious = 0
  const confusion = new Map<string, number>()
  for (const c of cases) {
    const d = c.decision
    const printed = d.lead ?? 'dispatch'
    const ok = c.lead.includes(printed)
    if (ok) correct++
    if (d.triage) triaged++
    else if (ok) routedCorrect++
    const firstSuggestion = d.decidedBy === 'rule' ? d.lead : d.suggestions[0]?.department
    if (firstSuggestion && c.lead.includes(firstSuggestion)) suggestionTop1++
    const three = [...(d.decidedBy === 'rule' && d.lead ? [d.lead] : []), ...d.suggestions.slice(0, 3).map((s) => s.department)]
    if (three.some((x) => c.lead.includes(x))) top3++
    if (!ok) {
      const key = `${c.lead[0]}\u0000${printed}`
      confusion.set(key, (confusion.get(key) ?? 0) + 1)
    }
    if (c.co && c.co.length) {
      coLabelled++
      const involved = new Set([printed, ...d.co])
      if (c.co.every((x) => involved.has(x))) coFound++
    } else if (d.co.length) coSpurious++
  }
  const total = cases.length
  return {
    total,
    correct,
    accuracy: total ? correct / total : 0,
    suggestionTop1,
    top3,
    triaged,
    routedCorrect,
    coLabelled,
    coFound,
    coSpurious,
    confusion: [...confusion.entries()]
      .map(([k, count]) => {
        const [expected, got] = k.split('\u0000')
        return { expected, got, count }
      })
      .sort((a, b) => b.count - a.count || (a.expected + a.got < b.expected + b.got ? -1 : 1))
  }
}
