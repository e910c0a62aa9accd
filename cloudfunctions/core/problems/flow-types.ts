import { FLOW_ACTION_LABELS } from '@contract'
import type {
  CategoryId,
  CoHandlerAssignment,
  ExtensionRequest,
  LeadAssignment,
  ProblemDeadline,
  ProblemEventType,
  ProblemStatus,
  SlaLimits,
  SupervisionRecord
} from '@contract'
import type { CalendarInput } from '../calendar'

/**
 * The party that files, confirms and rates: the enterprise, or, for feedback on a service station
 * (which has no enterprise), the person who reported it. Flow actors and states carry it as enterpriseId.
 */
export function filingParty(enterpriseId: string | null, filedBy: string): string {
  return enterpriseId || `person:${filedBy}`
}

/** Who acts. A unit's handler acts for its department; whether that is the lead or a co-handler is read from the state. */
export type FlowActor =
  | { kind: 'filer'; personId: string; enterpriseId: string }
  | { kind: 'unit'; personId: string; departmentId: string }
  | { kind: 'dispatcher'; personId: string }
  | { kind: 'system' }

/** An actor's part in one problem. `outsider`: a filer of another enterprise, a unit not involved. */
export type FlowRole = 'filer' | 'lead' | 'co_handler' | 'dispatcher' | 'system' | 'outsider'

export const FLOW_ROLE_LABELS: Record<FlowRole, string> = {
  filer: '提出诉求的企业',
  lead: '牵头承办单位',
  co_handler: '会办单位',
  dispatcher: '调度员',
  system: '系统',
  outsider: '无关人员'
}

interface EventBase<T extends ProblemEventType, D> {
  /** 1, 2, 3 … in the problem's history. */
  seq: number
  type: T
  /** ISO instant. */
  at: string
  actor: FlowActor
  /** Why (退单, 转办, 延期, 督办, 重办 …); null when none is needed. */
  reason: string | null
  data: D
}

type Empty = Record<string, never>

/** One entry of the append-only history. Every state change is one or more of these. */
export type FlowEvent =
  | EventBase<'filed', { problemId: string; category: CategoryId; enterpriseId: string; filedBy: string; limits: SlaLimits }>
  | EventBase<'triaged', Empty>
  | EventBase<'routed', { lead: LeadAssignment }>
  | EventBase<'rerouted', { from: string; lead: LeadAssignment }>
  | EventBase<'insisted', { departmentId: string }>
  | EventBase<'accepted', { departmentId: string }>
  | EventBase<'returned', { departmentId: string }>
  | EventBase<'co_requested', { assignments: CoHandlerAssignment[] }>
  | EventBase<'co_accepted', { departmentId: string }>
  | EventBase<'co_replied', { departmentId: string; content: string }>
  | EventBase<'co_cancelled', { departmentId: string }>
  | EventBase<'replied', { departmentId: string; content: string }>
  | EventBase<'extension_requested', { request: ExtensionRequest }>
  | EventBase<'extension_approved', { requestId: string; departmentId: string; days: number; replyDue: ProblemDeadline }>
  | EventBase<'extension_refused', { requestId: string; departmentId: string }>
  | EventBase<'supervised', { record: SupervisionRecord }>
  | EventBase<'confirmed', { solved: true }>
  | EventBase<'rated', { rating: number; comment: string | null }>
  | EventBase<'reopened', { reopenCount: number; replyDue: ProblemDeadline }>
  | EventBase<'closed', Empty>

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
/** An event before it gets its place in the history (seq), time and actor. */
export type EventDraft = DistributiveOmit<FlowEvent, 'seq' | 'at' | 'actor'>

/** The whole state of one problem's flow; JSON-safe. It is the fold of `history` (see replay). */
export interface FlowState {
  problemId: string
  category: CategoryId
  enterpriseId: string
  /** Person who filed it (an enterprise liaison, or a first secretary on the enterprise's behalf). */
  filedBy: string
  /** The category's limits when it was filed; later configuration changes do not move running items. */
  limits: SlaLimits
  status: ProblemStatus
  /** Null only while in triage. */
  lead: LeadAssignment | null
  coHandlers: CoHandlerAssignment[]
  extensions: ExtensionRequest[]
  supervision: { level: number; records: SupervisionRecord[] }
  /** 重办 count; never decreases. */
  reopenCount: number
  /** 退单 count (for the "踢皮球" figure). */
  returnCount: number
  /** The filer's last word: true = solved (only then closed), false = not solved, null = not yet asked. */
  solved: boolean | null
  rating: number | null
  history: FlowEvent[]
}

export type FlowAction =
  /** 派单 from triage (the dispatcher, or the routing rules at filing). */
  | { type: 'route'; departmentId: string; reason?: string }
  /** 签收 by the lead unit. */
  | { type: 'accept' }
  /** 退单: the lead hands a misrouted item back to the dispatcher. */
  | { type: 'return'; reason: string }
  /** 转办: the dispatcher gives it to another lead unit, whose clock starts now. */
  | { type: 'reroute'; departmentId: string; reason?: string }
  /** The dispatcher refuses a 退单: back to the same unit, on its original deadlines. */
  | { type: 'insist'; reason: string }
  /** 会办: the lead (after 签收) or the dispatcher asks other units to co-handle. */
  | { type: 'request_co'; departmentIds: string[]; reason?: string }
  | { type: 'co_accept' }
  | { type: 'co_reply'; content: string }
  /** The dispatcher releases a co-handler (wrongly asked, or no longer needed). */
  | { type: 'cancel_co'; departmentId: string; reason: string }
  /** 答复 by the lead; only when every co-handler has answered. */
  | { type: 'reply'; content: string }
  /** 延期 request by a unit (lead or co-handler) for its own reply deadline. */
  | { type: 'request_extension'; days: number; reason: string }
  | { type: 'approve_extension'; requestId: string; days?: number; reason?: string }
  | { type: 'refuse_extension'; requestId: string; reason: string }
  /** Manual 督办 by the dispatcher (the sweeper raises the automatic ones). */
  | { type: 'supervise'; reason: string }
  /** 评价 by the filer after 答复: solved → 办结 (rating required); not solved → 重办. */
  | { type: 'evaluate'; solved: boolean; rating?: number; comment?: string }

export type FlowActionType = FlowAction['type']

export const FLOW_ACTION_TYPES: readonly FlowActionType[] = Object.keys(FLOW_ACTION_LABELS) as FlowActionType[]

export { FLOW_ACTION_LABELS }

export type RefusalCode = 'CONFLICT' | 'FORBIDDEN' | 'VALIDATION'

export interface Refusal {
  ok: false
  code: RefusalCode
  /** Chinese, safe to show as is. */
  message: string
  /** The input field at fault, for VALIDATION. */
  field?: string
}

export type TransitionResult = { ok: true; next: FlowState; events: FlowEvent[] } | Refusal

/** What a transition needs besides the state: the working-day calendar with the administrator's overrides. */
export interface FlowEnv {
  calendar: CalendarInput
}
