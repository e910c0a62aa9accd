// The real local host (cloudfunctions/local/main.ts) as a child process on a scratch database of the
// bench's PostgreSQL server, in demo mode, with a session secret the bench knows so that it can sign
// tokens for the people it adds. Everything it starts is undone by close(), whatever failed half-way.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { hmacTokens, type TokenService } from '../../cloudfunctions/app/auth/tokens'
import type { Db } from '../../cloudfunctions/db/client'
import { openPostgres } from '../../cloudfunctions/db/postgres'
import { startHostProcess, tempDataDir, type HostProcess } from '../../tests/support/host-process'
import { acquireServer, scratchDatabase, serverFacts } from './pg'
import type { SectionContext } from './report-types'

export interface BenchHost {
  url: string
  databaseUrl: string
  /** Signs tokens the host accepts (same SESSION_SECRET). */
  tokens: TokenService
  /** A small pool of the bench's own on the scratch database, for fixtures and for checking rows. */
  db: Db
  host: HostProcess
  server: { version: string; settings: string; startedHere: boolean }
  close: () => Promise<void>
}

export async function startBenchHost(ctx: SectionContext, purpose: string): Promise<BenchHost> {
  const undo: (() => Promise<void> | void)[] = []
  const close = async () => {
    // in reverse, each step on its own: a failed stop must not leave the database or the server behind
    for (const step of undo.reverse()) {
      try {
        await step()
      } catch (e) {
        ctx.log(`cleanup (${purpose}) failed: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
    undo.length = 0
  }
  try {
    const server = acquireServer(ctx.root, ctx.log)
    undo.push(() => server.release())
    const scratch = await scratchDatabase(server.adminUrl, purpose)
    undo.push(() => scratch.drop())
    const data = tempDataDir()
    undo.push(() => data.remove())
    const secret = randomBytes(32).toString('hex')
    const host = await startHostProcess({ databaseUrl: scratch.url, dataDir: data.dir, env: { SESSION_SECRET: secret }, startTimeoutMs: 120_000 })
    undo.push(async () => {
      fs.writeFileSync(path.join(ctx.work, `${purpose}-host.log`), host.output())
      // SIGTERM lets the host end its pool; one that hangs is killed so the database can be dropped
      const killer = setTimeout(() => void host.kill(), 10_000)
      await host.stop()
      clearTimeout(killer)
    })
    ctx.log(`${purpose}: host pid ${host.pid} on ${host.url}, database ${scratch.name}`)
    const db = openPostgres(scratch.url, 4)
    undo.push(() => db.close())
    const facts = await serverFacts(scratch.url)
    return { url: host.url, databaseUrl: scratch.url, tokens: hmacTokens(secret), db, host, server: { ...facts, startedHere: server.startedHere }, close }
  } catch (e) {
    await close()
    throw e
  }
}
