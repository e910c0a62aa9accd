import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { MIGRATIONS } from '../../cloudfunctions/db/migrations'
import { openPglite } from '../../cloudfunctions/db/pglite'
import { backupDatabase, checkBackup, defaultBackupPath, restoreDatabase, type BackupSummary } from '../../cloudfunctions/local/cli/backup'
import { photoFiles, populate, snapshot, tableCount, type Snapshot } from '../support/backup'
import { openHarness, unwrap } from '../support/harness'

// Backups of the embedded database: npm run backup / npm run restore on PGlite data directories.
jest.setTimeout(120_000)

let root: string
let src: string
let file: string
let expected: Snapshot
let photos: Record<string, string>
let made: BackupSummary
let problems: string[]

const pgdata = (dataDir: string) => {
  fs.mkdirSync(dataDir, { recursive: true })
  return path.join(dataDir, 'pgdata')
}

/**
 * An empty database (initialised, no tables) at root/name: a copy of one made once, since PGlite takes
 * seconds to initialise a directory. The round trip and the commands restore into directories that do
 * not exist yet.
 */
function emptyDatabase(name: string): string {
  const dir = path.join(root, name)
  fs.cpSync(path.join(root, 'empty'), dir, { recursive: true })
  return dir
}

async function snapshotOf(dataDir: string): Promise<Snapshot> {
  const db = await openPglite(pgdata(dataDir))
  try {
    return await snapshot(db)
  } finally {
    await db.close()
  }
}

const hex = (text: string) => createHash('sha256').update(text).digest('hex')

/** A backup's lines (as split on \n) gzip'd again with its checksums recomputed: content that verifies. */
function reseal(lines: string[]): Buffer {
  const header = JSON.parse(lines[0]) as { tables: { name: string; rows: number }[] }
  const end = lines.findIndex((l) => l.startsWith('{"end":'))
  const trailer = JSON.parse(lines[end]) as { tables: Record<string, { sha256: string }>; sha256: string }
  let i = 1
  for (const t of header.tables) {
    i++ // the table's first line
    trailer.tables[t.name].sha256 = hex(lines.slice(i, i + t.rows).map((l) => `${l}\n`).join(''))
    i += t.rows
  }
  trailer.sha256 = hex(lines.slice(0, end).map((l) => `${l}\n`).join(''))
  return zlib.gzipSync([...lines.slice(0, end), JSON.stringify(trailer), ''].join('\n'))
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lst-backup-'))
  src = path.join(root, 'src')
  const h = await openHarness({ db: await openPglite(pgdata(src)) })
  ;({ problems } = await populate(h, path.join(src, 'photos')))
  expected = await snapshot(h.db)
  await h.close()
  photos = photoFiles(src)
  file = path.join(root, 'out', 'b.jsonl.gz')
  made = await backupDatabase({ dataDir: src, out: file })
  await (await openPglite(pgdata(path.join(root, 'empty')))).close()
})
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

test('the fixture has what a backup must carry', () => {
  const rows = (t: string) => expected[`table ${t}`].length
  expect(rows('problems')).toBeGreaterThanOrEqual(4)
  expect(rows('problem_events')).toBeGreaterThan(5)
  expect(rows('files')).toBe(3)
  expect(rows('problem_votes')).toBe(1)
  expect(expected['table problems'].some((r) => r.includes(problems[2]) && r.startsWith(`(${problems[0]},`))).toBe(true) // a.merged_into = chain
  expect(expected['table request_log'].filter((r) => r.includes('backup-test'))).toHaveLength(3)
  expect(Object.keys(photos)).toHaveLength(3)
  expect(made.engine).toBe('pglite')
  expect(made.photos).toBe(3)
  expect(made.missingPhotos).toEqual([])
  expect(made.tables.find((t) => t.name === 'problems')?.rows).toBe(rows('problems'))
  expect(fs.statSync(file).mode & 0o777).toBe(0o600)
  expect(fs.readdirSync(path.dirname(file))).toEqual(['b.jsonl.gz']) // no partial file left
})

