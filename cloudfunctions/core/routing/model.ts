import { ROUTING_CLASSES, classOfDepartment } from './departments'
import { gramLength, ngrams, normalizeText } from './text'

/**
 * The learned part of routing: a multinomial logistic regression (softmax) over the distinct
 * character 1–3-grams of a problem's title and content. Each text is one vector whose present
 * grams weigh 1/√(number of grams) (single characters half that, digits nothing), so long and
 * short texts are on one scale. Training is plain stochastic gradient descent in a fixed,
 * hash-determined order: the same examples always give the same model, byte for byte. (Naive Bayes
 * on the same grams was tried and cross-validated about 4 points lower: it cannot learn that
 * 有没有/怎么/补贴 say nothing about the department.)
 */

export interface LabelledExample {
  /** Title and content, or just the text. */
  text: string
  /** A department id; every `town_*` counts as the one class of local (属地) matters. */
  department: string
  /** How much the example counts (default 1, at most 5); an accepted 退单/转办 is worth more than a starter line. */
  weight?: number
  /** A glossary term (社保, 排污许可) rather than a problem: also kept as a word reasons may quote. */
  term?: boolean
}

export interface ModelParams {
  /** Longest gram. */
  maxN: number
  /** Passes over the examples. */
  epochs: number
  /** Step size of the first pass; pass e uses learningRate / (1 + decay·e). */
  learningRate: number
  decay: number
  /** L2 penalty. */
  l2: number
  /** Logits are divided by this before the softmax (fitted by cross-validation, see fitTemperature). */
  temperature: number
  /** Weights smaller than this are not stored (keeps model.json small; negligible effect). */
  minWeight: number
  /** Value of a single-character gram relative to longer grams (0 drops them): one character says little. */
  unigramValue: number
}

export const DEFAULT_PARAMS: ModelParams = {
  maxN: 3,
  epochs: 30,
  learningRate: 1,
  decay: 0.2,
  l2: 0.001,
  temperature: 0.3,
  minWeight: 0.1,
  unigramValue: 0.5
}

export const MODEL_FORMAT = 'lianshangtong-router/1'

/** The stored model: plain JSON. */
export interface RouterModelJson {
  format: typeof MODEL_FORMAT
  classes: string[]
  params: ModelParams
  bias: number[]
  /** Gram → [class index, weight, class index, weight, …], weights with |w| ≥ minWeight only. */
  weights: Record<string, number[]>
  /** Glossary terms per class, for reasons that quote words rather than character grams. */
  keywords?: Record<string, string[]>
  /** Provenance (how many examples from where); not used for routing. */
  trainedOn?: Record<string, number | string>
}

/** A model ready to score. */
export interface RouterModel {
  readonly classes: readonly string[]
  readonly params: ModelParams
  readonly json: RouterModelJson
  readonly bias: Float64Array
  /** Gram → weight per class, dense. */
  readonly table: ReadonlyMap<string, Float64Array>
  /** Glossary terms per class index. */
  readonly keywords: readonly (readonly string[])[]
}

export interface ModelScores {
  /** Calibrated logits (temperature applied, no prior), one per class. */
  logits: Float64Array
  /** The grams of the text that the model has weights for. */
  known: string[]
}

/** The department of examples that say nothing about any department (greetings, filler): trained towards a uniform guess. */
export const NEUTRAL = 'neutral'

interface Prepared {
  grams: string[]
  /** Feature value of each gram. */
  values: Float64Array
  /** Class index, or -1 for a neutral example. */
  y: number
  w: number
  key: string
}

function prepare(examples: readonly LabelledExample[], maxN: number, unigramValue: number, classes: readonly string[]): Prepared[] {
  const index = new Map(classes.map((c, i) => [c, i]))
  const out: Prepared[] = []
  for (const ex of examples) {
    const cls = ex.department === NEUTRAL ? NEUTRAL : classOfDepartment(ex.department)
    const y = cls === NEUTRAL ? -1 : cls === null ? undefined : index.get(cls)
    if (y === undefined || typeof ex.text !== 'string') continue
    const grams = ngrams(ex.text, maxN)
    if (!grams.length) continue
    const values = gramValues(grams, unigramValue)
    const w = ex.weight !== undefined && Number.isFinite(ex.weight) && ex.weight > 0 ? Math.min(ex.weight, 5) : 1
    out.push({ grams, values, y, w, key: `${ex.text}\u0000${y < 0 ? NEUTRAL : classes[y]}` })
  }
  // a fixed order that interleaves the departments, whatever order the examples came in
  return out
    .map((p) => ({ p, h: fnv1a(p.key) }))
    .sort((a, b) => a.h - b.h || (a.p.key < b.p.key ? -1 : a.p.key > b.p.key ? 1 : a.p.w - b.p.w))
    .map((x) => x.p)
}

