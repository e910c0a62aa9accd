// The sweeper (cloudfunctions/app/sweeper.ts, unchanged) as a process of its own, with a clock given
// on the command line, so that a test can kill it with SIGKILL at a point it chooses:
//
//   node --import tsx tests/support/sweep-process.ts <databaseUrl> <now ISO> [<batch> <events>]
//
// With <batch> and <events>, the <batch>-th batch transaction stops before its (<events>+1)-th insert
// into problem_events, prints PAUSED and waits, its transaction still open, for the kill. Otherwise
// the sweep runs to the end and prints REPORT {…} (the SweepReport).
import { hmacTokens } from '../../cloudfunctions/app/auth/tokens'
import { runSweep } from '../../cloudfunctions/app/sweeper'
import type { Db, Queryable } from '../../cloudfunctions/db/client'
import { openPostgres } from '../../cloudfunctions/db/postgres'

async function main(): Promise<void> {
  const [url, nowIso, pauseBatch, pauseAfter] = process.argv.slice(2)
  const now = new Date(nowIso)
  const base = openPostgres(url, 2)
  let batches = 0
  const db: Db = {
    ...base,
    tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const batch = ++batches
      if (!pauseBatch || batch !== Number(pauseBatch)) return base.tx(fn)
      return base.tx((q) => {
        let inserts = 0
        const paused: Queryable = {
          exec: (sql) => q.exec(sql),
          query<R>(sql: string, params?: unknown[]): Promise<R[]> {
            if (/^\s*INSERT INTO problem_events/i.test(sql) && ++inserts > Number(pauseAfter)) {
              process.stdout.write('PAUSED\n')
              return new Promise<R[]>(() => undefined)
            }
            return q.query<R>(sql, params)
          }
        }
        return fn(paused)
      })
    }
  }
  const report = await runSweep({
    db,
    tokens: hmacTokens('sweep-process'),
    demo: false,
    now: () => now,
    log: (message, error) => console.error(message, error ?? '')
  })
  process.stdout.write(`REPORT ${JSON.stringify(report)}\n`)
  await base.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
