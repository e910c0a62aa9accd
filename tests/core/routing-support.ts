import fs from 'node:fs'
import path from 'node:path'
import { parseTrainingLine, trainRouter, type LabelledExample, type RouterModel } from '../../cloudfunctions/core/routing'

export const ROOT = path.resolve(__dirname, '../..')
export const STARTER_PATH = path.join(ROOT, 'data/routing/starter.jsonl')
export const EVAL_PATH = path.join(ROOT, 'data/routing/eval.jsonl')
export const MODEL_PATH = path.join(ROOT, 'data/routing/model.json')

export function readLines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim())
}

export function starterExamples(): LabelledExample[] {
  return readLines(STARTER_PATH).flatMap((l) => {
    const p = parseTrainingLine(l)
    if (!p.ok) throw new Error(p.error)
    return p.value.examples
  })
}

let cached: RouterModel | null = null

/** The starter set trained in memory (independent of a possibly stale model.json). */
export function starterModel(): RouterModel {
  cached ??= trainRouter(starterExamples())
  return cached
}
