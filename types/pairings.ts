import type { Photo } from './problems'

/** The 六个共建 activity types, 自选动作, and the meetings of a 青蓝 mentoring pair. */
export const ACTIVITY_TYPES = [
  { id: 'lecture', label: '共上党课' },
  { id: 'theme_day', label: '共办主题党日活动' },
  { id: 'development', label: '共商发展难题' },
  { id: 'position', label: '共建党建阵地' },
  { id: 'life_meeting', label: '共开组织生活会' },
  { id: 'evaluation', label: '共评党员情况' },
  { id: 'custom', label: '自选动作' },
  { id: 'mentoring', label: '青蓝结对交流' }
] as const

export type ActivityType = (typeof ACTIVITY_TYPES)[number]['id']

export const ACTIVITY_TYPE_IDS = ACTIVITY_TYPES.map((t) => t.id) as [ActivityType, ...ActivityType[]]

/** The six required kinds (规定动作) that annual plans count. */
export const REQUIRED_ACTIVITY_TYPES: readonly ActivityType[] = ['lecture', 'theme_day', 'development', 'position', 'life_meeting', 'evaluation']

const PHASE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 2 → 第二期 (phases are small numbers; larger ones keep their digits). */
export function phaseLabel(phase: number): string {
  return `第${PHASE_DIGITS[phase] ?? String(phase)}期`
}

export function activityTypeLabel(id: string): string {
  return ACTIVITY_TYPES.find((t) => t.id === id)?.label ?? id
}

/** branch: an agency Party branch with an enterprise Party branch (政企共建); mentoring: 红色顺企青蓝工程. */
export type PairingKind = 'branch' | 'mentoring'

export interface PairingContact {
  side: 'agency' | 'enterprise'
  name: string
  /** Masked in lists and pages (138****8000). */
  phone: string | null
}

export interface Pairing {
  id: string
  kind: PairingKind
  phase: number
  /** The agency branch, or the mentor (a Party-member entrepreneur) of a mentoring pair. */
  agencyBranch: string
  /** The enterprise branch, or the young entrepreneur being mentored. */
  enterpriseBranch: string
  enterpriseId: string | null
  enterpriseName: string | null
  chainId: string | null
  chainName: string | null
  startedOn: string
  endsOn: string | null
  goals: string
  activityCount: number
  lastActivityOn: string | null
}

/** One type's line of a pair's annual plan. */
export interface PlanLine {
  type: ActivityType
  required: number
  done: number
  /** How many should be done by today at an even pace (rounded down); behind when done < expected. */
  expected: number
  behind: boolean
}

export interface PlanProgress {
  year: number
  lines: PlanLine[]
  /** Share of required activities done (each type capped at its requirement), 0…1; null without a plan. */
  completion: number | null
  behind: boolean
}

/** The pair page: the pair, its contacts, plan progress, problems solved and recent activities. */
export interface PairingDetail extends Pairing {
  contacts: PairingContact[]
  plan: PlanProgress | null
  /**
   * Problems the pair raised (from its activities) or that the agency's department handled for the
   * paired enterprise, which the filer confirmed solved. Never typed by hand.
   */
  problemsSolved: number
  problemsRaised: number
  /** Whether the caller may post activities for this pair. */
  canPost: boolean
  activities: ActivitySummary[]
}

export interface ActivitySummary {
  id: string
  pairingId: string
  pairingTitle: string
  type: ActivityType
  title: string
  heldOn: string
  place: string
  summary: string
  /** The first photo, for the feed. */
  cover: Photo | null
  photoCount: number
  /** People who signed in by the activity's QR code; derived, never typed. */
  attendance: number
  problemsRaised: number
}

export interface ActivityDetail extends ActivitySummary {
  photos: Photo[]
  createdByName: string | null
  /** Whether the caller organises it (may show the sign-in code, raise problems). */
  canManage: boolean
  /** Whether the caller has signed in to it, and when (a rescan answers the first time: 已签到过). */
  attended: boolean
  attendedAt: string | null
  /** Problems raised from it, as their numbers, titles and states. */
  problems: { id: string; number: string; title: string; status: string; solved: boolean | null }[]
}

/** A member's sign-in: the activity, and whether they had signed in before (a rescan: 已签到过). */
export interface AttendResult {
  activity: ActivityDetail
  alreadyAttended: boolean
}

/** The organiser's sign-in code: signed, valid only on the activity's day, no personal data. */
export interface AttendanceCode {
  token: string
  qrImage: string
  expiresAt: string
}

/** The district's view of one pair for the year. */
export interface OversightRow {
  pairingId: string
  title: string
  kind: PairingKind
  phase: number
  chainName: string | null
  activitiesByType: Partial<Record<ActivityType, number>>
  activities: number
  completion: number | null
  problemsSolved: number
  attendance: number
  lastActivityOn: string | null
  /** No activity in the last 60 days (or none at all). */
  inactive: boolean
}

export interface Oversight {
  year: number
  rows: OversightRow[]
  totals: { pairs: number; activities: number; attendance: number; problemsSolved: number; inactive: number }
}

/** Annual plans: the district's default and the pairs that have their own. */
export interface PlanSettings {
  year: number
  defaults: { type: ActivityType; count: number }[]
  pairs: { pairingId: string; title: string; required: { type: ActivityType; count: number }[] }[]
}
