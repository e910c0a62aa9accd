#!/usr/bin/env node
// Bundles each WeChat cloud function entry, cloudfunctions/functions/<fn>/index.ts, into a self-contained
// folder dist/cloudfunctions/<fn>/ {index.js, package.json, config.json}: WeChat uploads each folder alone,
// so core/, app/, db/, types/ and pg are inlined. Only wx-server-sdk stays external (installed in the cloud
// from the folder's package.json). PGlite and tsx are local-only and must never reach a bundle.
import { build } from 'esbuild'
import fs from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const srcDir = path.join(root, 'cloudfunctions', 'functions')
const outDir = path.join(root, 'dist', 'cloudfunctions')
const WX_SDK_VERSION = '~4.0.2'
// Packages that must not be inlined. pglite/tsx are marked external so that a stray import cannot pull
// 27 MB of WASM into a bundle; the check below then fails the build if anything still references them.
const EXTERNAL = ['wx-server-sdk', 'pg-native', '@electric-sql/pglite', '@electric-sql/pglite/*', 'tsx', 'tsx/*']
const isBuiltin = (p) => p.startsWith('node:') || builtinModules.includes(p.split('/')[0])
const FORBIDDEN = [/@electric-sql\/pglite/, /node_modules\/tsx\//, /["']tsx(\/[^"']*)?["']/]

const t0 = performance.now()
fs.rmSync(outDir, { recursive: true, force: true })

const names = fs.existsSync(srcDir)
  ? fs
      .readdirSync(srcDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(srcDir, d.name, 'index.ts')))
      .map((d) => d.name)
      .sort()
  : []
if (names.length === 0) {
  console.error(`build-cloud: no cloudfunctions/functions/<fn>/index.ts found under ${path.relative(root, srcDir)}`)
  process.exit(1)
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const problems = []
const rows = []
for (const name of names) {
  const dir = path.join(outDir, name)
  fs.mkdirSync(dir, { recursive: true })
  const outfile = path.join(dir, 'index.js')
  let result
  try {
    result = await build({
      absWorkingDir: root,
      entryPoints: [path.join(srcDir, name, 'index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      tsconfig: path.join(root, 'tsconfig.json'), // honours compilerOptions.paths (@contract, @/*)
      external: EXTERNAL,
      // the routing starter set travels inside the retrainer as text
      loader: { '.jsonl': 'text' },
      metafile: true,
      // a third less to upload (3.6 → 2.3 MB per function; loading takes about as long either way);
      // keepNames leaves function and class names in stack traces and error.name, messages are untouched
      minify: true,
      keepNames: true,
      legalComments: 'none',
      logLevel: 'warning'
    })
  } catch {
    problems.push(`${name}: esbuild failed (see above)`)
    continue
  }

  // Forbidden modules: by the bundle's inputs and imports, and by the text itself.
  const inputs = Object.keys(result.metafile.inputs)
  const bad = inputs.filter((p) => /node_modules\/(@electric-sql\/pglite|tsx)\//.test(p))
  for (const out of Object.values(result.metafile.outputs)) {
    for (const imp of out.imports) if (imp.external && !['wx-server-sdk', 'pg-native'].includes(imp.path) && !isBuiltin(imp.path)) bad.push(`import ${imp.path}`)
  }
  const text = fs.readFileSync(outfile, 'utf8')
  for (const re of FORBIDDEN) if (re.test(text)) bad.push(`text matches ${re}`)
  if (bad.length) problems.push(`${name}: bundle reaches local-only modules (import from cloudfunctions/db/postgres, not db/open):\n    ${[...new Set(bad)].join('\n    ')}`)

  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', description: `链上通云函数 ${name}`, main: 'index.js', private: true, dependencies: { 'wx-server-sdk': WX_SDK_VERSION } }, null, 2) + '\n'
  )
  const ownConfig = path.join(srcDir, name, 'config.json')
  if (fs.existsSync(ownConfig)) {
    try {
      JSON.parse(fs.readFileSync(ownConfig, 'utf8'))
    } catch (e) {
      problems.push(`${name}: config.json is not valid JSON: ${e.message}`)
    }
    fs.copyFileSync(ownConfig, path.join(dir, 'config.json'))
  } else {
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ permissions: { openapi: [] } }, null, 2) + '\n')
  }
  const nodeModulesBytes = inputs.filter((p) => p.includes('node_modules/')).reduce((s, p) => s + result.metafile.inputs[p].bytes, 0)
  rows.push([name, kb(fs.statSync(outfile).size), fs.existsSync(ownConfig) ? 'own' : 'default', kb(nodeModulesBytes)])
}

if (rows.length) {
  const head = ['function', 'index.js', 'config.json', 'from node_modules (source)']
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (r) => r.map((c, i) => (i === 1 || i === 3 ? c.padStart(w[i]) : c.padEnd(w[i]))).join('  ')
  console.log(line(head))
  for (const r of rows) console.log(line(r))
}
if (problems.length) {
  console.error(`\nbuild-cloud: FAILED\n  ${problems.join('\n  ')}`)
  process.exit(1)
}
console.log(`build-cloud: ${rows.length} function(s) → ${path.relative(root, outDir)}/ in ${((performance.now() - t0) / 1000).toFixed(2)} s`)
