import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { StringDecoder } from 'node:string_decoder'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'
import type { Db, Queryable } from '../../db/client'
import { MIGRATIONS } from '../../db/migrations'
import { MIGRATION_LOCK } from '../../db/migrate'
import { pgdataOf } from '../../db/open'
import { openPglite } from '../../db/pglite'
import { openPostgres } from '../../db/postgres'
import { readConfig } from '../config'
import { localPhotoStore } from '../photo-store'

/**
 * `npm run backup [-- --out FILE] [--no-photos]` and `npm run restore -- FILE [--yes] [--check]`
 * (restore.ts): one logical backup format for both engines, see docs/backup.md.
 *
 * The file is gzip'd JSON lines:
 *   1. a header: format, source engine, the schema_migrations it was taken at, every table with its
 *      columns and row count (in foreign-key order), the sequences' positions;
 *   2. per table a `{"table","rows"}` line, then one line per row: a JSON object of the row's columns,
 *      each as PostgreSQL's own text form (what COPY and pg_dump use) or null, so that every type —
 *      timestamptz, date[], jsonb (JSON null is not SQL NULL), real — comes back exactly;
 *   3. the photos kept under DATA_DIR/photos that `files` rows point at, base64, each with its SHA-256;
 *   4. a trailer: per-table row count and SHA-256 and a SHA-256 of all lines before it, so a truncated
 *      or altered file is refused before anything is committed.
 * Everything is read in one REPEATABLE READ, READ ONLY transaction: a consistent snapshot even while a
 * PostgreSQL host keeps writing. Restoring creates the schema with this code's migrations, loads every
 * table in one transaction, reads the tables back and compares them with the backup, then commits.
 */

export const FORMAT = 'lianshangtong-backup'
export const FORMAT_VERSION = 1

/** A problem the user can act on: the CLIs print its message alone. */
export class BackupError extends Error {}

export interface Migration {
  version: number
  name: string
  sql: string
}

export interface BackupOptions {
  /** A PostgreSQL server, as DATABASE_URL; otherwise PGlite under dataDir/pgdata. */
  databaseUrl?: string
  dataDir: string
  out: string
  /** Include the photo files under dataDir/photos (default true). */
  photos?: boolean
  log?: (line: string) => void
  now?: Date
  /** Stops between batches (Ctrl+C): the transaction rolls back and the database is closed properly. */
  signal?: AbortSignal
}

export interface TableCount {
  name: string
  rows: number
}

export interface BackupSummary {
  file: string
  bytes: number
  engine: Db['kind']
  migrations: number[]
  tables: TableCount[]
  photos: number
  /** storage keys of `files` rows whose bytes were not under dataDir/photos */
  missingPhotos: string[]
}

export interface RestoreOptions {
  databaseUrl?: string
  dataDir: string
  file: string
  /** Replace the data of a database that has some (after onOverwrite). */
  yes?: boolean
  /** Called with the tables that have rows, before they are emptied (only with yes). */
  onOverwrite?: (nonEmpty: TableCount[]) => Promise<void> | void
  /** The migrations this code expects (tests give others). */
  migrations?: Migration[]
  log?: (line: string) => void
  signal?: AbortSignal
}

export interface RestoreSummary {
  engine: Db['kind']
  migrations: number[]
  /** migrations applied after loading, when the backup came from an older version */
  upgradedTo: number[]
  tables: TableCount[]
  photos: number
  /** false when the backup was made with --no-photos */
  photosIncluded: boolean
  /** photos the backup could not find when it was made */
  missingPhotos: string[]
  replaced: boolean
}

// ------------------------------------------------------------------------------------------------
// the file

interface ColumnInfo {
  name: string
  type: string
}

interface Header {
  format: typeof FORMAT
  formatVersion: number
  createdAt: string
  source: { engine: Db['kind']; server: string }
  migrations: { version: number; name: string }[]
  tables: { name: string; columns: ColumnInfo[]; rows: number }[]
  sequences: { name: string; value: string; called: boolean }[]
  photos: boolean
}

interface Trailer {
  end: typeof FORMAT
  tables: Record<string, { rows: number; sha256: string }>
  photos: { count: number; missing: string[] }
  sha256: string
}

const BATCH_ROWS = 1000
const BATCH_BYTES = 4 * 1024 * 1024
const FETCH_ROWS = 1000

/** backups/lianshangtong-<Shanghai date and time>.jsonl.gz */
export function defaultBackupPath(now: Date, root = process.cwd()): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23'
    })
      .formatToParts(now)
      .map((p) => [p.type, p.value])
  )
  const stamp = `${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}`
  return path.resolve(root, 'backups', `lianshangtong-${stamp}.jsonl.gz`)
}

function stopIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new BackupError('已中断，数据库未改动')
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`
const sha256 = () => createHash('sha256')

// Text forms that read back exactly and the same on every server: UTC, ISO dates, shortest exact floats.
async function textSettings(q: Queryable): Promise<void> {
  await q.exec(
    `SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres';
     SET LOCAL extra_float_digits = 3; SET LOCAL bytea_output = 'hex'`
  )
}

// ------------------------------------------------------------------------------------------------
// the catalog

interface TableInfo {
  name: string
  columns: (ColumnInfo & { identityAlways: boolean })[]
  primaryKey: string[]
  /** columns of foreign keys to the table itself (problems.merged_into): loaded NULL, then set */
  selfRefs: string[]
}

interface Catalog {
  schema: string
  /** every table but schema_migrations, parents before children */
  tables: TableInfo[]
  hasMigrationsTable: boolean
  sequences: string[]
}

async function readCatalog(q: Queryable): Promise<Catalog> {
  const [{ schema }] = await q.query<{ schema: string }>('SELECT current_schema() AS schema')
  const cols = await q.query<{ tbl: string; name: string; type: string; identity: string; generated: string }>(
    `SELECT c.relname AS tbl, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attidentity::text AS identity, a.attgenerated::text AS generated
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE n.nspname = $1 AND c.relkind = 'r' AND NOT c.relispartition
      ORDER BY c.relname, a.attnum`,
    [schema]
  )
  const cons = await q.query<{ kind: string; child: string; parent: string | null; columns: string }>(
    `SELECT con.contype::text AS kind, cl.relname AS child, pr.relname AS parent,
            array_to_json(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
                                  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num
                                 ORDER BY k.ord))::text AS columns
       FROM pg_constraint con
       JOIN pg_class cl ON cl.oid = con.conrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
       LEFT JOIN pg_class pr ON pr.oid = con.confrelid
      WHERE n.nspname = $1 AND con.contype IN ('p', 'f')`,
    [schema]
  )
  const seqs = await q.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'S' ORDER BY c.relname`,
    [schema]
  )
  const byName = new Map<string, TableInfo>()
  for (const c of cols) {
    if (c.generated) continue // computed again on insert
    let t = byName.get(c.tbl)
    if (!t) byName.set(c.tbl, (t = { name: c.tbl, columns: [], primaryKey: [], selfRefs: [] }))
    t.columns.push({ name: c.name, type: c.type, identityAlways: c.identity === 'a' })
  }
  const hasMigrationsTable = byName.delete('schema_migrations')
  const parents = new Map<string, Set<string>>([...byName.keys()].map((n) => [n, new Set<string>()]))
  for (const c of cons) {
    const t = byName.get(c.child)
    if (!t) continue
    const columns = JSON.parse(c.columns) as string[]
    if (c.kind === 'p') t.primaryKey = columns
    else if (c.parent === c.child) t.selfRefs.push(...columns.filter((x) => !t.selfRefs.includes(x)))
    else if (c.parent && byName.has(c.parent)) parents.get(c.child)?.add(c.parent)
  }
  // Kahn's algorithm, alphabetical among the ready ones so the file's order is stable
  const order: TableInfo[] = []
  const left = new Map(parents)
  while (left.size) {
    const ready = [...left].filter(([, ps]) => [...ps].every((p) => !left.has(p))).map(([n]) => n).sort()
    if (!ready.length) {
      throw new BackupError(`这些表的外键互相引用，无法按顺序载入：${[...left.keys()].join('、')}（请为备份工具补充处理）`)
    }
    for (const n of ready) {
      order.push(byName.get(n) as TableInfo)
      left.delete(n)
    }
  }
  for (const t of order) {
    if (t.selfRefs.length && !t.primaryKey.length) throw new BackupError(`表 ${t.name} 引用自身却没有主键，无法恢复`)
  }
  return { schema, tables: order, hasMigrationsTable, sequences: seqs.map((s) => s.name) }
}

/** A table's rows as the lines of the file, batch by batch, in a stable order (the lines' byte order). */
async function* tableRows(q: Queryable, schema: string, t: TableInfo): AsyncGenerator<string[]> {
  const list = t.columns.map((c) => `${ident(c.name)}::text AS ${ident(c.name)}`).join(', ')
  await q.query(
    `DECLARE lst_backup NO SCROLL CURSOR FOR
       SELECT j FROM (SELECT row_to_json(s)::text AS j FROM (SELECT ${list} FROM ${ident(schema)}.${ident(t.name)}) s) r
        ORDER BY j COLLATE "C"`
  )
  for (;;) {
    const batch = await q.query<{ j: string }>(`FETCH FORWARD ${FETCH_ROWS} FROM lst_backup`)
    if (batch.length) yield batch.map((r) => r.j)
    if (batch.length < FETCH_ROWS) break
  }
  await q.query('CLOSE lst_backup')
}

