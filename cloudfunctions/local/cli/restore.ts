import { readConfig } from '../config'
import { BackupError, checkBackup, interruptible, restoreDatabase, type TableCount } from './backup'

/**
 * `npm run restore -- FILE [--yes]`: loads a backup of `npm run backup` into the database the host would
 * use (DATABASE_URL, else PGlite in DATA_DIR), which must be empty; --yes replaces the data of one that
 * is not. `npm run restore -- FILE --check` only reads the file and verifies it. See docs/backup.md.
 */

function usage(): never {
  process.stderr.write('用法：npm run restore -- FILE [--yes]    恢复到空的数据库（--yes：替换已有数据）\n      npm run restore -- FILE --check   只校验备份文件\n')
  process.exit(2)
}

const total = (tables: TableCount[]) => tables.reduce((n, t) => n + t.rows, 0)

async function main(): Promise<void> {
  let file: string | null = null
  let yes = false
  let check = false
  for (const arg of process.argv.slice(2)) {
    if (arg === '--yes') yes = true
    else if (arg === '--check') check = true
    else if (arg.startsWith('-') || file) usage()
    else file = arg
  }
  if (!file) usage()

  if (check) {
    const c = await checkBackup(file)
    console.log(`${file}：完好。${c.createdAt} 备份自 ${c.engine === 'pglite' ? '内嵌 PGlite' : 'PostgreSQL'}，结构版本 ${c.migrations.join('、')}`)
    for (const t of c.tables) console.log(`  ${t.name.padEnd(32)} ${t.rows} 行`)
    console.log(`共 ${c.tables.length} 张表 ${total(c.tables)} 行，照片 ${c.photos} 张${c.missingPhotos.length ? `（备份时缺 ${c.missingPhotos.length} 张）` : ''}`)
    return
  }

  const config = readConfig()
  const where = config.databaseUrl ? 'PostgreSQL（DATABASE_URL）' : `内嵌 PGlite（${config.dataDir}）`
  console.log(`恢复 ${file} → ${where}`)
  const s = await restoreDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    file,
    yes,
    log: (l) => console.log(l),
    signal: interruptible(),
    async onOverwrite(nonEmpty) {
      const lines = [
        '',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        `!! 警告（--yes）：将清空 ${where} 中现有的全部数据，换成备份的内容：`,
        `!!   ${nonEmpty.length} 张表共 ${total(nonEmpty)} 行，包括只追加的诉求处理记录（problem_events）`,
        '!! 清空与载入在同一个事务里：任何一步失败都会全部撤销，原数据不变。',
        '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
        ''
      ]
      console.warn(lines.join('\n'))
      if (!process.stdin.isTTY) return
      // Ctrl+C rolls back and closes the database properly (an embedded one killed mid-way stays marked in use)
      let cancelled = false
      const cancel = () => void (cancelled = true)
      process.once('SIGINT', cancel)
      try {
        for (let i = 10; i > 0 && !cancelled; i--) {
          process.stderr.write(`\r${i} 秒后开始，按 Ctrl+C 取消… `)
          await new Promise((r) => setTimeout(r, 1000))
        }
      } finally {
        process.removeListener('SIGINT', cancel)
        process.stderr.write('\n')
      }
      if (cancelled) throw new BackupError('已取消，数据库未改动')
    }
  })
  console.log(
    `已恢复：${s.tables.length} 张表共 ${total(s.tables)} 行与备份逐行一致，照片 ${s.photos} 张；schema_migrations 为 ${s.migrations.join('、')}` +
      (s.upgradedTo.length ? `（备份来自较旧版本，已升级 ${s.upgradedTo.join('、')}）` : '')
  )
  if (s.replaced) console.log('原有数据已被替换。')
  if (!s.photosIncluded) console.warn('注意：这份备份不含照片文件（备份时用了 --no-photos），照片需另行复制到 DATA_DIR/photos。')
  if (s.missingPhotos.length) console.warn(`注意：备份时就缺少 ${s.missingPhotos.length} 张照片的文件，这些照片无法显示。`)
  console.log('会话密钥不在备份中：请用户重新登录（或沿用原来的 SESSION_SECRET / DATA_DIR/session-secret）。')
}

main().catch((e) => {
  console.error(`恢复失败：${e instanceof BackupError || e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
