import type { AdminPerson } from '@contract'
import { maskPhone } from '../../../core'
import type { PersonRecord } from '../../../db/repos/admin/people'

/** The console's view of a person: the phone masked (in lists and in the audit log alike), no secrets. */
export function toAdminPerson(p: PersonRecord, now: Date): AdminPerson {
  return {
    id: p.id,
    name: p.name,
    phone: maskPhone(p.phone),
    partyMember: p.partyMember,
    login: p.login,
    wechatBound: p.wechatBound,
    // a lock that ran out is no lock: the console would otherwise show stale ones forever
    lockedUntil: p.lockedUntil && p.lockedUntil.getTime() > now.getTime() ? p.lockedUntil.toISOString() : null,
    roles: p.roles,
    deleted: p.erased
  }
}