/**
 * Feature values of a text's grams: 1/√n each (n = number of grams), single characters scaled by
 * unigramValue, and grams of digits alone (amounts, dates) worth nothing.
 */
export function gramValues(grams: readonly string[], unigramValue: number): Float64Array {
  const norm = 1 / Math.sqrt(grams.length)
  return Float64Array.from(grams, (g) => (/^0+$/.test(g) ? 0 : gramLength(g) === 1 ? unigramValue * norm : norm))
}

/** FNV-1a, 32 bits: for ordering and fingerprints, not security. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

/** Train. Examples whose department is not a routing class are skipped, never guessed. */
export function trainRouter(examples: readonly LabelledExample[], params: Partial<ModelParams> = {}, trainedOn?: Record<string, number | string>): RouterModel {
  const p: ModelParams = { ...DEFAULT_PARAMS, ...params }
  const classes = [...ROUTING_CLASSES]
  const k = classes.length
  const data = prepare(examples, p.maxN, p.unigramValue ?? 1, classes)
  const keywordSets = classes.map(() => new Set<string>())
  for (const ex of examples) {
    const cls = ex.term ? classOfDepartment(ex.department) : null
    const ci = cls === null ? -1 : classes.indexOf(cls)
    if (ci >= 0 && typeof ex.text === 'string' && ex.text.trim()) keywordSets[ci].add(normalizeText(ex.text.trim()))
  }
  const keywords: Record<string, string[]> = {}
  classes.forEach((c, i) => {
    if (keywordSets[i].size) keywords[c] = [...keywordSets[i]].sort()
  })
  const W = new Map<string, Float64Array>()
  const bias = new Float64Array(k)
  const z = new Float64Array(k)
  for (let epoch = 0; epoch < p.epochs; epoch++) {
    const lr = p.learningRate / (1 + p.decay * epoch)
    for (const ex of data) {
      const rows: Float64Array[] = []
      for (let c = 0; c < k; c++) z[c] = bias[c]
      ex.grams.forEach((g, j) => {
        let row = W.get(g)
        if (!row) {
          row = new Float64Array(k)
          W.set(g, row)
        }
        rows.push(row)
        const v = ex.values[j]
        if (v) for (let c = 0; c < k; c++) z[c] += row[c] * v
      })
      const prob = softmax(z)
      if (ex.y >= 0) prob[ex.y] -= 1
      else for (let c = 0; c < k; c++) prob[c] -= 1 / k
      const step = lr * ex.w
      rows.forEach((row, j) => {
        const v = ex.values[j]
        for (let c = 0; c < k; c++) row[c] -= step * prob[c] * v + lr * p.l2 * row[c]
      })
      for (let c = 0; c < k; c++) bias[c] -= step * prob[c] * 0.1
    }
  }
  const weights: Record<string, number[]> = {}
  for (const g of [...W.keys()].sort()) {
    const row = W.get(g) as Float64Array
    const sparse: number[] = []
    row.forEach((v, c) => {
      if (Math.abs(v) >= p.minWeight) sparse.push(c, round(v))
    })
    if (sparse.length) weights[g] = sparse
  }
  const json: RouterModelJson = {
    format: MODEL_FORMAT,
    classes,
    params: p,
    bias: Array.from(bias, round),
    weights,
    ...(Object.keys(keywords).length ? { keywords } : {}),
    ...(trainedOn ? { trainedOn } : {})
  }
  return compileModel(json)
}

const round = (v: number): number => Math.round(v * 100) / 100

