import {
  CATEGORY_HINTS,
  DEFAULT_CHAIN_LEADS,
  TOWNS,
  TOWN_CLASS,
  chainName,
  classOfDepartment,
  departmentName,
  findCategory,
  findChain,
  findTown,
  isDepartmentId,
  townDepartment,
  type TownId
} from './departments'
import { categoryLabel } from '@contract'
import { decisiveGrams, decisiveKeywords, evidence, scoreText, softmax, type RouterModel } from './model'
import { DEFAULT_RULES, describeRule, matchRules, type RoutingRule } from './rules'
import { clauses, townsMentioned } from './text'

export interface RouteInput {
  title?: string | null
  content?: string | null
  /** Used when a problem comes as one text (hotline notes, imports). */
  text?: string | null
  /** A category id or label of types/categories.ts. */
  category?: string | null
  /** A chain id or name; its lead department is a prior. */
  chain?: string | null
  /** A town id or name; local matters go to its office. */
  town?: string | null
}

export interface RouteOptions {
  /** Dispatcher's rules; default DEFAULT_RULES (pass [] for none, or [...DEFAULT_RULES, ...own]). */
  rules?: readonly RoutingRule[]
  /** Chain id → lead department id; default the seeded chains. */
  chainLeads?: Readonly<Record<string, string>>
  /** Below this confidence the problem goes to the dispatcher's triage queue. Default 0.4. */
  threshold?: number
  /** Added to the logit of the category's department(s). Default 2. */
  categoryPrior?: number
  /** Added to the logit of the chain's lead department. Default 1.5. */
  chainPrior?: number
  /** A clause must point to another department with at least this probability to add it as co-handler. Default 0.8. */
  coThreshold?: number
  /** …and the whole text, before calibration sharpens it (temperature 1), must give that department at least this probability. Default 0.15. */
  coSupport?: number
  /** …and the clause must name that department's matter this clearly (see model.evidence). Default 1. */
  coEvidence?: number
  /** Below this evidence (see model.evidence) the text is taken to name no matter, and is triaged. Default 0.5. */
  minEvidence?: number
  /** At most this many co-handlers. Default 2. */
  maxCo?: number
}

export interface Suggestion {
  department: string
  confidence: number
}

export interface RouteDecision {
  /** Lead department, or null: the problem waits in the dispatcher's triage queue. */
  lead: string | null
  /** Co-handling (会办/协办) departments, strongest first; never contains the lead. */
  co: string[]
  /** 0…1: the model's calibrated probability of the lead (0.95 or more when a rule decided). */
  confidence: number
  triage: boolean
  decidedBy: 'rule' | 'model' | 'none'
  /** Why, in Chinese: which rule or which words decided. */
  reason: string
  /** Best departments by the model, for the dispatcher (also when not triaged). */
  suggestions: Suggestion[]
}

export const DEFAULT_THRESHOLD = 0.4
const RULE_CONFIDENCE = 0.95
const SUGGESTION_MIN = 0.05

const fmt = (p: number): string => p.toFixed(2)

