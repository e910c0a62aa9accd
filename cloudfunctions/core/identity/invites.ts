import type { InviteStatus, Role } from '@contract'

/** No 0/O, 1/I: a code read out over the phone or copied by hand survives. */
export const INVITE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
export const INVITE_LENGTH = 12
export const DEFAULT_INVITE_DAYS = 7

/** 12 symbols from INVITE_ALPHABET (about 60 bits) as K7QM-3XRD-9PWT. */
export function formatInviteCode(raw: string): string {
  return raw.match(/.{1,4}/g)?.join('-') ?? raw
}

export function inviteStatus(i: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InviteStatus {
  if (i.usedAt) return 'used'
  if (i.revokedAt) return 'revoked'
  return i.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending'
}

/** What a role is scoped to: an enterprise, a department, a station; district-wide roles to nothing. */
export function scopeKindOf(role: Role): 'enterprise' | 'department' | 'station' | null {
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
