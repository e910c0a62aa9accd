import type { Role } from '@contract/roles'

/** What each role does with 链上通, one line each (shown on the demo sign-in cards). */
export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  enterprise: '为本企业提交诉求，跟进办理进度，确认解决并评价',
  secretary: '联系帮扶的企业，代企业反映诉求并跟踪落实',
  handler: '签收派到本部门的诉求，办理并答复企业',
  dispatcher: '分派无法自动派单的诉求，督办超期事项，查看数据',
  station: '维护驿站的服务项目与开放时段，核销预约',
  admin: '管理部门、产业链、企业和人员角色'
}
