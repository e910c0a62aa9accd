import type { Role } from '@contract'
import { scopeKindOf } from '../core'
import type { Queryable } from '../db/client'
import { scopeExists } from '../db/repos/invites'
import { AppError } from './errors'

/**
 * A role's scope must fit it: an enterprise for enterprise staff and first secretaries, a department
 * for handlers, a station for station managers, none for district-wide roles; and it must exist.
 * Invites and direct grants both pass through here, so a grant is refused the same way either road.
 */
export async function checkRoleScope(q: Queryable, role: Role, scopeId: string | undefined): Promise<void> {
  const kind = scopeKindOf(role)
  if (kind && !scopeId) throw new AppError('VALIDATION', '请选择该角色对应的企业、部门或站点', { scopeId: '请选择范围' })
  if (!kind && scopeId) throw new AppError('VALIDATION', '该角色是全区范围的，不需要选择范围', { scopeId: '不需要选择范围' })
  if (kind && !(await scopeExists(q, kind, scopeId as string))) {
    throw new AppError('VALIDATION', '所选范围不存在', { scopeId: '所选范围不存在' })
  }
}

/** One grant as the audit log keeps it: who, which role, over what, by name as well as by id. */
export function grantShown(person: { id: string; name: string }, grant: { role: Role; scopeId: string | null; scopeName: string | null }) {
  return { personId: person.id, personName: person.name, role: grant.role, scopeId: grant.scopeId, scopeName: grant.scopeName }
}
