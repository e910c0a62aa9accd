import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import {
  DEFAULT_RULES,
  decisionLine,
  departmentName,
  evaluate,
  fnv1a,
  parseModelJson,
  parseRouteLine,
  parseTrainingLine,
  routeProblem,
  trainRouter,
  validateRule,
  type EvalCase,
  type LabelledExample,
  type RouteOptions,
  type RouterModel,
  type RoutingRule
} from '../../core/routing'

/**
 * `npm run route -- --jsonl FILE`: one JSON decision per input line, in order.
 * `npm run route:eval -- --jsonl FILE` (this file with --eval): top-1 accuracy against the lines' "lead".
 *
 * Options: --model FILE (default data/routing/model.json; without it the starter set is trained in
 * memory), --rules FILE (a JSON array of {phrase, department, priority}, added to the shipped rules),
 * --no-default-rules, --threshold N, and for --eval: --misses (list the wrong ones), --json (report as JSON).
 * Without --jsonl, lines are read from standard input.
 */

export const STARTER = 'data/routing/starter.jsonl'
export const MODEL = 'data/routing/model.json'

interface Args {
  jsonl: string | null
  eval: boolean
  model: string
  rules: string | null
  defaultRules: boolean
  threshold: number | undefined
  misses: boolean
  json: boolean
}

function parseArgs(argv: readonly string[]): Args {
  const a: Args = { jsonl: null, eval: false, model: MODEL, rules: null, defaultRules: true, threshold: undefined, misses: false, json: false }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const next = (): string => {
      const v = argv[++i]
      if (v === undefined) fail(`${arg} 后面缺少参数`)
      return v
    }
    if (arg === '--jsonl') a.jsonl = next()
    else if (arg === '--eval') a.eval = true
    else if (arg === '--model') a.model = next()
    else if (arg === '--rules') a.rules = next()
    else if (arg === '--no-default-rules') a.defaultRules = false
    else if (arg === '--threshold') {
      const t = Number(next())
      if (!(t >= 0 && t <= 1)) fail('--threshold 应在 0 到 1 之间')
      a.threshold = t
    } else if (arg === '--misses') a.misses = true
    else if (arg === '--json') a.json = true
    else fail(`未知参数 ${arg}`)
  }
  return a
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

/** The model of data/routing/model.json, or one trained now from the starter set. */
export function loadRouter(modelPath: string = MODEL, starterPath: string = STARTER): RouterModel {
  const starterText = fs.existsSync(starterPath) ? fs.readFileSync(starterPath, 'utf8') : null
  if (fs.existsSync(modelPath)) {
    let json: unknown
    try {
      json = JSON.parse(fs.readFileSync(modelPath, 'utf8'))
    } catch {
      fail(`${modelPath} 不是合法的 JSON，请重新运行 npm run route:train`)
    }
    const parsed = parseModelJson(json)
    if (!parsed.ok) fail(`${modelPath}：${parsed.error}，请重新运行 npm run route:train`)
    const hash = parsed.model.json.trainedOn?.starterHash
    if (starterText !== null && hash !== undefined && hash !== fnv1a(starterText).toString(16)) {
      process.stderr.write(`提示：${modelPath} 不是用当前的 ${starterPath} 训练的，请运行 npm run route:train\n`)
    }
    return parsed.model
  }
  if (starterText === null) fail(`既没有 ${modelPath} 也没有 ${starterPath}，无法派单`)
  process.stderr.write(`提示：没有 ${modelPath}，用 ${starterPath} 临时训练（npm run route:train 可生成）\n`)
  const { problems, terms } = readExamples(starterText, starterPath)
  return trainRouter([...terms, ...problems])
}

/** Labelled examples of a training file: problems, and the always-trained glossary and neutral phrases (`terms`); bad lines are reported on stderr and skipped. */
export function readExamples(text: string, name: string): { problems: LabelledExample[]; terms: LabelledExample[] } {
  const problems: LabelledExample[] = []
  const terms: LabelledExample[] = []
  splitLines(text).forEach((line, i) => {
    if (!line.trim()) return
    const p = parseTrainingLine(line)
    if (p.ok) (p.value.kind === 'problem' ? problems : terms).push(...p.value.examples)
    else process.stderr.write(`${name} 第 ${i + 1} 行：${p.error}，已跳过\n`)
  })
  return { problems, terms }
}

