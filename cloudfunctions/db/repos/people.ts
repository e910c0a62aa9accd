import type { Role, RoleGrant } from '@contract'
import type { Queryable } from '../client'

export interface PersonWithRoles {
  id: string
  name: string
  roles: RoleGrant[]
}

/** A person with their role grants, each scope named for display (enterprise, department or station). */
export async function loadPerson(q: Queryable, personId: string): Promise<PersonWithRoles | null> {
  const [person] = await q.query<{ id: string; name: string }>('SELECT id, name FROM people WHERE id = $1', [personId])
  if (!person) return null
  const roles = await q.query<{ role: Role; scope_id: string; scope_name: string | null }>(
    `SELECT r.role, r.scope_id,
            COALESCE(e.name, d.name, s.name) AS scope_name
       FROM person_roles r
       LEFT JOIN enterprises e ON r.role IN ('enterprise', 'secretary') AND e.id = r.scope_id
       LEFT JOIN departments d ON r.role = 'handler' AND d.id = r.scope_id
       LEFT JOIN stations s ON r.role = 'station' AND s.id = r.scope_id
      WHERE r.person_id = $1
      ORDER BY r.role, scope_name`,
    [personId]
  )
  return {
    id: person.id,
    name: person.name,
    roles: roles.map((r) => ({ role: r.role, scopeId: r.scope_id || null, scopeName: r.scope_name }))
  }
}

export async function personIdByOpenid(q: Queryable, openid: string): Promise<string | null> {
  const [row] = await q.query<{ id: string }>('SELECT id FROM people WHERE openid = $1', [openid])
  return row?.id ?? null
}
