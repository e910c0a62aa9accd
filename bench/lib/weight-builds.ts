// Builds and byte counts for the bench's weight section (bench/sections/weight.ts): Taro builds sent to a
// directory of the bench's choosing, the hello world's copy, WeChat package sizes and H5 first-load bytes.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import zlib from 'node:zlib'

export type Target = 'weapp' | 'h5'

/** WeChat's own per-package limit, and its limit for the main package and all subpackages together. */
export const PACKAGE_LIMIT = 2 * 1024 * 1024
export const TOTAL_LIMIT = 20 * 1024 * 1024

// The extensions WeChat uploads (miniprogram-ci 2.1.42's built-in MiniProgramWhiteList). Anything else in
// the output, such as webpack's *.LICENSE.txt files, never reaches the phone and is not counted.
const UPLOADED = new Set(['.wxml', '.wxss', '.wxs', '.png', '.jpg', '.jpeg', '.gif', '.svg', '.js', '.json', '.cer', '.mp3', '.aac', '.m4a', '.mp4', '.wav', '.ogg', '.silk', '.wasm', '.br', '.cur', '.ico', '.skel', '.crt', '.cert'])

const PRELOAD = path.join(__dirname, 'weight-output-root.cjs')

/**
 * A fresh copy of bench/hello-world under `dir`, whose node_modules is a symlink to the repository's: the
 * same Taro, React and Babel as the app, without an install and without the baseline living in git's or
 * lint's view once built.
 */
export function copyHelloWorld(root: string, dir: string): string {
  fs.rmSync(dir, { recursive: true, force: true })
  const skip = new Set(['node_modules', 'dist', '.swc'])
  fs.cpSync(path.join(root, 'bench', 'hello-world'), dir, { recursive: true, filter: (src) => !skip.has(path.basename(src)) })
  fs.symlinkSync(path.relative(dir, path.join(root, 'node_modules')), path.join(dir, 'node_modules'), 'dir')
  return dir
}

/** Files under `dir` (posix-relative path → bytes) whose text mentions `needle`: a cheap honesty check. */
export function filesMentioning(dir: string, needle: string): string[] {
  return walk(dir)
    .filter(([rel]) => /\.(ts|tsx|js|jsx|css)$/.test(rel))
    .filter(([rel]) => fs.readFileSync(path.join(dir, rel), 'utf8').includes(needle))
    .map(([rel]) => rel)
}

export interface BuildRun {
  label: string
  cwd: string
  type: Target
  outDir: string
  logFile: string
}

/**
 * `taro build --type <type>` in `cwd`, as `npm run build:<type>` runs it, but written to `outDir` (see
 * weight-output-root.cjs) and always as a production build of the default transport: NODE_ENV and the
 * LST_* build variables of the caller's shell would otherwise change what is measured.
 * Resolves with the wall time; rejects with the tail of the log when the build fails or hangs.
 */
export function taroBuild(root: string, run: BuildRun, timeoutMs: number): Promise<number> {
  const taroBin = createRequire(path.join(root, 'package.json')).resolve('@tarojs/cli/bin/taro')
  fs.rmSync(run.outDir, { recursive: true, force: true })
  fs.mkdirSync(path.dirname(run.logFile), { recursive: true })
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', FORCE_COLOR: '0', BENCH_WEIGHT_OUTPUT: run.outDir }
  for (const k of Object.keys(env)) if (k.startsWith('LST_')) delete env[k]
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const log = fs.openSync(run.logFile, 'w')
    // its own process group, so that a hung build's terser workers go down with it
    const child = spawn(process.execPath, ['--require', PRELOAD, taroBin, 'build', '--type', run.type], { cwd: run.cwd, env, stdio: ['ignore', log, log], detached: true })
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid) process.kill(-child.pid, 'SIGKILL')
    }, timeoutMs)
    child.on('error', (e) => {
      clearTimeout(timer)
      fs.closeSync(log)
      reject(e)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      fs.closeSync(log)
      const marker = path.join(run.outDir, run.type === 'weapp' ? 'app.json' : 'index.html')
      if (code === 0 && !timedOut && fs.existsSync(marker)) return resolve(performance.now() - t0)
      const why = timedOut ? `did not finish in ${timeoutMs / 1000} s` : code === 0 ? `exited 0 but wrote no ${path.relative(run.outDir, marker)} to ${run.outDir}` : `exited with code ${code}`
      const tail = fs.readFileSync(run.logFile, 'utf8').split('\n').filter(Boolean).slice(-15).join('\n    ')
      reject(new Error(`${run.label}: taro build --type ${run.type} ${why} (log: ${run.logFile})\n    ${tail}`))
    })
  })
}

/** Runs the jobs `lanes` at a time, in the order given; the first failure is thrown once all have stopped. */
export async function inLanes<T>(jobs: Array<() => Promise<T>>, lanes: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length)
  const errors: unknown[] = []
  let next = 0
  const lane = async () => {
    while (next < jobs.length) {
      const i = next++
      try {
        results[i] = await jobs[i]()
      } catch (e) {
        errors.push(e)
        // no new builds after a failure: the section fails anyway, and the machine is shared
        next = jobs.length
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, jobs.length)) }, lane))
  if (errors.length) throw errors[0]
  return results
}

