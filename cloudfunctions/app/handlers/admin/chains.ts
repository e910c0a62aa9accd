import type { AdminChain, SaveChainInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { newId } from '../../ids'
import { containsPattern, missingIds } from '../../../db/repos/admin/lookup'
import { listChains, writeChain } from '../../../db/repos/admin/chains'
import { requireAdmin } from './guard'
import { CHAINS } from './entities'
import { editing, saved } from './records'
import { checkReferences, requireUnique } from './checks'

async function chains(ctx: Ctx, input: { q?: string }): Promise<AdminChain[]> {
  requireAdmin(ctx)
  return listChains(ctx.q, containsPattern(input.q))
}

async function saveChain(ctx: Ctx, input: SaveChainInput): Promise<AdminChain> {
  requireAdmin(ctx)
  const before = await editing(ctx, CHAINS, input.id)
  const cooperating = [...new Set(input.cooperatingDepartmentIds ?? [])]
  // the lead department already answers for the chain; listing it twice would send it problems as both
  if (cooperating.includes(input.leadDepartmentId)) {
    throw new AppError('VALIDATION', '牵头部门不必再列为协同部门', { cooperatingDepartmentIds: '牵头部门不必再列为协同部门' })
  }
  await checkReferences(ctx.q, [{ table: 'departments', id: input.leadDepartmentId, field: 'leadDepartmentId', message: '所选牵头部门不存在' }])
  if ((await missingIds(ctx.q, 'departments', cooperating)).length) {
    throw new AppError('VALIDATION', '所选协同部门中有不存在的部门', { cooperatingDepartmentIds: '所选协同部门中有不存在的部门' })
  }
  await requireUnique(ctx.q, { table: 'chains', column: 'name', value: input.name, exceptId: input.id }, 'name', (n) => `已有名为“${n}”的产业链`)
  const id = input.id ?? newId(CHAINS.idPrefix)
  const record = { id, name: input.name, leader: input.leader ?? null, leadDepartmentId: input.leadDepartmentId, cooperatingDepartmentIds: cooperating }
  return saved(ctx, CHAINS, before, id, () => writeChain(ctx.q, record, !before))
}

export const chainActions: Pick<Handlers['admin'], 'chains' | 'saveChain'> = { chains, saveChain }
