import { afterFailedLogin, formatInviteCode, INVITE_ALPHABET, inviteStatus, isLocked, LOCK_MINUTES, lockedMessage, MAX_FAILED_LOGINS, scopeKindOf } from '../../cloudfunctions/core'

const now = new Date('2026-11-25T02:00:00Z')

describe('login lockout', () => {
  test('the fifth wrong password in a row locks for 15 minutes and starts the count again', () => {
    let state = { failedLogins: 0, lockedUntil: null as Date | null }
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      state = afterFailedLogin(state, now)
      expect(state).toEqual({ failedLogins: i, lockedUntil: null })
      expect(isLocked(state, now)).toBe(false)
    }
    state = afterFailedLogin(state, now)
    expect(state.failedLogins).toBe(0)
    expect(state.lockedUntil?.getTime()).toBe(now.getTime() + LOCK_MINUTES * 60_000)
    expect(isLocked(state, now)).toBe(true)
    expect(isLocked(state, new Date((state.lockedUntil as Date).getTime()))).toBe(false)
  })

  test('the refusal names the China time it opens', () => {
    expect(lockedMessage(new Date('2026-11-25T02:15:00Z'))).toBe('密码连续输错 5 次，账号已锁定，请在 10:15 后再试')
  })
})

describe('invite codes', () => {
  test('the alphabet has no look-alikes and codes read in groups of four', () => {
    expect(INVITE_ALPHABET).not.toMatch(/[01OI]/)
    expect(new Set(INVITE_ALPHABET).size).toBe(INVITE_ALPHABET.length)
    expect(formatInviteCode('K7QM3XRD9PWT')).toBe('K7QM-3XRD-9PWT')
  })

  test('status: used and revoked win over expiry; expiry is exclusive of its instant', () => {
    const later = new Date(now.getTime() + 1000)
    expect(inviteStatus({ usedAt: null, revokedAt: null, expiresAt: later }, now)).toBe('pending')
    expect(inviteStatus({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe('expired')
    expect(inviteStatus({ usedAt: now, revokedAt: null, expiresAt: now }, later)).toBe('used')
    expect(inviteStatus({ usedAt: null, revokedAt: now, expiresAt: later }, now)).toBe('revoked')
  })

  test('each role is scoped to what it serves', () => {
    expect(['enterprise', 'secretary', 'handler', 'station', 'dispatcher', 'admin'].map((r) => scopeKindOf(r as 'admin'))).toEqual([
      'enterprise',
      'enterprise',
      'department',
      'station',
      null,
      null
    ])
  })
})
