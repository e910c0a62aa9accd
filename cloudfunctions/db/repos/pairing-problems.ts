import type { Queryable } from '../client'

export interface PairProblemCounts {
  /** Problems raised at the pair's activities. */
  raised: number
  /**
   * Raised at its activities, or handled by the agency's department (as lead) for the paired
   * enterprise — and confirmed solved by the filer. Each problem counts once.
   */
  solved: number
}

/** Problem counts per pair, computed from the problems themselves (never stored, never typed). */
export async function pairProblemCounts(q: Queryable, pairingIds: readonly string[]): Promise<Map<string, PairProblemCounts>> {
  const out = new Map<string, PairProblemCounts>(pairingIds.map((id) => [id, { raised: 0, solved: 0 }]))
  if (!pairingIds.length) return out
  const rows = await q.query<{ pairing_id: string; raised: number; solved: number }>(
    `SELECT pr.id AS pairing_id,
            count(DISTINCT p.id) FILTER (WHERE a.pairing_id = pr.id)::int AS raised,
            count(DISTINCT p.id) FILTER (WHERE p.status = 'closed' AND p.solved)::int AS solved
       FROM pairings pr
       JOIN problems p
         ON p.merged_into IS NULL
        AND (p.activity_id IN (SELECT id FROM pairing_activities WHERE pairing_id = pr.id)
             OR (pr.agency_department_id IS NOT NULL AND p.lead_department_id = pr.agency_department_id AND p.enterprise_id = pr.enterprise_id))
       LEFT JOIN pairing_activities a ON a.id = p.activity_id
      WHERE pr.id = ANY($1::text[])
      GROUP BY pr.id`,
    [pairingIds]
  )
  for (const r of rows) out.set(r.pairing_id, { raised: r.raised, solved: r.solved })
  return out
}
