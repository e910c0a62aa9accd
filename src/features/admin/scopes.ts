import type { Role } from '@contract/roles'

/** What a role is held over (as the backend's core/identity/invites.ts decides): none for district-wide roles. */
export type ScopeKind = 'enterprise' | 'department' | 'station'

export function scopeKindOf(role: Role): ScopeKind | null {
  switch (role) {
    case 'enterprise':
    case 'secretary':
      return 'enterprise'
    case 'handler':
      return 'department'
    case 'station':
      return 'station'
    default:
      return null
  }
}

export const SCOPE_LABELS: Record<ScopeKind, string> = { enterprise: '企业', department: '部门', station: '站点' }

/** One line per role under the role picker: what the person will do, and what scope to pick. */
export const ROLE_HINTS: Record<Role, string> = {
  enterprise: '为一家企业提交诉求、跟进办理并评价。请选择企业。',
  secretary: '联系、走访企业并代企业反映诉求。每个邀请码对应一家企业；联系多家时，为每家各签发一个，由同一人依次使用。',
  handler: '签收、办理派到本部门的诉求。请选择部门。',
  dispatcher: '分派、督办全区诉求，召开吐槽大会。全区范围，无需选择范围。',
  station: '管理一个驿站的服务时段、预约与签到。请选择站点。',
  admin: '签发邀请码、管理全区数据。全区范围，无需选择范围；请只发给确需管理系统的同事。'
}

/** Days an invite stays valid: the schema's bounds and the server's default. */
export const DAYS = { min: 1, max: 30, default: 7 } as const

export const NOTE_MAX = 40
