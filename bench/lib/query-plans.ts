// The SQL a handler actually ran, and its plans. The scale section records the statements of one real
// dispatch() call instead of copying the repositories' SQL into the bench, so the plans shown are of the
// text and parameters the product sends (a copy would drift the day a repository changes).
import type pg from 'pg'
import type { Db, Queryable } from '../../cloudfunctions/db/client'

export interface Statement {
  sql: string
  params: unknown[]
  ms: number
}

export interface RecordingDb {
  db: Db
  /** Runs fn and returns the statements it sent through this Db, in order, with their own times. */
  record<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }>
}

/** Wraps a Db so that, while recording, every statement (inside transactions too) is kept with its time. */
export function recordingDb(inner: Db): RecordingDb {
  let current: Statement[] | null = null
  const wrap = (q: Queryable): Queryable => ({
    query: async <T>(sql: string, params?: unknown[]) => {
      if (!current) return q.query<T>(sql, params)
      const t0 = performance.now()
      const rows = await q.query<T>(sql, params)
      current.push({ sql, params: params ?? [], ms: performance.now() - t0 })
      return rows
    },
    exec: (sql: string) => q.exec(sql)
  })
  const outer = wrap(inner)
  const db: Db = {
    kind: inner.kind,
    query: outer.query,
    exec: outer.exec,
    tx: (fn) => inner.tx((q) => fn(wrap(q))),
    close: () => inner.close()
  }
  return {
    db,
    async record(fn) {
      const statements: Statement[] = []
      current = statements
      try {
        return { result: await fn(), statements }
      } finally {
        current = null
      }
    }
  }
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a recorded statement with its own parameters. Run twice and the second
 * kept: the first pays for the new connection's catalog lookups and would show a colder plan than the
 * handler's pooled connections see.
 */
export async function explainAnalyze(c: pg.Client, s: Statement): Promise<string[]> {
  const sql = `EXPLAIN (ANALYZE, BUFFERS) ${s.sql}`
  await c.query(sql, s.params)
  const { rows } = await c.query<{ 'QUERY PLAN': string }>(sql, s.params)
  return rows.map((r) => r['QUERY PLAN'])
}

// Lines that say little at this size: per-worker repeats, cache bookkeeping, the planner's own buffers.
const NOISE = [/^\s*Worker \d+:/, /^\s*Cache Key:/, /^\s*Cache Mode:/, /^\s*Hits: \d+/, /^\s*Batches: \d+/, /^\s*Full-sort Groups:/, /^Planning:$/]

/** A plan short enough to read in the report: estimated costs and noise dropped, long lines cut, at most maxLines. */
export function trimPlan(lines: string[], maxLines = 32): string[] {
  const out: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (NOISE.some((re) => re.test(line))) {
      // the planner's Buffers line belongs to the dropped "Planning:" header
      if (/^Planning:$/.test(line) && /^\s+Buffers:/.test(lines[i + 1] ?? '')) i++
      continue
    }
    const short = line.replace(/\(cost=[^)]*\) /, '').replace(/\s+$/, '')
    out.push(short.length > 150 ? `${short.slice(0, 147)}…` : short)
  }
  if (out.length <= maxLines) return out
  // keep the top of the tree and the timing lines at the end (JIT's compile time included)
  const end = out.findIndex((l) => /^(Planning Time|JIT:|Execution Time)/.test(l))
  const tail = end < 0 ? [] : out.slice(end).filter((l) => !/^\s+Options:/.test(l))
  return [...out.slice(0, maxLines - tail.length - 1), `  … ${out.length - maxLines + 1} more lines`, ...tail]
}

export interface PlanSummary {
  indexes: string[]
  seqScans: string[]
  executionMs: number | null
  /** Rows the plan's scans returned (rows × loops of every scan node, workers included): the work it did. */
  rowsRead: number
}

/** The indexes a plan reads and the tables it scans whole. */
export function summarizePlan(lines: string[]): PlanSummary {
  const indexes = new Set<string>()
  const seqScans = new Set<string>()
  let executionMs: number | null = null
  let rowsRead = 0
  for (const line of lines) {
    const scan = /Scan\b.*\(actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)\)/.exec(line)
    if (scan && !/Bitmap Index Scan/.test(line)) rowsRead += Number(scan[1]) * Number(scan[2])
    const idx = /(?:Index Only Scan|Index Scan)(?: Backward)? using (\S+) on/.exec(line) ?? /Bitmap Index Scan on (\S+)/.exec(line)
    if (idx) indexes.add(idx[1])
    const seq = /Seq Scan on (\S+)/.exec(line)
    if (seq) seqScans.add(seq[1])
    const exec = /^Execution Time: ([\d.]+) ms/.exec(line)
    if (exec) executionMs = Number(exec[1])
  }
  return { indexes: [...indexes], seqScans: [...seqScans], executionMs, rowsRead }
}
