import type { Invite, Role } from '@contract'
import { inviteStatus } from '../../core'
import type { Queryable } from '../client'

interface InviteRow {
  id: string
  role: Role
  scope_id: string
  scope_name: string | null
  note: string
  created_at: Date
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
  used_by_name: string | null
}

const SELECT = `
  SELECT i.id, i.role, i.scope_id, COALESCE(e.name, d.name, s.name) AS scope_name, i.note, i.created_at, i.expires_at,
         i.used_at, i.revoked_at, u.name AS used_by_name
    FROM invites i
    LEFT JOIN enterprises e ON i.role IN ('enterprise', 'secretary') AND e.id = i.scope_id
    LEFT JOIN departments d ON i.role = 'handler' AND d.id = i.scope_id
    LEFT JOIN stations s ON i.role = 'station' AND s.id = i.scope_id
    LEFT JOIN people u ON u.id = i.used_by`

const toInvite = (r: InviteRow, now: Date): Invite => ({
  id: r.id,
  role: r.role,
  scopeId: r.scope_id || null,
  scopeName: r.scope_name,
  note: r.note,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  status: inviteStatus({ usedAt: r.used_at, revokedAt: r.revoked_at, expiresAt: r.expires_at }, now),
  usedByName: r.used_by_name
})

export async function insertInvite(
  q: Queryable,
  i: { id: string; codeHash: string; role: Role; scopeId: string; note: string; createdBy: string; at: Date; expiresAt: Date }
): Promise<void> {
  await q.query(
    'INSERT INTO invites (id, code_hash, role, scope_id, note, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [i.id, i.codeHash, i.role, i.scopeId, i.note, i.createdBy, i.at, i.expiresAt]
  )
}

export async function findInvite(q: Queryable, id: string, now: Date): Promise<Invite | null> {
  const [row] = await q.query<InviteRow>(`${SELECT} WHERE i.id = $1`, [id])
  return row ? toInvite(row, now) : null
}

export async function listInvites(q: Queryable, now: Date, limit = 200): Promise<Invite[]> {
  const rows = await q.query<InviteRow>(`${SELECT} ORDER BY i.created_at DESC LIMIT $1`, [limit])
  return rows.map((r) => toInvite(r, now))
}

/**
 * Uses the invite with this code hash for a person, atomically: only a pending one (not used, not
 * revoked, not expired) is taken, so two people racing with one code cannot both get the role.
 */
export async function takeInvite(q: Queryable, codeHash: string, personId: string, now: Date): Promise<{ role: Role; scopeId: string } | null> {
  const [row] = await q.query<{ role: Role; scope_id: string }>(
    `UPDATE invites SET used_by = $2, used_at = $3
      WHERE code_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $3
      RETURNING role, scope_id`,
    [codeHash, personId, now]
  )
  return row ? { role: row.role, scopeId: row.scope_id } : null
}

/** Why a code was not taken, for the message: unknown, used, revoked or expired. */
export async function inviteStateOf(q: Queryable, codeHash: string, now: Date): Promise<'unknown' | 'used' | 'revoked' | 'expired' | 'pending'> {
  const [row] = await q.query<{ used_at: Date | null; revoked_at: Date | null; expires_at: Date }>(
    'SELECT used_at, revoked_at, expires_at FROM invites WHERE code_hash = $1',
    [codeHash]
  )
  return row ? inviteStatus({ usedAt: row.used_at, revokedAt: row.revoked_at, expiresAt: row.expires_at }, now) : 'unknown'
}

export async function revokeInviteRow(q: Queryable, id: string, now: Date): Promise<boolean> {
  const rows = await q.query('UPDATE invites SET revoked_at = $2 WHERE id = $1 AND used_at IS NULL AND revoked_at IS NULL RETURNING id', [id, now])
  return rows.length > 0
}

/** Whether the scope a role is granted over exists. */
export async function scopeExists(q: Queryable, kind: 'enterprise' | 'department' | 'station', id: string): Promise<boolean> {
  const table = { enterprise: 'enterprises', department: 'departments', station: 'stations' }[kind]
  return (await q.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0
}
