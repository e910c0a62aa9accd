import type { ActivityType, Pairing, PairingKind } from '@contract'
import type { Queryable } from '../client'

interface Row {
  id: string
  kind: PairingKind
  phase: number
  agency_branch: string
  agency_department_id: string | null
  enterprise_branch: string
  enterprise_id: string | null
  enterprise_name: string | null
  chain_id: string | null
  chain_name: string | null
  started_on: string
  ends_on: string | null
  goals: string
  activity_count: number
  last_activity_on: string | null
  contact_ids: string[]
}

/** A pair with what the handlers need beyond the contract: its agency department and who runs it. */
export interface PairingRecord extends Pairing {
  agencyDepartmentId: string | null
  contactIds: string[]
}

const SELECT = `
  SELECT p.id, p.kind, p.phase, p.agency_branch, p.agency_department_id, p.enterprise_branch, p.enterprise_id,
         e.name AS enterprise_name, e.chain_id, c.name AS chain_name, p.goals,
         to_char(p.started_on, 'YYYY-MM-DD') AS started_on, to_char(p.ends_on, 'YYYY-MM-DD') AS ends_on,
         (SELECT count(*) FROM pairing_activities a WHERE a.pairing_id = p.id)::int AS activity_count,
         (SELECT to_char(max(a.held_on), 'YYYY-MM-DD') FROM pairing_activities a WHERE a.pairing_id = p.id) AS last_activity_on,
         ARRAY(SELECT pc.person_id FROM pairing_contacts pc WHERE pc.pairing_id = p.id ORDER BY pc.person_id) AS contact_ids
    FROM pairings p
    LEFT JOIN enterprises e ON e.id = p.enterprise_id
    LEFT JOIN chains c ON c.id = e.chain_id`

const toRecord = (r: Row): PairingRecord => ({
  id: r.id,
  kind: r.kind,
  phase: r.phase,
  agencyBranch: r.agency_branch,
  enterpriseBranch: r.enterprise_branch,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  chainId: r.chain_id,
  chainName: r.chain_name,
  startedOn: r.started_on,
  endsOn: r.ends_on,
  goals: r.goals,
  activityCount: r.activity_count,
  lastActivityOn: r.last_activity_on,
  agencyDepartmentId: r.agency_department_id,
  contactIds: r.contact_ids ?? []
})

/** The contract's view of a pair (no contacts, no department). */
export const toPairing = ({ agencyDepartmentId: _d, contactIds: _c, ...pairing }: PairingRecord): Pairing => pairing

/** All pairs: branch pairs first, then 青蓝 mentoring pairs; later phases first; then by name. */
export async function listPairings(q: Queryable, filter: { kind?: PairingKind; phase?: number } = {}): Promise<PairingRecord[]> {
  const rows = await q.query<Row>(
    `${SELECT}
      WHERE ($1::text IS NULL OR p.kind = $1) AND ($2::int IS NULL OR p.phase = $2)
      ORDER BY (p.kind = 'mentoring'), p.phase DESC, p.agency_branch, p.enterprise_branch, p.id`,
    [filter.kind ?? null, filter.phase ?? null]
  )
  return rows.map(toRecord)
}

export async function findPairing(q: Queryable, id: string): Promise<PairingRecord | null> {
  const [row] = await q.query<Row>(`${SELECT} WHERE p.id = $1`, [id])
  return row ? toRecord(row) : null
}

export interface ContactRow {
  personId: string
  name: string
  phone: string | null
  side: 'agency' | 'enterprise'
}

/** The pair's contacts, agency side first. Phones are raw here: the handler masks them. */
export async function pairingContacts(q: Queryable, pairingId: string): Promise<ContactRow[]> {
  const rows = await q.query<{ person_id: string; name: string; phone: string | null; side: 'agency' | 'enterprise' }>(
    `SELECT pc.person_id, pe.name, pe.phone, pc.side
       FROM pairing_contacts pc JOIN people pe ON pe.id = pc.person_id
      WHERE pc.pairing_id = $1
      ORDER BY (pc.side = 'enterprise'), pe.name, pc.person_id`,
    [pairingId]
  )
  return rows.map((r) => ({ personId: r.person_id, name: r.name, phone: r.phone, side: r.side }))
}

/**
 * The plan a pair works to in `year`: its own rows when it has any for that year, otherwise the
 * district's default (pairing_id NULL). Empty when neither exists.
 */
export async function planFor(q: Queryable, pairingId: string, year: number): Promise<{ type: ActivityType; count: number }[]> {
  const rows = await q.query<{ type: ActivityType; required: number; own: boolean }>(
    `SELECT type, required, pairing_id IS NOT NULL AS own FROM pairing_plans
      WHERE year = $2 AND (pairing_id = $1 OR pairing_id IS NULL)`,
    [pairingId, year]
  )
  const own = rows.some((r) => r.own)
  return rows.filter((r) => r.own === own).map((r) => ({ type: r.type, count: r.required }))
}

/** How many activities of each type the pair held in `year`. */
export async function activityCountsByType(q: Queryable, pairingId: string, year: number): Promise<Partial<Record<ActivityType, number>>> {
  const rows = await q.query<{ type: ActivityType; n: number }>(
    `SELECT type, count(*)::int AS n FROM pairing_activities
      WHERE pairing_id = $1 AND extract(year FROM held_on)::int = $2
      GROUP BY type`,
    [pairingId, year]
  )
  return Object.fromEntries(rows.map((r) => [r.type, r.n]))
}
