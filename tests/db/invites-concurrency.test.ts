import { openPostgres } from '../../cloudfunctions/db/postgres'
import { createAdmin } from '../../cloudfunctions/local/cli/admin'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { describeWithPostgres, scratchDatabase } from '../support/pg'

describeWithPostgres('invites and sign-in on a real PostgreSQL server, under concurrency', () => {
  let h: Harness
  let drop: () => Promise<void>
  let adminToken: string

  beforeAll(async () => {
    const scratch = await scratchDatabase()
    drop = scratch.drop
    h = await openHarness({ db: openPostgres(scratch.url, 20), demo: false })
    const { secret } = await h.db.tx((q) => createAdmin(q, '苏建明', 'admin.su', h.clock.now))
    adminToken = unwrap(await h.call('accounts', 'signIn', { login: 'admin.su', password: secret })).token
  })
  afterAll(async () => {
    await h?.close()
    await drop?.()
  })

  test('ten people racing with one invite code: exactly one gets the role, nobody else is even kept', async () => {
    const { code } = unwrap(await h.call('accounts', 'issueInvite', { role: 'dispatcher' }, { as: adminToken }))
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        h.call('accounts', 'redeemInvite', { code, name: `抢码人${i}`, login: `racer.${i}`, password: 'welcome-2026' })
      )
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true)
    const [{ n }] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE login LIKE 'racer.%'`)
    expect(n).toBe(1)
    const [{ grants }] = await h.db.query<{ grants: number }>(
      `SELECT count(*)::int AS grants FROM person_roles r JOIN people p ON p.id = r.person_id WHERE r.role = 'dispatcher' AND p.login LIKE 'racer.%'`
    )
    expect(grants).toBe(1)
  })

  test('twenty wrong passwords at once: each is counted, and the account ends locked', async () => {
    await h.db.tx((q) => createAdmin(q, '被猜的人', 'guess.me', h.clock.now))
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => h.call('accounts', 'signIn', { login: 'guess.me', password: `guess-${i}-pass` })))
    expect(results.every((r) => !r.ok)).toBe(true)
    const [row] = await h.db.query<{ locked_until: Date | null }>(`SELECT locked_until FROM people WHERE login = 'guess.me'`)
    expect(row.locked_until && row.locked_until.getTime()).toBeGreaterThan(h.clock.now.getTime())
    expect(results.filter((r) => !r.ok && r.error.code === 'RATE_LIMITED').length).toBeGreaterThanOrEqual(15)
  })
})
