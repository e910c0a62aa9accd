import path from 'node:path'
import type { Db } from './client'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import { migrate } from './migrate'

/** DATABASE_URL selects a PostgreSQL server; otherwise PGlite persisted under dataDir. Migrates on open. */
/** Where the embedded PGlite keeps its files inside DATA_DIR. */
export const pgdataOf = (dataDir: string): string => path.join(dataDir, 'pgdata')

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  const db = opts.databaseUrl ? openPostgres(opts.databaseUrl) : await openPglite(pgdataOf(opts.dataDir))
  await migrate(db)
  return db
}
