import { randomBytes } from 'node:crypto'
import type { Session } from '@contract'
import { post, startHostProcess, tempDataDir, type HostProcess } from '../support/host-process'
import { checkStored, makeClients, runLoad, type FilingClient } from '../support/load-clients'
import { describeWithPostgres, scratchDatabase } from '../support/pg'

// 50 clients × 200 problems. Every 20th request is sent again once answered (the answer was lost),
// every 50th twice at the same moment; both must name the problem the first answer named.
const CLIENTS = 50
const PER_CLIENT = 200

describeWithPostgres('load: 10,000 problems from 50 concurrent clients against the host on PostgreSQL, over loopback', () => {
  let host: HostProcess | undefined
  let scratch: { url: string; drop: () => Promise<void> } | undefined
  let data: { dir: string; remove: () => void } | undefined
  const secret = randomBytes(32).toString('hex')
  const run = `ld${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    scratch = await scratchDatabase()
    data = tempDataDir()
    // the real host in a child process: migrates and seeds the scratch database, then listens on 127.0.0.1
    host = await startHostProcess({ databaseUrl: scratch.url, dataDir: data.dir, env: { SESSION_SECRET: secret } })
  }, 90_000)
  afterAll(async () => {
    await host?.stop()
    data?.remove()
    await scratch?.drop()
  })

  test('every acknowledged problem is stored once under a unique number, nothing is lost, re-sent requests do not duplicate', async () => {
    const url = (host as HostProcess).url
    const db = (scratch as { url: string }).url
    // the demo enterprise staff signs in like the app does; the other 49 are enterprise staff made for the test
    const signIn = await post(url, 'accounts', { action: 'demoSignIn', input: { role: 'enterprise' } })
    expect(signIn.body.ok).toBe(true)
    const session = signIn.body.data as Session
    const demo: FilingClient = {
      personId: session.user.id,
      enterpriseId: session.user.roles.find((r) => r.role === 'enterprise')?.scopeId ?? '',
      token: session.token
    }
    const clients = [demo, ...(await makeClients(db, secret, run, CLIENTS - 1))]
    const me = await post(url, 'accounts', { action: 'me', input: {} }, clients[1].token)
    expect(me.body.ok).toBe(true)

    const since = new Date()
    const report = await runLoad({ url, clients, perClient: PER_CLIENT, run, resendEvery: 20, doubleEvery: 50, deadlineMs: 400_000 })
    const stored = await checkStored(db, { clients, run, since, acked: report.acked })

    const total = CLIENTS * PER_CLIENT
    console.log(
      `负载：${CLIENTS} 个客户端共提交 ${total} 条诉求，${(report.ms / 1000).toFixed(1)} 秒，` +
        `${((report.acked.size / report.ms) * 1000).toFixed(0)} 条/秒（${((report.requests / report.ms) * 1000).toFixed(0)} 次请求/秒）；` +
        `请求 ${report.requests} 次，其中重发 ${report.resent} 次；无应答 ${report.networkErrors}、5xx ${report.serverErrors}`
    )
    expect(report.failures).toEqual([])
    expect(report.networkErrors).toBe(0)
    expect(report.serverErrors).toBe(0)
    expect(report.acked.size).toBe(total)
    // each requestId is logged once and names one problem; each problem is one acknowledged request
    expect(stored.logged).toBe(total)
    expect(stored.loggedProblems).toBe(total)
    expect(stored.mismatched).toEqual([])
    expect(stored.stored).toBe(total)
    expect(stored.missing).toEqual([])
    expect(stored.unacknowledged).toEqual([])
    // numbers unique, and per day one run without holes: nothing taken and lost
    expect(stored.distinctNumbers).toBe(total)
    expect(stored.gapless).toBe(true)
    expect(stored.incomplete).toBe(0)
  }, 450_000)
})
