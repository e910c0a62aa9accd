// Timing and summary helpers shared by the sections. Latencies are milliseconds as floats
// (performance.now), never rounded to whole milliseconds: a loopback SELECT 1 takes well under one.

export interface Summary {
  n: number
  p50: number
  p99: number
  mean: number
  max: number
}

/**
 * Nearest-rank percentile of an ascending array: the smallest sample with at least p% of samples at or
 * below it. With 200 samples p99 is the 198th; the report prints n next to every p99 for that reason.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const sum = sorted.reduce((s, x) => s + x, 0)
  return { n: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: sum / (sorted.length || 1), max: sorted[sorted.length - 1] ?? Number.NaN }
}

/** Runs fn `warmup` times unmeasured (JIT, caches, prepared pools), then `n` times one after another. */
export async function timeEach(n: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i)
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    await fn(i)
    out.push(performance.now() - t0)
  }
  return out
}

export const elapsedSince = (t0: number): number => performance.now() - t0

/** 0.42 ms, 12.3 ms, 1.23 s: three significant figures are all a noisy 2-core machine can support. */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return '—'
  if (x >= 1000) return `${(x / 1000).toFixed(x >= 10_000 ? 1 : 2)} s`
  if (x >= 100) return `${x.toFixed(0)} ms`
  if (x >= 10) return `${x.toFixed(1)} ms`
  return `${x.toFixed(2)} ms`
}

export function bytes(x: number): string {
  if (x >= 1024 * 1024) return `${(x / 1024 / 1024).toFixed(2)} MB`
  if (x >= 1024) return `${(x / 1024).toFixed(1)} KB`
  return `${x} B`
}

export function ratio(value: number, baseline: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(baseline) || baseline <= 0) return '—'
  const r = value / baseline
  return `${r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2)}×`
}

export const count = (x: number): string => Math.round(x).toLocaleString('en-US')
