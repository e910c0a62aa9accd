import Taro from '@tarojs/taro'
import type { Role, RoleGrant } from '@contract/roles'
import type { Session, User } from '@contract/accounts'

/** Where the signed-in session lives in Taro storage. */
export const SESSION_KEY = 'lst.session'

type Listener = (session: Session | null) => void

let current: Session | null | undefined
const listeners = new Set<Listener>()

function isSession(value: unknown): value is Session {
  if (!value || typeof value !== 'object') return false
  const s = value as Partial<Session>
  return (
    typeof s.token === 'string' &&
    s.token.length > 0 &&
    !!s.user &&
    typeof s.user.id === 'string' &&
    typeof s.user.name === 'string' &&
    Array.isArray(s.user.roles)
  )
}

function read(): Session | null {
  try {
    const stored: unknown = Taro.getStorageSync(SESSION_KEY)
    return isSession(stored) ? stored : null
  } catch {
    return null
  }
}

function emit() {
  const s = current ?? null
  listeners.forEach((fn) => fn(s))
}

/** The signed-in session, or null. Read from storage once, then kept in memory. */
export function getSession(): Session | null {
  if (current === undefined) current = read()
  return current
}

export function saveSession(session: Session): void {
  current = session
  try {
    Taro.setStorageSync(SESSION_KEY, session)
  } catch {
    // storage full or unavailable: the session still lives for this run
  }
  emit()
}

/** Replaces the user of the current session (after accounts.me), keeping the token. */
export function updateSessionUser(user: User): void {
  const s = getSession()
  if (!s) return
  saveSession({ token: s.token, user })
}

/**
 * On WeChat (cloud functions) the caller is the OPENID and no token is ever sent: the stand-in token
 * below keeps a user learnt from accounts.me as the signed-in session, so every page sees them.
 */
export const WECHAT_TOKEN = 'wx-openid'

export function adoptWeChatUser(user: User): void {
  saveSession({ token: WECHAT_TOKEN, user })
}

export function clearSession(): void {
  current = null
  try {
    Taro.removeStorageSync(SESSION_KEY)
  } catch {
    // nothing stored
  }
  emit()
}

/** Calls `fn` on every sign-in, sign-out or user change; returns the unsubscribe function. */
export function subscribeSession(fn: Listener): () => void {
  listeners.add(fn)
  return () => {
    listeners.delete(fn)
  }
}

/** The grants of one role the user holds (an enterprise liaison may hold several enterprises). */
export function grantsOf(user: User | null | undefined, role: Role): RoleGrant[] {
  return user ? user.roles.filter((g) => g.role === role) : []
}

export function hasRole(user: User | null | undefined, role: Role): boolean {
  return grantsOf(user, role).length > 0
}
