import type { AdminEnterprise, SaveEnterpriseInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { creditCodeProblem } from '../../../core'
import { AppError } from '../../errors'
import { newId } from '../../ids'
import { containsPattern } from '../../../db/repos/admin/lookup'
import { listEnterprises, writeEnterprise } from '../../../db/repos/admin/enterprises'
import { requireAdmin } from './guard'
import { ENTERPRISES } from './entities'
import { editing, saved } from './records'
import { checkReferences, requireUnique } from './checks'

async function enterprises(ctx: Ctx, input: { q?: string }): Promise<AdminEnterprise[]> {
  requireAdmin(ctx)
  return listEnterprises(ctx.q, containsPattern(input.q))
}

async function saveEnterprise(ctx: Ctx, input: SaveEnterpriseInput): Promise<AdminEnterprise> {
  requireAdmin(ctx)
  const before = await editing(ctx, ENTERPRISES, input.id)
  const creditCode = input.creditCode || null
  const problem = creditCode && creditCodeProblem(creditCode)
  if (problem) throw new AppError('VALIDATION', problem, { creditCode: problem })
  if (input.isChainLeader && !input.chainId) throw new AppError('VALIDATION', '链主企业须选择所属产业链', { chainId: '链主企业须选择所属产业链' })
  await checkReferences(ctx.q, [
    { table: 'chains', id: input.chainId, field: 'chainId', message: '所选产业链不存在' },
    { table: 'towns', id: input.townId, field: 'townId', message: '所选镇街不存在' }
  ])
  await requireUnique(ctx.q, { table: 'enterprises', column: 'name', value: input.name, exceptId: input.id }, 'name', (n) => `已有名为“${n}”的企业`)
  if (creditCode) {
    await requireUnique(ctx.q, { table: 'enterprises', column: 'credit_code', value: creditCode, exceptId: input.id }, 'creditCode', (n) => `该统一社会信用代码已登记为“${n}”`)
  }
  const id = input.id ?? newId(ENTERPRISES.idPrefix)
  const record: AdminEnterprise = {
    id,
    name: input.name,
    creditCode,
    chainId: input.chainId ?? null,
    townId: input.townId ?? null,
    isChainLeader: input.isChainLeader ?? false
  }
  return saved(ctx, ENTERPRISES, before, id, () => writeEnterprise(ctx.q, record, !before))
}

export const enterpriseActions: Pick<Handlers['admin'], 'enterprises' | 'saveEnterprise'> = { enterprises, saveEnterprise }
