import { makeCalendar, slaFor, type FlowEnv, type SlaConfig } from '../core'
import type { CategoryId, SlaLimits } from '@contract'
import type { Queryable } from '../db/client'
import { loadCalendarOverrides, loadSlaConfig } from '../db/repos/flow'

export interface FlowSettings {
  env: FlowEnv
  limitsFor(category: CategoryId): SlaLimits
}

/** The administrator's calendar corrections and time limits, read fresh for each request (two small tables). */
export async function loadFlowSettings(q: Queryable): Promise<FlowSettings> {
  // one after the other: inside a transaction the queries share one connection
  const overrides = await loadCalendarOverrides(q)
  const sla = await loadSlaConfig(q)
  const calendar = makeCalendar(overrides)
  return { env: { calendar }, limitsFor: (category) => slaFor(category, sla as SlaConfig) }
}
