/** Report months on the client: 'YYYY-MM' in China time (UTC+8, whatever zone the phone is set to). */

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000
const pad = (n: number) => String(n).padStart(2, '0')

export function currentMonth(now: Date = new Date()): string {
  const d = new Date(now.getTime() + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`
}

export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number)
  const i = y * 12 + (m - 1) + delta
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`
}

/** '2026年11月' */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return `${y}年${m}月`
}

/** The months one may pick: the newest first, back `count` months from `latest`. */
export function pickableMonths(latest: string, count = 36): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(latest, -i))
}
