import type { CategoryId } from './categories'

/**
 * Ticket states, after 12345 hotline practice. `triage` = waiting for the dispatcher because routing
 * could not place it; `routed` = 派单, waiting for the unit to accept (签收); `returned` = the unit
 * handed it back (退单) and the dispatcher must re-route or insist; `replied` = 答复, waiting for the
 * filer's 评价; `reopened` = 重办 (the filer said not solved), back with the lead unit.
 * The rules are in cloudfunctions/core/problems/state-machine.ts and docs/flow.md.
 */
export type ProblemStatus = 'triage' | 'routed' | 'accepted' | 'replied' | 'closed' | 'returned' | 'reopened'

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  triage: '待分派',
  routed: '待签收',
  accepted: '办理中',
  replied: '已答复',
  closed: '已办结',
  returned: '退单待调度',
  reopened: '重办中'
}

export type ProblemEventType =
  | 'filed'
  | 'routed'
  | 'triaged'
  | 'accepted'
  | 'replied'
  | 'closed'
  | 'returned'
  | 'rerouted'
  | 'insisted'
  | 'co_requested'
  | 'co_accepted'
  | 'co_replied'
  | 'co_cancelled'
  | 'extension_requested'
  | 'extension_approved'
  | 'extension_refused'
  | 'supervised'
  | 'confirmed'
  | 'rated'
  | 'reopened'

export const PROBLEM_EVENT_LABELS: Record<ProblemEventType, string> = {
  filed: '提交诉求',
  routed: '派单',
  triaged: '转调度中心分派',
  accepted: '签收',
  replied: '答复',
  closed: '办结',
  returned: '退单',
  rerouted: '转办',
  insisted: '维持原派单',
  co_requested: '发起会办',
  co_accepted: '会办单位签收',
  co_replied: '会办单位答复',
  co_cancelled: '撤销会办',
  extension_requested: '申请延期',
  extension_approved: '同意延期',
  extension_refused: '不同意延期',
  supervised: '督办',
  confirmed: '确认已解决',
  rated: '评价',
  reopened: '重办'
}

/** A working-day calendar correction entered by an administrator; it wins over the package's data. */
export interface CalendarOverride {
  /** Calendar day in China, YYYY-MM-DD. */
  date: string
  /** `holiday`: no work that day; `workday`: a working day (e.g. a 调休 Saturday). */
  kind: 'holiday' | 'workday'
  note?: string
}

/** Whether a year's official holiday arrangement is known (package data or administrator entries). */
export interface CalendarCoverage {
  year: number
  known: boolean
  /** `package`: chinese-days has the year; `overrides`: an administrator entered it; `floor`: neither —
   *  only weekends and the statutory fixed days are known. */
  source: 'package' | 'overrides' | 'floor'
  /** Chinese, to show as is, e.g. "2027 年节假日安排尚未录入"; null when the year is known. */
  warning: string | null
}

/** Per-category time limits, in working days. */
export interface SlaLimits {
  /** 签收 within this many working days of 派单. */
  acceptDays: number
  /** 答复 within this many working days of 派单 (not of 签收). */
  replyDays: number
  /** Most working days of 延期 a unit can be granted on one problem. */
  extensionMaxDays: number
}

/** A deadline: the end (23:59:59.999 in China) of the `basis.workdays`-th working day after `basis.start`. */
export interface ProblemDeadline {
  /** The due day in China, YYYY-MM-DD. */
  date: string
  /** The instant it falls due, ISO (UTC). Overdue when now is after it. */
  at: string
  /** True when the count crossed a year whose holiday arrangement was not known when computed. */
  uncertain: boolean
  /** How it was computed, so it can be recomputed when the calendar changes. */
  basis: { start: string; workdays: number }
}

/** The lead (牵头) unit's assignment on a problem. */
export interface LeadAssignment {
  departmentId: string
  /** When this unit's clock started (派单 or 转办 to it), ISO. */
  routedAt: string
  acceptDue: ProblemDeadline
  replyDue: ProblemDeadline
  acceptedAt: string | null
  repliedAt: string | null
  reply: string | null
  /** Working days of 延期 granted to this unit so far. */
  extensionDays: number
}

export type CoHandlerStatus = 'pending' | 'accepted' | 'replied' | 'cancelled'

export const CO_HANDLER_STATUS_LABELS: Record<CoHandlerStatus, string> = {
  pending: '待签收',
  accepted: '办理中',
  replied: '已答复',
  cancelled: '已撤销'
}

/** A cooperating (配合) unit in 会办: it accepts and answers on its own clock, started when it was asked. */
export interface CoHandlerAssignment {
  departmentId: string
  status: CoHandlerStatus
  requestedAt: string
  acceptDue: ProblemDeadline
  replyDue: ProblemDeadline
  acceptedAt: string | null
  repliedAt: string | null
  reply: string | null
  extensionDays: number
}

/** `lapsed`: the unit answered, handed back or was replaced before the dispatcher decided. */
export type ExtensionStatus = 'pending' | 'approved' | 'refused' | 'lapsed'

export const EXTENSION_STATUS_LABELS: Record<ExtensionStatus, string> = {
  pending: '待审批',
  approved: '已同意',
  refused: '未同意',
  lapsed: '已失效'
}

