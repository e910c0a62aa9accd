import { createHash } from 'node:crypto'
import type { Db, Queryable } from './client'
import { MIGRATIONS } from './migrations'

// Any constant works; it only has to be the same for every host that migrates this database.
export const MIGRATION_LOCK = 7_204_311

export interface Migration {
  version: number
  name: string
  sql: string
}

/** sha256 (hex) of a migration's SQL, as schema_migrations.checksum keeps it. Line endings do not count. */
export function migrationChecksum(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n?/g, '\n'), 'utf8').digest('hex')
}

/** `0001_init` for version 1 named init: the file the migration lives in. */
const label = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}_${m.name}`

/**
 * An applied migration whose SQL is no longer what the code says. Starting anyway would run later
 * migrations on a schema they were not written for and could leave the database half upgraded.
 */
export class MigrationChangedError extends Error {
  readonly changed: { version: number; name: string; recorded: string; current: string }[]

  constructor(changed: MigrationChangedError['changed']) {
    const names = changed.map(label).join('、')
    const detail = changed.map((c) => `${label(c)}: ${c.recorded.slice(0, 12)}… → ${c.current.slice(0, 12)}…`).join('; ')
    super(
      `数据库中已执行的迁移 ${names} 在执行之后被修改过（SQL 校验值不符：${detail}），拒绝启动，以免数据库停在升级了一半的结构上。` +
        '已发布的迁移不能再改，结构变化要写成新编号的迁移文件（见 docs/self-hosting.md）。' +
        '处理办法：换回与这个数据库一致的程序版本；或者把备份恢复到一个新的空数据库（npm run restore，见 docs/backup.md）；' +
        '本地演示数据库可以删除 DATA_DIR（默认 .data/）后重新 npm start。\n' +
        `Refusing to start: migration ${changed.map(label).join(', ')} was changed after it was applied to this database ` +
        `(checksum mismatch: ${detail}). Applied migrations are frozen; put schema changes in a new numbered migration. ` +
        'Run the code version that matches this database, or restore a backup into a new empty database (npm run restore, see docs/backup.md); ' +
        'for a local demo database, delete DATA_DIR (default .data/) and start again.'
    )
    this.name = 'MigrationChangedError'
    this.changed = changed
  }
}

/**
 * The bookkeeping table. `checksum` came later than the table: databases made before it get the column
 * once (below), and their rows are filled in on that first run.
 */
const BOOTSTRAP =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), checksum text)'

/**
 * Only when the column is missing: ALTER TABLE takes an ACCESS EXCLUSIVE lock even when IF NOT EXISTS
 * finds the column, and would then wait at every start for a backup's long read-only transaction
 * (which reads schema_migrations) to end.
 */
async function ensureChecksumColumn(q: Queryable): Promise<void> {
  const [{ has }] = await q.query<{ has: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass('schema_migrations') AND attname = 'checksum' AND NOT attisdropped) AS has`
  )
  if (!has) await q.exec('ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum text')
}

/**
 * Applies pending migrations. Several hosts may start at once against one server: the advisory
 * lock makes them take turns, and each migration commits with its version row or not at all.
 *
 * Before anything runs, every applied migration's recorded checksum must match its SQL in the code;
 * otherwise it throws MigrationChangedError and changes nothing. Rows recorded before checksums existed
 * (older local databases) are trusted and filled in.
 */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const code = [...migrations].sort((a, b) => a.version - b.version)
  return db.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await q.exec(BOOTSTRAP)
    await ensureChecksumColumn(q)
    const rows = await q.query<{ version: number; checksum: string | null }>('SELECT version, checksum FROM schema_migrations ORDER BY version')
    const done = new Map(rows.map((r) => [r.version, r.checksum]))

    const changed: MigrationChangedError['changed'] = []
    for (const m of code) {
      const recorded = done.get(m.version)
      const current = migrationChecksum(m.sql)
      if (recorded && recorded !== current) changed.push({ version: m.version, name: m.name, recorded, current })
    }
    if (changed.length) throw new MigrationChangedError(changed)

    const applied: number[] = []
    for (const m of code) {
      const checksum = migrationChecksum(m.sql)
      if (done.has(m.version)) {
        if (done.get(m.version) === null) await q.query('UPDATE schema_migrations SET checksum = $2 WHERE version = $1 AND checksum IS NULL', [m.version, checksum])
        continue
      }
      await q.exec(m.sql)
      await q.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, checksum])
      applied.push(m.version)
    }
    return applied
  })
}