test('round trip: restored into a fresh data directory, every table, sequence, migration and photo is the same', async () => {
  const dst = path.join(root, 'fresh')
  const s = await restoreDatabase({ dataDir: dst, file })
  expect(s).toMatchObject({ engine: 'pglite', migrations: MIGRATIONS.map((m) => m.version), upgradedTo: [], photos: 3, photosIncluded: true, missingPhotos: [], replaced: false })
  expect(s.tables).toEqual(made.tables)
  expect(await snapshotOf(dst)).toEqual(expected)
  expect(photoFiles(dst)).toEqual(photos)
  expect(fs.readdirSync(path.join(dst, 'photos')).filter((n) => n.startsWith('.'))).toEqual([]) // staging removed
})

test('the restored database serves the host: new filings continue its numbers, events and sequences', async () => {
  const dst = emptyDatabase('serve')
  await restoreDatabase({ dataDir: dst, file })
  const h = await openHarness({ db: await openPglite(pgdata(dst)) }) // migrates (nothing to do) and does not seed again
  try {
    const [{ n: before }] = await h.db.query<{ n: number }>('SELECT max(id)::int AS n FROM problem_events')
    const token = await h.signIn('enterprise')
    const p = unwrap(await h.call('problems', 'file', { title: '恢复后提交的诉求', content: '恢复备份之后，主机照常接受新的诉求。', category: 'other', enterpriseId: 'e-murata' }, { as: token }))
    const [{ n: after }] = await h.db.query<{ n: number }>('SELECT max(id)::int AS n FROM problem_events')
    expect(after).toBeGreaterThan(before)
    expect(unwrap(await h.call('problems', 'get', { id: problems[0] }, { as: token })).mergedInto).toBe(problems[2])
    expect(p.number).not.toBe(unwrap(await h.call('problems', 'get', { id: problems[3] }, { as: token })).number)
  } finally {
    await h.close()
  }
})

test('refuses to restore over data; with yes it replaces all of it', async () => {
  const busy = emptyDatabase('busy')
  const other = await openHarness({ db: await openPglite(pgdata(busy)) }) // migrated, seeded, and a problem with its events
  const token = await other.signIn('enterprise')
  unwrap(await other.call('problems', 'file', { title: '另一个库里的诉求', content: '这个数据库已经在用，有自己的诉求与处理记录。', category: 'other', enterpriseId: 'e-murata' }, { as: token }))
  const demo = await snapshot(other.db)
  await other.close()
  expect(demo['table problem_events'].length).toBeGreaterThan(0)

  await expect(restoreDatabase({ dataDir: busy, file })).rejects.toThrow(/已有数据.*拒绝覆盖/)
  expect(await snapshotOf(busy)).toEqual(demo)

  const warned: string[] = []
  const s = await restoreDatabase({ dataDir: busy, file, yes: true, onOverwrite: (t) => void warned.push(...t.map((x) => x.name)) })
  expect(warned).toEqual(expect.arrayContaining(['departments', 'problems', 'problem_events']))
  expect(s.replaced).toBe(true)
  expect(await snapshotOf(busy)).toEqual(expected)
})

test('a truncated file is refused with a clear message, and the target is left as it was', async () => {
  const cut = path.join(root, 'cut.jsonl.gz')
  const bytes = fs.readFileSync(file)
  fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)))
  await expect(checkBackup(cut)).rejects.toThrow(/备份文件不完整/)
  const dst = path.join(root, 'after-cut')
  await expect(restoreDatabase({ dataDir: dst, file: cut })).rejects.toThrow(/备份文件不完整/)
  expect(fs.existsSync(dst)).toBe(false) // the file is checked before the target is opened or created
})

