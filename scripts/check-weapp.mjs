#!/usr/bin/env node
// WeChat's own build checks, offline, on the weapp build output (default dist/weapp; argv[2] overrides).
//   1. app.json: every page of the main package and of every subpackage has its .js, .json and .wxml;
//      no zod in the main package's scripts (the tab pages must not import the contract's schemas).
//   2. miniprogram-ci getCompiledResult (es6 + minify JS/WXML/WXSS): fails on a page without files,
//      broken JSON, a bad usingComponents path, a JS syntax error, malformed WXML.
//   3. miniprogram-ci checkCodeQuality: bytes per package; we enforce WeChat's limits ourselves
//      (main package and each subpackage <= 2 MB, all packages together <= 20 MB).
// miniprogram-ci is run in a child process: its chatter is kept and shown only when something fails
// (or with CHECK_WEAPP_VERBOSE=1), and its file watcher cannot keep CI waiting.
// It never talks to WeChat: dummy appid and key, project attributes from ci.DefaultProjectAttr, and the
// remote file-extension allow-list replaced by its built-in default.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runChild } from './lib/run-child.mjs'

const MB = 1024 * 1024
const PACKAGE_LIMIT = 2 * MB
const TOTAL_LIMIT = 20 * MB
const CHILD_TIMEOUT_MS = Number(process.env.CHECK_WEAPP_TIMEOUT_MS ?? 300_000)
// miniprogram-ci's routine chatter, hidden unless CHECK_WEAPP_VERBOSE=1
const NOISE = [/^\[summer-compiler\]/, /^serialize mini-/, /^\[miniprogram-builder\] (initservices|getservice)/, /^Initial scan complete/, /^\s*$/]
const self = fileURLToPath(import.meta.url)
const root = path.resolve(path.dirname(self), '..')

if (process.argv[2] === '--inner') {
  await inner(process.argv[3], process.argv[4])
} else {
  await outer(path.resolve(process.argv[2] ?? path.join(root, 'dist', 'weapp')))
}

