import type { Role } from '@contract'
import type { Caller } from './context'
import { AppError } from './errors'

export function requireCaller(caller: Caller | null): Caller {
  if (!caller) throw new AppError('UNAUTHENTICATED', '请先登录')
  return caller
}

/** The scopes (enterprise, department, station ids) the caller holds a role over. */
export function scopesOf(caller: Caller, role: Role): string[] {
  return caller.roles.filter((g) => g.role === role && g.scopeId).map((g) => g.scopeId as string)
}

export function hasRole(caller: Caller, role: Role): boolean {
  return caller.roles.some((g) => g.role === role)
}

/** Enterprise staff file for their own enterprise; first secretaries for the enterprises assigned to them. */
export function canFileFor(caller: Caller, enterpriseId: string): boolean {
  return scopesOf(caller, 'enterprise').includes(enterpriseId) || scopesOf(caller, 'secretary').includes(enterpriseId)
}

/** A station's manager runs its day, services and closures; an administrator may stand in. */
export function canManageStation(caller: Caller, stationId: string): boolean {
  return scopesOf(caller, 'station').includes(stationId) || hasRole(caller, 'admin')
}

/**
 * Who runs a pair's record: its contacts, the first secretary of its enterprise, and the district
 * (dispatcher, admin). They post activities, show the sign-in code and raise problems from them.
 */
export function canRunPairing(caller: Caller, pairing: { enterpriseId: string | null; contactIds: readonly string[] }): boolean {
  return (
    pairing.contactIds.includes(caller.personId) ||
    (pairing.enterpriseId !== null && scopesOf(caller, 'secretary').includes(pairing.enterpriseId)) ||
    hasRole(caller, 'dispatcher') ||
    hasRole(caller, 'admin')
  )
}

/** The district's oversight of pairs and plans. */
export function isDistrict(caller: Caller): boolean {
  return hasRole(caller, 'dispatcher') || hasRole(caller, 'admin')
}
