import type { Db } from './client'
import { MIGRATIONS } from './migrations'

// Any constant works; it only has to be the same for every host that migrates this database.
export const MIGRATION_LOCK = 7_204_311

/**
 * Applies pending migrations. Several hosts may start at once against one server: the advisory
 * lock makes them take turns, and each migration commits with its version row or not at all.
 */
export async function migrate(db: Db): Promise<number[]> {
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await q.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())'
    )
    const done = new Set((await q.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version))
    const applied: number[] = []
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue
      await q.exec(m.sql)
      await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      applied.push(m.version)
    }
    return applied
  })
}
