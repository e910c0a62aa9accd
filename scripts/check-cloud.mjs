#!/usr/bin/env node
// Checks the cloud function folders that `npm run build:cloud` wrote (default dist/cloudfunctions;
// argv[2] overrides) the way WeChat will run them: each folder alone, with only what its package.json
// declares. For every dist/cloudfunctions/<fn>/:
//   1. config.json is valid JSON in WeChat's shape: permissions.openapi a list of API names, at most one
//      trigger, a timer trigger with a legal name and a 7-field cron (秒 分 时 日 月 星期 年, UTC+8);
//      timer-driven entries have their trigger and request handlers have none.
//   2. The folder is copied alone into a temporary directory, where no node_modules of the repository can
//      be reached. Its declared dependencies are provided there: wx-server-sdk as a stand-in (the real SDK
//      cannot run offline: it raises an unhandled rejection that kills Node 20), anything else copied
//      from the repository's node_modules with its dependency closure.
//   3. index.js is loaded in a fresh `node` with a minimal environment (no DATABASE_URL, NODE_OPTIONS or
//      NODE_PATH). It fails on a require that throws, a module resolved from outside the folder, a package
//      that is neither a Node builtin nor declared, `exports.main` not a function, an unhandled rejection.
//   4. main() is called without a database: a request handler must answer the typed UNAVAILABLE, a timer
//      entry must refuse with "DATABASE_URL is not set", contentcheck must ignore a foreign event and
//      reach the database for a media-check push. That runs the bundle end to end up to the connection.
//   5. The bundle's text is scanned for require("…") of packages it does not declare, which step 3 only
//      sees when the code path runs at load.
// It also fails when a source entry has no folder (or a folder has no source entry): a stale dist.
import fs from 'node:fs'
import { isBuiltin } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runChild } from './lib/run-child.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const srcDir = path.join(root, 'cloudfunctions', 'functions')
const distDir = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'cloudfunctions'))
const CHILD_TIMEOUT_MS = Number(process.env.CHECK_CLOUD_TIMEOUT_MS ?? 30_000)
// two at a time: the CI machine has two cores, and each child parses a bundle of a few MB
const PARALLEL = Math.max(1, Math.min(2, os.availableParallelism?.() ?? 2))

// Packages a bundle may name without declaring them, because nothing loads them unless asked for.
const OPTIONAL_REQUIRES = {
  // pg requires it only when pg.native is read, inside a try/catch; we never read it
  'pg-native': 'optional native driver of pg'
}

const NO_DATABASE = /DATABASE_URL is not set/
const MEDIA_PUSH = { Event: 'wxa_media_check', trace_id: 'check-cloud-trace', errcode: 0, result: { suggest: 'pass', label: 100 } }