/** Row count and SHA-256 of a table's lines, as the backup's trailer records them. */
async function digestTable(q: Queryable, schema: string, t: TableInfo): Promise<{ rows: number; sha256: string }> {
  const hash = sha256()
  let rows = 0
  for await (const batch of tableRows(q, schema, t)) {
    for (const j of batch) hash.update(`${j}\n`)
    rows += batch.length
  }
  return { rows, sha256: hash.digest('hex') }
}

async function readSequences(q: Queryable, catalog: Catalog): Promise<Header['sequences']> {
  const out: Header['sequences'] = []
  for (const name of catalog.sequences) {
    const [s] = await q.query<{ value: string; called: boolean }>(
      `SELECT last_value::text AS value, is_called AS called FROM ${ident(catalog.schema)}.${ident(name)}`
    )
    out.push({ name, value: s.value, called: s.called })
  }
  return out
}

// ------------------------------------------------------------------------------------------------
// opening the database the host would use


function describeTarget(o: { databaseUrl?: string; dataDir: string }): string {
  if (!o.databaseUrl) return `内嵌 PGlite（${pgdataOf(o.dataDir)}）`
  try {
    const u = new URL(o.databaseUrl)
    return `PostgreSQL（${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}）`
  } catch {
    return 'PostgreSQL（DATABASE_URL）'
  }
}

/**
 * PGlite has one user at a time and no lock of its own: a second process opening the directory while a
 * host runs would corrupt it. An open PGlite keeps postmaster.pid in its directory (removed on close).
 */
function assertPgliteFree(pgdata: string): void {
  if (fs.existsSync(path.join(pgdata, 'postmaster.pid'))) {
    throw new BackupError(
      `数据目录正在被使用：${pgdata} 中有 postmaster.pid。内嵌 PGlite 同一时间只能由一个进程打开，请先停止主机（npm start）再执行。\n` +
        `如果确认没有进程在使用它（例如主机上次被强制结束），删除该文件后重试。`
    )
  }
}

async function openSource(o: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  if (o.databaseUrl) return openPostgres(o.databaseUrl, 1)
  const pgdata = pgdataOf(o.dataDir)
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) throw new BackupError(`没有找到内嵌数据库：${pgdata}（DATA_DIR 是否正确？）`)
  assertPgliteFree(pgdata)
  return openPglite(pgdata)
}

async function openTarget(o: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  if (o.databaseUrl) return openPostgres(o.databaseUrl, 1)
  const pgdata = pgdataOf(o.dataDir)
  assertPgliteFree(pgdata)
  fs.mkdirSync(o.dataDir, { recursive: true })
  return openPglite(pgdata)
}

// ------------------------------------------------------------------------------------------------
// backup

