import { classOfDepartment } from './departments'
import type { LabelledExample } from './model'

/** The part of a problem's history that teaches routing (events oldest first). */
export interface RoutingHistory {
  title: string
  content: string
  events: readonly { type: string; departmentId?: string | null }[]
}

/** A problem that had to be moved teaches more than one routed right the first time. */
export const CORRECTION_WEIGHT = 2
export const TRIAGE_WEIGHT = 1

/**
 * A labelled example from a problem whose routing was corrected: handed back (退单, 'returned') or
 * re-assigned (转办, 'rerouted'), or placed by the dispatcher from triage ('triaged'), and then
 * accepted (签收, 'accepted') by a department. The label is the department that accepted last.
 * Problems routed right the first time teach nothing new and give null, as do unfinished ones.
 */
export function exampleFromHistory(h: RoutingHistory): LabelledExample | null {
  let corrected = false
  let triaged = false
  let accepted: string | null = null
  for (const e of h.events) {
    if (e.type === 'returned' || e.type === 'rerouted') {
      corrected = true
      accepted = null
    } else if (e.type === 'triaged') {
      triaged = true
      accepted = null
    } else if (e.type === 'accepted' && e.departmentId) {
      accepted = e.departmentId
    }
  }
  if (!accepted || !(corrected || triaged) || !classOfDepartment(accepted)) return null
  const text = [h.title, h.content].filter((s) => s && s.trim()).join('\n')
  if (!text) return null
  return { text, department: accepted, weight: corrected ? CORRECTION_WEIGHT : TRIAGE_WEIGHT }
}