/** Route one problem. Pure and deterministic; never throws for any strings. */
export function routeProblem(model: RouterModel, input: RouteInput, options: RouteOptions = {}): RouteDecision {
  const rules = options.rules ?? DEFAULT_RULES
  const chainLeads = options.chainLeads ?? DEFAULT_CHAIN_LEADS
  const threshold = clamp01(options.threshold ?? DEFAULT_THRESHOLD)
  const categoryPrior = finiteOr(options.categoryPrior, 2)
  const chainPrior = finiteOr(options.chainPrior, 1.5)
  const coThreshold = finiteOr(options.coThreshold, 0.8)
  const coSupport = finiteOr(options.coSupport, 0.15)
  const coEvidence = finiteOr(options.coEvidence, 1)
  const maxCo = Math.max(0, Math.floor(finiteOr(options.maxCo, 2)))
  const minEvidence = finiteOr(options.minEvidence, 0.5)

  const text = [input.title, input.content, input.text].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join('\n')
  const notes: string[] = []
  const category = str(input.category) ? findCategory(str(input.category)) : null
  if (str(input.category) && !category) notes.push(`未识别的类别“${clip(str(input.category))}”已忽略`)
  const chain = str(input.chain) ? findChain(str(input.chain)) : null
  if (str(input.chain) && !chain) notes.push(`未识别的产业链“${clip(str(input.chain))}”已忽略`)
  const chainLead = chain && isDepartmentId(chainLeads[chain]) ? chainLeads[chain] : null
  const givenTown = str(input.town) ? findTown(str(input.town)) : null
  if (str(input.town) && !givenTown) notes.push(`未识别的镇街“${clip(str(input.town))}”已忽略`)
  const mentioned = townsMentioned(text)
  const town: TownId | null = givenTown ?? mentioned[0] ?? null
  const townSource = givenTown ? '企业所在镇街' : '文中提到的镇街'

  const classes = model.classes
  const resolve = (cls: string): string | null => (cls === TOWN_CLASS ? (town ? townDepartment(town) : null) : isDepartmentId(cls) ? cls : null)

  // the model, then the priors of category and chain
  const scores = scoreText(model, text)
  const raw = softmax(scores.logits)
  const logits = Float64Array.from(scores.logits)
  const hinted = new Set<string>()
  if (category) {
    for (const h of CATEGORY_HINTS[category]) hinted.add(h === 'chain' ? chainLead ?? 'economy' : h)
    for (const h of hinted) {
      const i = classes.indexOf(h)
      if (i >= 0) logits[i] += categoryPrior
    }
  }
  if (chainLead) {
    const i = classes.indexOf(chainLead)
    if (i >= 0) logits[i] += chainPrior
  }
  const probs = softmax(logits)
  // without a town, local matters cannot be placed: the other departments share the probability
  const townIndex = classes.indexOf(TOWN_CLASS)
  const townP = townIndex >= 0 ? probs[townIndex] : 0
  if (!town && townIndex >= 0 && townP < 1) {
    for (let i = 0; i < probs.length; i++) probs[i] = i === townIndex ? 0 : probs[i] / (1 - townP)
  }
  if (!town && townIndex >= 0) raw[townIndex] = 0
  const rawTop = argmax(raw)
  const ranked = classes.map((c, i) => ({ c, i, p: probs[i] })).sort((a, b) => b.p - a.p || a.i - b.i)

  // suggestions need something to go on: words the model knows, or a category or chain
  const suggestions: Suggestion[] = []
  if (scores.known.length || hinted.size || chainLead) {
    for (const r of ranked) {
      const d = resolve(r.c)
      if (!d || suggestions.length >= 3) continue
      if (suggestions.length && r.p < SUGGESTION_MIN) break
      suggestions.push({ department: d, confidence: round3(r.p) })
    }
  }

  // explicit rules first
  const matches = matchRules(rules, text)
  const ruleDepts: { dept: string; rule: RoutingRule }[] = []
  for (const m of matches) {
    const d = m.rule.department === TOWN_CLASS ? (town ? townDepartment(town) : null) : m.rule.department
    if (d && !ruleDepts.some((x) => x.dept === d)) ruleDepts.push({ dept: d, rule: m.rule })
  }

  const tail = notes.length ? `（${notes.join('；')}）` : ''
  if (ruleDepts.length) {
    const { dept, rule } = ruleDepts[0]
    const cls = classOfDepartment(dept)
    const p = cls ? probs[classes.indexOf(cls)] ?? 0 : 0
    const co = collectCo(model, text, dept, ruleDepts.slice(1).map((x) => x.dept), softer(probs, model.params.temperature), resolve, { coThreshold, coSupport, coEvidence }, maxCo)
    const parts = [`命中${describeRule(rule)}`]
    if (co.length) parts.push(coReason(co))
    return {
      lead: dept,
      co: co.map((c) => c.dept),
      confidence: round3(Math.max(RULE_CONFIDENCE, p)),
      triage: false,
      decidedBy: 'rule',
      reason: parts.join('；') + tail,
      suggestions
    }
  }

  if (!scores.known.length) {
    const why = text.trim() ? '文字中没有可识别的事项' : '没有可分析的文字'
    const hint = suggestions.length && (category || chainLead) ? `；按类别/产业链建议：${listSuggestions(suggestions)}` : ''
    return triage(`${why}，转调度中心人工分派${hint}${tail}`, suggestions, ranked[0]?.p ?? 0)
  }

  const top = ranked[0]
  const lead = resolve(top.c)
  const confidence = round3(top.p)
  if (!town && townP >= 0.5) notes.push(`疑为镇街属地事项 ${fmt(townP)}，但不知企业所在镇街`)
  const tail2 = notes.length ? `（${notes.join('；')}）` : ''
  if (!lead) {
    return triage(`判断为镇街属地事项（置信度 ${fmt(top.p)}），但不知企业所在镇街，转调度中心分派${tail}`, suggestions, confidence)
  }
  if (evidence(model, scores.known, top.i) < minEvidence) {
    return triage(`文字中没有明确指向某个部门的事项，转调度中心人工分派；建议：${listSuggestions(suggestions)}${tail2}`, suggestions, confidence)
  }
  if (top.p < threshold) {
    return triage(`置信度 ${fmt(top.p)} 低于阈值 ${fmt(threshold)}，转调度中心人工分派；建议：${listSuggestions(suggestions)}${tail2}`, suggestions, confidence)
  }

  const second = ranked[1]
  const versus = second ? second.i : -1
  const keywords = decisiveKeywords(model, text, top.i, versus)
  const words = keywords.length ? keywords : decisiveGrams(model, scores.known, top.i, versus)
  const parts = [
    words.length
      ? `文中“${words.join('”“')}”等内容指向${departmentName(lead)}（置信度 ${fmt(top.p)}）`
      : `综合全文判断为${departmentName(lead)}的事项（置信度 ${fmt(top.p)}）`
  ]
  if (category && hinted.has(top.c)) parts.push(`类别“${categoryLabel(category)}”亦归其主管`)
  if (chainLead === top.c && chain) parts.push(`所属${chainName(chain)}产业链由${departmentName(chainLead)}牵头`)
  if (rawTop !== top.i) parts.push(`文字本身更接近${departmentName(resolve(classes[rawTop]) ?? classes[rawTop])}，按类别/产业链定为${departmentName(lead)}`)
  if (top.c === TOWN_CLASS && town) parts.push(`属地事项，派${townSource}${TOWNS.find((t) => t.id === town)?.name ?? ''}`)
  const co = collectCo(model, text, lead, [], softer(probs, model.params.temperature), resolve, { coThreshold, coSupport, coEvidence }, maxCo)
  if (co.length) parts.push(coReason(co))
  return { lead, co: co.map((c) => c.dept), confidence, triage: false, decidedBy: 'model', reason: parts.join('；') + tail2, suggestions }
}

