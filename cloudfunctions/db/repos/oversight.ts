import type { ActivityType, PairingKind } from '@contract'
import type { Queryable } from '../client'

/** The district's yearly view of the pairs: who they are and what their activities add up to. */

export interface OversightPair {
  id: string
  kind: PairingKind
  phase: number
  agencyBranch: string
  enterpriseBranch: string
  enterpriseId: string | null
  chainName: string | null
  startedOn: string
  endsOn: string | null
}

/** Pairs whose term overlaps the year (started by its end, not ended before its start). */
export async function pairsOfYear(q: Queryable, year: number): Promise<OversightPair[]> {
  const rows = await q.query<{
    id: string
    kind: PairingKind
    phase: number
    agency_branch: string
    enterprise_branch: string
    enterprise_id: string | null
    chain_name: string | null
    started_on: string
    ends_on: string | null
  }>(
    `SELECT p.id, p.kind, p.phase, p.agency_branch, p.enterprise_branch, p.enterprise_id, c.name AS chain_name,
            to_char(p.started_on, 'YYYY-MM-DD') AS started_on, to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on
       FROM pairings p
       LEFT JOIN enterprises e ON e.id = p.enterprise_id
       LEFT JOIN chains c ON c.id = e.chain_id
      WHERE p.started_on <= make_date($1, 12, 31) AND (p.ends_on IS NULL OR p.ends_on >= make_date($1, 1, 1))`,
    [year]
  )
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    phase: r.phase,
    agencyBranch: r.agency_branch,
    enterpriseBranch: r.enterprise_branch,
    enterpriseId: r.enterprise_id,
    chainName: r.chain_name,
    startedOn: r.started_on,
    endsOn: r.ends_on
  }))
}

export type TypeCounts = Partial<Record<ActivityType, number>>

/** Activities held in the year, per pair and type. */
export async function activityCountsOfYear(q: Queryable, year: number): Promise<Map<string, TypeCounts>> {
  const rows = await q.query<{ pairing_id: string; type: ActivityType; n: number }>(
    `SELECT pairing_id, type, count(*)::int AS n FROM pairing_activities
      WHERE held_on BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
      GROUP BY pairing_id, type`,
    [year]
  )
  const out = new Map<string, TypeCounts>()
  for (const r of rows) out.set(r.pairing_id, { ...out.get(r.pairing_id), [r.type]: r.n })
  return out
}

/** Sign-ins (one per person and activity) at each pair's activities held in the year. */
export async function attendanceOfYear(q: Queryable, year: number): Promise<Map<string, number>> {
  const rows = await q.query<{ pairing_id: string; n: number }>(
    `SELECT a.pairing_id, count(*)::int AS n
       FROM activity_attendance t JOIN pairing_activities a ON a.id = t.activity_id
      WHERE a.held_on BETWEEN make_date($1, 1, 1) AND make_date($1, 12, 31)
      GROUP BY a.pairing_id`,
    [year]
  )
  return new Map(rows.map((r) => [r.pairing_id, r.n]))
}

/** Each pair's latest activity held on or before `today` (China date), whatever the year. */
export async function lastActivities(q: Queryable, today: string): Promise<Map<string, string>> {
  const rows = await q.query<{ pairing_id: string; last: string }>(
    `SELECT pairing_id, to_char(max(held_on), 'YYYY-MM-DD') AS last FROM pairing_activities
      WHERE held_on <= $1::date GROUP BY pairing_id`,
    [today]
  )
  return new Map(rows.map((r) => [r.pairing_id, r.last]))
}

/**
 * Who is reminded of a pair's plan: its contacts (pairing_contacts) and the first secretaries assigned
 * to its enterprise, once each.
 */
export async function planReminderRecipients(q: Queryable, pairingIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (!pairingIds.length) return out
  const rows = await q.query<{ pairing_id: string; person_id: string }>(
    `SELECT pairing_id, person_id FROM pairing_contacts WHERE pairing_id = ANY($1::text[])
     UNION
     SELECT p.id, r.person_id FROM pairings p JOIN person_roles r ON r.role = 'secretary' AND r.scope_id = p.enterprise_id
      WHERE p.id = ANY($1::text[])
     ORDER BY 1, 2`,
    [pairingIds]
  )
  for (const r of rows) out.set(r.pairing_id, [...(out.get(r.pairing_id) ?? []), r.person_id])
  return out
}
