import type { Role, RoleGrant } from '@contract'
import type { Queryable } from '../client'

export interface PersonWithRoles {
  id: string
  name: string
  roles: RoleGrant[]
}

/**
 * A person with their role grants, each scope named for display (enterprise, department or station).
 * Someone who erased themselves is nobody: null, so a token they still hold resolves to no caller.
 */
export async function loadPerson(q: Queryable, personId: string): Promise<PersonWithRoles | null> {
  const [person] = await q.query<{ id: string; name: string }>('SELECT id, name FROM people WHERE id = $1 AND erased_at IS NULL', [personId])
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

export interface LoginRow {
  id: string
  password_hash: string | null
  failed_logins: number
  locked_until: Date | null
}

export async function findByLogin(q: Queryable, login: string): Promise<LoginRow | null> {
  const [row] = await q.query<LoginRow>('SELECT id, password_hash, failed_logins, locked_until FROM people WHERE login = $1 FOR UPDATE', [login])
  return row ?? null
}

export async function passwordOf(q: Queryable, personId: string): Promise<string | null> {
  const [row] = await q.query<{ password_hash: string | null }>('SELECT password_hash FROM people WHERE id = $1', [personId])
  return row?.password_hash ?? null
}

export async function setLoginState(q: Queryable, personId: string, failed: number, lockedUntil: Date | null): Promise<void> {
  await q.query('UPDATE people SET failed_logins = $2, locked_until = $3 WHERE id = $1', [personId, failed, lockedUntil])
}

export async function setPassword(q: Queryable, personId: string, hash: string): Promise<void> {
  await q.query('UPDATE people SET password_hash = $2, failed_logins = 0, locked_until = NULL WHERE id = $1', [personId, hash])
}

export async function loginTaken(q: Queryable, login: string): Promise<boolean> {
  return (await q.query('SELECT 1 FROM people WHERE login = $1', [login])).length > 0
}

export async function createPerson(
  q: Queryable,
  p: { id: string; name: string; login?: string | null; passwordHash?: string | null; openid?: string | null; at: Date }
): Promise<void> {
  await q.query('INSERT INTO people (id, name, login, password_hash, openid, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    p.id,
    p.name,
    p.login ?? null,
    p.passwordHash ?? null,
    p.openid ?? null,
    p.at
  ])
}

export async function grantRole(q: Queryable, personId: string, role: Role, scopeId: string): Promise<void> {
  await q.query('INSERT INTO person_roles (person_id, role, scope_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [personId, role, scopeId])
}

/** Removes one grant; false when the person did not hold it. */
export async function revokeGrant(q: Queryable, personId: string, role: Role, scopeId: string): Promise<boolean> {
  const rows = await q.query('DELETE FROM person_roles WHERE person_id = $1 AND role = $2 AND scope_id = $3 RETURNING person_id', [personId, role, scopeId])
  return rows.length > 0
}

export async function adminCount(q: Queryable): Promise<number> {
  const [{ n }] = await q.query<{ n: number }>(`SELECT count(DISTINCT person_id)::int AS n FROM person_roles WHERE role = 'admin'`)
  return n
}
