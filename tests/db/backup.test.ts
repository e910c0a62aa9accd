import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Db } from '../../cloudfunctions/db/client'
import { openPglite } from '../../cloudfunctions/db/pglite'
import { openPostgres } from '../../cloudfunctions/db/postgres'
import { backupDatabase, checkBackup, restoreDatabase } from '../../cloudfunctions/local/cli/backup'
import { photoFiles, populate, snapshot, tableCount, type Snapshot } from '../support/backup'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { describeWithPostgres, scratchDatabase } from '../support/pg'

jest.setTimeout(120_000)

async function snapshotAt(open: () => Promise<Db> | Db): Promise<Snapshot> {
  const db = await open()
  try {
    return await snapshot(db)
  } finally {
    await db.close()
  }
}

describeWithPostgres('backup and restore on a PostgreSQL server', () => {
  const drops: (() => Promise<void>)[] = []
  let root: string
  let source: { url: string }
  let h: Harness
  let file: string
  let expected: Snapshot
  let photos: Record<string, string>

  async function scratch(): Promise<string> {
    const s = await scratchDatabase()
    drops.push(s.drop)
    return s.url
  }

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lst-pg-backup-'))
    source = { url: await scratch() }
    h = await openHarness({ db: openPostgres(source.url) })
    await populate(h, path.join(root, 'source', 'photos'))
    expected = await snapshot(h.db)
    photos = photoFiles(path.join(root, 'source'))
    file = path.join(root, 'server.jsonl.gz')
    const made = await backupDatabase({ databaseUrl: source.url, dataDir: path.join(root, 'source'), out: file })
    expect(made.engine).toBe('postgres')
    expect(made.photos).toBe(3)
  })
  afterAll(async () => {
    await h?.close()
    for (const drop of drops) await drop()
    fs.rmSync(root, { recursive: true, force: true })
  })

  test('round trip: scratch database → backup → another scratch database, row for row', async () => {
    const url = await scratch()
    const s = await restoreDatabase({ databaseUrl: url, dataDir: path.join(root, 'b'), file })
    expect(s.engine).toBe('postgres')
    expect(await snapshotAt(() => openPostgres(url))).toEqual(expected)
    expect(photoFiles(path.join(root, 'b'))).toEqual(photos)
  })

  test('refuses to restore over data; with yes it replaces it', async () => {
    const url = await scratch()
    const other = await openHarness({ db: openPostgres(url) }) // migrated and seeded: not empty
    const demo = await snapshot(other.db)
    await other.close()
    await expect(restoreDatabase({ databaseUrl: url, dataDir: path.join(root, 'c'), file })).rejects.toThrow(/PostgreSQL（127\.0\.0\.1:\d+\/lst_test_\w+） 中已有数据.*拒绝覆盖/)
    expect(await snapshotAt(() => openPostgres(url))).toEqual(demo)
    await restoreDatabase({ databaseUrl: url, dataDir: path.join(root, 'c'), file, yes: true })
    expect(await snapshotAt(() => openPostgres(url))).toEqual(expected)
  })

  test('one format for both engines: a server backup restores into PGlite, and a PGlite backup into a server', async () => {
    const embedded = path.join(root, 'embedded')
    await restoreDatabase({ dataDir: embedded, file })
    expect(await snapshotAt(() => openPglite(path.join(embedded, 'pgdata')))).toEqual(expected)
    expect(photoFiles(embedded)).toEqual(photos)

    const back = path.join(root, 'from-pglite.jsonl.gz')
    const made = await backupDatabase({ dataDir: embedded, out: back })
    expect(made.engine).toBe('pglite')
    const url = await scratch()
    await restoreDatabase({ databaseUrl: url, dataDir: path.join(root, 'd'), file: back })
    expect(await snapshotAt(() => openPostgres(url))).toEqual(expected)
  })

  test('a backup taken while problems are being filed is one consistent snapshot', async () => {
    const token = await h.signIn('enterprise')
    let filing = true
    let filed = 0
    const writers = Array.from({ length: 4 }, async (_, w) => {
      for (let i = 0; filing; i++) {
        unwrap(await h.call('problems', 'file', { title: `备份期间提交 ${w}-${i}`, content: '备份进行时，主机继续接受诉求。', category: 'other', enterpriseId: 'e-murata' }, { as: token }))
        filed++
      }
    })
    await new Promise((r) => setTimeout(r, 300))
    const during = path.join(root, 'during.jsonl.gz')
    try {
      await backupDatabase({ databaseUrl: source.url, dataDir: path.join(root, 'source'), out: during })
    } finally {
      filing = false
      await Promise.all(writers)
    }
    expect(filed).toBeGreaterThan(0)
    const url = await scratch()
    await restoreDatabase({ databaseUrl: url, dataDir: path.join(root, 'e'), file: during })
    const db = openPostgres(url)
    try {
      // every problem with exactly its events (version = last seq), and numbers that were handed out
      const broken = await db.query(
        `SELECT p.id FROM problems p LEFT JOIN problem_events e ON e.problem_id = p.id
          GROUP BY p.id, p.version HAVING p.version IS DISTINCT FROM max(e.seq) OR count(e.id) <> max(e.seq)`
      )
      expect(broken).toEqual([])
      const [c] = await db.query<{ problems: number; handed: number; top: number; last: number }>(
        `SELECT (SELECT count(*)::int FROM problems) AS problems, (SELECT sum(last)::int FROM problem_counters) AS handed,
                (SELECT max(substring(number FROM '-(\\d+)$')::int) FROM problems) AS top, (SELECT max(last) FROM problem_counters) AS last`
      )
      expect(c.problems).toBeLessThanOrEqual(c.handed)
      expect(c.top).toBeLessThanOrEqual(c.last)
    } finally {
      await db.close()
    }
  })

  test('a truncated file is refused and the server database is left without a single table', async () => {
    const cut = path.join(root, 'cut.jsonl.gz')
    const bytes = fs.readFileSync(file)
    fs.writeFileSync(cut, bytes.subarray(0, bytes.length - 200))
    await expect(checkBackup(cut)).rejects.toThrow(/备份文件(不完整|已损坏)/)
    const url = await scratch()
    await expect(restoreDatabase({ databaseUrl: url, dataDir: path.join(root, 'f'), file: cut })).rejects.toThrow(/备份文件(不完整|已损坏)/)
    const db = openPostgres(url)
    expect(await tableCount(db)).toBe(0)
    await db.close()
  })
})
