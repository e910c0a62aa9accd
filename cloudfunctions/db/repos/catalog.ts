import type { Bootstrap, Enterprise, Overview } from '@contract'
import type { Queryable } from '../client'

export async function bootstrap(q: Queryable): Promise<Bootstrap> {
  const departments = await q.query<{ id: string; name: string; matters: string }>(
    `SELECT id, name, matters FROM departments ORDER BY kind, id`
  )
  const towns = await q.query<{ id: string; name: string }>('SELECT id, name FROM towns ORDER BY id')
  const chains = await q.query<{ id: string; name: string; leader: string | null; lead: string; co: string[] | null }>(
    `SELECT c.id, c.name, c.leader, c.lead_department_id AS lead,
            array_remove(array_agg(cc.department_id ORDER BY cc.department_id), NULL) AS co
       FROM chains c LEFT JOIN chain_cooperating_departments cc ON cc.chain_id = c.id
      GROUP BY c.id ORDER BY c.id`
  )
  return {
    departments,
    towns,
    chains: chains.map((c) => ({
      id: c.id,
      name: c.name,
      leader: c.leader,
      leadDepartmentId: c.lead,
      cooperatingDepartmentIds: c.co ?? []
    }))
  }
}

export async function overview(q: Queryable): Promise<Overview> {
  const [row] = await q.query<Record<keyof Overview, number>>(
    `SELECT (SELECT count(*) FROM enterprises)::int AS enterprises,
            (SELECT count(*) FROM chains)::int AS chains,
            (SELECT count(*) FROM stations)::int AS stations,
            (SELECT count(*) FROM pairings)::int AS pairings,
            (SELECT count(*) FROM problems)::int AS problems,
            (SELECT count(*) FROM problems WHERE status = 'closed')::int AS "problemsClosed"`
  )
  return row
}

export async function listEnterprises(q: Queryable, chainId?: string): Promise<Enterprise[]> {
  const rows = await q.query<{ id: string; name: string; chain_id: string | null; town_id: string | null; is_chain_leader: boolean }>(
    `SELECT id, name, chain_id, town_id, is_chain_leader FROM enterprises
      WHERE ($1::text IS NULL OR chain_id = $1) ORDER BY is_chain_leader DESC, name`,
    [chainId ?? null]
  )
  return rows.map((r) => ({ id: r.id, name: r.name, chainId: r.chain_id, townId: r.town_id, isChainLeader: r.is_chain_leader }))
}

export async function findEnterprise(q: Queryable, id: string) {
  const [row] = await q.query<{ id: string; name: string; chain_id: string | null; town_id: string | null }>(
    'SELECT id, name, chain_id, town_id FROM enterprises WHERE id = $1',
    [id]
  )
  return row ?? null
}
