// The floor every database-backed request stands on: a bare `SELECT 1` round trip from Node to the same
// PostgreSQL database, through the same driver the host uses (pg), with nothing else in it — no HTTP, no
// dispatch, no transaction, no parsing beyond one row.
import pg from 'pg'
import { timeEach } from './stats'

/** One client, one query after another: latency without any queueing. */
export async function selectOneSequential(url: string, n: number, warmup: number): Promise<number[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return await timeEach(n, warmup, () => c.query('SELECT 1'))
  } finally {
    await c.end()
  }
}

/**
 * `connections` callers each keeping one query in flight on a pool of the same size (the host's pool is
 * 10): the same concurrency autocannon puts on the host, so the server and both cores are as busy
 * with round trips as they can be while each caller still waits for its answer.
 */
export async function selectOneConcurrent(url: string, o: { connections: number; total: number; warmup: number }): Promise<{ samples: number[]; wallMs: number }> {
  const pool = new pg.Pool({ connectionString: url, max: o.connections })
  try {
    const drive = async (total: number, out: number[] | null) => {
      let started = 0
      await Promise.all(
        Array.from({ length: o.connections }, async () => {
          while (started < total) {
            started++
            const t0 = performance.now()
            await pool.query('SELECT 1')
            out?.push(performance.now() - t0)
          }
        })
      )
    }
    // opens the pool's connections before anything is timed
    await drive(Math.max(o.warmup, o.connections), null)
    const samples: number[] = []
    const t0 = performance.now()
    await drive(o.total, samples)
    return { samples, wallMs: performance.now() - t0 }
  } finally {
    await pool.end()
  }
}
