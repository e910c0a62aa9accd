import { CATEGORY_IDS, type CategoryId } from '@contract/categories'
import type { ProblemDeadline, SlaLimits } from '@contract/problems'
import { addWorkdays, recomputeDeadline, type CalendarInput } from '../calendar'

/** 签收 within 1 working day, 答复 within 5, 延期 up to 10 in all — unless a category says otherwise. */
export const DEFAULT_SLA: SlaLimits = Object.freeze({ acceptDays: 1, replyDays: 5, extensionMaxDays: 10 })

/** Per-category limits; `default` changes the fallback for every category not listed. */
export type SlaConfig = Partial<Record<CategoryId | 'default', Partial<SlaLimits>>>

/** Chinese messages for a bad configuration (limits are whole working days; 答复 cannot come before 签收). */
export function validateSlaConfig(config: SlaConfig): string[] {
  const errors: string[] = []
  for (const [key, partial] of Object.entries(config)) {
    if (key !== 'default' && !(CATEGORY_IDS as readonly string[]).includes(key)) {
      errors.push(`未知的诉求类别：${key}`)
      continue
    }
    const where = key === 'default' ? '默认' : key
    const p = partial ?? {}
    const check = (v: number | undefined, label: string, min: number) => {
      if (v !== undefined && (!Number.isInteger(v) || v < min || v > 365)) errors.push(`${where}：${label}应为 ${min}–365 的整数`)
    }
    check(p.acceptDays, '签收时限', 1)
    check(p.replyDays, '答复时限', 1)
    check(p.extensionMaxDays, '延期上限', 0)
  }
  for (const id of [...CATEGORY_IDS]) {
    const l = resolve(id, config)
    if (Number.isInteger(l.acceptDays) && Number.isInteger(l.replyDays) && l.replyDays < l.acceptDays) {
      errors.push(`${id}：答复时限不能短于签收时限`)
    }
  }
  return errors
}

function resolve(category: CategoryId, config: SlaConfig): SlaLimits {
  return { ...DEFAULT_SLA, ...(config.default ?? {}), ...(config[category] ?? {}) }
}

/** The limits of a category. Throws RangeError on an invalid configuration. */
export function slaFor(category: CategoryId, config: SlaConfig = {}): SlaLimits {
  const errors = validateSlaConfig(config)
  if (errors.length) throw new RangeError(errors.join('；'))
  return resolve(category, config)
}

/** The unit's deadlines, both counted from 派单 (the clock does not wait for 签收). */
export function routingDeadlines(routedAt: Date, limits: SlaLimits, cal: CalendarInput): { acceptDue: ProblemDeadline; replyDue: ProblemDeadline } {
  return { acceptDue: addWorkdays(routedAt, limits.acceptDays, cal), replyDue: addWorkdays(routedAt, limits.replyDays, cal) }
}

/** Working days of 延期 a unit can still be granted. */
export function remainingExtensionDays(grantedSoFar: number, limits: SlaLimits): number {
  return Math.max(0, limits.extensionMaxDays - grantedSoFar)
}

/** A deadline moved `days` working days later (same start, longer count). Throws past the cap. */
export function extendDeadline(due: ProblemDeadline, days: number, grantedSoFar: number, limits: SlaLimits, cal: CalendarInput): ProblemDeadline {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`延期天数应为正整数：${days}`)
  if (days > remainingExtensionDays(grantedSoFar, limits)) throw new RangeError(`超过延期上限 ${limits.extensionMaxDays} 个工作日`)
  return addWorkdays(due.basis.start, due.basis.workdays + days, cal)
}

/** The deadline as it stands under the calendar now: entering a missing year's arrangement moves it. */
export function effectiveDeadline(due: ProblemDeadline, cal: CalendarInput): ProblemDeadline {
  return recomputeDeadline(due, cal)
}

/** Past due: `now` is after the end of the due day (under the calendar as it is now). */
export function isPastDue(due: ProblemDeadline, now: Date, cal: CalendarInput): boolean {
  return now.getTime() > Date.parse(effectiveDeadline(due, cal).at)
}
