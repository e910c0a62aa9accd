import type { AdminTown } from '@contract'
import type { Queryable } from '../../client'

const SELECT = 'SELECT id, name, department_id AS "departmentId" FROM towns'

export async function listTowns(q: Queryable, pattern: string | null): Promise<AdminTown[]> {
  return q.query<AdminTown>(`${SELECT} WHERE ($1::text IS NULL OR name ILIKE $1) ORDER BY name, id`, [pattern])
}

export async function findTown(q: Queryable, id: string): Promise<AdminTown | null> {
  const [row] = await q.query<AdminTown>(`${SELECT} WHERE id = $1`, [id])
  return row ?? null
}

export async function writeTown(q: Queryable, t: AdminTown, create: boolean): Promise<void> {
  await q.query(
    create ? 'INSERT INTO towns (id, name, department_id) VALUES ($1, $2, $3)' : 'UPDATE towns SET name = $2, department_id = $3 WHERE id = $1',
    [t.id, t.name, t.departmentId]
  )
}
