import type { ActivityType, PlanLine, PlanProgress } from '@contract'
import { REQUIRED_ACTIVITY_TYPES } from '@contract'

/** The share of the year gone by the end of `day` (China date, yyyy-mm-dd), 0…1; 1 for past years. */
export function yearElapsed(year: number, day: string): number {
  const today = Number(day.slice(0, 4))
  if (today > year) return 1
  if (today < year) return 0
  const start = Date.UTC(year, 0, 1)
  const end = Date.UTC(year + 1, 0, 1)
  const at = Date.parse(`${day}T00:00:00Z`) + 86_400_000
  return Math.min(1, Math.max(0, (at - start) / (end - start)))
}

/**
 * A pair's progress against its plan for `year`, as of the China date `today`. A type is behind when
 * fewer are done than an even pace asks by now (floor(required × share of the year)), so a plan of
 * two lectures is not behind until the year is half gone. Completion caps each type at its requirement:
 * ten lectures do not make up for no 组织生活会.
 */
export function planProgress(
  year: number,
  required: readonly { type: ActivityType; count: number }[],
  done: Partial<Record<ActivityType, number>>,
  today: string
): PlanProgress | null {
  const wanted = required.filter((r) => r.count > 0)
  if (!wanted.length) return null
  const share = yearElapsed(year, today)
  const order = (t: ActivityType) => {
    const i = REQUIRED_ACTIVITY_TYPES.indexOf(t)
    return i < 0 ? REQUIRED_ACTIVITY_TYPES.length : i
  }
  const lines: PlanLine[] = [...wanted]
    .sort((a, b) => order(a.type) - order(b.type))
    .map((r) => {
      const d = done[r.type] ?? 0
      const expected = Math.floor(r.count * share + 1e-9)
      return { type: r.type, required: r.count, done: d, expected, behind: d < expected }
    })
  const need = lines.reduce((n, l) => n + l.required, 0)
  const got = lines.reduce((n, l) => n + Math.min(l.done, l.required), 0)
  return { year, lines, completion: got / need, behind: lines.some((l) => l.behind) }
}
