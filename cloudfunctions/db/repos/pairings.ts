import type { Pairing } from '@contract'
import type { Queryable } from '../client'

export async function listPairings(q: Queryable): Promise<Pairing[]> {
  const rows = await q.query<{
    id: string
    phase: number
    agency_branch: string
    enterprise_branch: string
    enterprise_id: string | null
    started_on: string
    activity_count: number
  }>(
    `SELECT p.id, p.phase, p.agency_branch, p.enterprise_branch, p.enterprise_id, to_char(p.started_on, 'YYYY-MM-DD') AS started_on,
            (SELECT count(*) FROM pairing_activities a WHERE a.pairing_id = p.id)::int AS activity_count
       FROM pairings p ORDER BY p.phase DESC, p.id`
  )
  return rows.map((r) => ({
    id: r.id,
    phase: r.phase,
    agencyBranch: r.agency_branch,
    enterpriseBranch: r.enterprise_branch,
    enterpriseId: r.enterprise_id,
    startedOn: r.started_on,
    activityCount: r.activity_count
  }))
}
