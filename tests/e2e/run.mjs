// End-to-end: the H5 build against the real local host (fresh data directory, free port), in Debian's Chromium.
// Builds H5 first when dist/h5 is missing. Screenshots go to tests/e2e/screenshots/ (README uses one).
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { startLocalHost } from './host.mjs'
import { launch } from './browser.mjs'
import { problemFlow } from './flows/problem-flow.mjs'
import { browseFlow } from './flows/browse-flow.mjs'
import { closeFlow } from './flows/close-flow.mjs'
import { returnFlow } from './flows/return-flow.mjs'
import { coFlow } from './flows/co-flow.mjs'
import { chainFlow } from './flows/chain-flow.mjs'
import { stationFlow } from './flows/station-flow.mjs'
import { waitlistFlow } from './flows/waitlist-flow.mjs'
import { consoleFlow } from './flows/console-flow.mjs'
import { pairingFlow } from './flows/pairing-flow.mjs'
import { adminFlow } from './flows/admin-flow.mjs'
import { accountFlow } from './flows/account-flow.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const shots = path.join(root, 'tests/e2e/screenshots')
fs.mkdirSync(shots, { recursive: true })

if (!fs.existsSync(path.join(root, 'dist/h5/index.html'))) {
  console.log('dist/h5 缺失，先构建 H5…')
  const r = spawnSync('npx', ['taro', 'build', '--type', 'h5'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) process.exit(1)
}

const flows = [
  ['浏览（未登录）', browseFlow],
  ['诉求：提交 → 我的诉求 → 部门待办', problemFlow],
  ['办结：提交 → 签收 → 答复 → 消息 → 确认解决并评 5 星', closeFlow],
  ['退单 → 调度台 → 转办 → 转回 → 签收', returnFlow],
  ['会办：签收 → 发起会办 → 会办未答复时不能答复', coFlow],
  ['链上：吐槽大会 + 照片 + 向本链公开 → 详情照片 → 链上诉求 → 调度员的看板与工具', chainFlow],
  ['驿站：定位找最近 → 设施筛选 → 预约最近的休息位 → 签到码 → 签到台已签到（再输一次无碍）', stationFlow],
  ['候补：两人约满 → 候补第 1 位 → 有人取消 → 转为已预约并收到消息', waitlistFlow],
  // after the station walks: it changes 暑期托管 at 大良德胜 and closes days there (the station walk is done with it)
  ['站点反馈 → 站点工作台：今日 → 服务时段 → 闭站 → 统计', consoleFlow],
  ['结对共建：记录活动 + 照片 → 签到码 → 成员签到 → 提出问题 → 人社局答复 → 确认解决 → 走访 → 督导与导出', pairingFlow],
  ['管理后台（电脑宽度）：新增企业时信用代码校验位错 → 改正后列入并导出 → 操作日志看到新增 → 批量导入有误时不能正式导入', adminFlow],
  // last: it adds a person (a dispatcher) the other walks do not expect
  ['账号：我的 → 邀请码开通（账号与密码）→ 退出 → 账号登录（密码错误被拒、正确登录）→ 修改密码', accountFlow]
]
const host = await startLocalHost(root)
const browser = await launch()
let passed = 0
let failed = 0
try {
  for (const [name, flow] of flows) {
    const t0 = Date.now()
    try {
      await flow({ browser, url: host.url, shots })
      passed++
      console.log(`✓ ${name} (${Date.now() - t0} ms)`)
    } catch (e) {
      failed++
      console.log(`✗ ${name}\n  ${e instanceof Error ? e.stack : e}`)
    }
  }
} finally {
  await browser.close()
  await host.stop()
}
if (failed) console.log(`\nhost output:\n${host.output()}`)
console.log(`\ne2e: ${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
