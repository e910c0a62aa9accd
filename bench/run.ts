// `npm run bench`: every section measures a figure beside its baseline in the same run, then the whole
// result is written to docs/benchmarks.md (a full run only) and .tmp/bench/results.json.
//   --quick          smaller data and fewer samples, for trying a change (never written to the doc)
//   --only=a,b       just these sections (never written to the doc)
// A section whose checks fail makes the run exit 1 and leaves the doc as it was.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { SectionContext, SectionResult } from './lib/report-types'
import { renderReport } from './lib/report'
import { SECTIONS } from './sections'

const root = path.resolve(__dirname, '..')
const args = process.argv.slice(2)
const quick = args.includes('--quick')
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter(Boolean)

async function main(): Promise<void> {
  const unknown = (only ?? []).filter((id) => !SECTIONS.some((s) => s.id === id))
  if (unknown.length) throw new Error(`unknown section(s) ${unknown.join(', ')}; known: ${SECTIONS.map((s) => s.id).join(', ')}`)
  const work = path.join(root, '.tmp', 'bench')
  fs.mkdirSync(work, { recursive: true })
  const logFile = path.join(work, 'bench.log')
  fs.writeFileSync(logFile, '')
  const t0 = performance.now()
  const log = (line: string) => {
    const stamped = `[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`
    console.log(stamped)
    fs.appendFileSync(logFile, stamped + '\n')
  }
  const ctx: SectionContext = { quick, root, work, log }
  const results: SectionResult[] = []
  for (const section of SECTIONS) {
    if (only && !only.includes(section.id)) continue
    log(`── ${section.id}: ${section.title}`)
    const s0 = performance.now()
    try {
      const r = await section.run(ctx)
      results.push({ ...r, ms: performance.now() - s0 })
    } catch (e) {
      // a section that throws is a failed run, reported like a failed check so the others still report
      const message = e instanceof Error ? (e.stack ?? e.message) : String(e)
      log(`${section.id} threw: ${message}`)
      results.push({ id: section.id, title: section.title, rows: [], details: [], failures: [`threw: ${message.split('\n')[0]}`], ms: performance.now() - s0 })
    }
    log(`── ${section.id} done in ${((performance.now() - s0) / 1000).toFixed(1)} s`)
  }
  const totalMs = performance.now() - t0
  const facts = machineFacts()
  fs.writeFileSync(path.join(work, 'results.json'), JSON.stringify({ facts, quick, totalMs, results }, null, 2))
  const failures = results.flatMap((r) => r.failures.map((f) => `${r.id}: ${f}`))
  const full = !quick && !only
  if (full && !failures.length) {
    fs.writeFileSync(path.join(root, 'docs', 'benchmarks.md'), renderReport({ facts, totalMs, results }))
    log(`docs/benchmarks.md written (${(totalMs / 1000).toFixed(0)} s in all)`)
  } else {
    fs.writeFileSync(path.join(work, 'benchmarks.md'), renderReport({ facts, totalMs, results }))
    log(`report written to .tmp/bench/benchmarks.md${full ? '' : ' (partial or quick runs never replace docs/benchmarks.md)'}`)
  }
  if (failures.length) {
    console.error(`\nbench: ${failures.length} check(s) failed:\n  ${failures.join('\n  ')}`)
    process.exit(1)
  }
}

export interface MachineFacts {
  date: string
  cpu: string
  cores: number
  memory: string
  os: string
  node: string
  versions: Record<string, string>
  commit: string
}

function machineFacts(): MachineFacts {
  const pkgVersion = (name: string) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version as string
    } catch {
      return '—'
    }
  }
  const git = (...a: string[]) => {
    try {
      return execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    } catch {
      return '—'
    }
  }
  let osName = `${os.type()} ${os.release()}`
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(fs.readFileSync('/etc/os-release', 'utf8'))
    if (pretty) osName = `${pretty[1]} (${os.release()})`
  } catch {
    // not Linux: the kernel name will do
  }
  const dirty = git('status', '--porcelain').length > 0
  return {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model.trim() ?? '—',
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB`,
    os: osName,
    node: process.version,
    versions: Object.fromEntries(
      ['@tarojs/taro', 'react', '@nutui/nutui-react-taro', '@electric-sql/pglite', 'pg', 'autocannon', 'webpack', 'esbuild'].map((n) => [n, pkgVersion(n)])
    ),
    commit: `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' (with uncommitted changes)' : ''}`
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e)
  process.exit(1)
})