/** Turn stored JSON into lookup tables. */
export function compileModel(json: RouterModelJson): RouterModel {
  const k = json.classes.length
  const table = new Map<string, Float64Array>()
  for (const g of Object.keys(json.weights)) {
    const sparse = json.weights[g]
    const row = new Float64Array(k)
    for (let i = 0; i + 1 < sparse.length; i += 2) row[sparse[i]] = sparse[i + 1]
    table.set(g, row)
  }
  const keywords = json.classes.map((c) => (json.keywords && Array.isArray(json.keywords[c]) ? json.keywords[c].filter((w) => typeof w === 'string' && w) : []))
  return { classes: json.classes, params: json.params, json, bias: Float64Array.from(json.bias), table, keywords }
}

/** Calibrated logits of every class for a text (no known grams → all zero, i.e. no opinion). */
export function scoreText(model: RouterModel, text: string, temperature = model.params.temperature): ModelScores {
  const k = model.classes.length
  const logits = new Float64Array(k)
  const grams = ngrams(text, model.params.maxN)
  const values = gramValues(grams, model.params.unigramValue ?? 1)
  const known: string[] = []
  grams.forEach((g, j) => {
    const row = model.table.get(g)
    if (!row || !values[j]) return
    known.push(g)
    for (let c = 0; c < k; c++) logits[c] += row[c] * values[j]
  })
  if (!known.length) return { logits, known }
  for (let c = 0; c < k; c++) logits[c] = (logits[c] + model.bias[c]) / temperature
  return { logits, known }
}

/** Softmax, stable. */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i])
  const out = new Float64Array(logits.length)
  let sum = 0
  for (let i = 0; i < logits.length; i++) {
    out[i] = Math.exp(logits[i] - max)
    sum += out[i]
  }
  for (let i = 0; i < out.length; i++) out[i] /= sum
  return out
}

/**
 * The grams that most separate class a from class b in this text: words (2+ characters) first,
 * strongest first, without grams that overlap one already chosen (补缴社保 makes 社保 redundant).
 */
export function decisiveGrams(model: RouterModel, known: readonly string[], a: number, b: number, limit = 3): string[] {
  const scored = known
    .map((g) => {
      const row = model.table.get(g) as Float64Array
      return { g, d: row[a] - (b >= 0 ? row[b] : 0), n: gramLength(g) }
    })
    .filter((x) => x.d > 0.05)
    .sort((x, y) => Number(y.n >= 2) - Number(x.n >= 2) || y.d - x.d || y.n - x.n || (x.g < y.g ? -1 : x.g > y.g ? 1 : 0))
  const chosen: string[] = []
  for (const s of scored) {
    if (chosen.length >= limit) break
    if (chosen.some((c) => c.includes(s.g) || s.g.includes(c) || overlaps(c, s.g))) continue
    chosen.push(s.g)
  }
  return chosen
}

/**
 * How clearly the text names a matter of class c: the largest weight, above the mean of all
 * classes, of any known gram of two or more units. Real problems score ≥ 0.5 (99% of the starter
 * set under cross-validation); greetings and chatter (你好, 今天天气不错) score below.
 */
export function evidence(model: RouterModel, known: readonly string[], c: number): number {
  let best = 0
  for (const g of known) {
    if (gramLength(g) < 2) continue
    const row = model.table.get(g)
    if (!row) continue
    let mean = 0
    for (let i = 0; i < row.length; i++) mean += row[i] / row.length
    best = Math.max(best, row[c] - mean)
  }
  return best
}

/**
 * Glossary words of class a found in the text, by how much they favour a over b; longer words win
 * over words they contain (工伤认定 over 工伤). Empty when none of the class's words occur.
 */
