import { openDatabase } from '../../db/open'
import { seedDemo } from '../../db/seed'
import { readConfig } from '../config'

/** `npm run seed`: migrate and load the demo data into an empty database (DATA_DIR or DATABASE_URL). */
async function main(): Promise<void> {
  const config = readConfig()
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    const { seeded } = await db.tx((q) => seedDemo(q, new Date()))
    console.log(seeded ? '演示数据已载入' : '数据库中已有数据，未重复载入')
  } finally {
    await db.close()
  }
}

main().catch((e) => {
  console.error('载入失败：', e instanceof Error ? e.message : e)
  process.exit(1)
})
