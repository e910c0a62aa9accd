import { randomBytes } from 'node:crypto'
import type { ChildProcess } from 'node:child_process'
import pg from 'pg'
import { sweep } from '../../cloudfunctions/core'
import { loadFlowSettings } from '../../cloudfunctions/app/flow-env'
import { runSweep } from '../../cloudfunctions/app/sweeper'
import { lockFlow } from '../../cloudfunctions/db/repos/flow'
import { openPostgres } from '../../cloudfunctions/db/postgres'
import { exited, spawnTs, startHostProcess, tempDataDir, type HostProcess } from '../support/host-process'
import { openHarness, unwrap, type Harness } from '../support/harness'
import { checkStored, makeClients, runLoad } from '../support/load-clients'
import { describeWithPostgres, scratchDatabase } from '../support/pg'

// The host is killed (SIGKILL: no shutdown, requests and transactions cut off) twice while 50 clients
// file 3,000 problems, and started again on the same database and port each time.
const CLIENTS = 50
const PER_CLIENT = 60
const KILL_AT = [1000, 2000]

/**
 * pg-pool's end() resolves before its sessions have gone; DROP … WITH (FORCE) would cut them and the
 * pool would report each (harmless, but noise in the test output). Waits up to 5 s for them to go.
 */
async function sessionsClosed(url: string | undefined): Promise<void> {
  if (!url) return
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL })
  await admin.connect()
  try {
    for (let i = 0; i < 50; i++) {
      const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [new URL(url).pathname.slice(1)])
      if (rows[0].n === 0) return
      await new Promise((r) => setTimeout(r, 100))
    }
  } finally {
    await admin.end()
  }
}