function triage(reason: string, suggestions: Suggestion[], confidence: number): RouteDecision {
  return { lead: null, co: [], confidence: round3(clamp01(confidence)), triage: true, decidedBy: 'none', reason, suggestions }
}

interface CoHandler {
  dept: string
  words: string[]
}

/**
 * Co-handlers: departments of other matched rules, then departments that a clause of the text
 * (split at sentence ends and at 另外/同时/还有…) points to strongly, while the whole text gives
 * them at least a little weight.
 */
function collectCo(
  model: RouterModel,
  text: string,
  lead: string,
  fromRules: readonly string[],
  docProbs: Float64Array,
  resolve: (cls: string) => string | null,
  limits: { coThreshold: number; coSupport: number; coEvidence: number },
  maxCo: number
): CoHandler[] {
  const { coThreshold, coSupport, coEvidence } = limits
  const out: CoHandler[] = fromRules.filter((d) => d !== lead).map((dept) => ({ dept, words: [] }))
  const leadClass = classOfDepartment(lead)
  const parts = clauses(text)
  if (parts.length >= 2) {
    const found: { dept: string; p: number; words: string[] }[] = []
    for (const part of parts) {
      const s = scoreText(model, part)
      if (s.known.length < 6) continue
      const p = softmax(s.logits)
      const c = argmax(p)
      const cls = model.classes[c]
      if (cls === leadClass || p[c] < coThreshold || docProbs[c] < coSupport || evidence(model, s.known, c) < coEvidence) continue
      const dept = resolve(cls)
      if (!dept || dept === lead) continue
      const prev = found.find((f) => f.dept === dept)
      const lc = leadClass ? model.classes.indexOf(leadClass) : -1
      const kw = decisiveKeywords(model, part, c, lc, 2)
      const words = kw.length ? kw : decisiveGrams(model, s.known, c, lc, 2)
      if (prev) {
        if (p[c] > prev.p) Object.assign(prev, { p: p[c], words })
      } else found.push({ dept, p: p[c], words })
    }
    found.sort((a, b) => b.p - a.p || (a.dept < b.dept ? -1 : 1))
    for (const f of found) if (!out.some((o) => o.dept === f.dept)) out.push({ dept: f.dept, words: f.words })
  }
  return out.slice(0, maxCo)
}

/** Probabilities at temperature 1 (p^T, renormalised): how much the text as a whole leans to each department, before calibration sharpens it. */
function softer(probs: Float64Array, temperature: number): Float64Array {
  const out = Float64Array.from(probs, (p) => Math.pow(p, temperature))
  const sum = out.reduce((a, b) => a + b, 0)
  return sum > 0 ? out.map((p) => p / sum) : out
}

function coReason(co: readonly CoHandler[]): string {
  return co
    .map((c) => (c.words.length ? `另涉及“${c.words.join('”“')}”，请${departmentName(c.dept)}会办` : `另请${departmentName(c.dept)}会办`))
    .join('；')
}

function listSuggestions(s: readonly Suggestion[]): string {
  return s.length ? s.map((x) => `${departmentName(x.department)} ${fmt(x.confidence)}`).join('、') : '无'
}

function argmax(a: ArrayLike<number>): number {
  let b = 0
  for (let i = 1; i < a.length; i++) if (a[i] > a[b]) b = i
  return b
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')
const clip = (s: string): string => {
  const chars = Array.from(s)
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : s
}
const round3 = (v: number): number => Math.round(clamp01(v) * 1000) / 1000
function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0
}
function finiteOr(v: number | undefined, d: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : d
}