// What each kind of entry (cloudfunctions/functions/_shared/cloud-entry.ts) does without a database.
const KINDS = {
  cloudEntry: {
    label: 'handler',
    timer: false,
    calls: [{ event: { action: 'me', input: {} }, expect: 'unavailable' }]
  },
  sweeperEntry: { label: 'timer', timer: true, calls: [{ event: {}, expect: 'no-database' }] },
  retrainerEntry: { label: 'timer', timer: true, calls: [{ event: {}, expect: 'no-database' }] },
  notifierEntry: { label: 'timer', timer: true, calls: [{ event: {}, expect: 'no-database' }] },
  contentCheckEntry: {
    label: 'message push',
    timer: false,
    calls: [
      { event: { Event: 'user_enter_tempsession' }, expect: { updated: 0 } },
      { event: MEDIA_PUSH, expect: 'no-database' }
    ]
  }
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']
// WeChat's 7 fields, in order, with their ranges; month and weekday also take English abbreviations
const CRON_FIELDS = [
  ['秒 second', 0, 59],
  ['分 minute', 0, 59],
  ['时 hour', 0, 23],
  ['日 day', 1, 31],
  ['月 month', 1, 12, MONTHS, 1],
  ['星期 weekday', 0, 6, DAYS, 0],
  ['年 year', 1970, 2099]
]

// The child: loads the folder's index.js and calls main() as planned, writing what happened to a file
// (the bundle's own console output stays separate and is shown only on failure).
const RUNNER = `'use strict'
const Module = require('node:module')
const fs = require('node:fs')
const path = require('node:path')
const [dir, planFile, resultFile] = process.argv.slice(2)
const plan = JSON.parse(fs.readFileSync(planFile, 'utf8'))
const out = { load: null, mainType: null, requests: [], sdk: [], calls: [], unhandled: [] }
globalThis.__checkCloudSdkCalls = out.sdk
const save = () => fs.writeFileSync(resultFile, JSON.stringify(out))
const ownCode = (f) => typeof f === 'string' && f.startsWith(dir + path.sep) && !f.slice(dir.length).includes(path.sep + 'node_modules' + path.sep)
const load = Module._load
Module._load = function (request, parent, isMain) {
  if (parent && ownCode(parent.filename)) {
    let resolved = null
    if (!Module.isBuiltin(request)) {
      try {
        resolved = Module._resolveFilename(request, parent, isMain)
      } catch {
        // the load below throws the real error
      }
    }
    out.requests.push({ request, resolved })
  }
  return load.apply(this, arguments)
}
process.on('unhandledRejection', (e) => out.unhandled.push(String((e && e.stack) || e)))
const text = (e) => String((e && e.stack) || e)
;(async () => {
  let mod
  const t = performance.now()
  try {
    mod = require(path.join(dir, 'index.js'))
    out.load = { ok: true, ms: performance.now() - t }
  } catch (e) {
    out.load = { ok: false, error: text(e) }
    save()
    process.exit(0)
  }
  out.mainType = typeof (mod && mod.main)
  if (out.mainType === 'function') {
    for (const event of plan.events) {
      try {
        out.calls.push({ resolved: (await mod.main(event, {})) ?? null })
      } catch (e) {
        out.calls.push({ rejected: String((e && e.message) || e) })
      }
    }
  }
  // a rejection nobody awaited surfaces after the current turn
  await new Promise((r) => setTimeout(r, 20))
  save()
  process.exit(0)
})()
`

const t0 = performance.now()
const failures = []
const notes = []

if (!fs.existsSync(distDir)) {
  console.error(`check-cloud: ${rel(distDir)} not found — run \`npm run build:cloud\` first`)
  process.exit(1)
}
const built = fs
  .readdirSync(distDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort()
const sources = fs.existsSync(srcDir)
  ? fs
      .readdirSync(srcDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(srcDir, d.name, 'index.ts')))
      .map((d) => d.name)
  : []
for (const name of sources) if (!built.includes(name)) failures.push(`${name}: cloudfunctions/functions/${name}/index.ts has no folder in ${rel(distDir)} (stale build?)`)
if (built.length === 0) {
  console.error(`check-cloud: no function folders in ${rel(distDir)} — run \`npm run build:cloud\` first`)
  process.exit(1)
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-cloud-'))
const runner = path.join(tmp, 'runner.cjs')
fs.writeFileSync(runner, RUNNER)
const rows = []
try {
  const queue = [...built]
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) rows.push(await checkFunction(name))
    })
  )
} finally {
  fs.rmSync(tmp, { recursive: true, force: true })
}

rows.sort((a, b) => a[0].localeCompare(b[0]))
printTable(['function', 'kind', 'trigger', 'openapi', 'packages', 'load', 'main() without a database'], rows)
for (const n of notes) console.log(`note: ${n}`)
const secs = ((performance.now() - t0) / 1000).toFixed(1)
if (failures.length) {
  console.error(`\ncheck-cloud: FAILED (${secs} s)\n  ${failures.join('\n  ')}`)
  process.exit(1)
}
console.log(`check-cloud: ${rows.length} function folder(s) in ${rel(distDir)} load alone and answer as expected (${secs} s)`)

