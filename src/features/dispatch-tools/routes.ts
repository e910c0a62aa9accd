import type { User } from '@contract/accounts'
import { hasRole } from '@/services/session'

/** The pages of the dispatcher's tools subpackage (packages/dispatch-tools). */
export const TOOLS = {
  settings: '/packages/dispatch-tools/settings/index',
  similar: '/packages/dispatch-tools/similar/index',
  sessions: '/packages/dispatch-tools/sessions/index'
} as const

export type ToolKey = keyof typeof TOOLS

export function agendaUrl(sessionId: string): string {
  return `/packages/dispatch-tools/agenda/index?id=${encodeURIComponent(sessionId)}`
}

/** Who may open which tool: settings for dispatchers and administrators, merging for dispatchers, sessions for anyone signed in. */
export function canUse(user: User | null | undefined, tool: ToolKey): boolean {
  if (!user) return false
  if (tool === 'settings') return hasRole(user, 'dispatcher') || hasRole(user, 'admin')
  if (tool === 'similar') return hasRole(user, 'dispatcher')
  return true
}
