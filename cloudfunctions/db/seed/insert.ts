import type { Queryable } from '../client'

/**
 * One multi-row INSERT per table: PGlite pays a round trip per statement, so seeding row by row
 * would dominate start-up. A column may carry a cast ("hours::jsonb") for values the driver would
 * otherwise send as text. Table and column names come from this module's callers, never from input.
 */
export async function insertRows(
  q: Queryable,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[]
): Promise<void> {
  if (rows.length === 0) return
  const names = columns.map((c) => c.split('::')[0])
  const casts = columns.map((c) => {
    const cast = c.split('::')[1]
    return cast ? `::${cast}` : ''
  })
  const params: unknown[] = []
  const tuples = rows.map((row) => {
    if (row.length !== columns.length) throw new Error(`${table}: row has ${row.length} values for ${columns.length} columns`)
    const cells = row.map((value, i) => {
      params.push(value)
      return `$${params.length}${casts[i]}`
    })
    return `(${cells.join(', ')})`
  })
  await q.query(`INSERT INTO ${table} (${names.join(', ')}) VALUES ${tuples.join(', ')}`, params)
}
