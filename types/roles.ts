export const ROLES = ['enterprise', 'secretary', 'handler', 'dispatcher', 'station', 'admin'] as const

export type Role = (typeof ROLES)[number]

export const ROLE_LABELS: Record<Role, string> = {
  enterprise: '企业联络员',
  secretary: '第一书记',
  handler: '部门经办人',
  dispatcher: '调度员',
  station: '站点管理员',
  admin: '系统管理员'
}

/** A role held over a scope: an enterprise, a department, a station; district-wide roles have none. */
export interface RoleGrant {
  role: Role
  scopeId: string | null
  scopeName: string | null
}
