/** Wrong passwords in a row that lock an account, and for how long. */
export const MAX_FAILED_LOGINS = 5
export const LOCK_MINUTES = 15

export interface LoginState {
  failedLogins: number
  lockedUntil: Date | null
}

export function isLocked(state: LoginState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime()
}

/**
 * After a wrong password: one more failure; the fifth in a row locks the account for 15 minutes and
 * starts the count again, so each further run of five locks it anew. A failure while locked is not
 * counted (the password is not even checked then).
 */
export function afterFailedLogin(state: LoginState, now: Date): LoginState {
  const failed = state.failedLogins + 1
  if (failed < MAX_FAILED_LOGINS) return { failedLogins: failed, lockedUntil: state.lockedUntil }
  return { failedLogins: 0, lockedUntil: new Date(now.getTime() + LOCK_MINUTES * 60_000) }
}

/** The Chinese refusal while locked, with the time it opens again (China time, HH:MM). */
export function lockedMessage(lockedUntil: Date): string {
  const hm = new Date(lockedUntil.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
  return `密码连续输错 ${MAX_FAILED_LOGINS} 次，账号已锁定，请在 ${hm} 后再试`
}