export function decisiveKeywords(model: RouterModel, text: string, a: number, b: number, limit = 3): string[] {
  const t = normalizeText(text)
  const found = (model.keywords[a] ?? [])
    .filter((w) => t.includes(w))
    .map((w) => {
      let d = 0
      for (const g of ngrams(w, model.params.maxN)) {
        const row = model.table.get(g)
        if (row) d += row[a] - (b >= 0 ? row[b] : 0)
      }
      return { w, d }
    })
    .filter((x) => x.d > 0)
    .sort((x, y) => y.w.length - x.w.length || y.d - x.d || (x.w < y.w ? -1 : 1))
  const chosen: { w: string; d: number }[] = []
  for (const f of found) if (!chosen.some((c) => c.w.includes(f.w))) chosen.push(f)
  return chosen
    .sort((x, y) => y.d - x.d || (x.w < y.w ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.w)
}

/** 缴社 and 社保 overlap (one's end is the other's start), so only one of them is worth showing. */
function overlaps(a: string, b: string): boolean {
  for (let n = 1; n < Math.min(a.length, b.length); n++) {
    if (a.endsWith(b.slice(0, n)) || b.endsWith(a.slice(0, n))) return true
  }
  return false
}

/** Out-of-fold logits at temperature 1, for calibration and accuracy estimates. Folds: i mod k. */
export function crossValidate(examples: readonly LabelledExample[], folds: number, params: Partial<ModelParams> = {}, alwaysTrain: readonly LabelledExample[] = []): { example: LabelledExample; logits: Float64Array; classes: readonly string[] }[] {
  const out: { example: LabelledExample; logits: Float64Array; classes: readonly string[] }[] = []
  for (let f = 0; f < folds; f++) {
    const train = [...alwaysTrain, ...examples.filter((_, i) => i % folds !== f)]
    const model = trainRouter(train, { ...params, temperature: 1 })
    examples.forEach((example, i) => {
      if (i % folds === f) out.push({ example, logits: scoreText(model, example.text, 1).logits, classes: model.classes })
    })
  }
  return out
}

/** The temperature that minimises the log-loss of out-of-fold logits (grid search, deterministic). */
export function fitTemperature(oof: readonly { example: LabelledExample; logits: Float64Array; classes: readonly string[] }[]): number {
  let best = 1
  let bestLoss = Infinity
  for (let t = 0.1; t <= 3.0001; t += 0.05) {
    let loss = 0
    for (const o of oof) {
      const y = o.classes.indexOf(classOfDepartment(o.example.department) ?? '')
      if (y < 0) continue
      const scaled = Array.from(o.logits, (v) => v / t)
      loss -= Math.log(Math.max(softmax(scaled)[y], 1e-12))
    }
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss
      best = Math.round(t * 100) / 100
    }
  }
  return best
}

/** Check a parsed JSON value before compiling it; the error is in Chinese for the person running it. */
export function parseModelJson(value: unknown): { ok: true; model: RouterModel } | { ok: false; error: string } {
  if (!value || typeof value !== 'object') return { ok: false, error: '模型文件不是 JSON 对象' }
  const v = value as Partial<RouterModelJson>
  if (v.format !== MODEL_FORMAT) return { ok: false, error: `模型格式不是 ${MODEL_FORMAT}` }
  if (!Array.isArray(v.classes) || !v.classes.every((c) => typeof c === 'string' && classOfDepartment(c) === c)) {
    return { ok: false, error: '模型的类别列表缺失或含未知部门' }
  }
  const k = v.classes.length
  if (!Array.isArray(v.bias) || v.bias.length !== k || !v.bias.every((b) => typeof b === 'number' && Number.isFinite(b))) {
    return { ok: false, error: '模型的偏置项与类别数不符' }
  }
  const p = v.params
  if (!p || !Number.isInteger(p.maxN) || p.maxN < 1 || p.maxN > 6 || typeof p.temperature !== 'number' || !(p.temperature > 0)) {
    return { ok: false, error: '模型参数不完整' }
  }
  if (!v.weights || typeof v.weights !== 'object') return { ok: false, error: '模型缺少权重表' }
  for (const sparse of Object.values(v.weights)) {
    if (!Array.isArray(sparse) || sparse.length % 2 !== 0) return { ok: false, error: '模型权重表格式有误' }
    for (let i = 0; i < sparse.length; i += 2) {
      if (!Number.isInteger(sparse[i]) || sparse[i] < 0 || sparse[i] >= k || typeof sparse[i + 1] !== 'number' || !Number.isFinite(sparse[i + 1])) {
        return { ok: false, error: '模型权重表格式有误' }
      }
    }
  }
  return { ok: true, model: compileModel(v as RouterModelJson) }
}
