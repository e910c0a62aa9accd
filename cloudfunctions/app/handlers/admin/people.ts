import type { AdminPerson, GrantRoleInput, Role, SavePersonInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { newId } from '../../ids'
import { checkRoleScope } from '../../role-grants'
import { containsPattern } from '../../../db/repos/admin/lookup'
import { listPeople, writePerson } from '../../../db/repos/admin/people'
import { requireAdmin } from './guard'
import { PEOPLE } from './entities'
import { editing, saved } from './records'
import { grantAudited } from './grants'
import { toAdminPerson } from './person-view'

async function people(ctx: Ctx, input: { q?: string; role?: Role }): Promise<AdminPerson[]> {
  requireAdmin(ctx)
  const rows = await listPeople(ctx.q, { pattern: containsPattern(input.q), role: input.role })
  return rows.map((p) => toAdminPerson(p, ctx.now))
}

/** An erased person's row only keeps their problems' filer: nothing may be written back into it. */
function refuseErased(person: AdminPerson | null, what: string): void {
  if (person?.deleted) throw new AppError('CONFLICT', `该人员已注销，不能${what}`)
}

async function savePerson(ctx: Ctx, input: SavePersonInput): Promise<AdminPerson> {
  requireAdmin(ctx)
  const before = await editing(ctx, PEOPLE, input.id)
  refuseErased(before, '修改')
  const id = input.id ?? newId(PEOPLE.idPrefix)
  const record = { id, name: input.name, phone: input.phone, partyMember: input.partyMember ?? false }
  return saved(ctx, PEOPLE, before, id, () => writePerson(ctx.q, record, !before, ctx.now))
}

async function grantRole(ctx: Ctx, input: GrantRoleInput): Promise<AdminPerson> {
  requireAdmin(ctx)
  const person = await editing(ctx, PEOPLE, input.personId)
  refuseErased(person, '授予角色')
  await checkRoleScope(ctx.q, input.role, input.scopeId)
  await grantAudited(ctx, input.personId, input.role, input.scopeId ?? '')
  return (await PEOPLE.find(ctx, input.personId)) as AdminPerson
}

export const peopleActions: Pick<Handlers['admin'], 'people' | 'savePerson' | 'grantRole'> = { people, savePerson, grantRole }
