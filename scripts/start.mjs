// `npm start`: build the H5 app if it is missing or older than its sources, then run the local host.
import { spawnSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..')
const index = path.join(root, 'dist/h5/index.html')

function newestMtime(dir) {
  let newest = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs)
  }
  return newest
}

const sources = ['src', 'types', 'config'].map((d) => newestMtime(path.join(root, d)))
const stale = !fs.existsSync(index) || fs.statSync(index).mtimeMs < Math.max(...sources)
if (stale && process.env.LST_SKIP_BUILD !== '1') {
  console.log('正在构建 H5 页面（首次约 30 秒）…')
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) process.exit(r.status ?? 1)
}

const child = spawn('npx', ['tsx', 'cloudfunctions/local/main.ts'], { cwd: root, stdio: 'inherit' })
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
child.on('exit', (code) => process.exit(code ?? 0))
