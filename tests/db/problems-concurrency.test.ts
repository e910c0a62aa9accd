import { openPostgres } from '../../cloudfunctions/db/postgres'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { describeWithPostgres, scratchDatabase } from '../support/pg'

describeWithPostgres('problems on a real PostgreSQL server, under concurrency', () => {
  let h: Harness
  let drop: () => Promise<void>
  let token: string

  beforeAll(async () => {
    const scratch = await scratchDatabase()
    drop = scratch.drop
    h = await openHarness({ db: openPostgres(scratch.url, 20) })
    token = await h.signIn('enterprise')
  })
  afterAll(async () => {
    await h?.close()
    await drop?.()
  })

  const input = (i: number) => ({
    title: `并发提交的诉求 ${i}`,
    content: '同一时间许多企业提交诉求时，编号必须唯一且连续。',
    category: 'recruitment' as const,
    enterpriseId: 'e-murata'
  })

  test('60 simultaneous filings get 60 distinct, consecutive numbers', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => h.call('problems', 'file', input(i), { as: token })))
    const numbers = results.map((r) => unwrap(r).number)
    expect(new Set(numbers).size).toBe(60)
    const seqs = numbers.map((n) => Number(n.split('-')[1])).sort((a, b) => a - b)
    expect(seqs[seqs.length - 1] - seqs[0]).toBe(59)
  })

  test('30 simultaneous retries of one request create exactly one problem, and all get its answer', async () => {
    const [{ n: before }] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM problems')
    const results = await Promise.all(
      Array.from({ length: 30 }, () => h.call('problems', 'file', input(999), { as: token, requestId: 'pg-retry-storm-1' }))
    )
    const ids = new Set(results.map((r) => unwrap(r).id))
    expect(ids.size).toBe(1)
    const [{ n: after }] = await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM problems')
    expect(after).toBe(before + 1)
  })

  test('three hosts starting at once on an empty database migrate it exactly once', async () => {
    const { migrate } = await import('../../cloudfunctions/db/migrate')
    const { MIGRATIONS } = await import('../../cloudfunctions/db/migrations')
    const versions = MIGRATIONS.map((m) => m.version)
    const fresh = await scratchDatabase()
    const hosts = [1, 2, 3].map(() => openPostgres(fresh.url, 2))
    try {
      const runs = await Promise.all(hosts.map((db) => migrate(db)))
      // each version applied by exactly one of the three hosts
      expect(runs.flat().sort((x, y) => x - y)).toEqual(versions)
      const [{ n }] = await hosts[0].query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')
      expect(n).toBe(versions.length)
    } finally {
      await Promise.all(hosts.map((db) => db.close()))
      await fresh.drop()
    }
  })
})
