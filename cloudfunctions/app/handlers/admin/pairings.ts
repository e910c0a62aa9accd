import type { AdminPairing, SavePairingInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { newId } from '../../ids'
import { containsPattern } from '../../../db/repos/admin/lookup'
import { listAdminPairings, writePairing } from '../../../db/repos/admin/pairings'
import { requireAdmin } from './guard'
import { PAIRINGS } from './entities'
import { editing, saved } from './records'
import { checkReferences } from './checks'

async function pairings(ctx: Ctx, input: { q?: string }): Promise<AdminPairing[]> {
  requireAdmin(ctx)
  return listAdminPairings(ctx.q, containsPattern(input.q))
}

async function savePairing(ctx: Ctx, input: SavePairingInput): Promise<AdminPairing> {
  requireAdmin(ctx)
  const before = await editing(ctx, PAIRINGS, input.id)
  await checkReferences(ctx.q, [
    { table: 'departments', id: input.agencyDepartmentId, field: 'agencyDepartmentId', message: '所选机关部门不存在' },
    { table: 'enterprises', id: input.enterpriseId, field: 'enterpriseId', message: '所选企业不存在' }
  ])
  const id = input.id ?? newId(PAIRINGS.idPrefix)
  const record: AdminPairing = {
    id,
    kind: input.kind,
    phase: input.phase,
    agencyBranch: input.agencyBranch,
    agencyDepartmentId: input.agencyDepartmentId ?? null,
    enterpriseBranch: input.enterpriseBranch,
    enterpriseId: input.enterpriseId ?? null,
    startedOn: input.startedOn,
    endsOn: input.endsOn ?? null,
    goals: input.goals ?? ''
  }
  return saved(ctx, PAIRINGS, before, id, () => writePairing(ctx.q, record, !before))
}

export const pairingActions: Pick<Handlers['admin'], 'pairings' | 'savePairing'> = { pairings, savePairing }
