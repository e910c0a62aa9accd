import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import type { Row, Section } from '../lib/report-types'
import { bytes, count, ms, ratio } from '../lib/stats'
import {
  PACKAGE_LIMIT,
  TOTAL_LIMIT,
  copyHelloWorld,
  filesMentioning,
  inLanes,
  measureH5FirstLoad,
  measureWeapp,
  taroBuild,
  type BuildRun,
  type H5Weight,
  type Target,
  type WeappWeight
} from '../lib/weight-builds'

// Issue #7: the main package at most 1.5× a bare Taro + React hello world's.
const MAIN_GOAL = 1.5
// A guard against a hung build, not a budget: on a busy 2-core machine the app's H5 build alone has taken 5 min.
const BUILD_TIMEOUT_MS = 15 * 60_000

const pct = (x: number, of: number) => `${((x / of) * 100).toFixed(1)}%`

export const weight: Section = {
  id: 'weight',
  title: 'Mini program and H5 weight',
  run: async (ctx) => {
    const failures: string[] = []
    const details: string[] = []
    const dir = path.join(ctx.work, 'weight')
    const hello = copyHelloWorld(ctx.root, path.join(dir, 'hello-world'))

    // The baseline is only worth its ratio if it is bare and runs the app's own Taro.
    const withNutui = filesMentioning(path.join(hello, 'src'), '@nutui')
    if (withNutui.length) failures.push(`the hello world is not bare: ${withNutui.join(', ')} mention @nutui`)
    const version = (from: string, pkg: string) => {
      const file = createRequire(path.join(from, 'package.json')).resolve(`${pkg}/package.json`)
      return { real: fs.realpathSync(file), version: (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version }
    }
    const taro = version(ctx.root, '@tarojs/taro')
    const react = version(ctx.root, 'react')
    if (version(hello, '@tarojs/taro').real !== taro.real) failures.push("the hello world's copy does not resolve the repository's @tarojs/taro")

    // Quick runs skip H5: its app build is most of this section's time.
    const targets: Target[] = ctx.quick ? ['weapp'] : ['weapp', 'h5']
    const out = (who: 'app' | 'hello', type: Target) => path.join(dir, 'out', who, type)
    const run = (who: 'app' | 'hello', type: Target): BuildRun => ({
      label: `${who === 'app' ? 'app' : 'hello world'} ${type}`,
      cwd: who === 'app' ? ctx.root : hello,
      type,
      outDir: out(who, type),
      logFile: path.join(dir, 'logs', `${who}-${type}.log`)
    })
    // longest first, so that the other lane fits the three short builds beside it
    const runs = ctx.quick ? [run('app', 'weapp'), run('hello', 'weapp')] : [run('app', 'h5'), run('hello', 'weapp'), run('app', 'weapp'), run('hello', 'h5')]
    const lanes = Math.min(2, os.cpus().length)
    ctx.log(`${runs.length} production builds, ${lanes} at a time${ctx.quick ? ' (quick: weapp only, H5 skipped)' : ''}; logs in ${path.relative(ctx.root, path.join(dir, 'logs'))}/`)
    const t0 = performance.now()
    const times = await inLanes(
      runs.map((r) => async () => {
        ctx.log(`building ${r.label}`)
        const t = await taroBuild(ctx.root, r, BUILD_TIMEOUT_MS)
        ctx.log(`${r.label} built in ${ms(t)}`)
        return t
      }),
      lanes
    )
    ctx.log(`builds done in ${ms(performance.now() - t0)}`)

    // ---- weapp ------------------------------------------------------------------------------------
    const app = measureWeapp(out('app', 'weapp'))
    const base = measureWeapp(out('hello', 'weapp'))
    const rows: Row[] = []
    const mainRatio = app.main.bytes / base.main.bytes
    rows.push({
      figure: 'Mini program main package',
      value: bytes(app.main.bytes),
      baseline: 'Hello world main package',
      baselineValue: bytes(base.main.bytes),
      ratio: ratio(app.main.bytes, base.main.bytes),
      note: `goal ≤ ${MAIN_GOAL}×; ${count(app.main.bytes)} B vs ${count(base.main.bytes)} B; ${pct(app.main.bytes, PACKAGE_LIMIT)} of WeChat's 2 MB; ${app.main.files} files`
    })
    for (const sub of app.subs) {
      rows.push({
        figure: `Subpackage ${sub.root.replace(/\/$/, '')}`,
        value: bytes(sub.bytes),
        baseline: "WeChat's limit per package",
        baselineValue: bytes(PACKAGE_LIMIT),
        ratio: ratio(sub.bytes, PACKAGE_LIMIT),
        note: `${pct(sub.bytes, PACKAGE_LIMIT)} of the limit; ${sub.files} files`
      })
    }
    rows.push({
      figure: `All ${app.subs.length + 1} packages together`,
      value: bytes(app.total),
      baseline: "WeChat's limit for all packages",
      baselineValue: bytes(TOTAL_LIMIT),
      ratio: ratio(app.total, TOTAL_LIMIT),
      note: `hello world: ${bytes(base.total)}`
    })
    for (const pkg of [app.main, ...app.subs]) {
      if (pkg.bytes > PACKAGE_LIMIT) failures.push(`${pkg.root ? `subpackage ${pkg.root}` : 'the main package'} is ${bytes(pkg.bytes)}, over WeChat's 2 MB limit`)
    }
    if (app.total > TOTAL_LIMIT) failures.push(`all packages together are ${bytes(app.total)}, over WeChat's 20 MB limit`)
    if (mainRatio > MAIN_GOAL) {
      failures.push(
        `the main package is ${bytes(app.main.bytes)}, ${ratio(app.main.bytes, base.main.bytes)} the hello world's ${bytes(base.main.bytes)}: over the goal of ${MAIN_GOAL}× (${bytes(Math.floor(base.main.bytes * MAIN_GOAL))})`
      )
    }
    ctx.log(`weapp: main ${bytes(app.main.bytes)} (${ratio(app.main.bytes, base.main.bytes)} the hello world's ${bytes(base.main.bytes)}), ${app.subs.length} subpackages, ${bytes(app.total)} in all`)

    // ---- H5 ---------------------------------------------------------------------------------------
    let h5: { app: H5Weight; base: H5Weight } | null = null
    if (targets.includes('h5')) {
      h5 = { app: measureH5FirstLoad(out('app', 'h5')), base: measureH5FirstLoad(out('hello', 'h5')) }
      const { app: a, base: b } = h5
      const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`
      rows.push({
        figure: 'H5 first-load JS (gzip)',
        value: bytes(a.js.gzip),
        baseline: 'Hello world H5 first-load JS (gzip)',
        baselineValue: bytes(b.js.gzip),
        ratio: ratio(a.js.gzip, b.js.gzip),
        note: `${files(a.js.files)}, ${bytes(a.js.raw)} before gzip; hello world ${files(b.js.files)}, ${bytes(b.js.raw)}`
      })
      rows.push({
        figure: 'H5 first-load CSS (gzip)',
        value: bytes(a.css.gzip),
        baseline: 'Hello world H5 first-load CSS (gzip)',
        baselineValue: bytes(b.css.gzip),
        ratio: ratio(a.css.gzip, b.css.gzip),
        note: `${files(a.css.files)}, ${bytes(a.css.raw)} before gzip; ${b.css.files ? `hello world ${files(b.css.files)}, ${bytes(b.css.raw)}` : 'the hello world loads no stylesheet (no ratio)'}`
      })
      rows.push({
        figure: 'H5 first-load JS + CSS (gzip)',
        value: bytes(a.js.gzip + a.css.gzip),
        baseline: 'Hello world H5 first load (gzip)',
        baselineValue: bytes(b.js.gzip + b.css.gzip),
        ratio: ratio(a.js.gzip + a.css.gzip, b.js.gzip + b.css.gzip),
        note: `${files(a.files.length)} of the ${a.allJsCss} JS and CSS files in the H5 build; hello world ${b.files.length} of ${b.allJsCss}`
      })
      ctx.log(`h5: first load ${bytes(a.js.gzip + a.css.gzip)} gzip (${ratio(a.js.gzip + a.css.gzip, b.js.gzip + b.css.gzip)} the hello world's ${bytes(b.js.gzip + b.css.gzip)})`)
    }

    // ---- how it was measured ----------------------------------------------------------------------
    const took = runs.map((r, i) => `${r.label} ${ms(times[i])}`).join(', ')
    details.push(
      `Builds: ${runs.length} production builds in this run, ${lanes} at a time (${took}). The app is built from the repository with its own config, exactly as \`npm run build:weapp\` / \`build:h5\` would, except that a preload (bench/lib/weight-output-root.cjs) sends the output to .tmp/bench/weight/out/ so that dist/ is never overwritten; LST_* build variables are cleared, so this is the default (WeChat cloud) build.${ctx.quick ? ' Quick run: the H5 builds are skipped.' : ''}`,
      `Baseline: bench/hello-world, a bare Taro ${taro.version} + React ${react.version} app with one page (a View with a Text), the app's config choices and Babel, and no NutUI or other libraries; it is copied to .tmp/bench/weight/hello-world with node_modules linked to the repository's, so both builds use the same packages. The ratios are what the app's own code, NutUI and its other libraries (zod, dayjs…) add.`,
      `Package sizes: the bytes of the files in the weapp output, each file counted in the subpackage whose app.json root its path starts with, and every other file in the main package. Only files with extensions WeChat uploads count (left out here: ${skippedKinds(app)}), the same sum miniprogram-ci's checkCodeQuality makes (\`npm run check:weapp\` shows it, a few bytes lower because it trims project.config.json); these are the files as built, before WeChat compiles them again on upload.`,
      `Main package by file (hello world in brackets): ${breakdown(app, base)}.`,
      `Checks: every package ≤ 2 MB, all packages together ≤ 20 MB, and the main package ≤ ${MAIN_GOAL}× the hello world's (${bytes(Math.floor(base.main.bytes * MAIN_GOAL))} in this run).`
    )
    if (h5) {
      details.push(
        `H5 first load: the scripts (\`<script src>\`) and stylesheets (\`<link rel="stylesheet">\`) that index.html itself names, each file gzipped on its own at zlib level 9 and the results summed (the page's own chunk, which the router fetches next, is not counted). The local host serves these files uncompressed, so the gzip figure is what a compressing proxy would send; raw sizes are in the notes.`
      )
    }
    return { id: 'weight', title: 'Mini program and H5 weight', rows, details, failures }
  }
}

function skippedKinds(w: WeappWeight): string {
  if (!w.skipped.length) return 'nothing'
  const kinds = [...new Set(w.skipped.map((f) => (/\.LICENSE\.txt$/.test(f) ? '*.LICENSE.txt' : `*${path.posix.extname(f) || path.posix.basename(f)}`)))]
  return `${w.skipped.length} file${w.skipped.length === 1 ? '' : 's'}, ${kinds.join(', ')}`
}

/** The main package's biggest top-level entries beside the hello world's same entries. */
function breakdown(app: WeappWeight, base: WeappWeight): string {
  return [...app.main.parts.entries()]
    .sort((a, b) => b[1].bytes - a[1].bytes)
    .slice(0, 9)
    .map(([part, { bytes: size, files }]) => {
      const b = base.main.parts.get(part)
      const label = part.endsWith('/') ? `${part} (${files} files)` : part
      return `${label} ${bytes(size)} (${b === undefined ? '—' : bytes(b.bytes)})`
    })
    .join(', ')
}