// ---------------------------------------------------------------------------------------------------
async function checkFunction(name) {
  const dir = path.join(distDir, name)
  const fail = (msg) => failures.push(`${name}: ${msg}`)
  const row = [name, '?', '-', '-', '-', '-', '-']

  // the kind of entry, from its source: it decides what main() must answer and whether it needs a timer
  const srcFile = path.join(srcDir, name, 'index.ts')
  let kind = null
  if (!fs.existsSync(srcFile)) {
    fail(`no source entry cloudfunctions/functions/${name}/index.ts (a stale folder in ${rel(distDir)}?)`)
  } else {
    const m = /\b(cloudEntry|sweeperEntry|retrainerEntry|notifierEntry|contentCheckEntry)\(/.exec(fs.readFileSync(srcFile, 'utf8'))
    kind = m ? KINDS[m[1]] : null
    if (!kind) fail(`cloudfunctions/functions/${name}/index.ts uses none of the entries in _shared/cloud-entry.ts that check-cloud knows; add it to KINDS`)
  }
  if (kind) row[1] = kind.label

  // package.json
  const pkg = readJson(path.join(dir, 'package.json'), fail)
  const deps = pkg && typeof pkg.dependencies === 'object' && pkg.dependencies !== null ? pkg.dependencies : {}
  if (pkg) {
    if (pkg.main !== undefined && pkg.main !== 'index.js') fail(`package.json "main" is ${JSON.stringify(pkg.main)}; WeChat runs index.js`)
    if (pkg.dependencies !== undefined && (typeof pkg.dependencies !== 'object' || Array.isArray(pkg.dependencies))) fail('package.json "dependencies" is not an object')
  }
  if (!fs.existsSync(path.join(dir, 'index.js'))) {
    fail('index.js is missing')
    return row
  }

  // config.json
  const config = readJson(path.join(dir, 'config.json'), fail)
  if (config) {
    const { openapi, triggers } = checkConfig(config, fail, (n) => notes.push(`${name}: ${n}`))
    row[3] = openapi.length ? openapi.join(', ') : '-'
    row[2] = triggers.length ? triggers[0].config : '-'
    if (kind?.timer && triggers.length === 0) fail('is run by a timer but config.json has no timer trigger: it would never run')
    if (kind && !kind.timer && triggers.length) fail(`is not a timer entry but config.json has a trigger (${triggers[0].name})`)
  }

  // 2. the folder alone, with its declared dependencies; a node_modules that DevTools may have installed
  // into the folder stays behind, since WeChat installs its own from package.json
  const stage = path.join(tmp, name)
  fs.cpSync(dir, stage, { recursive: true, filter: (p) => path.basename(p) !== 'node_modules' })
  const modules = path.join(stage, 'node_modules')
  for (const dep of Object.keys(deps)) {
    if (dep === 'wx-server-sdk') writeSdkStandIn(path.join(modules, dep))
    else if (!copyPackage(dep, modules)) fail(`declares ${dep}, which is not installed in the repository, so it cannot be provided for the check`)
  }
  const textRequires = [...fs.readFileSync(path.join(stage, 'index.js'), 'utf8').matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map((m) => m[1])

  // 3 + 4. a fresh node
  const plan = path.join(tmp, `${name}.plan.json`)
  const resultFile = path.join(tmp, `${name}.result.json`)
  fs.writeFileSync(plan, JSON.stringify({ events: (kind?.calls ?? []).map((c) => c.event) }))
  // nothing of the caller's: no DATABASE_URL, NODE_OPTIONS (a --require or --import) or NODE_PATH; HOME is
  // the temporary directory so that ~/.node_modules cannot be searched either
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmp, LANG: 'C.UTF-8' }
  const { code, output, timedOut } = await runChild(process.execPath, [runner, stage, plan, resultFile], { cwd: stage, env, timeoutMs: CHILD_TIMEOUT_MS })
  let r = null
  try {
    r = JSON.parse(fs.readFileSync(resultFile, 'utf8'))
  } catch {
    /* reported below */
  }
  const showOutput = () => (output.trim() ? `\n    --- output ---\n    ${firstLines(output.trim().split('\n').slice(-15).join('\n'), 15)}` : '')
  if (timedOut) {
    fail(`node did not finish in ${CHILD_TIMEOUT_MS / 1000} s${showOutput()}`)
    return row
  }
  if (!r) {
    fail(`node exited with code ${code} before reporting${showOutput()}`)
    return row
  }
  if (!r.load.ok) {
    fail(`require('./index.js') threw: ${firstLines(r.load.error, 5)}`)
    return row
  }
  row[5] = `${r.load.ms.toFixed(0)} ms`
  if (r.mainType !== 'function') fail(`exports.main is ${r.mainType}, not a function`)
  const calls = r.mainType === 'function' ? (kind?.calls ?? []) : []

  // every package the bundle asked for: a builtin or declared, and resolved inside the folder
  const pkgOf = (req) => (req.startsWith('@') ? req.split('/').slice(0, 2).join('/') : req.split('/')[0])
  const asked = new Set()
  for (const { request, resolved } of r.requests) {
    if (isBuiltin(request)) continue
    if (request.startsWith('.') || path.isAbsolute(request)) {
      if (resolved && !resolved.startsWith(stage + path.sep)) fail(`require('${request}') resolved outside the folder: ${resolved}`)
      continue
    }
    asked.add(pkgOf(request))
    if (!Object.hasOwn(deps, pkgOf(request))) fail(`requires '${request}', which is neither a Node builtin nor declared in package.json`)
    else if (resolved && !resolved.startsWith(stage + path.sep)) fail(`require('${request}') resolved outside the folder: ${resolved}`)
  }
  for (const req of new Set(textRequires)) {
    const p = pkgOf(req)
    if (isBuiltin(req) || Object.hasOwn(deps, p) || Object.hasOwn(OPTIONAL_REQUIRES, p)) continue
    fail(`the bundle's text requires '${req}', which is neither a Node builtin nor declared in package.json`)
  }
  row[4] = [...new Set([...asked, ...Object.keys(deps)])].join(', ') || '-'
  if (kind && Object.hasOwn(deps, 'wx-server-sdk')) {
    const inits = r.sdk.filter((c) => c.call === 'init')
    if (inits.length !== 1) fail(`cloud.init() was called ${inits.length} times at load (expected once)`)
    else if (inits[0].env !== 'DYNAMIC_CURRENT_ENV') fail(`cloud.init() was given env ${inits[0].env}; expected cloud.DYNAMIC_CURRENT_ENV (the environment the function runs in)`)
  }
  for (const u of r.unhandled) fail(`unhandled rejection: ${firstLines(u, 3)}`)

  // what main() answered
  const answers = []
  for (const [i, c] of calls.entries()) {
    const got = r.calls[i]
    const said = !got ? 'no answer' : 'rejected' in got ? `rejected: ${got.rejected}` : `resolved ${JSON.stringify(got.resolved)}`
    let ok = false
    if (got && c.expect === 'unavailable') {
      const e = got.resolved?.error
      ok = got.resolved?.ok === false && e?.code === 'UNAVAILABLE' && /[\u4e00-\u9fff]/.test(e.message ?? '')
      if (ok) answers.push('UNAVAILABLE (typed)')
    } else if (got && c.expect === 'no-database') {
      ok = 'rejected' in got && NO_DATABASE.test(got.rejected)
      if (ok) answers.push('refuses: no DATABASE_URL')
    } else if (got && typeof c.expect === 'object') {
      ok = 'resolved' in got && JSON.stringify(got.resolved) === JSON.stringify(c.expect)
      if (ok) answers.push(`${JSON.stringify(c.expect)} for event ${c.event.Event}`)
    }
    if (!ok) {
      const want = c.expect === 'unavailable' ? 'the typed UNAVAILABLE answer' : c.expect === 'no-database' ? `a rejection matching ${NO_DATABASE}` : JSON.stringify(c.expect)
      fail(`main(${JSON.stringify(c.event)}) ${said.slice(0, 300)}; expected ${want}`)
    }
  }
  row[6] = answers.join('; ') || '-'
  return row
}

/** WeChat's config.json: permissions.openapi and at most one timer trigger. Returns what it found. */
function checkConfig(config, fail, note) {
  const out = { openapi: [], triggers: [] }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    fail('config.json is not a JSON object')
    return out
  }
  for (const key of Object.keys(config)) {
    if (key === 'timeout') note('config.json "timeout" is not in WeChat\'s documented config.json format (permissions, triggers): set the timeout in the cloud console (see docs/deploy-wechat-cloud.md)')
    else if (key !== 'permissions' && key !== 'triggers') fail(`config.json has an unknown key "${key}"`)
  }
  const openapi = config.permissions?.openapi
  if (config.permissions !== undefined && (typeof config.permissions !== 'object' || config.permissions === null)) fail('config.json "permissions" is not an object')
  else if (openapi !== undefined) {
    if (!Array.isArray(openapi)) fail('config.json permissions.openapi is not an array')
    else
      for (const api of openapi) {
        if (typeof api === 'string' && /^[a-zA-Z]+(\.[a-zA-Z]+)+$/.test(api)) out.openapi.push(api)
        else fail(`config.json permissions.openapi has ${JSON.stringify(api)}; expected names like "security.msgSecCheck"`)
      }
  }
  const triggers = config.triggers
  if (triggers === undefined) return out
  if (!Array.isArray(triggers)) {
    fail('config.json "triggers" is not an array')
    return out
  }
  // WeChat: "目前仅支持一个触发器"
  if (triggers.length > 1) fail(`config.json has ${triggers.length} triggers; WeChat allows one per function`)
  for (const t of triggers) {
    if (typeof t !== 'object' || t === null) {
      fail(`config.json trigger ${JSON.stringify(t)} is not an object`)
      continue
    }
    if (typeof t.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name)) fail(`trigger name ${JSON.stringify(t.name)}: a letter first, then up to 59 of a-z A-Z 0-9 - _`)
    if (t.type !== 'timer') fail(`trigger ${t.name}: type ${JSON.stringify(t.type)}; WeChat supports only "timer"`)
    const problem = typeof t.config === 'string' ? cronProblem(t.config) : 'config is not a string'
    if (problem) fail(`trigger ${t.name}: cron ${JSON.stringify(t.config)}: ${problem}`)
    out.triggers.push(t)
  }
  return out
}

