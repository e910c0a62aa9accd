import fs from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

export interface HostConfig {
  port: number
  host: string
  dataDir: string
  databaseUrl?: string
  demo: boolean
  sessionSecret: string
  staticDir: string
}

/** Reads the environment: PORT, HOST, DATA_DIR, DATABASE_URL, NODE_ENV, LST_DEMO, SESSION_SECRET. */
export function readConfig(env: NodeJS.ProcessEnv = process.env, root = process.cwd()): HostConfig {
  const dataDir = path.resolve(root, env.DATA_DIR || '.data')
  fs.mkdirSync(dataDir, { recursive: true })
  const port = env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT 无效：${env.PORT}`)
  // demo sign-in is a convenience for trying the product; production must opt in explicitly
  const demo = env.LST_DEMO ? env.LST_DEMO === '1' || env.LST_DEMO === 'true' : env.NODE_ENV !== 'production'
  return {
    port,
    host: env.HOST || '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    demo,
    sessionSecret: env.SESSION_SECRET || persistentSecret(dataDir),
    staticDir: path.resolve(root, env.STATIC_DIR || 'dist/h5')
  }
}

/** A secret kept in the data directory, so sessions survive a restart without configuration. */
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret')
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  return fs.readFileSync(file, 'utf8').trim()
}