export async function backupDatabase(o: BackupOptions): Promise<BackupSummary> {
  const out = path.resolve(o.out)
  const log = o.log ?? (() => undefined)
  if (fs.existsSync(out)) throw new BackupError(`${out} 已存在：备份不覆盖已有文件，请换一个 --out`)
  const db = await openSource(o)
  const tmp = `${out}.partial-${process.pid}`
  try {
    const dir = path.dirname(out)
    if (!fs.existsSync(dir)) {
      fs.mkdirSync(dir, { recursive: true })
      // backups hold people's names and phone numbers: keep them out of git
      if (path.basename(dir) === 'backups') fs.writeFileSync(path.join(dir, '.gitignore'), '*\n')
    }
    const summary = await db.tx(async (q) => {
      await q.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
      await textSettings(q)
      const catalog = await readCatalog(q)
      if (!catalog.hasMigrationsTable) throw new BackupError(`${describeTarget(o)} 里没有链上通的数据（没有 schema_migrations 表）`)
      const migrations = await q.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')
      const tables: Header['tables'] = []
      for (const t of catalog.tables) {
        const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(catalog.schema)}.${ident(t.name)}`)
        tables.push({ name: t.name, columns: t.columns.map((c) => ({ name: c.name, type: c.type })), rows: n })
      }
      const [{ server }] = await q.query<{ server: string }>('SELECT version() AS server')
      const header: Header = {
        format: FORMAT,
        formatVersion: FORMAT_VERSION,
        createdAt: (o.now ?? new Date()).toISOString(),
        source: { engine: db.kind, server },
        migrations: migrations.map((m) => ({ version: m.version, name: m.name })),
        tables,
        sequences: await readSequences(q, catalog),
        photos: o.photos !== false
      }
      const photoDir = path.join(o.dataDir, 'photos')
      const keys =
        o.photos === false
          ? []
          : (await q.query<{ key: string }>(`SELECT DISTINCT storage_key AS key FROM files WHERE storage = 'local' ORDER BY 1`)).map((r) => r.key)
      const trailer: Trailer = { end: FORMAT, tables: {}, photos: { count: 0, missing: [] }, sha256: '' }
      const all = sha256()
      const line = (text: string) => {
        all.update(`${text}\n`)
        return `${text}\n`
      }
      async function* lines(): AsyncGenerator<string> {
        yield line(JSON.stringify(header))
        for (const [i, t] of catalog.tables.entries()) {
          yield line(JSON.stringify({ table: t.name, rows: tables[i].rows }))
          // one fetch at a time: the gzip stream's back-pressure pauses the cursor
          const hash = sha256()
          let rows = 0
          for await (const batch of tableRows(q, catalog.schema, t)) {
            stopIfAborted(o.signal)
            let text = ''
            for (const j of batch) {
              hash.update(`${j}\n`)
              text += line(j)
            }
            rows += batch.length
            yield text
          }
          if (rows !== tables[i].rows) throw new Error(`${t.name}: ${rows} rows read, ${tables[i].rows} counted`)
          const result = { rows, sha256: hash.digest('hex') }
          trailer.tables[t.name] = result
          log(`  ${t.name.padEnd(32)} ${result.rows} 行`)
        }
        const store = localPhotoStore(photoDir, '')
        for (const key of keys) {
          const bytes = await store.read(key)
          if (!bytes) {
            trailer.photos.missing.push(key)
            continue
          }
          trailer.photos.count++
          yield line(JSON.stringify({ photo: key, bytes: bytes.length, sha256: sha256().update(bytes).digest('hex'), data: bytes.toString('base64') }))
        }
        trailer.sha256 = all.digest('hex')
        yield `${JSON.stringify(trailer)}\n`
      }
      await pipeline(lines(), zlib.createGzip(), fs.createWriteStream(tmp, { flags: 'wx', mode: 0o600 }))
      const fd = fs.openSync(tmp, 'r')
      fs.fsyncSync(fd) // on disk before it gets its final name
      fs.closeSync(fd)
      return {
        file: out,
        bytes: fs.statSync(tmp).size,
        engine: db.kind,
        migrations: header.migrations.map((m) => m.version),
        tables: tables.map((t) => ({ name: t.name, rows: t.rows })),
        photos: trailer.photos.count,
        missingPhotos: trailer.photos.missing
      }
    })
    fs.renameSync(tmp, out)
    return summary
  } catch (e) {
    fs.rmSync(tmp, { force: true })
    throw e
  } finally {
    await db.close()
  }
}

// ------------------------------------------------------------------------------------------------
// reading a file

interface Sink {
  header(h: Header): Promise<void>
  rows(table: string, lines: string[]): Promise<void>
  tableEnd(table: string): Promise<void>
  photo(key: string, bytes: Buffer): Promise<void>
}

/** The file's lines, with zlib's and the file system's failures turned into messages a person can act on. */
async function* fileLines(file: string): AsyncGenerator<string> {
  let fd: number
  try {
    fd = fs.openSync(file, 'r')
  } catch {
    throw new BackupError(`找不到备份文件：${file}`)
  }
  const magic = Buffer.alloc(2)
  const got = fs.readSync(fd, magic, 0, 2, 0)
  fs.closeSync(fd)
  if (got < 2 || magic[0] !== 0x1f || magic[1] !== 0x8b) throw new BackupError(`${file} 不是链上通的备份文件（应为 npm run backup 生成的 .jsonl.gz）`)
  const source = fs.createReadStream(file)
  const gunzip = zlib.createGunzip()
  source.on('error', (e) => gunzip.destroy(e))
  source.pipe(gunzip)
  const decoder = new StringDecoder('utf8')
  // the pieces of a line not yet ended: a photo's line spans hundreds of chunks
  let pieces: string[] = []
  try {
    for await (const chunk of gunzip) {
      const text = decoder.write(chunk as Buffer)
      let start = 0
      let nl: number
      while ((nl = text.indexOf('\n', start)) >= 0) {
        pieces.push(text.slice(start, nl))
        yield pieces.join('')
        pieces = []
        start = nl + 1
      }
      if (start < text.length) pieces.push(text.slice(start))
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'Z_BUF_ERROR' || /unexpected end/i.test(String((e as Error).message))) {
      throw new BackupError(`备份文件不完整（可能在写入或复制时被截断）：${file}`)
    }
    if (code?.startsWith('Z_')) throw new BackupError(`备份文件已损坏（压缩数据校验失败）：${file}`)
    throw e
  } finally {
    gunzip.destroy()
    source.destroy()
  }
  pieces.push(decoder.end())
  const last = pieces.join('')
  if (last) yield last
}

function parseJson(text: string, what: string, file: string): Record<string, unknown> {
  try {
    const v = JSON.parse(text) as unknown
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>
  } catch {
    // below
  }
  throw new BackupError(`备份文件已损坏：${what}不是合法的 JSON（${file}）`)
}

/** Reads and verifies a whole file, handing its parts to sink; throws before returning if anything is off. */
async function readBackup(file: string, sink: Sink): Promise<{ header: Header; trailer: Trailer }> {
  const lines = fileLines(file)
  try {
    return await readLines(file, lines, sink)
  } finally {
    await lines.return(undefined) // closes the file when a sink or a check stopped early
  }
}

async function readLines(file: string, lines: AsyncGenerator<string>, sink: Sink): Promise<{ header: Header; trailer: Trailer }> {
  const all = sha256()
  let n = 0
  const next = async (): Promise<string> => {
    const r = await lines.next()
    if (r.done) throw new BackupError(`备份文件不完整：第 ${n} 行之后就结束了，缺少结尾的校验行（${file}）`)
    n++
    return r.value
  }
  const first = await next()
  const header = (() => {
    try {
      return JSON.parse(first) as Header
    } catch {
      return null
    }
  })()
  if (!header || header.format !== FORMAT) throw new BackupError(`${file} 不是链上通的备份文件`)
  if (header.formatVersion !== FORMAT_VERSION) {
    throw new BackupError(`备份格式版本 ${header.formatVersion} 与本程序（${FORMAT_VERSION}）不同：请用生成它的链上通版本恢复`)
  }
  if (!Array.isArray(header.tables) || !Array.isArray(header.migrations) || !Array.isArray(header.sequences) || !header.source) {
    throw new BackupError(`备份文件已损坏：第 1 行（文件头）不完整（${file}）`)
  }
  all.update(`${first}\n`)
  await sink.header(header)
  const counted: Trailer['tables'] = {}
  for (const t of header.tables) {
    const markerLine = await next()
    all.update(`${markerLine}\n`)
    const marker = parseJson(markerLine, `第 ${n} 行`, file)
    if (marker.table !== t.name || marker.rows !== t.rows) throw new BackupError(`备份文件已损坏：第 ${n} 行应为表 ${t.name} 的开头`)
    const hash = sha256()
    let batch: string[] = []
    let bytes = 0
    for (let i = 0; i < t.rows; i++) {
      const row = await next()
      all.update(`${row}\n`)
      hash.update(`${row}\n`)
      if (!row.startsWith('{') || !row.endsWith('}')) throw new BackupError(`备份文件已损坏：第 ${n} 行不是表 ${t.name} 的一行数据`)
      batch.push(row)
      bytes += row.length
      if (batch.length >= BATCH_ROWS || bytes >= BATCH_BYTES) {
        await sink.rows(t.name, batch)
        batch = []
        bytes = 0
      }
    }
    if (batch.length) await sink.rows(t.name, batch)
    await sink.tableEnd(t.name)
    counted[t.name] = { rows: t.rows, sha256: hash.digest('hex') }
  }
  let photos = 0
  for (;;) {
    const text = await next()
    const o = parseJson(text, `第 ${n} 行`, file)
    if (o.end === FORMAT) {
      const trailer = o as unknown as Trailer
      if (trailer.sha256 !== all.digest('hex')) throw new BackupError(`备份文件已损坏：内容与结尾的校验值不符（${file}）`)
      for (const t of header.tables) {
        if (trailer.tables[t.name]?.sha256 !== counted[t.name].sha256 || trailer.tables[t.name]?.rows !== counted[t.name].rows) {
          throw new BackupError(`备份文件已损坏：表 ${t.name} 的内容与校验值不符`)
        }
      }
      if (trailer.photos?.count !== photos) throw new BackupError(`备份文件已损坏：照片数与结尾记录不符`)
      if ((await lines.next()).done !== true) throw new BackupError(`备份文件已损坏：结尾的校验行之后还有内容`)
      return { header, trailer }
    }
    all.update(`${text}\n`)
    if (typeof o.photo !== 'string' || typeof o.data !== 'string') throw new BackupError(`备份文件已损坏：第 ${n} 行无法识别`)
    const bytes = Buffer.from(o.data, 'base64')
    if (sha256().update(bytes).digest('hex') !== o.sha256) throw new BackupError(`备份文件已损坏：照片 ${o.photo} 的校验值不符`)
    photos++
    await sink.photo(o.photo, bytes)
  }
}

/** `npm run restore -- FILE --check`: reads the whole file and verifies every checksum, without a database. */
export async function checkBackup(file: string): Promise<{ createdAt: string; engine: Db['kind']; migrations: number[]; tables: TableCount[]; photos: number; missingPhotos: string[] }> {
  const none = async () => undefined
  const { header, trailer } = await readBackup(path.resolve(file), { header: none, rows: none, tableEnd: none, photo: none })
  return {
    createdAt: header.createdAt,
    engine: header.source.engine,
    migrations: header.migrations.map((m) => m.version),
    tables: header.tables.map((t) => ({ name: t.name, rows: t.rows })),
    photos: trailer.photos.count,
    missingPhotos: trailer.photos.missing
  }
}

// ------------------------------------------------------------------------------------------------
// restore

async function applyMigrations(q: Queryable, list: Migration[]): Promise<void> {
  // as db/migrate.ts does, inside the restore's transaction
  await q.query(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())'
  )
  for (const m of list) {
    await q.exec(m.sql)
    await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
  }
}

const versionsText = (v: { version: number }[]) => (v.length ? v.map((m) => m.version).join('、') : '无')

/** The backup's migrations must be this code's first ones, by version and name (later ones run after loading). */
function checkMigrations(h: Header, code: Migration[]): void {
  const known = h.migrations.every((m, i) => code[i]?.version === m.version && code[i]?.name === m.name)
  if (known) return
  const newer = h.migrations.some((m) => !code.some((c) => c.version === m.version))
  throw new BackupError(
    newer
      ? `备份来自更新的链上通（结构版本 ${versionsText(h.migrations)}，本程序只到 ${versionsText(code)}）：请先升级程序再恢复`
      : `备份的结构版本（${versionsText(h.migrations)}）与本程序的迁移（${versionsText(code)}）对不上，无法恢复`
  )
}

export async function restoreDatabase(o: RestoreOptions): Promise<RestoreSummary> {
  const file = path.resolve(o.file)
  const code = [...(o.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version)
  const log = o.log ?? (() => undefined)
  if (!fs.existsSync(file)) throw new BackupError(`找不到备份文件：${file}`)
  // First the whole file, without a database: a damaged or truncated one, or one this code cannot
  // restore, is refused before the target is opened (or, for PGlite, even created). Loading reads
  // and verifies it again, inside the transaction.
  const none = async () => undefined
  if (!o.databaseUrl) assertPgliteFree(pgdataOf(o.dataDir)) // before reading a large file
  log('校验备份文件…')
  const checked = await readBackup(file, { header: none, rows: none, tableEnd: none, photo: none })
  checkMigrations(checked.header, code)
  const photoDir = path.join(o.dataDir, 'photos')
  const staging = path.join(photoDir, `.restoring-${process.pid}-${randomBytes(4).toString('hex')}`)
  const db = await openTarget(o)
  try {
    const summary = await db.tx(async (q): Promise<RestoreSummary> => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
      await textSettings(q)
      const before = await readCatalog(q)
      const nonEmpty: TableCount[] = []
      for (const t of before.tables) {
        const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ident(before.schema)}.${ident(t.name)}`)
        if (n) nonEmpty.push({ name: t.name, rows: n })
      }
      const targetVersions = before.hasMigrationsTable
        ? await q.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')
        : []
      // nothing yet (an empty schema_migrations left behind counts as nothing)
      const bare = !before.tables.length && !targetVersions.length
      // filled in when the file's header has been read
      const st: { header?: Header; catalog?: Catalog } = {}
      let replaced = false
      let later: Migration[] = []
      const store = localPhotoStore(staging, '')
      const pendingSelf = new Map<string, string[]>()
      const insertSql = new Map<string, { insert: string; update: string | null; selfRefs: string[] }>()

      const { trailer } = await readBackup(file, {
        async header(h) {
          st.header = h
          checkMigrations(h, code)
          later = code.slice(h.migrations.length)
          if (!bare) {
            if (!before.hasMigrationsTable) {
              throw new BackupError(`${describeTarget(o)} 里已有其它表（${before.tables.map((t) => t.name).slice(0, 5).join('、')}…），不是链上通的数据库：请恢复到一个空的数据库`)
            }
            if (nonEmpty.length && !o.yes) {
              const total = nonEmpty.reduce((s, t) => s + t.rows, 0)
              throw new BackupError(
                `${describeTarget(o)} 中已有数据（${nonEmpty.length} 张表共 ${total} 行，如 ${nonEmpty
                  .slice(0, 3)
                  .map((t) => `${t.name} ${t.rows} 行`)
                  .join('、')}），拒绝覆盖。\n` +
                  `请恢复到空的数据库：换一个 DATA_DIR，或为 DATABASE_URL 新建一个数据库（createdb）。确要用备份替换其中的全部数据，加 --yes。`
              )
            }
            const same = targetVersions.length === h.migrations.length && targetVersions.every((m, i) => m.version === h.migrations[i].version)
            if (!same) {
              throw new BackupError(
                `目标数据库的结构版本（${versionsText(targetVersions)}）与备份（${versionsText(h.migrations)}）不同：请恢复到全新的数据库（新的 DATA_DIR，或新建的 PostgreSQL 数据库）`
              )
            }
          }
          if (nonEmpty.length) {
            await o.onOverwrite?.(nonEmpty)
            await q.exec(`TRUNCATE ${before.tables.map((t) => `${ident(before.schema)}.${ident(t.name)}`).join(', ')} RESTART IDENTITY CASCADE`)
            replaced = true
          }
          if (bare) await applyMigrations(q, code.slice(0, h.migrations.length))
          const catalog = (st.catalog = await readCatalog(q))
          const here = new Map(catalog.tables.map((t) => [t.name, t]))
          const theirs = new Set(h.tables.map((t) => t.name))
          const missing = h.tables.filter((t) => !here.has(t.name)).map((t) => t.name)
          const extra = catalog.tables.filter((t) => !theirs.has(t.name)).map((t) => t.name)
          if (missing.length || extra.length) {
            throw new BackupError(`备份与目标数据库的表不一致（备份多出：${missing.join('、') || '无'}；目标多出：${extra.join('、') || '无'}）`)
          }
          for (const ht of h.tables) {
            const t = here.get(ht.name) as TableInfo
            const a = ht.columns.map((c) => c.name).join(',')
            const b = t.columns.map((c) => c.name).join(',')
            if (a !== b) throw new BackupError(`表 ${t.name} 的列与备份不一致（备份：${a}；目标：${b}）`)
            const table = `${ident(catalog.schema)}.${ident(t.name)}`
            const value = (c: ColumnInfo) => `(e->>${quoteLiteral(c.name)})::${c.type}`
            const overriding = t.columns.some((c) => c.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : ''
            insertSql.set(t.name, {
              insert:
                `INSERT INTO ${table} (${t.columns.map((c) => ident(c.name)).join(', ')})${overriding} ` +
                `SELECT ${t.columns.map((c) => (t.selfRefs.includes(c.name) ? 'NULL' : value(c))).join(', ')} FROM json_array_elements($1::json) AS e`,
              update: t.selfRefs.length
                ? `UPDATE ${table} AS t SET ${t.selfRefs.map((name) => `${ident(name)} = ${value(t.columns.find((c) => c.name === name) as ColumnInfo)}`).join(', ')} ` +
                  `FROM json_array_elements($1::json) AS e WHERE ${t.primaryKey
                    .map((k) => `t.${ident(k)} = ${value(t.columns.find((c) => c.name === k) as ColumnInfo)}`)
                    .join(' AND ')}`
                : null,
              selfRefs: t.selfRefs
            })
          }
        },
        async rows(table, lines) {
          stopIfAborted(o.signal)
          const sql = insertSql.get(table)
          if (!sql) throw new BackupError(`备份文件已损坏：未知的表 ${table}`)
          try {
            await q.query(sql.insert, [`[${lines.join(',')}]`])
          } catch (e) {
            throw new BackupError(`载入表 ${table} 失败：${e instanceof Error ? e.message : String(e)}`)
          }
          if (sql.selfRefs.length) {
            const list = pendingSelf.get(table) ?? []
            for (const line of lines) {
              const row = JSON.parse(line) as Record<string, unknown>
              if (sql.selfRefs.some((c) => row[c] !== null && row[c] !== undefined)) list.push(line)
            }
            pendingSelf.set(table, list)
          }
        },
        async tableEnd(table) {
          const sql = insertSql.get(table)
          const list = pendingSelf.get(table) ?? []
          for (let i = 0; sql?.update && i < list.length; i += BATCH_ROWS) {
            await q.query(sql.update, [`[${list.slice(i, i + BATCH_ROWS).join(',')}]`])
          }
          pendingSelf.delete(table)
        },
        async photo(key, bytes) {
          await store.save?.(key, bytes)
        }
      })

      // the file was intact; now read the tables back and compare them with it
      const { header: h, catalog: cat } = st
      if (!h || !cat) throw new Error('restore: the header was not read')
      for (const s of h.sequences) {
        await q.query('SELECT setval($1::regclass, $2::bigint, $3::boolean)', [`${ident(cat.schema)}.${ident(s.name)}`, s.value, s.called])
      }
      const tables: TableCount[] = []
      for (const ht of h.tables) {
        const t = cat.tables.find((x) => x.name === ht.name) as TableInfo
        const got = await digestTable(q, cat.schema, t)
        const want = trailer.tables[t.name]
        if (got.rows !== want.rows || got.sha256 !== want.sha256) {
          throw new BackupError(`恢复后的表 ${t.name} 与备份不一致（备份 ${want.rows} 行，恢复后 ${got.rows} 行${got.rows === want.rows ? '，内容不同' : ''}），已全部撤销`)
        }
        tables.push({ name: t.name, rows: got.rows })
        log(`  ${t.name.padEnd(32)} ${got.rows} 行 ✓`)
      }
      const seqs = await readSequences(q, cat)
      for (const s of h.sequences) {
        const now = seqs.find((x) => x.name === s.name)
        if (!now || now.value !== s.value || now.called !== s.called) throw new BackupError(`恢复后序列 ${s.name} 的位置与备份不一致，已全部撤销`)
      }
      // a backup from an older version: bring it up to this code's schema, as a host start would
      if (later.length) {
        await applyMigrations(q, later)
        log(`  已执行之后的迁移：${versionsText(later)}`)
      }
      return {
        engine: db.kind,
        migrations: code.map((m) => m.version),
        upgradedTo: later.map((m) => m.version),
        tables,
        photos: trailer.photos.count,
        photosIncluded: h.photos,
        missingPhotos: trailer.photos.missing,
        replaced
      }
    })
    // committed: the photos go where the host serves them from
    if (fs.existsSync(staging)) {
      for (const name of fs.readdirSync(staging)) fs.renameSync(path.join(staging, name), path.join(photoDir, name))
    }
    const now = await db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')
    const expected = code.map((m) => `${m.version}:${m.name}`).join(',')
    if (now.map((m) => `${m.version}:${m.name}`).join(',') !== expected) {
      throw new BackupError(`恢复后的 schema_migrations（${versionsText(now)}）与本程序期望的（${versionsText(code)}）不符`)
    }
    return summary
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
    await db.close()
  }
}

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`

// ------------------------------------------------------------------------------------------------
// `npm run backup`

function usage(): never {
  process.stderr.write('用法：npm run backup [-- --out FILE] [--no-photos]\n')
  process.exit(2)
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  let out: string | null = null
  let photos = true
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i] ?? usage()
    else if (argv[i] === '--no-photos') photos = false
    else usage()
  }
  const config = readConfig()
  const where = describeTarget(config)
  console.log(`备份 ${where}`)
  const s = await backupDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    out: out ?? defaultBackupPath(new Date()),
    photos,
    log: (l) => console.log(l),
    signal: interruptible()
  })
  const rows = s.tables.reduce((n, t) => n + t.rows, 0)
  console.log(`已写入 ${s.file}（${(s.bytes / 1024).toFixed(0)} KB）：结构版本 ${s.migrations.join('、')}，${s.tables.length} 张表共 ${rows} 行，照片 ${s.photos} 张`)
  if (!photos) console.log('未包含照片文件（--no-photos）')
  if (s.missingPhotos.length) console.warn(`注意：${s.missingPhotos.length} 张照片在 ${path.join(config.dataDir, 'photos')} 中找不到，未能备份：${s.missingPhotos.slice(0, 5).join('、')}`)
}

/** Ctrl+C stops at the next batch so that the database is closed properly; a second one exits at once. */
export function interruptible(): AbortSignal {
  const controller = new AbortController()
  process.once('SIGINT', () => {
    process.stderr.write('\n正在中断…（再按一次 Ctrl+C 立即退出）\n')
    controller.abort()
    process.once('SIGINT', () => process.exit(130))
  })
  return controller.signal
}

if (path.basename(process.argv[1] ?? '').startsWith('backup.')) {
  main().catch((e) => {
    console.error(`备份失败：${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  })
}
