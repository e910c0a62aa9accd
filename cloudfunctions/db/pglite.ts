import { PGlite } from '@electric-sql/pglite'
import type { Db, Queryable } from './client'

/** Embedded PostgreSQL (WASM). `dataDir` persists it; undefined keeps it in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = dataDir ? new PGlite(dataDir) : new PGlite()
  await pg.waitReady
  const query = async <T>(q: Pick<PGlite, 'query'>, sql: string, params?: unknown[]) =>
    (await q.query<T>(sql, params as unknown[])).rows
  return {
    kind: 'pglite',
    query: (sql, params) => query(pg, sql, params),
    exec: async (sql) => void (await pg.exec(sql)),
    tx: (fn) =>
      pg.transaction(async (t) => {
        const q: Queryable = {
          query: (sql, params) => query(t, sql, params),
          exec: async (sql) => void (await t.exec(sql))
        }
        return fn(q)
      }),
    close: () => pg.close()
  }
}
