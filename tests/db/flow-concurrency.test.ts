import { openPostgres } from '../../cloudfunctions/db/postgres'
import { runSweep } from '../../cloudfunctions/app/sweeper'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { describeWithPostgres, scratchDatabase } from '../support/pg'

describeWithPostgres('the problem flow on a real PostgreSQL server, under concurrency', () => {
  let h: Harness
  let drop: () => Promise<void>
  let enterprise: string
  let hr: string[]

  beforeAll(async () => {
    const scratch = await scratchDatabase()
    drop = scratch.drop
    h = await openHarness({ db: openPostgres(scratch.url, 20) })
    enterprise = await h.signIn('enterprise')
    hr = [await h.signIn('handler'), await h.person('handler', 'hr'), await h.person('handler', 'hr')]
  })
  afterAll(async () => {
    await h?.close()
    await drop?.()
  })

  const file = async () =>
    unwrap(
      await h.call('problems', 'file', {
        title: '急需招聘焊工',
        content: '新厂区下月投产，焊工缺口约 50 人，希望对接招聘会。',
        category: 'recruitment',
        enterpriseId: 'e-murata'
      }, { as: enterprise })
    )

  test('three handlers accepting at once: one succeeds, the others are refused with CONFLICT', async () => {
    const p = await file()
    const results = await Promise.all(hr.map((token) => h.call('problems', 'act', { id: p.id, action: { type: 'accept' } }, { as: token })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.error.code))).toEqual(['CONFLICT', 'CONFLICT'])
    const detail = unwrap(await h.call('problems', 'get', { id: p.id }, { as: enterprise }))
    expect(detail.events.filter((e) => e.type === 'accepted')).toHaveLength(1)
  })

  test('four sweepers started at once escalate each missed deadline exactly once', async () => {
    const filed = await Promise.all([file(), file(), file()])
    h.clock.now = new Date(h.clock.now.getTime() + 5 * 24 * 3600 * 1000)
    const reports = await Promise.all([1, 2, 3, 4].map(() => runSweep(h.deps)))
    expect(reports.some((r) => r.ran)).toBe(true)
    const [{ n }] = await h.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM problem_events WHERE type = 'supervised' AND problem_id = ANY($1::text[])`,
      [filed.map((p) => p.id)]
    )
    const keys = await h.db.query<{ k: string }>(
      `SELECT problem_id || ' ' || (data->'record'->>'key') AS k FROM problem_events WHERE type = 'supervised' AND problem_id = ANY($1::text[])`,
      [filed.map((p) => p.id)]
    )
    expect(n).toBeGreaterThanOrEqual(3)
    expect(new Set(keys.map((r) => r.k)).size).toBe(n)
    const rerun = await runSweep(h.deps)
    expect(rerun.escalations).toBe(0)
  })
})
