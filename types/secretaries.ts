import type { Photo } from './problems'

/** A first secretary's enterprise at a glance. */
export interface AssignedEnterprise {
  enterpriseId: string
  name: string
  chainName: string | null
  townName: string | null
  /** Problems of the enterprise not yet closed, and how many of them are overdue. */
  openProblems: number
  overdueProblems: number
  lastVisitAt: string | null
}

export interface Visit {
  id: string
  enterpriseId: string
  enterpriseName: string
  secretaryName: string
  visitedAt: string
  /** Where the secretary was when logging it (gcj02); null when location was refused. */
  lat: number | null
  lng: number | null
  address: string | null
  note: string
  photos: Photo[]
}

/** The week in one screen (and one Monday notice): visits, problems filed on behalf and their fate. */
export interface WeeklySummary {
  /** Monday of the week, China date. */
  weekOf: string
  visits: number
  enterprisesVisited: number
  enterprisesNotVisited: string[]
  problemsFiled: number
  problemsClosed: number
  problemsOverdue: number
  /** e.g. 本周走访 3 家企业 4 次，代企业提交诉求 2 件，办结 1 件，超期 1 件 */
  text: string
}
