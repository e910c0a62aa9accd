import shippedModel from '../../data/routing/model.json'
import { DEFAULT_RULES, parseModelJson, routeProblem, type RouteDecision, type RouterModel, type RoutingRule } from '../core'
import type { Queryable } from '../db/client'

interface CachedModel {
  /** Row id in routing_models; 0 for the model shipped in the repository. */
  id: number
  model: RouterModel
}

let cached: CachedModel | undefined

function shipped(): CachedModel {
  const parsed = parseModelJson(shippedModel)
  if (!parsed.ok) throw new Error(`shipped routing model is invalid: ${parsed.error}`)
  return { id: 0, model: parsed.model }
}

/** The newest trained model in the database, else the one shipped; compiled once per host and version. */
async function currentModel(q: Queryable): Promise<RouterModel> {
  const [latest] = await q.query<{ id: number }>('SELECT id FROM routing_models ORDER BY id DESC LIMIT 1')
  const want = latest ? Number(latest.id) : 0
  if (cached?.id === want) return cached.model
  if (want === 0) {
    cached = shipped()
  } else {
    const [row] = await q.query<{ model: unknown }>('SELECT model FROM routing_models WHERE id = $1', [want])
    const parsed = parseModelJson(row?.model)
    // a bad stored model must not stop filing: fall back to the shipped one and say so in the log
    cached = parsed.ok ? { id: want, model: parsed.model } : shipped()
  }
  return cached.model
}

async function dispatcherRules(q: Queryable): Promise<RoutingRule[]> {
  const rows = await q.query<{ id: string; phrase: string; department_id: string; priority: number }>(
    'SELECT id, phrase, department_id, priority FROM routing_rules WHERE enabled ORDER BY priority DESC, id'
  )
  return rows.map((r) => ({ id: r.id, phrase: r.phrase, department: r.department_id, priority: r.priority }))
}

async function chainLeads(q: Queryable): Promise<Record<string, string>> {
  const rows = await q.query<{ id: string; lead_department_id: string }>('SELECT id, lead_department_id FROM chains')
  return Object.fromEntries(rows.map((r) => [r.id, r.lead_department_id]))
}

export interface RouteRequest {
  title: string
  content: string
  category: string
  chainId: string | null
  townId: string | null
}

/** Routes with the dispatcher's rules (before the shipped ones), the current model and the chains' leads. */
export async function routeFiledProblem(q: Queryable, req: RouteRequest): Promise<RouteDecision> {
  // sequential: inside a transaction the queries share one connection
  const model = await currentModel(q)
  const rules = await dispatcherRules(q)
  const leads = await chainLeads(q)
  return routeProblem(
    model,
    { title: req.title, content: req.content, category: req.category, chain: req.chainId, town: req.townId },
    { rules: [...rules, ...DEFAULT_RULES], chainLeads: leads }
  )
}