// ---------------------------------------------------------------------------------------------------
async function outer(dir) {
  const t0 = performance.now()
  const rel = path.relative(process.cwd(), dir) || '.'
  const failures = []
  const appJsonPath = path.join(dir, 'app.json')
  if (!fs.existsSync(appJsonPath)) {
    console.error(`check-weapp: ${rel}/app.json not found — run \`npm run build:weapp\` first`)
    process.exit(1)
  }

  // 1. Pages have their files
  let app
  try {
    app = JSON.parse(fs.readFileSync(appJsonPath, 'utf8'))
  } catch (e) {
    console.error(`check-weapp: ${rel}/app.json is not valid JSON: ${e.message}`)
    process.exit(1)
  }
  const subs = [...(app.subPackages ?? []), ...(app.subpackages ?? [])]
  const pages = [
    ...(app.pages ?? []).map((p) => p),
    ...subs.flatMap((s) => (s.pages ?? []).map((p) => path.posix.join(s.root, p)))
  ]
  if (!app.pages?.length) failures.push('app.json has no pages')
  for (const page of pages) {
    const missing = ['.js', '.json', '.wxml'].filter((ext) => !fs.existsSync(path.join(dir, page + ext)))
    if (missing.length) failures.push(`page ${page}: missing ${missing.join(', ')}`)
  }
  const tabPages = (app.tabBar?.list ?? []).map((t) => t.pagePath)
  for (const t of tabPages) if (!(app.pages ?? []).includes(t)) failures.push(`tabBar page ${t} is not a main-package page`)
  console.log(`pages: ${app.pages?.length ?? 0} in the main package, ${pages.length - (app.pages?.length ?? 0)} in ${subs.length} subpackage(s)`)

  // 1b. zod stays out of the main package (issue #7: the main package at most 1.5x a bare Taro app). The
  //     tab pages must not import @contract/schemas or zod: forms that validate live on subpackage pages.
  const roots = subs.map((s) => normRoot(s.root))
  const withZod = listFiles(dir)
    .filter((f) => f.endsWith('.js') && !roots.some((r) => f.startsWith(r)))
    .filter((f) => /["'](\$ZodType|ZodError)["']/.test(fs.readFileSync(path.join(dir, f), 'utf8')))
  if (withZod.length) failures.push(`zod is in the main package (${withZod.join(', ')}): a tab page imports @contract/schemas or zod; move the form to a subpackage page`)

  // 2 + 3. miniprogram-ci in a child process
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-weapp-'))
  const resultFile = path.join(tmp, 'result.json')
  // Check a copy with a neutral project.config.json: miniprogram-ci's compiler (a forked process) reads
  // it from disk and looks for app.json under its miniprogramRoot, but the output directory *is* the
  // mini program root (the repository's file says "dist/weapp/"; Taro's copy in the output says "./"
  // today, and keeps cloudfunctionRoot, which is wrong there).
  const stage = path.join(tmp, 'miniprogram')
  fs.cpSync(dir, stage, { recursive: true, filter: (src) => path.basename(src) !== 'node_modules' })
  const pcj = path.join(stage, 'project.config.json')
  if (fs.existsSync(pcj)) {
    try {
      const cfg = JSON.parse(fs.readFileSync(pcj, 'utf8'))
      delete cfg.miniprogramRoot
      delete cfg.cloudfunctionRoot
      delete cfg.srcMiniprogramRoot
      fs.writeFileSync(pcj, JSON.stringify(cfg, null, 2))
    } catch (e) {
      failures.push(`project.config.json is not valid JSON: ${e.message}`)
    }
  }
  // cwd tmp: miniprogram-ci leaves empty cache directories (md5 names) in its working directory
  const { code, output, timedOut } = await runChild(process.execPath, [self, '--inner', stage, resultFile], { cwd: tmp, env: { ...process.env, FORCE_COLOR: '0' }, timeoutMs: CHILD_TIMEOUT_MS })
  let result = null
  try {
    result = JSON.parse(fs.readFileSync(resultFile, 'utf8'))
  } catch {
    /* reported below */
  }
  fs.rmSync(tmp, { recursive: true, force: true })

  const verbose = process.env.CHECK_WEAPP_VERBOSE === '1'
  if (!result || !result.ok || code !== 0) {
    if (timedOut) failures.push(`miniprogram-ci did not finish in ${CHILD_TIMEOUT_MS / 1000} s`)
    else if (!result) failures.push(`miniprogram-ci exited with code ${code} and no result`)
    else if (result.error) {
      const e = result.error
      const msg = String(e.message)
        .split(stage + path.sep).join(rel + path.sep)
        .split(stage).join(rel)
        .split('\n')
        .map((l) => (l.length > 240 ? `${l.slice(0, 240)} …` : l))
        .join('\n    ')
      failures.push(`miniprogram-ci ${e.stage} failed${e.code ? ` (code ${e.code})` : ''}${e.path ? ` at ${e.path}` : ''}:\n    ${msg}`)
    }
  }
  if (verbose || failures.length) {
    const noise = output
      .split('\n')
      .filter((l) => verbose || !NOISE.some((re) => re.test(l)))
      .join('\n')
      .trim()
    if (noise) console.log(`--- miniprogram-ci output ---\n${noise}\n--- end of miniprogram-ci output ---`)
  }

  if (result?.quality) {
    const sizeItem = result.quality.find((q) => q.name === 'PACKAGE_SIZE_LIMIT')
    const detail = sizeItem?.detail ?? {}
    const compiled = result.compiledSizes ?? {}
    const names = ['__APP__', ...subs.map((s) => normRoot(s.root))]
    for (const k of Object.keys(detail)) if (!names.includes(k)) names.push(k)
    const rows = []
    let total = 0
    for (const name of names) {
      const bytes = detail[name]
      if (bytes === undefined) {
        failures.push(`checkCodeQuality gave no size for package ${name}`)
        continue
      }
      total += bytes
      const over = bytes > PACKAGE_LIMIT
      if (over) failures.push(`package ${name} is ${fmt(bytes)}, over WeChat's 2 MB limit`)
      rows.push([name === '__APP__' ? '__APP__ (main)' : name, fmt(bytes), compiled[name] === undefined ? '-' : fmt(compiled[name]), `${((bytes / PACKAGE_LIMIT) * 100).toFixed(1)}%`, over ? 'OVER' : 'ok'])
    }
    if (total > TOTAL_LIMIT) failures.push(`all packages together are ${fmt(total)}, over WeChat's 20 MB limit`)
    rows.push(['total', fmt(total), fmt(Object.values(compiled).reduce((a, b) => a + b, 0)), `${((total / TOTAL_LIMIT) * 100).toFixed(1)}% of 20 MB`, total > TOTAL_LIMIT ? 'OVER' : 'ok'])
    printTable(['package', 'size (ci)', 'compiled+minified', 'of 2 MB', ''], rows)
    const notes = result.quality.filter((q) => !q.success && q.name !== 'PACKAGE_SIZE_LIMIT').map((q) => q.name)
    if (notes.length) console.log(`code-quality advice (not enforced): ${notes.join(', ')}`)
    if (sizeItem && !sizeItem.success) console.log(`code-quality advice (not enforced): a package is over 1.5 MB (${sizeItem.text})`)
  }
  if (result?.timings?.quality !== undefined) console.log(`miniprogram-ci: compile ${s(result.timings.compile)}, code quality ${s(result.timings.quality)}`)

  const secs = ((performance.now() - t0) / 1000).toFixed(1)
  if (failures.length) {
    console.error(`\ncheck-weapp: FAILED (${secs} s)\n  ${failures.join('\n  ')}`)
    process.exit(1)
  }
  console.log(`check-weapp: ${rel} passed WeChat's build checks in ${secs} s`)
}

// ---------------------------------------------------------------------------------------------------
async function inner(dir, resultFile) {
  const out = { ok: false, timings: {} }
  const write = () => fs.writeFileSync(resultFile, JSON.stringify(out))
  const require = createRequire(path.join(root, 'package.json'))
  let stage = 'setup'
  try {
    const ci = require('miniprogram-ci')
    // The allow-list of file extensions is fetched from servicewechat.com; use the built-in one instead.
    try {
      const wel = require('miniprogram-ci/dist/utils/white_ext_list.js')
      wel.getWhiteExtList = async () => ({ GameWhiteList: new Set(wel.GameWhiteList), MiniProgramWhiteList: new Set(wel.MiniProgramWhiteList) })
    } catch {
      /* layout changed in another version: it falls back to the same list when offline */
    }
    const project = new ci.Project({
      appid: 'wx0000000000000000',
      type: 'miniProgram',
      projectPath: dir,
      privateKey: '-----BEGIN RSA PRIVATE KEY-----\nnot-a-real-key\n-----END RSA PRIVATE KEY-----\n',
      ignores: ['node_modules/**/*']
    })
    // Never ask WeChat's server for the project's attributes.
    project.attr = async () => ci.DefaultProjectAttr
    stage = 'compile'
    let t = performance.now()
    const files = await ci.getCompiledResult({ project, setting: { es6: true, minify: true, minifyJS: true, minifyWXML: true, minifyWXSS: true } })
    out.timings.compile = performance.now() - t
    const app = JSON.parse(String(files['app.json'] ?? fs.readFileSync(path.join(dir, 'app.json'), 'utf8')))
    const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => normRoot(s.root))
    out.compiledSizes = {}
    for (const [file, content] of Object.entries(files)) {
      const pkg = roots.filter((r) => file.startsWith(r)).sort((a, b) => b.length - a.length)[0] ?? '__APP__'
      out.compiledSizes[pkg] = (out.compiledSizes[pkg] ?? 0) + Buffer.byteLength(content)
    }
    stage = 'checkCodeQuality'
    t = performance.now()
    out.quality = await ci.checkCodeQuality(project)
    out.timings.quality = performance.now() - t
    out.ok = true
  } catch (e) {
    out.error = { stage, code: e?.code, path: e?.path, message: e?.message ?? String(e) }
  }
  write()
  // miniprogram-ci leaves a file watcher running; do not wait for it.
  process.exit(out.ok ? 0 : 1)
}

// ---------------------------------------------------------------------------------------------------

/** Every file under `dir`, as posix paths relative to it. */
function listFiles(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = rel ? `${rel}/${e.name}` : e.name
    return e.isDirectory() ? listFiles(dir, p) : [p]
  })
}
function normRoot(r) {
  const p = path.posix.normalize(String(r).replace(/^\.?\//, ''))
  return p.endsWith('/') ? p : p + '/'
}
function fmt(bytes) {
  return bytes >= MB ? `${(bytes / MB).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`
}
function s(ms) {
  return `${(ms / 1000).toFixed(1)} s`
}
function printTable(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ').trimEnd()
  console.log(line(head))
  for (const r of rows) console.log(line(r))
}