test('a load that fails part-way rolls everything back: no tables, no photos, and the same file can be fixed and restored', async () => {
  // checksums that hold, but a history row whose problem does not exist: the foreign key stops the load
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')
  const first = lines.findIndex((l) => l.startsWith('{"table":"problem_events"')) + 1
  lines[first] = lines[first].replace(/"problem_id":"[^"]+"/, '"problem_id":"no-such-problem"')
  const bad = path.join(root, 'dangling.jsonl.gz')
  fs.writeFileSync(bad, reseal(lines))
  await expect(checkBackup(bad)).resolves.toBeTruthy()
  const dst = emptyDatabase('after-dangling')
  await expect(restoreDatabase({ dataDir: dst, file: bad })).rejects.toThrow(/载入表 problem_events 失败：.*foreign key/)
  const db = await openPglite(pgdata(dst))
  expect(await tableCount(db)).toBe(0) // the migrations rolled back with the rest
  await db.close()
  expect(photoFiles(dst)).toEqual({})

  // a value that loads but reads back differently (a time not in UTC): caught by the comparison after
  // loading, which comes after the photos were staged
  const again = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')
  const model = again.findIndex((l) => l.startsWith('{"table":"routing_models"')) + 1
  expect(again[model]).toContain('"trained_at":"2026-11-23 02:00:00.654321+00"')
  again[model] = again[model].replace('02:00:00.654321+00', '02:00:00.654321+08')
  const shifted = path.join(root, 'shifted.jsonl.gz')
  fs.writeFileSync(shifted, reseal(again))
  await expect(restoreDatabase({ dataDir: dst, file: shifted })).rejects.toThrow(/恢复后的表 routing_models 与备份不一致（备份 1 行，恢复后 1 行，内容不同），已全部撤销/)
  const db2 = await openPglite(pgdata(dst))
  expect(await tableCount(db2)).toBe(0)
  await db2.close()
  expect(fs.readdirSync(path.join(dst, 'photos'))).toEqual([]) // the staged photos are gone too

  await restoreDatabase({ dataDir: dst, file })
  expect(await snapshotOf(dst)).toEqual(expected)
})

test('a file cut at a line boundary (gzip intact, trailer missing) is refused', async () => {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')
  const cut = path.join(root, 'no-trailer.jsonl.gz')
  fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, -2).join('\n') + '\n'))
  await expect(checkBackup(cut)).rejects.toThrow(/备份文件不完整.*缺少结尾的校验行/)
})

test('corruption is refused: damaged compressed bytes, an edited row, a file that is no backup', async () => {
  const bytes = Buffer.from(fs.readFileSync(file))
  for (let i = Math.floor(bytes.length / 2); i < bytes.length / 2 + 16; i++) bytes[i] ^= 0x5a
  const damaged = path.join(root, 'damaged.jsonl.gz')
  fs.writeFileSync(damaged, bytes)
  await expect(checkBackup(damaged)).rejects.toThrow(/备份文件(已损坏|不完整)/)

  const edited = path.join(root, 'edited.jsonl.gz')
  const body = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8')
  expect(body).toContain('区商务局')
  fs.writeFileSync(edited, zlib.gzipSync(body.replace('区商务局', '区商务厅')))
  await expect(checkBackup(edited)).rejects.toThrow(/备份文件已损坏.*校验值不符/)
  const dst = path.join(root, 'after-edit')
  await expect(restoreDatabase({ dataDir: dst, file: edited })).rejects.toThrow(/校验值不符/)
  expect(fs.existsSync(dst)).toBe(false)

  const plain = path.join(root, 'notes.txt')
  fs.writeFileSync(plain, '这不是备份\n')
  await expect(checkBackup(plain)).rejects.toThrow(/不是链上通的备份文件/)
  const otherGzip = path.join(root, 'other.json.gz')
  fs.writeFileSync(otherGzip, zlib.gzipSync('{"hello":"world"}\n'))
  await expect(checkBackup(otherGzip)).rejects.toThrow(/不是链上通的备份文件/)
  await expect(restoreDatabase({ dataDir: path.join(root, 'never'), file: path.join(root, 'missing.jsonl.gz') })).rejects.toThrow(/找不到备份文件/)
})

test('a data directory in use by another PGlite (a running host) is refused, not opened twice', async () => {
  const host = await openPglite(pgdata(src))
  try {
    await expect(backupDatabase({ dataDir: src, out: path.join(root, 'while-running.jsonl.gz') })).rejects.toThrow(/数据目录正在被使用.*请先停止主机/s)
    await expect(restoreDatabase({ dataDir: src, file, yes: true })).rejects.toThrow(/数据目录正在被使用/)
  } finally {
    await host.close()
  }
  expect(fs.existsSync(path.join(root, 'while-running.jsonl.gz'))).toBe(false)
  await expect(backupDatabase({ dataDir: path.join(root, 'nothing-here'), out: path.join(root, 'x.jsonl.gz') })).rejects.toThrow(/没有找到内嵌数据库/)
})

test('an existing backup file is never overwritten', async () => {
  const before = fs.readFileSync(file)
  await expect(backupDatabase({ dataDir: src, out: file })).rejects.toThrow(/已存在/)
  expect(fs.readFileSync(file).equals(before)).toBe(true)
})

