import type { ActivityType, ErrorCode, PairingKind } from '@contract'
import { activityTypeLabel } from '@contract'
import { addDays, isDay, startOfDay, type Day } from '../calendar'
import { chinaDateText } from '../stations/time'
import type { CheckInTokenRefusalCode } from '../bookings/checkin'

/** A refusal with the API error code, a Chinese message and, for a form, the field it is about. */
export interface PairingRefusal {
  ok: false
  error: ErrorCode
  message: string
  field?: string
}

export type PairingVerdict = { ok: true } | PairingRefusal

const refuse = (error: ErrorCode, message: string, field?: string): PairingRefusal => ({ ok: false, error, message, ...(field ? { field } : {}) })

/** How a pair is named in feeds and tables: 「顺德图书馆党支部与村田智能公司党支部」. */
export function pairingTitle(p: { agencyBranch: string; enterpriseBranch: string }): string {
  return `${p.agencyBranch}与${p.enterpriseBranch}`
}

/** The activity types a pair of this kind records: 青蓝 pairs only meet as mentor and mentee; branch pairs never do. */
export function activityTypeFits(kind: PairingKind, type: ActivityType): boolean {
  return kind === 'mentoring' ? type === 'mentoring' : type !== 'mentoring'
}

/**
 * Whether an activity may be recorded for a pair, as of the China date `today`:
 * - the type suits the pair's kind (activityTypeFits);
 * - it was held on a real day, not after today (a record is of what happened: planned activities are not
 *   posted ahead, so plans, feeds and the 60-day inactivity check only ever count held ones);
 * - within the pair's term (from its start, up to its end when it has one).
 */
export function checkActivity(
  pair: { kind: PairingKind; startedOn: Day; endsOn: Day | null },
  activity: { type: ActivityType; heldOn: string },
  today: Day
): PairingVerdict {
  if (!activityTypeFits(pair.kind, activity.type)) {
    return pair.kind === 'mentoring'
      ? refuse('VALIDATION', `青蓝结对只记录“${activityTypeLabel('mentoring')}”`, 'type')
      : refuse('VALIDATION', `“${activityTypeLabel('mentoring')}”只用于青蓝结对，请选择六个共建或自选动作`, 'type')
  }
  if (!isDay(activity.heldOn)) return refuse('VALIDATION', '活动日期不正确', 'heldOn')
  if (activity.heldOn > today) return refuse('VALIDATION', '活动日期不能晚于今天：活动举办后再记录', 'heldOn')
  if (activity.heldOn < pair.startedOn) return refuse('VALIDATION', `活动日期早于结对开始日期（${chinaDateText(pair.startedOn)}）`, 'heldOn')
  if (pair.endsOn && activity.heldOn > pair.endsOn) return refuse('VALIDATION', `活动日期晚于结对结束日期（${chinaDateText(pair.endsOn)}）`, 'heldOn')
  return { ok: true }
}

/** Sign-in codes stop working when the activity's China day ends (the first instant of the next day). */
export function attendanceExpiry(heldOn: Day): Date {
  return startOfDay(addDays(heldOn, 1))
}

/** Sign-in (and showing its code) is open only on the activity's own China day. */
export function attendanceOpen(heldOn: Day, today: Day): PairingVerdict {
  if (heldOn === today) return { ok: true }
  return refuse('CONFLICT', `签到仅在活动当天开放（${chinaDateText(heldOn)}）`)
}

const CODE_REFUSALS: Record<CheckInTokenRefusalCode, [ErrorCode, string]> = {
  MALFORMED: ['VALIDATION', '无法识别的签到码，请扫描活动现场的二维码'],
  FORGED: ['FORBIDDEN', '签到码无效，请扫描活动组织者出示的二维码'],
  EXPIRED: ['CONFLICT', '签到码已过期：签到仅在活动当天开放']
}

/** The activity sign-in's own words for a code that decodeCheckIn refused (its default ones speak of bookings). */
export function attendanceCodeRefusal(code: CheckInTokenRefusalCode): PairingRefusal {
  const [error, message] = CODE_REFUSALS[code]
  return refuse(error, message, 'code')
}

/** Problems are raised into the flow only from a 共商发展难题 of a branch pair that has an enterprise. */
export function canRaiseFrom(pair: { kind: PairingKind; enterpriseId: string | null }, activity: { type: ActivityType }): PairingVerdict {
  if (activity.type !== 'development') {
    return refuse('CONFLICT', `只有“${activityTypeLabel('development')}”活动可以提交企业问题，本次活动是“${activityTypeLabel(activity.type)}”`)
  }
  if (pair.kind !== 'branch' || !pair.enterpriseId) return refuse('CONFLICT', '该结对没有结对企业，无法提交诉求')
  return { ok: true }
}

/** A feed's date range (China dates, both included): real days, from not after to. */
export function checkDateRange(from: string | undefined, to: string | undefined): PairingVerdict {
  if (from !== undefined && !isDay(from)) return refuse('VALIDATION', '开始日期不正确', 'from')
  if (to !== undefined && !isDay(to)) return refuse('VALIDATION', '结束日期不正确', 'to')
  if (from !== undefined && to !== undefined && from > to) return refuse('VALIDATION', '开始日期不能晚于结束日期', 'to')
  return { ok: true }
}
