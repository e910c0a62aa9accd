import { createHash } from 'node:crypto'
import type { Db } from '../../cloudfunctions/db/client'
import { MigrationChangedError, migrate, type Migration } from '../../cloudfunctions/db/migrate'
import { MIGRATIONS } from '../../cloudfunctions/db/migrations'
import { openPglite } from '../../cloudfunctions/db/pglite'

// Upgrade safety of cloudfunctions/db/migrate.ts on the embedded engine (one connection, so the
// concurrency case runs serialised here; tests/db/migrate.test.ts races real sessions on PostgreSQL).

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')

const small: Migration[] = [
  { version: 1, name: 'first', sql: 'CREATE TABLE alpha (id integer PRIMARY KEY);' },
  { version: 2, name: 'second', sql: 'CREATE TABLE beta (id integer PRIMARY KEY);' }
]

const recorded = (db: Db) =>
  db.query<{ version: number; name: string; checksum: string | null }>('SELECT version, name, checksum FROM schema_migrations ORDER BY version')

const tableExists = async (db: Db, name: string) => (await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]))[0].t !== null

/** schema_migrations as every database made before checksums has it: no checksum column. */
const OLD_BOOTSTRAP = 'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())'

let db: Db
beforeEach(async () => {
  db = await openPglite()
})
afterEach(async () => {
  await db?.close()
})

describe('checksums of applied migrations', () => {
  test('a fresh database records the sha256 of each migration it runs, and a second start changes nothing', async () => {
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version))
    expect(await recorded(db)).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: sha256(m.sql) })))
    const before = await db.query('SELECT * FROM schema_migrations ORDER BY version')

    expect(await migrate(db)).toEqual([])
    expect(await db.query('SELECT * FROM schema_migrations ORDER BY version')).toEqual(before)
  }, 60_000)

  test('an applied migration whose SQL changed is refused, with the migration named, and nothing runs', async () => {
    await migrate(db, small)
    const edited: Migration[] = [
      small[0],
      { ...small[1], sql: 'CREATE TABLE beta (id integer PRIMARY KEY, note text);' },
      { version: 3, name: 'third', sql: 'CREATE TABLE gamma (id integer PRIMARY KEY);' }
    ]

    const refusal = await migrate(db, edited).catch((e: unknown) => e)
    expect(refusal).toBeInstanceOf(MigrationChangedError)
    const message = (refusal as Error).message
    // which one, in both languages, and what to do about it
    expect(message).toContain('0002_second')
    expect(message).not.toContain('0001_first')
    expect(message).toContain('拒绝启动')
    expect(message).toContain('Refusing to start')
    expect(message).toContain('npm run restore')
    expect(message).toContain('DATA_DIR')
    expect(message).toContain(sha256(small[1].sql).slice(0, 12))
    expect((refusal as MigrationChangedError).changed).toEqual([
      { version: 2, name: 'second', recorded: sha256(small[1].sql), current: sha256(edited[1].sql) }
    ])

    // the later migration did not run and the record is as it was
    expect(await tableExists(db, 'gamma')).toBe(false)
    expect(await recorded(db)).toEqual(small.map((m) => ({ version: m.version, name: m.name, checksum: sha256(m.sql) })))
  })

  test('the real first migration, edited in place after it ran, is refused as 0001_init', async () => {
    await migrate(db)
    const [first, ...rest] = MIGRATIONS
    const edited = [{ ...first, sql: `${first.sql}\nCREATE INDEX people_name ON people (name);\n` }, ...rest]
    await expect(migrate(db, edited)).rejects.toThrow(/0001_init[\s\S]*拒绝启动[\s\S]*Refusing to start: migration 0001_init/)
    expect(await tableExists(db, 'people_name')).toBe(false)
  }, 60_000)

  test('line endings alone are not a change (a Windows checkout)', async () => {
    await migrate(db, small)
    const crlf = small.map((m) => ({ ...m, sql: m.sql.replace(/;/g, ';\r\n') }))
    const lf = small.map((m) => ({ ...m, sql: m.sql.replace(/;/g, ';\n') }))
    const fresh = await openPglite()
    try {
      await migrate(fresh, lf)
      // LF-recorded database, CRLF code, and the other way round
      await expect(migrate(fresh, crlf)).resolves.toEqual([])
    } finally {
      await fresh.close()
    }
    // a trailing newline is a change to the text, line endings aside
    await expect(migrate(db, lf)).rejects.toBeInstanceOf(MigrationChangedError)
  })
})

describe('databases made before checksums (older .data/ demo databases)', () => {
  test('get the column and their rows filled on the first start, and are checked from then on', async () => {
    // what migrate() used to leave behind
    await db.exec(OLD_BOOTSTRAP)
    for (const m of small) {
      await db.exec(m.sql)
      await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
    }

    expect(await migrate(db, small)).toEqual([])
    expect(await recorded(db)).toEqual(small.map((m) => ({ version: m.version, name: m.name, checksum: sha256(m.sql) })))

    // trusted once, verified after
    await expect(migrate(db, [small[0], { ...small[1], sql: `${small[1].sql} -- edited` }])).rejects.toBeInstanceOf(MigrationChangedError)
  })

  test('with the real migrations and a later one pending: filled, then the new one applied with its checksum', async () => {
    await db.exec(OLD_BOOTSTRAP)
    for (const m of MIGRATIONS) {
      await db.exec(m.sql)
      await db.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
    }
    const next: Migration = { version: 9001, name: 'later', sql: 'ALTER TABLE people ADD COLUMN nickname text;' }

    expect(await migrate(db, [...MIGRATIONS, next])).toEqual([9001])
    expect(await recorded(db)).toEqual([...MIGRATIONS, next].map((m) => ({ version: m.version, name: m.name, checksum: sha256(m.sql) })))
  }, 60_000)

  test('a row without a checksum in a table that already has the column (written by an older restore) is filled', async () => {
    await migrate(db, small)
    await db.query('UPDATE schema_migrations SET checksum = NULL WHERE version = 1')
    expect(await migrate(db, small)).toEqual([])
    expect((await recorded(db)).map((r) => r.checksum)).toEqual(small.map((m) => sha256(m.sql)))
  })
})

describe('all or nothing', () => {
  test('a migration that fails leaves nothing behind: no table, no version row', async () => {
    const broken: Migration[] = [small[0], { version: 2, name: 'broken', sql: 'CREATE TABLE beta (id integer PRIMARY KEY); SELECT no_such_function();' }]
    await expect(migrate(db, broken)).rejects.toThrow(/no_such_function/)
    expect(await tableExists(db, 'alpha')).toBe(false)
    expect(await tableExists(db, 'schema_migrations')).toBe(false)

    // and the fixed code then starts normally
    expect(await migrate(db, small)).toEqual([1, 2])
  })

  test('two starts at once on one database: both succeed, the migrations run once', async () => {
    const runs = await Promise.all([migrate(db), migrate(db)])
    expect(runs.flat().sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version))
    expect(runs.filter((r) => r.length === 0)).toHaveLength(1)
    expect(await recorded(db)).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name, checksum: sha256(m.sql) })))
  }, 60_000)
})
