/** The 六个共建 activity types, plus 自选动作. */
export const ACTIVITY_TYPES = [
  { id: 'lecture', label: '共上党课' },
  { id: 'theme_day', label: '共办主题党日活动' },
  { id: 'development', label: '共商发展难题' },
  { id: 'position', label: '共建党建阵地' },
  { id: 'life_meeting', label: '共开组织生活会' },
  { id: 'evaluation', label: '共评党员情况' },
  { id: 'custom', label: '自选动作' }
] as const

export type ActivityType = (typeof ACTIVITY_TYPES)[number]['id']

export interface Pairing {
  id: string
  phase: number
  agencyBranch: string
  enterpriseBranch: string
  enterpriseId: string | null
  startedOn: string
  activityCount: number
}
