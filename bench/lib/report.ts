import type { MachineFacts } from '../run'
import type { SectionResult } from './report-types'
import { ms } from './stats'

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** docs/benchmarks.md: the machine and versions first, then one table per section with its notes. */
export function renderReport({ facts, totalMs, results }: { facts: MachineFacts; totalMs: number; results: SectionResult[] }): string {
  const out: string[] = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (do not edit by hand). Every figure sits beside a baseline measured in the same run on the same',
    'machine, and the ratio is figure ÷ baseline. `npm run bench -- --quick` and `--only=<section>` try a change without',
    'touching this file; their report goes to `.tmp/bench/benchmarks.md`. How each section measures is in',
    '[testing.md](testing.md#benchmarks) and in the notes under each table.',
    '',
    '## Machine',
    '',
    `| | |`,
    `| --- | --- |`,
    `| Run | ${facts.date.slice(0, 16).replace('T', ' ')} UTC, commit ${facts.commit}, ${ms(totalMs)} in all |`,
    `| CPU | ${cell(facts.cpu)} × ${facts.cores} |`,
    `| Memory | ${facts.memory} |`,
    `| OS | ${cell(facts.os)} |`,
    `| Node | ${facts.node} |`,
    `| Packages | ${Object.entries(facts.versions)
      .map(([n, v]) => `${n} ${v}`)
      .join(', ')} |`,
    ''
  ]
  for (const r of results) {
    out.push(`## ${r.title}`, '')
    if (r.rows.length) {
      out.push('| Figure | Value | Baseline | Baseline value | Ratio | Note |', '| --- | ---: | --- | ---: | ---: | --- |')
      for (const row of r.rows) out.push(`| ${[row.figure, row.value, row.baseline, row.baselineValue, row.ratio, row.note ?? ''].map(cell).join(' | ')} |`)
      out.push('')
    }
    if (r.failures.length) out.push('**Checks that failed:**', '', ...r.failures.map((f) => `- ${f}`), '')
    for (const d of r.details) out.push(d, '')
    out.push(`_${ms(r.ms)} for this section._`, '')
  }
  return out.join('\n')
}
