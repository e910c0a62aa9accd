import type { AdminEnterprise } from '@contract'
import type { Queryable } from '../../client'

const SELECT = `SELECT id, name, credit_code AS "creditCode", chain_id AS "chainId", town_id AS "townId", is_chain_leader AS "isChainLeader"
  FROM enterprises`

export async function listEnterprises(q: Queryable, pattern: string | null): Promise<AdminEnterprise[]> {
  return q.query<AdminEnterprise>(`${SELECT} WHERE ($1::text IS NULL OR name ILIKE $1) ORDER BY name, id`, [pattern])
}

export async function findEnterprise(q: Queryable, id: string): Promise<AdminEnterprise | null> {
  const [row] = await q.query<AdminEnterprise>(`${SELECT} WHERE id = $1`, [id])
  return row ?? null
}

export async function writeEnterprise(q: Queryable, e: AdminEnterprise, create: boolean): Promise<void> {
  await q.query(
    create
      ? 'INSERT INTO enterprises (id, name, credit_code, chain_id, town_id, is_chain_leader) VALUES ($1, $2, $3, $4, $5, $6)'
      : 'UPDATE enterprises SET name = $2, credit_code = $3, chain_id = $4, town_id = $5, is_chain_leader = $6 WHERE id = $1',
    [e.id, e.name, e.creditCode, e.chainId, e.townId, e.isChainLeader]
  )
}
