import path from 'node:path'
import type { Db } from './client'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import { migrate } from './migrate'

/** DATABASE_URL selects a PostgreSQL server; otherwise PGlite persisted under dataDir. Migrates on open. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl) : await openPglite(path.join(opts.dataDir, 'pgdata'))
  await migrate(db)
  return db
}
