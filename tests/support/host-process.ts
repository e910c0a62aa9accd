// The real local host (cloudfunctions/local/main.ts) as a child process, for tests that need to kill
// it (SIGKILL) and start it again on the same database and port. Loopback only.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

type Env = Record<string, string | undefined>

export const ROOT = path.resolve(__dirname, '../..')

/** A port nobody listens on right now, on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })
}

/**
 * Runs a TypeScript entry of this repository in a child node process. `node --import tsx` keeps it
 * one process (the tsx CLI would put a second node under it, which a SIGKILL of the first would orphan).
 */
export function spawnTs(entry: string, args: string[], env: Env): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] })
}

export const exited = (child: ChildProcess): Promise<void> =>
  child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()))

export interface HostProcess {
  url: string
  port: number
  pid: number
  /** Everything the host printed so far. */
  output(): string
  /** SIGKILL: no shutdown, in-flight requests and transactions are cut off. */
  kill(): Promise<void>
  /** SIGTERM and wait (the host closes its server and pool). */
  stop(): Promise<void>
}

export interface HostOptions {
  databaseUrl: string
  /** Fixed port, e.g. the one a killed host had; a free one otherwise. */
  port?: number
  /** Shared across restarts so that the session secret (kept there unless SESSION_SECRET is set) stays. */
  dataDir: string
  env?: Env
  startTimeoutMs?: number
}

/** Starts the host on 127.0.0.1 against DATABASE_URL (demo mode) and waits until /api/health answers. */
export async function startHostProcess(opts: HostOptions): Promise<HostProcess> {
  const port = opts.port ?? (await freePort())
  const child = spawnTs('cloudfunctions/local/main.ts', [], {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: opts.dataDir,
    DATABASE_URL: opts.databaseUrl,
    NODE_ENV: 'development',
    LST_DEMO: '1',
    // the tests drive the sweeper themselves
    SWEEP_INTERVAL_MS: String(3600_000),
    ...opts.env
  })
  let output = ''
  child.stdout?.on('data', (d) => (output += d))
  child.stderr?.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`host exited early (${child.exitCode}):\n${output}`)
    try {
      const r = await fetch(`${url}/api/health`)
      if (r.ok) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`host did not start in time:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    port,
    pid: child.pid as number,
    output: () => output,
    async kill() {
      child.kill('SIGKILL')
      await exited(child)
    },
    async stop() {
      child.kill('SIGTERM')
      await exited(child)
    }
  }
}

/** A fresh data directory (session secret, photos), removed by the returned function. */
export function tempDataDir(): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lst-pg-host-'))
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}

export interface ApiAnswer {
  status: number
  body: { ok: boolean; data?: unknown; error?: { code: string; message: string } }
}

/** POST /api/<fn> on loopback; a network failure (host down, connection cut) rejects. */
export async function post(url: string, fn: string, body: unknown, token?: string, signal?: AbortSignal): Promise<ApiAnswer> {
  const r = await fetch(`${url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal
  })
  return { status: r.status, body: (await r.json()) as ApiAnswer['body'] }
}
