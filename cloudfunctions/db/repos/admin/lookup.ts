import type { Queryable } from '../../client'

/** The tables the console edits; table names cannot be parameters, so only these reach the SQL. */
export type AdminTable = 'departments' | 'towns' | 'chains' | 'enterprises' | 'people' | 'stations' | 'service_items' | 'pairings'

/**
 * `q` as an ILIKE pattern matching it anywhere, with % and _ taken literally (backslash is ILIKE's
 * default escape); null when there is nothing to search for.
 */
export function containsPattern(q: string | undefined): string | null {
  const text = q?.trim()
  return text ? `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null
}

export async function exists(q: Queryable, table: AdminTable, id: string): Promise<boolean> {
  return (await q.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).length > 0
}

/** Locks the row for the rest of the transaction, so its "before" cannot change under an edit; false when missing. */
export async function lockRow(q: Queryable, table: AdminTable, id: string): Promise<boolean> {
  return (await q.query(`SELECT 1 FROM ${table} WHERE id = $1 FOR UPDATE`, [id])).length > 0
}

/** Ids among `ids` that have no row in the table. */
export async function missingIds(q: Queryable, table: AdminTable, ids: readonly string[]): Promise<string[]> {
  if (!ids.length) return []
  const found = await q.query<{ id: string }>(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, [ids])
  const have = new Set(found.map((r) => r.id))
  return ids.filter((id) => !have.has(id))
}

/** The other record (not `exceptId`) already holding this value in a unique column, or null. */
export async function holderOf(
  q: Queryable,
  table: 'departments' | 'towns' | 'chains' | 'enterprises',
  column: 'name' | 'credit_code',
  value: string,
  exceptId: string | undefined
): Promise<{ id: string; name: string } | null> {
  const [row] = await q.query<{ id: string; name: string }>(`SELECT id, name FROM ${table} WHERE ${column} = $1 AND id <> $2`, [value, exceptId ?? ''])
  return row ?? null
}

/**
 * Deletes the row unless something still refers to it: false on a foreign-key violation (23503). The
 * DELETE runs under a savepoint, so the refusal leaves the caller's transaction usable.
 */
export async function deleteUnlessReferenced(q: Queryable, table: AdminTable, id: string): Promise<boolean> {
  await q.query('SAVEPOINT admin_delete')
  try {
    await q.query(`DELETE FROM ${table} WHERE id = $1`, [id])
  } catch (e) {
    if ((e as { code?: unknown } | null)?.code !== '23503') throw e
    await q.query('ROLLBACK TO SAVEPOINT admin_delete')
    return false
  }
  await q.query('RELEASE SAVEPOINT admin_delete')
  return true
}