describeWithPostgres('faults: the host killed in the middle of the load, the sweeper killed halfway (PostgreSQL)', () => {
  test('the host killed twice mid-load and restarted loses no acknowledged problem and duplicates none', async () => {
    const scratch = await scratchDatabase()
    const data = tempDataDir()
    const secret = randomBytes(32).toString('hex')
    const run = `ft${randomBytes(4).toString('hex')}`
    // the session secret stays across restarts (as it does in DATA_DIR), so the clients' tokens stay good
    const start = (port?: number) => startHostProcess({ databaseUrl: scratch.url, dataDir: data.dir, port, env: { SESSION_SECRET: secret } })
    let host: HostProcess = await start()
    try {
      const clients = await makeClients(scratch.url, secret, run, CLIENTS)
      const kills: { at: Date; pid: number; down: number; restartedPid: number }[] = []
      let restarting: Promise<void> | null = null
      let restartError: unknown = null
      const since = new Date()
      const report = await runLoad({
        url: host.url,
        clients,
        perClient: PER_CLIENT,
        run,
        resendEvery: 20,
        doubleEvery: 50,
        deadlineMs: 240_000,
        onAck: (count) => {
          if (restarting || kills.length >= KILL_AT.length || count < KILL_AT[kills.length]) return
          restarting = (async () => {
            const old = host
            const at = new Date()
            await old.kill()
            // same database, same port: the clients only see requests fail for a while
            host = await start(old.port)
            kills.push({ at, pid: old.pid, down: Date.now() - at.getTime(), restartedPid: host.pid })
          })()
            .catch((e) => (restartError = e))
            .finally(() => (restarting = null))
        }
      })
      await restarting
      if (restartError) throw restartError
      const stored = await checkStored(scratch.url, { clients, run, since, acked: report.acked })

      // requests whose first try got no answer but whose problem had been committed before the kill: the answer was lost
      const db = new pg.Client({ connectionString: scratch.url })
      await db.connect()
      const failedFirst = [...report.unansweredFirst.entries()]
      const rows = (
        await db.query<{ request_id: string; created_at: Date }>(
          `SELECT request_id, created_at FROM request_log WHERE fn = 'problems' AND action = 'file' AND request_id = ANY($1::text[])`,
          [failedFirst.map(([id]) => id)]
        )
      ).rows
      await db.end()
      const lost = rows.filter((r) => r.created_at < (report.unansweredFirst.get(r.request_id) as Date)).length

      const total = CLIENTS * PER_CLIENT
      console.log(
        `主机被杀：${kills.map((k) => `第 ${KILL_AT[kills.indexOf(k)]} 条确认后（停机 ${k.down} 毫秒）`).join('、')}；` +
          `${total} 条诉求 ${(report.ms / 1000).toFixed(1)} 秒；无应答 ${report.networkErrors} 次，` +
          `首次无应答的请求 ${failedFirst.length} 个，其中 ${lost} 个在被杀前已提交（应答丢失，重试拿到原结果）；5xx ${report.serverErrors}`
      )
      expect(kills).toHaveLength(KILL_AT.length)
      for (const k of kills) expect(k.restartedPid).not.toBe(k.pid)
      // the kills did cut requests off, and every one of them was acknowledged in the end
      expect(report.networkErrors).toBeGreaterThan(0)
      expect(report.failures).toEqual([])
      expect(report.acked.size).toBe(total)
      expect(stored.logged).toBe(total)
      expect(stored.loggedProblems).toBe(total)
      expect(stored.mismatched).toEqual([])
      expect(stored.stored).toBe(total)
      expect(stored.missing).toEqual([])
      expect(stored.unacknowledged).toEqual([])
      expect(stored.distinctNumbers).toBe(total)
      // a number taken by a transaction the kill cut off went back with its rollback
      expect(stored.gapless).toBe(true)
      expect(stored.incomplete).toBe(0)
    } finally {
      await host.stop()
      data.remove()
      await scratch.drop()
    }
  }, 300_000)

  describe('the sweeper', () => {
    let h: Harness
    let drop: () => Promise<void>
    let url: string

    beforeAll(async () => {
      const scratch = await scratchDatabase()
      drop = scratch.drop
      url = scratch.url
      h = await openHarness({ db: openPostgres(scratch.url, 20) })
    }, 60_000)
    afterAll(async () => {
      await h?.close()
      await sessionsClosed(url)
      await drop?.()
    })

    /** Runs sweep-process.ts; resolves with the first PAUSED or REPORT line. */
    const sweeper = (now: Date, pause?: [batch: number, events: number]) => {
      const child = spawnTs('tests/support/sweep-process.ts', [url, now.toISOString(), ...(pause ?? []).map(String)], { ...process.env })
      let out = ''
      const line = new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`sweeper said nothing in 60 s:\n${out}`)), 60_000)
        const look = () => {
          const m = /^(PAUSED|REPORT .*)$/m.exec(out)
          if (m) {
            clearTimeout(timer)
            resolve(m[1])
          }
        }
        child.stdout?.on('data', (d) => {
          out += d
          look()
        })
        child.stderr?.on('data', (d) => (out += d))
        child.once('exit', (code) => {
          look()
          clearTimeout(timer)
          reject(new Error(`sweeper exited (${code}) without a report:\n${out}`))
        })
      })
      return { child: child as ChildProcess, line }
    }

    test('killed in the middle of a batch and rerun, it escalates each missed deadline exactly once', async () => {
      const enterprise = await h.signIn('enterprise')
      // 450 problems filed now; 30 days on, their 签收 and 答复 deadlines have all passed
      for (let i = 0; i < 450; i += 25) {
        await Promise.all(
          Array.from({ length: 25 }, (_, k) =>
            h.call('problems', 'file', {
              title: `督办测试诉求 ${i + k}`,
              content: '新厂区下月投产，焊工缺口约 50 人，希望对接招聘会。',
              category: 'recruitment',
              enterpriseId: 'e-murata'
            }, { as: enterprise }).then(unwrap)
          )
        )
      }
      const now = new Date(h.clock.now.getTime() + 30 * 24 * 3600 * 1000)
      const [{ before }] = await h.db.query<{ before: number }>('SELECT coalesce(max(id), 0)::int AS before FROM problem_events')

      // what one uninterrupted sweep must escalate: the pure rule on each due problem's state as it is now
      const due = await h.db.query<{ id: string }>('SELECT id FROM problems WHERE next_due < $1', [now])
      const settings = await loadFlowSettings(h.db)
      const expected = new Set<string>()
      for (const { id } of due) {
        const flow = await lockFlow(h.db, id)
        for (const e of flow ? sweep(flow.state, now, settings.env.calendar).events : []) {
          expected.add(`${id} ${(e.data as { record: { key: string } }).record.key}`)
        }
      }
      expect(due.length).toBeGreaterThan(300)

      const escalated = async () =>
        h.db.query<{ k: string; actor_kind: string }>(
          `SELECT problem_id || ' ' || (data->'record'->>'key') AS k, actor_kind FROM problem_events WHERE type = 'supervised' AND id > $1`,
          [before]
        )

      // batches 1 and 2 commit; batch 3 stops after 40 escalations, its transaction open, and is killed
      const first = sweeper(now, [3, 40])
      expect(await first.line).toBe('PAUSED')
      const committed = (await escalated()).length
      first.child.kill('SIGKILL')
      await exited(first.child)
      expect(committed).toBeGreaterThan(0)
      expect(committed).toBeLessThan(expected.size)
      // the cut-off batch left nothing behind
      expect((await escalated()).length).toBe(committed)

      // rerun to the end (the killed session's lock goes with it; wait for the server to notice)
      let rerun: { ran: boolean; problems: number; escalations: number } | null = null
      for (let tries = 0; tries < 50 && !rerun?.ran; tries++) {
        if (tries) await new Promise((r) => setTimeout(r, 200))
        const line = await sweeper(now).line
        rerun = JSON.parse(line.slice('REPORT '.length))
      }
      expect(rerun?.ran).toBe(true)
      expect(committed + (rerun?.escalations ?? 0)).toBe(expected.size)

      const rows = await escalated()
      const keys = rows.map((r) => r.k)
      console.log(
        `督办：${due.length} 条超期诉求，应督办 ${expected.size} 项；第 3 批中途被杀前已提交 ${committed} 项，重跑补上 ${rerun?.escalations} 项`
      )
      expect(rows.every((r) => r.actor_kind === 'system')).toBe(true)
      expect(new Set(keys).size).toBe(keys.length)
      expect(new Set(keys)).toEqual(expected)
      const [{ left }] = await h.db.query<{ left: number }>('SELECT count(*)::int AS left FROM problems WHERE next_due < $1', [now])
      expect(left).toBe(0)

      // and once more: nothing left to escalate
      h.clock.now = now
      expect((await runSweep(h.deps)).escalations).toBe(0)
      expect((await escalated()).length).toBe(keys.length)
    }, 120_000)
  })
})
