import type { User } from '@contract/accounts'
import { hasRole } from '@/services/session'
import type { CloudError } from '@/services/cloud'

/** 结对共建督导 and 年度计划 are the district's: the dispatcher (区委社会工作部) and the administrator. */
export const isDistrict = (user: User | null | undefined): boolean => hasRole(user, 'dispatcher') || hasRole(user, 'admin')

export const isRefusal = (error: CloudError | null | undefined): error is CloudError => error?.code === 'FORBIDDEN'

export const FOR_DISTRICT = '结对共建督导与年度计划由区委社会工作部（调度员）和系统管理员使用。请在「我的」切换身份登录；如角色有误请联系系统管理员。'