export interface ExtensionRequest {
  id: string
  departmentId: string
  days: number
  reason: string
  requestedAt: string
  status: ExtensionStatus
  decidedAt: string | null
  grantedDays: number | null
  decisionReason: string | null
}

export type SupervisionKind = 'accept_overdue' | 'reply_overdue' | 'manual'

export const SUPERVISION_KIND_LABELS: Record<SupervisionKind, string> = {
  accept_overdue: '签收超期',
  reply_overdue: '答复超期',
  manual: '调度督办'
}

/** One 督办. `key` identifies what was escalated, so the sweeper never escalates the same thing twice. */
export interface SupervisionRecord {
  key: string
  kind: SupervisionKind
  departmentId: string | null
  /** The deadline that was missed (ISO); null for a manual 督办. */
  dueAt: string | null
  at: string
  note: string
}

export interface ProblemSummary {
  id: string
  /** Human-readable number, e.g. SD20261123-0001. */
  number: string
  title: string
  category: CategoryId
  status: ProblemStatus
  /** '' on station feedback, which has no enterprise. */
  enterpriseId: string
  enterpriseName: string
  /** The station a piece of station feedback is about; null on an enterprise's problem. */
  station: { id: string; name: string } | null
  leadDepartmentId: string | null
  leadDepartmentName: string | null
  /** ISO timestamps. */
  createdAt: string
  updatedAt: string
  /** The lead unit's current deadlines (ISO), null while with the dispatcher or when closed. */
  acceptDue: string | null
  replyDue: string | null
  /** A deadline of any unit on it has passed (督办 raised or due). */
  overdue: boolean
  reopenCount: number
  supervisionLevel: number
  /** Filed without the filer's name being shown to departments. */
  anonymous: boolean
  /** For a department's inbox: whether it leads or co-handles this problem (deadlines are then the unit's own). */
  unitRole?: 'lead' | 'co_handler'
  /** For the dispatcher's queue: why it is there. */
  queueReason?: 'triage' | 'returned' | 'extension' | 'overdue'
  /** Enterprises that said “我也遇到” (+1), besides the filer's. */
  votes: number
  /** Other enterprises of the chain may see it and +1 it. */
  visibleToChain: boolean
  /** A chain-level item the dispatcher merged from similar problems; its solution reaches them all. */
  chainLevel: boolean
  /** The chain-level item this problem was merged into. */
  mergedInto: string | null
  sessionId: string | null
}

export interface ProblemEvent {
  id: string
  type: ProblemEventType
  /** Who acted, as shown to this reader (a department name, 企业用户, 系统). */
  actor: string
  note: string | null
  at: string
}

export interface ProblemDetail extends ProblemSummary {
  content: string
  chainId: string | null
  chainName: string | null
  townId: string | null
  townName: string | null
  /** Why the problem went where it went, in Chinese. */
  routingReason: string | null
  /** The routing engine's confidence in its choice (0…1); null for manual routing. */
  routingConfidence: number | null
  /** Best departments by the routing engine, for the dispatcher; empty for other readers. */
  suggestions: { departmentId: string; departmentName: string; confidence: number }[]
  /** Who filed it, as this reader may see it (departments never see an anonymous filer). */
  filerName: string
  /** A first secretary filed it on the enterprise's behalf. */
  onBehalf: boolean
  /** Raised at a pair's 共商发展难题 activity (counted for that pair once confirmed solved). */
  raisedAt: { activityId: string; activityTitle: string; pairingId: string; pairingTitle: string } | null
  lead: (LeadAssignment & { departmentName: string }) | null
  coHandlers: (CoHandlerAssignment & { departmentName: string })[]
  extensions: (ExtensionRequest & { departmentName: string })[]
  supervision: SupervisionRecord[]
  returnCount: number
  /** The filer's verdict: true solved, false not solved, null not yet given. */
  solved: boolean | null
  rating: number | null
  /** Photos, each with a short-lived address made for this reader. */
  photos: Photo[]
  /** What this reader may do now (see FLOW_ACTION_LABELS in the client). */
  actions: FlowActionType[]
  events: ProblemEvent[]
}

export type FlowActionType =
  | 'route'
  | 'accept'
  | 'return'
  | 'reroute'
  | 'insist'
  | 'request_co'
  | 'co_accept'
  | 'co_reply'
  | 'cancel_co'
  | 'reply'
  | 'request_extension'
  | 'approve_extension'
  | 'refuse_extension'
  | 'supervise'
  | 'evaluate'

export const FLOW_ACTION_LABELS: Record<FlowActionType, string> = {
  route: '派单',
  accept: '签收',
  return: '退单',
  reroute: '转办',
  insist: '维持原派单',
  request_co: '发起会办',
  co_accept: '会办签收',
  co_reply: '会办答复',
  cancel_co: '撤销会办',
  reply: '答复',
  request_extension: '申请延期',
  approve_extension: '同意延期',
  refuse_extension: '不同意延期',
  supervise: '督办',
  evaluate: '评价'
}

export interface Photo {
  id: string
  /** Valid for a few minutes, for this reader only (a signed local URL, or WeChat's temporary URL). */
  url: string
}
