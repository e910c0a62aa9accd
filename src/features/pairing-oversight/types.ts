import { REQUIRED_ACTIVITY_TYPES, activityTypeLabel, type ActivityType } from '@contract/pairings'

/** Column headers for the six required kinds (the full names are long for a table). */
const SHORT: Partial<Record<ActivityType, string>> = {
  lecture: '党课',
  theme_day: '主题党日',
  development: '发展难题',
  position: '党建阵地',
  life_meeting: '组织生活会',
  evaluation: '评党员'
}

export const REQUIRED = REQUIRED_ACTIVITY_TYPES

export const shortLabel = (type: ActivityType): string => SHORT[type] ?? activityTypeLabel(type)
