import { hmacTokens } from '../app/auth/tokens'
import type { Deps } from '../app/context'
import { openDatabase } from '../db/open'
import { DEMO_PEOPLE, seedDemo } from '../db/seed'
import { readConfig } from './config'
import { startHost } from './server'
import { localPhotoStore } from './photo-store'
import { runSweep } from '../app/sweeper'
import { runBookingSweep } from '../app/no-shows'
import { runPeriodic } from '../app/periodic'
import { retrainRouting } from '../app/retrain'
import fs from 'node:fs'
import path from 'node:path'

/** `npm start`: the local host with the embedded database (or DATABASE_URL) and, in demo mode, demo data. */
async function main(): Promise<void> {
  const config = readConfig()
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  if (config.demo) {
    const { seeded } = await db.tx((q) => seedDemo(q, new Date()))
    if (seeded) console.log('已载入演示数据')
  }
  const photos = localPhotoStore(path.join(config.dataDir, 'photos'), config.sessionSecret)
  const deps: Deps = {
    db,
    photos,
    tokens: hmacTokens(config.sessionSecret),
    demo: config.demo,
    now: () => new Date(),
    log: (message, error) => console.error(`[${new Date().toISOString()}] ${message}`, error ?? ''),
    routingStarter: () => fs.readFileSync(path.resolve('data/routing/starter.jsonl'), 'utf8')
  }
  const host = await startHost({ deps, photos, staticDir: config.staticDir, port: config.port, host: config.host, allowedOrigins: config.allowedOrigins })
  console.log(`\n链上通 已启动：${host.url}`)
  console.log(`数据库：${db.kind === 'pglite' ? `内嵌 PGlite（${config.dataDir}）` : 'PostgreSQL（DATABASE_URL）'}`)
  if (config.demo) {
    console.log('演示模式：在“我的”页选择角色即可登录')
    for (const [role, p] of Object.entries(DEMO_PEOPLE)) console.log(`  ${role.padEnd(10)} ${p.description}`)
  } else {
    console.log('生产模式：演示登录已关闭')
  }
  // 督办 of missed deadlines; every host may run it, the database lock lets one work at a time
  const sweepEvery = Number(process.env.SWEEP_INTERVAL_MS || 60_000)
  const sweeping = setInterval(() => {
    runSweep(deps).catch((e) => deps.log('sweep failed', e))
    runBookingSweep(deps).catch((e) => deps.log('no-show sweep failed', e))
    runPeriodic(deps).catch((e) => deps.log('periodic notices failed', e))
  }, sweepEvery)
  // the routing model learns from 退单/转办 once a day
  const retraining = setInterval(() => {
    db.tx((q) => retrainRouting(q, deps.routingStarter?.() ?? '', new Date())).catch((e) => deps.log('retrain failed', e))
  }, 24 * 3600 * 1000)
  const stop = async () => {
    clearInterval(sweeping)
    clearInterval(retraining)
    await host.close()
    await db.close()
    process.exit(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((e) => {
  console.error('启动失败：', e instanceof Error ? e.message : e)
  process.exit(1)
})