/** Why a cron expression is not one WeChat's timer accepts, or null. */
function cronProblem(expr) {
  const fields = expr.trim().split(/\s+/)
  if (fields.length !== 7) return `has ${fields.length} fields; WeChat's timer needs 7 (秒 分 时 日 月 星期 年)`
  for (const [i, field] of fields.entries()) {
    const [label, min, max, names, base] = CRON_FIELDS[i]
    const value = (s) => {
      const byName = names?.indexOf(s.toUpperCase()) ?? -1
      if (byName >= 0) return byName + base
      return /^\d+$/.test(s) ? Number(s) : NaN
    }
    for (const item of field.split(',')) {
      const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item)
      if (!m) return `field ${i + 1} (${label}) "${field}" is not made of numbers, ranges, * , - /`
      if (m[2] !== undefined && Number(m[2]) < 1) return `field ${i + 1} (${label}): step ${m[2]} must be at least 1`
      if (m[1] === '*') continue
      const [a, b = a] = m[1].split('-').map(value)
      if (!(a >= min && a <= max && b >= min && b <= max)) return `field ${i + 1} (${label}) "${item}" is outside ${min}–${max}`
      if (a > b) return `field ${i + 1} (${label}) "${item}" is a range that runs backwards`
    }
  }
  return null
}

