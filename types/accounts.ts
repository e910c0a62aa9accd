import type { Role, RoleGrant } from './roles'

export interface User {
  id: string
  name: string
  roles: RoleGrant[]
}

export interface Session {
  token: string
  user: User
}

export type InviteStatus = 'pending' | 'used' | 'revoked' | 'expired'

export const INVITE_STATUS_LABELS: Record<InviteStatus, string> = {
  pending: '待使用',
  used: '已使用',
  revoked: '已撤销',
  expired: '已过期'
}

/** An invite as the administrator lists it: never its code (only its hash is kept). */
export interface Invite {
  id: string
  role: Role
  scopeId: string | null
  scopeName: string | null
  note: string
  createdAt: string
  expiresAt: string
  status: InviteStatus
  usedByName: string | null
}

/** The code itself, shown once when issued: pass it on to the person (it is single-use). */
export interface IssuedInvite extends Invite {
  code: string
}
