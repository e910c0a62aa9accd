import type { AdminChain } from '@contract'
import type { Queryable } from '../../client'

interface Row {
  id: string
  name: string
  leader: string | null
  lead_department_id: string
  co: string[] | null
  enterprises: number
}

const SELECT = `
  SELECT c.id, c.name, c.leader, c.lead_department_id,
         ARRAY(SELECT cc.department_id FROM chain_cooperating_departments cc WHERE cc.chain_id = c.id ORDER BY cc.department_id) AS co,
         (SELECT count(*) FROM enterprises e WHERE e.chain_id = c.id)::int AS enterprises
    FROM chains c`

const toChain = (r: Row): AdminChain => ({
  id: r.id,
  name: r.name,
  leader: r.leader,
  leadDepartmentId: r.lead_department_id,
  cooperatingDepartmentIds: r.co ?? [],
  enterprises: r.enterprises
})

export async function listChains(q: Queryable, pattern: string | null): Promise<AdminChain[]> {
  const rows = await q.query<Row>(`${SELECT} WHERE ($1::text IS NULL OR c.name ILIKE $1) ORDER BY c.name, c.id`, [pattern])
  return rows.map(toChain)
}

export async function findChain(q: Queryable, id: string): Promise<AdminChain | null> {
  const [row] = await q.query<Row>(`${SELECT} WHERE c.id = $1`, [id])
  return row ? toChain(row) : null
}

/** Writes the chain and replaces its cooperating departments with the given set. */
export async function writeChain(q: Queryable, c: Omit<AdminChain, 'enterprises'>, create: boolean): Promise<void> {
  await q.query(
    create
      ? 'INSERT INTO chains (id, name, leader, lead_department_id) VALUES ($1, $2, $3, $4)'
      : 'UPDATE chains SET name = $2, leader = $3, lead_department_id = $4 WHERE id = $1',
    [c.id, c.name, c.leader, c.leadDepartmentId]
  )
  await q.query('DELETE FROM chain_cooperating_departments WHERE chain_id = $1', [c.id])
  await q.query(
    'INSERT INTO chain_cooperating_departments (chain_id, department_id) SELECT $1, d FROM unnest($2::text[]) AS d',
    [c.id, c.cooperatingDepartmentIds]
  )
}
