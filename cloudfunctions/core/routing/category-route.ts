import { categoryLabel, type CategoryId } from '@contract'

/**
 * The first routing rule: a category names the department that usually owns it. Categories that
 * no single department owns go to the dispatcher's triage queue rather than being guessed.
 */
const OWNER: Record<CategoryId, string | null> = {
  recruitment: 'hr',
  talent: 'hr',
  financing: 'finance',
  listing: 'finance',
  land: 'natural_resources',
  schooling: 'education',
  housing: 'housing',
  medical: 'health',
  supply_chain: 'economy',
  environment: 'ecology',
  tax: 'tax',
  license: 'gov_services',
  other: null
}

export interface RouteDecision {
  /** Lead department, or null when the problem must be triaged by the dispatcher. */
  lead: string | null
  reason: string
}

export function routeByCategory(category: CategoryId): RouteDecision {
  const lead = OWNER[category]
  const label = categoryLabel(category)
  return lead
    ? { lead, reason: `按问题类别“${label}”派至主管部门` }
    : { lead: null, reason: `类别“${label}”没有固定的主管部门，转调度中心人工分派` }
}
