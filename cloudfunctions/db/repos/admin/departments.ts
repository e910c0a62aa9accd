import type { AdminDepartment, DepartmentKind } from '@contract'
import type { Queryable } from '../../client'

const SELECT = 'SELECT id, name, matters, kind FROM departments'

export async function listDepartments(q: Queryable, pattern: string | null): Promise<AdminDepartment[]> {
  return q.query<AdminDepartment>(`${SELECT} WHERE ($1::text IS NULL OR name ILIKE $1) ORDER BY name, id`, [pattern])
}

export async function findDepartment(q: Queryable, id: string): Promise<AdminDepartment | null> {
  const [row] = await q.query<AdminDepartment>(`${SELECT} WHERE id = $1`, [id])
  return row ?? null
}

export async function writeDepartment(q: Queryable, d: AdminDepartment, create: boolean): Promise<void> {
  await q.query(
    create
      ? 'INSERT INTO departments (id, name, matters, kind) VALUES ($1, $2, $3, $4)'
      : 'UPDATE departments SET name = $2, matters = $3, kind = $4 WHERE id = $1',
    [d.id, d.name, d.matters, d.kind satisfies DepartmentKind]
  )
}
