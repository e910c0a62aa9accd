import type { AdminTown, SaveTownInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { newId } from '../../ids'
import { containsPattern } from '../../../db/repos/admin/lookup'
import { listTowns, writeTown } from '../../../db/repos/admin/towns'
import { requireAdmin } from './guard'
import { TOWNS } from './entities'
import { editing, saved } from './records'
import { checkReferences, requireUnique } from './checks'

async function towns(ctx: Ctx, input: { q?: string }): Promise<AdminTown[]> {
  requireAdmin(ctx)
  return listTowns(ctx.q, containsPattern(input.q))
}

async function saveTown(ctx: Ctx, input: SaveTownInput): Promise<AdminTown> {
  requireAdmin(ctx)
  const before = await editing(ctx, TOWNS, input.id)
  await checkReferences(ctx.q, [{ table: 'departments', id: input.departmentId, field: 'departmentId', message: '所选办事机构不存在' }])
  await requireUnique(ctx.q, { table: 'towns', column: 'name', value: input.name, exceptId: input.id }, 'name', (n) => `已有名为“${n}”的镇街`)
  const id = input.id ?? newId(TOWNS.idPrefix)
  const record: AdminTown = { id, name: input.name, departmentId: input.departmentId ?? null }
  return saved(ctx, TOWNS, before, id, () => writeTown(ctx.q, record, !before))
}

export const townActions: Pick<Handlers['admin'], 'towns' | 'saveTown'> = { towns, saveTown }
