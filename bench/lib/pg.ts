// The PostgreSQL server the bench runs on: TEST_DATABASE_URL when given, else a throwaway server of
// scripts/pg-scratch.sh in its own directory and port, so the 1M-row database never lands on the
// scratch server other suites share (and a `pg-scratch.sh stop` of theirs cannot cut the bench short).
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import pg from 'pg'

export interface PgServer {
  /** A URL to the server's maintenance database; the bench creates its own databases beside it. */
  adminUrl: string
  /** Stops the server if this run started it. */
  release: () => void
  startedHere: boolean
}

const BENCH_SCRATCH = { PG_SCRATCH_DIR: '/tmp/lst-bench-pg', PG_SCRATCH_PORT: '54339' }

export function acquireServer(root: string, log: (s: string) => void): PgServer {
  const given = process.env.TEST_DATABASE_URL
  if (given) {
    log(`PostgreSQL: TEST_DATABASE_URL (${redact(given)})`)
    return { adminUrl: given, release: () => undefined, startedHere: false }
  }
  const script = path.join(root, 'scripts', 'pg-scratch.sh')
  const env = { ...process.env, PG_SCRATCH_DIR: process.env.PG_SCRATCH_DIR ?? BENCH_SCRATCH.PG_SCRATCH_DIR, PG_SCRATCH_PORT: process.env.PG_SCRATCH_PORT ?? BENCH_SCRATCH.PG_SCRATCH_PORT }
  let running = false
  try {
    execFileSync('bash', [script, 'status'], { env, stdio: ['ignore', 'ignore', 'ignore'] })
    running = true
  } catch {
    running = false
  }
  const out = execFileSync('bash', [script, 'start'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  const url = out.trim().split('\n').pop() ?? ''
  if (!url.startsWith('postgres')) throw new Error(`pg-scratch.sh start printed no URL: ${out}`)
  log(`PostgreSQL: ${running ? 'already running' : 'started'} scratch server in ${env.PG_SCRATCH_DIR} (${redact(url)})`)
  return {
    adminUrl: url,
    startedHere: !running,
    // a server this run found running belongs to someone else: leave it up
    release: () => {
      if (!running) execFileSync('bash', [script, 'stop'], { env, stdio: ['ignore', 'ignore', 'inherit'] })
    }
  }
}

const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')

/** A brand-new database on the server; `drop` removes it (WITH FORCE: a killed host may still hold a connection). */
export async function scratchDatabase(adminUrl: string, purpose: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `lst_bench_${purpose}_${randomBytes(4).toString('hex')}`
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`))
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return { url: url.toString(), name, drop: () => withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) }
}

export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/** Version and the settings that decide how the scale queries behave, for the report. */
export async function serverFacts(url: string): Promise<{ version: string; settings: string }> {
  return withClient(url, async (c) => {
    const version = (await c.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version
    const rows = (
      await c.query<{ name: string; setting: string; unit: string | null }>(
        `SELECT name, setting, unit FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'max_connections', 'fsync', 'synchronous_commit', 'jit') ORDER BY name`
      )
    ).rows
    const settings = rows.map((r) => `${r.name}=${humanSetting(r.setting, r.unit)}`).join(', ')
    return { version, settings }
  })
}

function humanSetting(setting: string, unit: string | null): string {
  const n = Number(setting)
  const kb = unit === '8kB' ? n * 8 : unit === 'kB' ? n : null
  if (kb === null) return setting
  return kb >= 1024 * 1024 ? `${(kb / 1024 / 1024).toFixed(1)}GB` : kb >= 1024 ? `${(kb / 1024).toFixed(0)}MB` : `${kb}kB`
}
