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
  /** Other origins whose pages may call the API (CORS); the host's own origin always may. */
  allowedOrigins: string[]
}

/** Reads the environment: PORT, HOST, DATA_DIR, DATABASE_URL, NODE_ENV, LST_DEMO, SESSION_SECRET, STATIC_DIR, ALLOWED_ORIGINS. */
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
    staticDir: path.resolve(root, env.STATIC_DIR || 'dist/h5'),
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS)
  }
}

/**
 * ALLOWED_ORIGINS: comma-separated origins (`https://admin.example.cn,http://localhost:10086`) whose pages
 * may call the API from the browser. Empty or unset: none, only pages the host serves itself.
 * Each must be a bare http(s) origin; `*` is refused, since any site could then act for a signed-in user.
 */
export function parseOrigins(value: string | undefined): string[] {
  const out: string[] = []
  for (const raw of (value ?? '').split(',')) {
    const text = raw.trim()
    if (!text) continue
    if (text === '*' || text === 'null') throw new Error(`ALLOWED_ORIGINS 不能包含 ${text}，请逐个列出允许的来源`)
    let url: URL
    try {
      url = new URL(text)
    } catch {
      throw new Error(`ALLOWED_ORIGINS 中的来源无效：${text}`)
    }
    const bare = url.pathname === '/' && !/[?#@]/.test(text)
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !bare) {
      throw new Error(`ALLOWED_ORIGINS 中的来源应形如 https://example.cn（协议、域名与端口，不带路径）：${text}`)
    }
    if (!out.includes(url.origin)) out.push(url.origin)
  }
  return out
}

/** A secret kept in the data directory, so sessions survive a restart without configuration. */
function persistentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret')
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 })
  return fs.readFileSync(file, 'utf8').trim()
}
