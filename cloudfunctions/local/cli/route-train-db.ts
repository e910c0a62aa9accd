import fs from 'node:fs'
import path from 'node:path'
import { openDatabase } from '../../db/open'
import { retrainRouting } from '../../app/retrain'
import { readConfig } from '../config'
import { STARTER } from './route'

/**
 * `npm run route:train`: rebuild the routing model the host uses from the starter set plus the
 * examples the flow learned (problems accepted after 退单/转办 or triage), in DATA_DIR or DATABASE_URL.
 * The shipped model (data/routing/model.json, starter set only) is rebuilt by `npm run route:build-model`.
 */
async function main(): Promise<void> {
  const config = readConfig()
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const starter = fs.readFileSync(path.resolve(STARTER), 'utf8')
    const done = await db.tx((q) => retrainRouting(q, starter, new Date()))
    console.log(done ? `派单模型已重新训练：起始样本 + ${done.examples} 条从退单/转办中学到的样本` : '另一进程正在训练，本次跳过')
  } finally {
    await db.close()
  }
}

main().catch((e) => {
  console.error('训练失败：', e instanceof Error ? e.message : e)
  process.exit(1)
})