// ---------------------------------------------------------------------------------------------------
export interface PackageWeight {
  /** '' for the main package, else the subpackage root as app.json gives it, with a trailing slash. */
  root: string
  bytes: number
  files: number
  /** Bytes and files by top-level entry (app.js, vendors.js, pages/, components/…), for a breakdown. */
  parts: Map<string, { bytes: number; files: number }>
}

export interface WeappWeight {
  main: PackageWeight
  subs: PackageWeight[]
  total: number
  /** Files in the output that WeChat does not upload (not on its list of extensions). */
  skipped: string[]
}

/**
 * The weapp output split the way WeChat packages it: a file belongs to the subpackage whose root (from the
 * output's app.json) is the longest prefix of its path, every other file to the main package.
 */
export function measureWeapp(outDir: string): WeappWeight {
  const app = JSON.parse(fs.readFileSync(path.join(outDir, 'app.json'), 'utf8')) as { subPackages?: Array<{ root: string }>; subpackages?: Array<{ root: string }> }
  const roots = [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((s) => normRoot(s.root))
  const byRoot = new Map<string, PackageWeight>([['', { root: '', bytes: 0, files: 0, parts: new Map() }]])
  for (const r of roots) byRoot.set(r, { root: r, bytes: 0, files: 0, parts: new Map() })
  const skipped: string[] = []
  for (const [rel, size] of walk(outDir)) {
    if (!UPLOADED.has(path.posix.extname(rel).toLowerCase())) {
      skipped.push(rel)
      continue
    }
    const root = roots.filter((r) => rel.startsWith(r)).sort((a, b) => b.length - a.length)[0] ?? ''
    const pkg = byRoot.get(root)!
    pkg.bytes += size
    pkg.files++
    const rest = rel.slice(root.length)
    const part = rest.includes('/') ? rest.slice(0, rest.indexOf('/') + 1) : rest
    const sum = pkg.parts.get(part) ?? { bytes: 0, files: 0 }
    pkg.parts.set(part, { bytes: sum.bytes + size, files: sum.files + 1 })
  }
  const main = byRoot.get('')!
  const subs = roots.map((r) => byRoot.get(r)!)
  return { main, subs, total: main.bytes + subs.reduce((s, p) => s + p.bytes, 0), skipped }
}

export interface FirstLoadFile {
  file: string
  kind: 'js' | 'css'
  raw: number
  gzip: number
}

export interface H5Weight {
  files: FirstLoadFile[]
  js: { raw: number; gzip: number; files: number }
  css: { raw: number; gzip: number; files: number }
  /** Every .js and .css file in the output, first-load or not (page chunks load on navigation). */
  allJsCss: number
}

/**
 * What a browser fetches before the first render: the scripts (`<script src>`) and stylesheets
 * (`<link rel="stylesheet">`) that index.html names, each gzipped alone at zlib level 9.
 */
export function measureH5FirstLoad(outDir: string): H5Weight {
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8')
  const refs: Array<{ url: string; kind: 'js' | 'css' }> = []
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)/gi)) refs.push({ url: m[1], kind: 'js' })
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel\s*=\s*["']?stylesheet\b/i.test(m[0])) continue
    const href = /\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(m[0])
    if (href) refs.push({ url: href[1], kind: 'css' })
  }
  const files: FirstLoadFile[] = refs.map(({ url, kind }) => {
    if (/^(https?:)?\/\//i.test(url)) throw new Error(`index.html loads ${url} from another host: the bench cannot weigh it`)
    const rel = decodeURIComponent(url.replace(/[?#].*$/, '').replace(/^\/+/, ''))
    const file = path.join(outDir, rel)
    if (!fs.existsSync(file)) throw new Error(`index.html names ${url}, which is not in ${outDir}`)
    const buf = fs.readFileSync(file)
    return { file: rel, kind, raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length }
  })
  const sum = (kind: 'js' | 'css') => {
    const of = files.filter((f) => f.kind === kind)
    return { raw: of.reduce((s, f) => s + f.raw, 0), gzip: of.reduce((s, f) => s + f.gzip, 0), files: of.length }
  }
  const allJsCss = walk(outDir).filter(([rel]) => /\.(js|css)$/.test(rel)).length
  return { files, js: sum('js'), css: sum('css'), allJsCss }
}

// ---------------------------------------------------------------------------------------------------
/** Every file under `dir` as [posix path relative to dir, bytes]; symlinks are not followed. */
function walk(dir: string): Array<[string, number]> {
  const out: Array<[string, number]> = []
  const visit = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) visit(r)
      else if (e.isFile()) out.push([r, fs.statSync(path.join(dir, r)).size])
    }
  }
  visit('')
  return out.sort((a, b) => a[0].localeCompare(b[0]))
}

function normRoot(r: string): string {
  const p = path.posix.normalize(r.replace(/^\.?\//, ''))
  return p.endsWith('/') ? p : `${p}/`
}
