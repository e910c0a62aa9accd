import type { CalendarCoverage, CalendarOverride, SlaLimits } from './problems'
import type { CategoryId } from './categories'

export interface RoutingRuleDto {
  id: string
  /** Words that must appear; `A+B` needs both. */
  phrase: string
  departmentId: string
  departmentName: string
  priority: number
  enabled: boolean
}

export interface FlowSettingsDto {
  rules: RoutingRuleDto[]
  /** Limits per category (defaults filled in), in working days. */
  sla: { category: CategoryId; limits: SlaLimits; custom: boolean }[]
  calendarOverrides: CalendarOverride[]
  /** Years whose official holiday notice is missing: show these as warnings. */
  calendarWarnings: CalendarCoverage[]
  routingModel: { source: 'shipped' | 'trained'; examples: number; trainedAt: string | null }
}

export interface SimilarGroup {
  /** The chain the problems belong to, when they share one. */
  chainId: string | null
  /** 0…1: how alike the texts are (character n-gram overlap). */
  similarity: number
  problemIds: string[]
  enterprises: number
}
