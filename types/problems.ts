import type { CategoryId } from './categories'

/**
 * Ticket states, after 12345 hotline practice. `triage` = waiting for the dispatcher because routing
 * could not place it; `routed` = 派单, waiting for the unit to accept (签收).
 */
export type ProblemStatus = 'triage' | 'routed' | 'accepted' | 'replied' | 'closed'

export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  triage: '待分派',
  routed: '待签收',
  accepted: '办理中',
  replied: '已答复',
  closed: '已办结'
}

export type ProblemEventType = 'filed' | 'routed' | 'triaged' | 'accepted' | 'replied' | 'closed'

export const PROBLEM_EVENT_LABELS: Record<ProblemEventType, string> = {
  filed: '提交诉求',
  routed: '派单',
  triaged: '转调度中心分派',
  accepted: '签收',
  replied: '答复',
  closed: '办结'
}

export interface ProblemSummary {
  id: string
  /** Human-readable number, e.g. SD20261123-0001. */
  number: string
  title: string
  category: CategoryId
  status: ProblemStatus
  enterpriseId: string
  enterpriseName: string
  leadDepartmentId: string | null
  leadDepartmentName: string | null
  /** ISO timestamps. */
  createdAt: string
  updatedAt: string
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
  events: ProblemEvent[]
}
