import { ACTIVITY_TYPE_IDS, type ActivityType, type PairingKind, type PlanSettings } from '@contract'
import { pairingTitle } from '../../core'
import type { Queryable } from '../client'

/**
 * Annual plans (pairing_plans): each line asks for at least `required` activities of a type in a year.
 * Rows with pairing_id NULL are the district's default, followed by every branch pair without lines of
 * its own for that year; a pair with any line of its own follows its own plan only.
 */

export type PlanLineInput = { type: ActivityType; count: number }

export interface YearPlans {
  defaults: PlanLineInput[]
  /** Pairs with a plan of their own for the year. */
  own: Map<string, PlanLineInput[]>
}

/** Every plan line of a year, the default's and the pairs' own. */
export async function plansForYear(q: Queryable, year: number): Promise<YearPlans> {
  const rows = await q.query<{ pairing_id: string | null; type: ActivityType; required: number }>(
    'SELECT pairing_id, type, required FROM pairing_plans WHERE year = $1',
    [year]
  )
  // lines in the order of ACTIVITY_TYPES (六个共建 first), as forms and sheets show them
  rows.sort((a, b) => ACTIVITY_TYPE_IDS.indexOf(a.type) - ACTIVITY_TYPE_IDS.indexOf(b.type))
  const out: YearPlans = { defaults: [], own: new Map() }
  for (const r of rows) {
    const line = { type: r.type, count: r.required }
    if (r.pairing_id === null) out.defaults.push(line)
    else out.own.set(r.pairing_id, [...(out.own.get(r.pairing_id) ?? []), line])
  }
  return out
}

/** The plan a pair follows in a year: its own, else the default; branch pairs only (青蓝 pairs have none). */
export function planOf(plans: YearPlans, pair: { id: string; kind: PairingKind }): PlanLineInput[] {
  if (pair.kind !== 'branch') return []
  return plans.own.get(pair.id) ?? plans.defaults
}

/** The year's plans as the district edits them: the default and, by title, the pairs that have their own. */
export async function planSettings(q: Queryable, year: number): Promise<PlanSettings> {
  const plans = await plansForYear(q, year)
  const ids = [...plans.own.keys()]
  const pairs = ids.length
    ? await q.query<{ id: string; agency_branch: string; enterprise_branch: string }>(
        'SELECT id, agency_branch, enterprise_branch FROM pairings WHERE id = ANY($1::text[])',
        [ids]
      )
    : []
  return {
    year,
    defaults: plans.defaults,
    pairs: pairs
      .map((p) => ({
        pairingId: p.id,
        title: pairingTitle({ agencyBranch: p.agency_branch, enterpriseBranch: p.enterprise_branch }),
        required: plans.own.get(p.id) ?? []
      }))
      .sort((a, b) => a.title.localeCompare(b.title, 'zh-Hans-CN') || a.pairingId.localeCompare(b.pairingId))
  }
}

/** The pair a plan is saved for: its kind decides whether it may have one. */
export async function pairingKind(q: Queryable, id: string): Promise<PairingKind | null> {
  const [row] = await q.query<{ kind: PairingKind }>('SELECT kind FROM pairings WHERE id = $1', [id])
  return row?.kind ?? null
}

// Any constant; with the plan's key as the second half it serialises two saves of the same plan.
const PLAN_LOCK = 7_204_320

/**
 * Replaces all lines of one plan (a pair's own, or the default when pairingId is null) for a year. An empty
 * list deletes it: a pair then follows the default again. Two saves of the same plan take turns, so the
 * second replaces the first instead of colliding with its rows.
 */
export async function replacePlan(q: Queryable, pairingId: string | null, year: number, lines: readonly PlanLineInput[]): Promise<void> {
  await q.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [PLAN_LOCK, `${pairingId ?? ''}:${year}`])
  await q.query('DELETE FROM pairing_plans WHERE pairing_id IS NOT DISTINCT FROM $1::text AND year = $2', [pairingId, year])
  for (const l of lines) {
    await q.query('INSERT INTO pairing_plans (pairing_id, year, type, required) VALUES ($1, $2, $3, $4)', [pairingId, year, l.type, l.count])
  }
}
