import fs from 'node:fs'
import path from 'node:path'
import { starterExamples } from '../../cloudfunctions/app/retrain'
import {
  DEFAULT_CHAIN_LEADS,
  DEFAULT_RULES,
  evaluate,
  fnv1a,
  parseModelJson,
  parseRouteLine,
  routeProblem,
  trainRouter,
  type RouteInput,
  type RouteLine,
  type RouterModel
} from '../../cloudfunctions/core/routing'
import { ngrams } from '../../cloudfunctions/core/routing/text'
import type { Row, Section, SectionContext } from '../lib/report-types'
import { count, ms, ratio, summarize, type Summary } from '../lib/stats'

/** The text the engine reads: title, content and text joined, as routeProblem joins them. */
const engineText = (i: RouteInput): string => [i.title, i.content, i.text].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join('\n')

/** The shipped model as the app loads it: the file's bytes parsed, then compiled into a router. */
function loadModel(file: string): RouterModel {
  const parsed = parseModelJson(JSON.parse(fs.readFileSync(file, 'utf8')))
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error}`)
  return parsed.model
}

/** Times fn `n` times after `warmup` untimed runs; synchronous work, so no promise per call. */
function timeSync(n: number, warmup: number, fn: () => unknown): number[] {
  for (let i = 0; i < warmup; i++) fn()
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    fn()
    out.push(performance.now() - t0)
  }
  return out
}

/**
 * Passes over the whole set until `minMs` has gone by, each problem timed on its own: the per-problem
 * latencies for the p99, and the rate over the passes (time spent in fn only).
 */
function throughput<T>(items: readonly T[], minMs: number, fn: (x: T) => unknown): { perSecond: number; latency: Summary; passes: number } {
  for (let w = 0; w < 2; w++) for (const x of items) fn(x)
  const samples: number[] = []
  let spent = 0
  let passes = 0
  while (spent < minMs) {
    for (const x of items) {
      const t0 = performance.now()
      fn(x)
      const dt = performance.now() - t0
      samples.push(dt)
      spent += dt
    }
    passes++
  }
  return { perSecond: (samples.length / spent) * 1000, latency: summarize(samples), passes }
}

const rate = (x: number): string => `${count(x)} problems/s`

export const routing: Section = {
  id: 'routing',
  title: 'Routing engine',
  run: async (ctx: SectionContext) => {
    const dir = path.join(ctx.root, 'data', 'routing')
    const modelFile = path.join(dir, 'model.json')
    const starterFile = path.join(dir, 'starter.jsonl')
    const evalLines = fs.readFileSync(path.join(dir, 'eval.jsonl'), 'utf8').split('\n').filter((l) => l.trim())
    const cases: RouteLine[] = evalLines.map((line, i) => {
      const parsed = parseRouteLine(line, true)
      if (!parsed.ok) throw new Error(`eval.jsonl line ${i + 1}: ${parsed.error}`)
      return parsed.value
    })
    const failures: string[] = []
    const budget = ctx.quick ? 1_000 : 4_000

    // --- load: model.json → a ready router, as the app does on its first filing
    const modelBytes = fs.statSync(modelFile).size
    const tCold = performance.now()
    const model = loadModel(modelFile)
    const coldMs = performance.now() - tCold
    const loads = ctx.quick ? 10 : 30
    const load = summarize(timeSync(loads, 3, () => loadModel(modelFile)))
    const parseOnly = summarize(timeSync(loads, 3, () => JSON.parse(fs.readFileSync(modelFile, 'utf8'))))
    ctx.log(`routing: model load p50 ${ms(load.p50)} (JSON.parse ${ms(parseOnly.p50)}), first ${ms(coldMs)}`)

    // --- retrain: starter.jsonl → a ready router (the retrain path, without the database's examples)
    const starterText = fs.readFileSync(starterFile, 'utf8')
    const starterLines = starterText.split('\n').filter((l) => l.trim())
    const temperature = model.json.params.temperature
    const trains = ctx.quick ? 2 : 5
    const train = summarize(timeSync(trains, 1, () => trainRouter(starterExamples(starterText), { temperature })))
    const starterParse = summarize(timeSync(trains * 4, 2, () => starterLines.map((l) => JSON.parse(l) as unknown)))
    ctx.log(`routing: retrain p50 ${ms(train.p50)} (parse ${ms(starterParse.p50)})`)

    // --- throughput: the engine over the eval set, as the filing handler calls it (shipped rules, chain leads)
    const options = { rules: DEFAULT_RULES, chainLeads: DEFAULT_CHAIN_LEADS }
    const engine = throughput(cases, budget, (c) => routeProblem(model, c.input, options))
    const tokens = throughput(cases, budget / 2, (c) => ngrams(engineText(c.input)))
    const jsonRate = throughput(evalLines, budget / 4, (l) => JSON.parse(l) as unknown)
    ctx.log(`routing: ${rate(engine.perSecond)} (tokenise only ${rate(tokens.perSecond)}, JSON.parse ${rate(jsonRate.perSecond)})`)

    // the decisions are the real ones: the eval set's accuracy as docs/routing.md reports it
    const report = evaluate(cases.map((c) => ({ lead: c.lead ?? [], co: c.co, decision: routeProblem(model, c.input, options) })))
    if (report.accuracy < 0.8) failures.push(`top-1 accuracy on eval.jsonl fell to ${(report.accuracy * 100).toFixed(1)}%: the timed engine is not the one docs/routing.md describes`)
    const stale = model.json.trainedOn?.starterHash !== undefined && model.json.trainedOn.starterHash !== fnv1a(starterText).toString(16)

    const rows: Row[] = [
      {
        figure: 'Routing throughput (`routeProblem`, one thread)',
        value: rate(engine.perSecond),
        baseline: 'tokenising the same texts only (normalise + n-grams)',
        baselineValue: rate(tokens.perSecond),
        ratio: ratio(engine.perSecond, tokens.perSecond),
        note: `${count(engine.latency.n)} decisions (${engine.passes} passes over ${cases.length} problems); JSON.parse of the lines runs at ${rate(jsonRate.perSecond)}`
      },
      {
        figure: 'One decision, p99',
        value: ms(engine.latency.p99),
        baseline: 'tokenising one text, p99',
        baselineValue: ms(tokens.latency.p99),
        ratio: ratio(engine.latency.p99, tokens.latency.p99),
        note: `p50 ${ms(engine.latency.p50)} (tokenising ${ms(tokens.latency.p50)})`
      },
      {
        figure: 'Model load: model.json → ready router, p50',
        value: ms(load.p50),
        baseline: 'reading and JSON.parse of the same file, p50',
        baselineValue: ms(parseOnly.p50),
        ratio: ratio(load.p50, parseOnly.p50),
        note: `${(modelBytes / 1024 / 1024).toFixed(2)} MB; n=${load.n}; the first load in this process took ${ms(coldMs)}`
      },
      {
        figure: 'Retrain: starter.jsonl → ready router, p50',
        value: ms(train.p50),
        baseline: 'JSON.parse of the starter lines, p50',
        baselineValue: ms(starterParse.p50),
        ratio: ratio(train.p50, starterParse.p50),
        note: `${starterLines.length} lines, ${count(starterExamples(starterText).length)} examples; n=${train.n}`
      }
    ]
    const details = [
      '**What is measured.** The pure engine in `cloudfunctions/core/routing`, in this Node process, one thread. ' +
        '*Throughput* routes every problem of `data/routing/eval.jsonl` (colloquial, from one line to a paragraph, some with category, chain or town) again and again with ' +
        '`routeProblem(model, input, { rules: DEFAULT_RULES, chainLeads })`, which is what the filing handler calls after reading the dispatcher\'s rules and the chains from the ' +
        'database (those reads are the API\'s figures, not the engine\'s); each decision includes the clause analysis for 会办 and the Chinese reason. ' +
        '**Baseline:** the engine\'s own first step alone on the same texts, `ngrams()` (full-width folding, lower case, town names out, 1–3-unit n-grams), ' +
        'so the ratio is what scoring, priors, rules, clauses and the reason cost on top of reading the text.',
      '*Model load* is the shipped path: the bytes of `data/routing/model.json` parsed and compiled by `parseModelJson` into a router, as `cloudfunctions/app/routing.ts` does once per ' +
        'host (and again after a retrain, from `routing_models`). **Baseline:** reading and `JSON.parse` of the same file, so the ratio is what compiling adds. ' +
        `*Retrain* is \`retrainRouting\` without the database: the starter set's lines turned into examples and \`trainRouter\` with the shipped temperature (${temperature}); ` +
        'the nightly retrain adds the flow\'s learned examples, a few more at most. **Baseline:** `JSON.parse` of the starter lines.',
      `The decisions timed are the real ones: top-1 on eval.jsonl ${(report.accuracy * 100).toFixed(1)}% (${report.correct}/${report.total}), ${report.triaged} triaged, as docs/routing.md reports.` +
        (stale ? ' model.json was not trained on the current starter.jsonl (npm run route:train).' : '')
    ]
    return { id: 'routing', title: 'Routing engine', rows, details, failures }
  }
}