/** Lines of a file; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/)
  if (lines.length && lines[lines.length - 1] === '') lines.pop()
  return lines
}

function loadRules(a: Args): RoutingRule[] {
  const rules: RoutingRule[] = a.defaultRules ? [...DEFAULT_RULES] : []
  if (!a.rules) return rules
  let list: unknown
  try {
    list = JSON.parse(fs.readFileSync(a.rules, 'utf8'))
  } catch {
    fail(`${a.rules} 不是合法的 JSON`)
  }
  if (!Array.isArray(list)) fail(`${a.rules} 应为规则数组`)
  list.forEach((r, i) => {
    const errors = validateRule(r)
    if (errors.length) fail(`${a.rules} 第 ${i + 1} 条规则：${errors.join('，')}`)
    rules.push(r as RoutingRule)
  })
  return rules
}

async function* inputLines(file: string | null): AsyncGenerator<string> {
  if (file && !fs.existsSync(file)) fail(`找不到文件 ${file}`)
  const input = file ? fs.createReadStream(file, { encoding: 'utf8' }) : process.stdin
  const rl = readline.createInterface({ input, crlfDelay: Infinity })
  for await (const line of rl) yield line
}

async function main(): Promise<void> {
  const a = parseArgs(process.argv.slice(2))
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0)
    throw e
  })
  const model = loadRouter(a.model)
  const options: RouteOptions = { rules: loadRules(a), threshold: a.threshold }
  const cases: EvalCase[] = []
  const misses: string[] = []
  let bad = 0
  let n = 0
  for await (const line of inputLines(a.jsonl)) {
    n++
    let out: string
    try {
      const parsed = parseRouteLine(line, a.eval)
      if (!parsed.ok) {
        bad++
        out = JSON.stringify({ error: parsed.error })
      } else {
        const decision = routeProblem(model, parsed.value.input, options)
        out = decisionLine(decision)
        if (a.eval && parsed.value.lead) {
          cases.push({ lead: parsed.value.lead, co: parsed.value.co, decision })
          const printed = decision.lead ?? 'dispatch'
          if (!parsed.value.lead.includes(printed)) {
            const i = parsed.value.input
            const text = [i.title, i.content, i.text].filter(Boolean).join(' / ')
            misses.push(`第 ${n} 行 应为 ${parsed.value.lead.join('|')}，得 ${printed}${decision.triage ? '（转人工）' : ''} ${decision.confidence}：${text}\n    ${decision.reason}`)
          }
        }
      }
    } catch (e) {
      bad++
      out = JSON.stringify({ error: `内部错误：${e instanceof Error ? e.message : String(e)}` })
    }
    if (!a.eval) process.stdout.write(`${out}\n`)
  }
  if (!a.eval) return
  const r = evaluate(cases)
  if (a.json) {
    process.stdout.write(`${JSON.stringify({ ...r, badLines: bad })}\n`)
    return
  }
  const pct = (x: number, of: number) => `${of ? ((100 * x) / of).toFixed(1) : '0.0'}%（${x}/${of}）`
  const lines = [
    `top-1 准确率 ${pct(r.correct, r.total)}`,
    `  模型首选（不计阈值）${pct(r.suggestionTop1, r.total)}，前三候选含正确部门 ${pct(r.top3, r.total)}`,
    `  转人工 ${r.triaged} 条；自动派出的 ${r.total - r.triaged} 条中正确 ${pct(r.routedCorrect, r.total - r.triaged)}`,
    `  会办：标注会办的 ${r.coLabelled} 条中识别全 ${r.coFound} 条；未标注会办却给出会办 ${r.coSpurious} 条`,
    bad ? `  无法解析的行 ${bad} 条（不计入）` : '',
    r.confusion.length ? `  错派（应为→得）：${r.confusion.map((c) => `${departmentName(c.expected)}→${departmentName(c.got)}×${c.count}`).join('，')}` : ''
  ].filter(Boolean)
  process.stdout.write(`${lines.join('\n')}\n`)
  if (a.misses && misses.length) process.stdout.write(`\n${misses.join('\n')}\n`)
}

if (path.basename(process.argv[1] ?? '').startsWith('route.')) {
  main().catch((e) => {
    process.stderr.write(`派单失败：${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(1)
  })
}
