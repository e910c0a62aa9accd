import type { User } from '@contract/accounts'
import { hasRole } from '@/services/session'
import type { CloudError } from '@/services/cloud'

export const isSecretary = (user: User | null | undefined): boolean => hasRole(user, 'secretary')

/** The district may read every secretary's visits (secretaries.visits). */
export const isDistrict = (user: User | null | undefined): boolean => hasRole(user, 'dispatcher') || hasRole(user, 'admin')

/** The server said no: not a secretary (any more), or not this enterprise's secretary. */
export const isRefusal = (error: CloudError | null | undefined): error is CloudError => error?.code === 'FORBIDDEN'
