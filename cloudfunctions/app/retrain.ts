import shippedModel from '../../data/routing/model.json'
import { parseTrainingLine, trainRouter, type LabelledExample } from '../core'
import type { Queryable } from '../db/client'

// Any constant, the same for every host: one retraining at a time.
const RETRAIN_LOCK = 7_204_313

/** Starter lines (data/routing/starter.jsonl): problems and the glossary, parsed; bad lines skipped. */
export function starterExamples(text: string): LabelledExample[] {
  const out: LabelledExample[] = []
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue
    const parsed = parseTrainingLine(line)
    if (parsed.ok) out.push(...parsed.value.examples)
  }
  return out
}

/**
 * Rebuilds the routing model from the starter set plus every labelled example the flow produced (a
 * problem accepted after 退单/转办 or triage), with the calibration of the shipped model, and stores
 * it as the newest model. Returns null when another host is already retraining.
 */
export async function retrainRouting(q: Queryable, starterText: string, now: Date): Promise<{ examples: number } | null> {
  const [{ locked }] = await q.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RETRAIN_LOCK])
  if (!locked) return null
  const learned = await q.query<{ text: string; department_id: string; weight: number }>(
    'SELECT text, department_id, weight FROM routing_examples ORDER BY created_at, problem_id'
  )
  const examples = [
    ...starterExamples(starterText),
    ...learned.map((r) => ({ text: r.text, department: r.department_id, weight: Number(r.weight) }))
  ]
  const model = trainRouter(examples, { temperature: shippedModel.params.temperature }, { extraExamples: learned.length, retrainedAt: now.toISOString() })
  await q.query('INSERT INTO routing_models (model, examples, trained_at) VALUES ($1, $2, $3)', [JSON.stringify(model.json), learned.length, now])
  // keep the newest few; older models are of no use once replaced
  await q.query('DELETE FROM routing_models WHERE id NOT IN (SELECT id FROM routing_models ORDER BY id DESC LIMIT 3)')
  return { examples: learned.length }
}