// ---------------------------------------------------------------------------------------------------
/**
 * wx-server-sdk as the checks need it: records init() and getWXContext(); every call that would reach
 * WeChat (openapi, storage) refuses, since the checks run without a network.
 */
function writeSdkStandIn(dir) {
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'wx-server-sdk', version: '0.0.0-check-cloud', main: 'index.js' }) + '\n')
  fs.writeFileSync(
    path.join(dir, 'index.js'),
    `'use strict'
// Stand-in written by scripts/check-cloud.mjs; never deployed.
const calls = (globalThis.__checkCloudSdkCalls ??= [])
const DYNAMIC_CURRENT_ENV = Symbol('DYNAMIC_CURRENT_ENV')
const offline = (what) => () => Promise.reject(new Error('wx-server-sdk stand-in: ' + what + ' needs WeChat'))
const openapi = new Proxy({}, { get: (_, ns) => new Proxy({}, { get: (_, fn) => offline('openapi.' + String(ns) + '.' + String(fn)) }) })
module.exports = {
  DYNAMIC_CURRENT_ENV,
  init(options) {
    const env = options && options.env
    calls.push({ call: 'init', env: env === DYNAMIC_CURRENT_ENV ? 'DYNAMIC_CURRENT_ENV' : String(env) })
  },
  getWXContext() {
    calls.push({ call: 'getWXContext' })
    return { OPENID: 'check-cloud-openid', APPID: 'wx0000000000000000' }
  },
  openapi,
  getTempFileURL: offline('getTempFileURL'),
  callFunction: offline('callFunction'),
  database: () => { throw new Error('wx-server-sdk stand-in: the cloud database is not used by this project') }
}
`
  )
}

/** Copies a package and what it depends on from the repository's node_modules; false if it is not installed. */
function copyPackage(name, modules, seen = new Set()) {
  if (seen.has(name)) return true
  seen.add(name)
  const from = path.join(root, 'node_modules', name)
  if (!fs.existsSync(path.join(from, 'package.json'))) return false
  fs.cpSync(from, path.join(modules, name), { recursive: true, dereference: true })
  const meta = JSON.parse(fs.readFileSync(path.join(from, 'package.json'), 'utf8'))
  // nested node_modules came along with the folder; hoisted ones are copied here
  for (const dep of Object.keys(meta.dependencies ?? {})) {
    if (!fs.existsSync(path.join(from, 'node_modules', dep))) copyPackage(dep, modules, seen)
  }
  return true
}

function readJson(file, fail) {
  if (!fs.existsSync(file)) {
    fail(`${path.basename(file)} is missing`)
    return null
  }
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (e) {
    fail(`${path.basename(file)} is not valid JSON: ${e.message}`)
    return null
  }
}


function rel(p) {
  return path.relative(process.cwd(), p) || '.'
}
// a SyntaxError in a minified bundle quotes its source line, which can be hundreds of KB long
function firstLines(text, n) {
  return String(text)
    .split('\n')
    .slice(0, n)
    .map((l) => (l.length > 200 ? `${l.slice(0, 200)} …` : l))
    .join('\n    ')
}
function printTable(head, rows) {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)))
  const line = (r) => r.map((c, i) => String(c).padEnd(w[i])).join('  ').trimEnd()
  console.log(line(head))
  for (const r of rows) console.log(line(r))
}
