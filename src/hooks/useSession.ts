import { useSyncExternalStore } from 'react'
import type { Session } from '@contract/accounts'
import { getSession, subscribeSession } from '@/services/session'

/** The signed-in session (or null); the component re-renders on sign-in, sign-out and user changes. */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession)
}
