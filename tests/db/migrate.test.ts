import pg from 'pg'
import { createHash } from 'node:crypto'
import { migrate } from '../../cloudfunctions/db/migrate'
import { MIGRATIONS } from '../../cloudfunctions/db/migrations'
import { openPostgres } from '../../cloudfunctions/db/postgres'
import { describeWithPostgres, scratchDatabase } from '../support/pg'

// migrate() with real sessions: several hosts upgrading a database made before checksums existed, and a
// start that must not wait for a backup's long read-only transaction. (The PGlite cases are in
// tests/app/migrate.test.ts; three hosts on an empty database in problems-concurrency.test.ts.)

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

describeWithPostgres('migrations on a real PostgreSQL server', () => {
  test('four hosts starting at once on a database without checksums: all start, the column is added and filled once', async () => {
    const scratch = await scratchDatabase()
    const setup = openPostgres(scratch.url, 1)
    const hosts = [1, 2, 3, 4].map(() => openPostgres(scratch.url, 2))
    try {
      await setup.exec('CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
      for (const m of MIGRATIONS) {
        await setup.exec(m.sql)
        await setup.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      }
      const runs = await Promise.all(hosts.map((db) => migrate(db)))
      expect(runs).toEqual([[], [], [], []])
      const rows = await setup.query<{ version: number; checksum: string }>('SELECT version, checksum FROM schema_migrations ORDER BY version')
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, checksum: sha256(m.sql) })))
    } finally {
      await Promise.all([setup, ...hosts].map((db) => db.close()))
      await scratch.drop()
    }
  }, 60_000)

  test('a start does not wait for a backup: an open REPEATABLE READ transaction that read schema_migrations', async () => {
    const scratch = await scratchDatabase()
    const db = openPostgres(scratch.url, 2)
    const backup = new pg.Client({ connectionString: scratch.url })
    try {
      await migrate(db)
      await backup.connect()
      // what npm run backup holds for its whole run (cloudfunctions/local/cli/backup.ts)
      await backup.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY')
      await backup.query('SELECT version, name FROM schema_migrations ORDER BY version')

      let timer: NodeJS.Timeout | undefined
      const waited = new Promise<'blocked'>((resolve) => (timer = setTimeout(() => resolve('blocked'), 5_000)))
      const started = await Promise.race([migrate(db).then(() => 'started' as const), waited])
      clearTimeout(timer)
      expect(started).toBe('started')
    } finally {
      await backup.query('ROLLBACK').catch(() => undefined)
      await backup.end().catch(() => undefined)
      await db.close()
      await scratch.drop()
    }
  }, 60_000)
})
