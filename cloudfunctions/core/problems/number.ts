/** Problems are numbered per district and per day in China's time zone, e.g. SD20261123-0001. */
export const NUMBER_PREFIX = 'SD'

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** The calendar day in Asia/Shanghai (no daylight saving there), as YYYYMMDD. */
export function shanghaiDay(at: Date): string {
  const d = new Date(at.getTime() + SHANGHAI_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`
}

export function formatProblemNumber(day: string, seq: number, prefix: string = NUMBER_PREFIX): string {
  if (!/^\d{8}$/.test(day)) throw new RangeError(`bad day ${day}`)
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`bad sequence ${seq}`)
  // four digits is the usual width; a busier day simply grows a fifth digit instead of wrapping
  return `${prefix}${day}-${String(seq).padStart(4, '0')}`
}
