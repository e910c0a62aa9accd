import pg from 'pg'
import type { Db, Queryable } from './client'

// Dates and numbers come back as the domain expects: timestamps as Date (default), bigint counts as numbers.
pg.types.setTypeParser(20, (v) => Number(v))

export function openPostgres(url: string, max = 10): Db {
  // No parallel query: the product's statements are short, and on a small server (the bench's two shared
  // cores) starting workers cost more than they saved (docs/self-hosting.md, PostgreSQL)
  const pool = new pg.Pool({ connectionString: url, max, options: '-c max_parallel_workers_per_gather=0' })
  // an idle client losing its connection (server restart, failover) must not crash the host;
  // the pool drops that client and the next query opens a fresh one
  pool.on('error', (e) => console.error('PostgreSQL 空闲连接中断：', e.message))
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params as unknown[])).rows,
    exec: async (sql) => void (await pool.query(sql)),
    tx: async (fn) => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const q: Queryable = {
          query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
          exec: async (sql) => void (await client.query(sql))
        }
        const out = await fn(q)
        await client.query('COMMIT')
        return out
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw e
      } finally {
        client.release()
      }
    },
    close: () => pool.end()
  }
}
