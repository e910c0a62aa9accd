/** One line of a section's table: a figure, its baseline measured in the same run, and their ratio. */
export interface Row {
  figure: string
  value: string
  baseline: string
  baselineValue: string
  ratio: string
  note?: string
}

export interface SectionResult {
  id: string
  title: string
  rows: Row[]
  /** Markdown shown under the table (plans, mixes, how the data was made). */
  details: string[]
  /** Checks that did not hold: the run exits non-zero and the doc is left alone. */
  failures: string[]
  ms: number
}

export interface SectionContext {
  quick: boolean
  root: string
  /** Where logs, builds of the hello world and raw results go (.tmp/bench, ignored by git and lint). */
  work: string
  log: (line: string) => void
}

/** One part of the bench: its id (for --only), a heading, and the measurement. */
export interface Section {
  id: string
  title: string
  run: (ctx: SectionContext) => Promise<Omit<SectionResult, 'ms'>>
}
