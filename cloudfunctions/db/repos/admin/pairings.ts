import type { AdminPairing } from '@contract'
import type { Queryable } from '../../client'

const SELECT = `SELECT id, kind, phase, agency_branch AS "agencyBranch", agency_department_id AS "agencyDepartmentId",
  enterprise_branch AS "enterpriseBranch", enterprise_id AS "enterpriseId",
  to_char(started_on, 'YYYY-MM-DD') AS "startedOn", to_char(ends_on, 'YYYY-MM-DD') AS "endsOn", goals
  FROM pairings`

/** A pair has no name of its own: the search looks at both branches. */
export async function listAdminPairings(q: Queryable, pattern: string | null): Promise<AdminPairing[]> {
  return q.query<AdminPairing>(
    `${SELECT} WHERE ($1::text IS NULL OR agency_branch ILIKE $1 OR enterprise_branch ILIKE $1)
      ORDER BY agency_branch, enterprise_branch, phase, id`,
    [pattern]
  )
}

export async function findAdminPairing(q: Queryable, id: string): Promise<AdminPairing | null> {
  const [row] = await q.query<AdminPairing>(`${SELECT} WHERE id = $1`, [id])
  return row ?? null
}

export async function writePairing(q: Queryable, p: AdminPairing, create: boolean): Promise<void> {
  await q.query(
    create
      ? `INSERT INTO pairings (id, kind, phase, agency_branch, agency_department_id, enterprise_branch, enterprise_id, started_on, ends_on, goals)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`
      : `UPDATE pairings SET kind = $2, phase = $3, agency_branch = $4, agency_department_id = $5, enterprise_branch = $6,
           enterprise_id = $7, started_on = $8, ends_on = $9, goals = $10 WHERE id = $1`,
    [p.id, p.kind, p.phase, p.agencyBranch, p.agencyDepartmentId, p.enterpriseBranch, p.enterpriseId, p.startedOn, p.endsOn, p.goals]
  )
}