test('a backup from an older version is migrated after loading; one from a newer version is refused', async () => {
  const next = { version: MIGRATIONS[MIGRATIONS.length - 1].version + 1, name: 'backup_test_note', sql: 'ALTER TABLE towns ADD COLUMN note text' }
  const dst = emptyDatabase('upgraded')
  const s = await restoreDatabase({ dataDir: dst, file, migrations: [...MIGRATIONS, next] })
  expect(s.upgradedTo).toEqual([next.version])
  const got = await snapshotOf(dst)
  expect(got['table schema_migrations']).toEqual([...MIGRATIONS, next].map((m) => `${m.version} ${m.name}`).sort())
  expect(got['table problem_events']).toEqual(expected['table problem_events'])
  expect(got['table towns']).toHaveLength(expected['table towns'].length)

  await expect(restoreDatabase({ dataDir: path.join(root, 'older-code'), file, migrations: MIGRATIONS.slice(0, -1) })).rejects.toThrow(/备份来自更新的链上通.*请先升级程序/)
  expect(fs.existsSync(path.join(root, 'older-code'))).toBe(false)
})

test('photos: --no-photos leaves them out, a photo file gone missing is reported and does not stop the backup', async () => {
  const copy = path.join(root, 'copy')
  fs.cpSync(src, copy, { recursive: true })
  const [gone] = Object.keys(photos)
  fs.rmSync(path.join(copy, 'photos', gone))
  const partial = await backupDatabase({ dataDir: copy, out: path.join(root, 'missing-one.jsonl.gz') })
  expect(partial.missingPhotos).toEqual([gone])
  expect(partial.photos).toBe(2)
  const noPhotos = await backupDatabase({ dataDir: copy, out: path.join(root, 'no-photos.jsonl.gz'), photos: false })
  expect(noPhotos.photos).toBe(0)
  const dst = emptyDatabase('without-photos')
  const s = await restoreDatabase({ dataDir: dst, file: path.join(root, 'no-photos.jsonl.gz') })
  expect(s).toMatchObject({ photos: 0, photosIncluded: false })
  expect(await snapshotOf(dst)).toEqual(expected)
  expect(photoFiles(dst)).toEqual({})
})

test('check reads the whole file and reports what it holds', async () => {
  const c = await checkBackup(file)
  expect(c).toMatchObject({ engine: 'pglite', migrations: MIGRATIONS.map((m) => m.version), photos: 3, missingPhotos: [] })
  expect(c.tables).toEqual(made.tables)
})

test('the default file is backups/lianshangtong-<Shanghai time>.jsonl.gz', () => {
  expect(defaultBackupPath(new Date('2026-11-25T16:05:09Z'), '/srv/lst')).toBe('/srv/lst/backups/lianshangtong-20261126-000509.jsonl.gz')
})

test('npm run backup and npm run restore: the commands, on DATA_DIR', async () => {
  const run = promisify(execFile)
  const repo = path.resolve(__dirname, '../..')
  const tsx = path.join(repo, 'node_modules/.bin/tsx')
  const out = path.join(root, 'cli', 'cli.jsonl.gz')
  const env = { ...process.env, SESSION_SECRET: 'cli-test' }
  const made = await run(tsx, ['cloudfunctions/local/cli/backup.ts', '--out', out], { cwd: repo, env: { ...env, DATA_DIR: src } })
  expect(made.stdout).toMatch(/已写入 .*cli\.jsonl\.gz.*照片 3 张/)
  expect(fs.existsSync(path.join(root, 'cli', '.gitignore'))).toBe(false) // only a directory named backups gets one
  const dst = path.join(root, 'cli-restored')
  const restored = await run(tsx, ['cloudfunctions/local/cli/restore.ts', out], { cwd: repo, env: { ...env, DATA_DIR: dst } })
  expect(restored.stdout).toMatch(/已恢复：.*与备份逐行一致，照片 3 张/)
  expect(await snapshotOf(dst)).toEqual(expected)
  const again = run(tsx, ['cloudfunctions/local/cli/restore.ts', out], { cwd: repo, env: { ...env, DATA_DIR: dst } })
  await expect(again).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/恢复失败：.*已有数据/) })
  const usage = run(tsx, ['cloudfunctions/local/cli/restore.ts'], { cwd: repo, env: { ...env, DATA_DIR: dst } })
  await expect(usage).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/用法/) })
})
