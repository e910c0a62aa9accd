import type { Role, RoleGrant } from '@contract'
import type { Queryable } from '../../client'

/** A person as the console needs them; the phone is whole here and masked by the handler. */
export interface PersonRecord {
  id: string
  name: string
  phone: string | null
  partyMember: boolean
  login: string | null
  wechatBound: boolean
  lockedUntil: Date | null
  erased: boolean
  roles: RoleGrant[]
}

interface Row {
  id: string
  name: string
  phone: string | null
  party_member: boolean
  login: string | null
  wechat_bound: boolean
  locked_until: Date | null
  erased: boolean
}

const SELECT = `SELECT p.id, p.name, p.phone, p.party_member, p.login, p.openid IS NOT NULL AS wechat_bound, p.locked_until,
  p.erased_at IS NOT NULL AS erased FROM people p`

/** Role grants of these people with their scopes named, the same joins as loadPerson. */
async function rolesOf(q: Queryable, ids: string[]): Promise<Map<string, RoleGrant[]>> {
  const rows = await q.query<{ person_id: string; role: Role; scope_id: string; scope_name: string | null }>(
    `SELECT r.person_id, r.role, r.scope_id, COALESCE(e.name, d.name, s.name) AS scope_name
       FROM person_roles r
       LEFT JOIN enterprises e ON r.role IN ('enterprise', 'secretary') AND e.id = r.scope_id
       LEFT JOIN departments d ON r.role = 'handler' AND d.id = r.scope_id
       LEFT JOIN stations s ON r.role = 'station' AND s.id = r.scope_id
      WHERE r.person_id = ANY($1::text[])
      ORDER BY r.role, scope_name`,
    [ids]
  )
  const byPerson = new Map<string, RoleGrant[]>()
  for (const r of rows) {
    const list = byPerson.get(r.person_id) ?? []
    list.push({ role: r.role, scopeId: r.scope_id || null, scopeName: r.scope_name })
    byPerson.set(r.person_id, list)
  }
  return byPerson
}

async function withRoles(q: Queryable, rows: Row[]): Promise<PersonRecord[]> {
  const roles = await rolesOf(
    q,
    rows.map((r) => r.id)
  )
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    partyMember: r.party_member,
    login: r.login,
    wechatBound: r.wechat_bound,
    lockedUntil: r.locked_until,
    erased: r.erased,
    roles: roles.get(r.id) ?? []
  }))
}

export async function listPeople(q: Queryable, filter: { pattern: string | null; role?: Role }): Promise<PersonRecord[]> {
  const rows = await q.query<Row>(
    `${SELECT}
      WHERE ($1::text IS NULL OR p.name ILIKE $1)
        AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM person_roles r WHERE r.person_id = p.id AND r.role = $2))
      ORDER BY p.name, p.id`,
    [filter.pattern, filter.role ?? null]
  )
  return withRoles(q, rows)
}

export async function findPersonRecord(q: Queryable, id: string): Promise<PersonRecord | null> {
  const rows = await q.query<Row>(`${SELECT} WHERE p.id = $1`, [id])
  return (await withRoles(q, rows))[0] ?? null
}

/** `phone: undefined` keeps the stored number on an update: the console only ever sees it masked. */
export async function writePerson(
  q: Queryable,
  p: { id: string; name: string; phone: string | null | undefined; partyMember: boolean },
  create: boolean,
  at: Date
): Promise<void> {
  if (create) {
    await q.query('INSERT INTO people (id, name, phone, party_member, created_at) VALUES ($1, $2, $3, $4, $5)', [p.id, p.name, p.phone ?? null, p.partyMember, at])
  } else {
    await q.query('UPDATE people SET name = $2, phone = CASE WHEN $5 THEN $3 ELSE phone END, party_member = $4 WHERE id = $1', [
      p.id,
      p.name,
      p.phone ?? null,
      p.partyMember,
      p.phone !== undefined
    ])
  }
}

/** Grants a role; false when the person already held it. */
export async function addGrant(q: Queryable, personId: string, role: Role, scopeId: string): Promise<boolean> {
  const rows = await q.query(
    'INSERT INTO person_roles (person_id, role, scope_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING person_id',
    [personId, role, scopeId]
  )
  return rows.length > 0
}
