import { activityTypeLabel, type PlanSettings, type SavePlanInput } from '@contract'
import type { Handlers } from '../index'
import type { Caller, Ctx } from '../../context'
import { AppError, forbidden, notFound } from '../../errors'
import { isDistrict, requireCaller } from '../../policy'
import { pairingKind, planSettings, plansForYear, replacePlan } from '../../../db/repos/plans'
import { recordAudit } from '../../audit'

/** Annual plans are the district's (dispatcher, administrator) to read and set. */
export function requireDistrict(ctx: Ctx, what: string): Caller {
  const caller = requireCaller(ctx.caller)
  if (!isDistrict(caller)) throw forbidden(`${what}仅对调度员和管理员开放`)
  return caller
}

async function listPlans(ctx: Ctx, input: { year: number }): Promise<PlanSettings> {
  requireDistrict(ctx, '年度计划')
  return planSettings(ctx.q, input.year)
}

/**
 * Without pairingId: the district's default for the year (all its lines replaced). With one: that branch
 * pair's own plan; an empty list removes it, so the pair follows the default again.
 */
async function savePlan(ctx: Ctx, input: SavePlanInput): Promise<PlanSettings> {
  requireDistrict(ctx, '年度计划')
  const seen = new Set<string>()
  for (const line of input.required) {
    if (line.type === 'mentoring') {
      throw new AppError('VALIDATION', `“${activityTypeLabel('mentoring')}”属于青蓝结对，不列入年度计划`, { required: '青蓝结对交流不列入年度计划' })
    }
    if (seen.has(line.type)) {
      throw new AppError('VALIDATION', `“${activityTypeLabel(line.type)}”重复设置，每类活动只设一次`, { required: '每类活动只设一次' })
    }
    seen.add(line.type)
  }
  if (input.pairingId !== undefined) {
    const kind = await pairingKind(ctx.q, input.pairingId)
    if (!kind) throw notFound('结对')
    if (kind !== 'branch') throw new AppError('VALIDATION', '青蓝结对不设年度计划，只有政企结对可以设置', { pairingId: '青蓝结对不设年度计划' })
  }
  const plans = await plansForYear(ctx.q, input.year)
  const prior = input.pairingId === undefined ? plans.defaults : (plans.own.get(input.pairingId) ?? [])
  await replacePlan(ctx.q, input.pairingId ?? null, input.year, input.required)
  // a plan with no lines does not exist: the log shows it created, replaced or removed
  const shown = (lines: readonly { type: string; count: number }[]) => (lines.length ? { pairingId: input.pairingId ?? null, year: input.year, required: lines } : null)
  const before = shown(prior)
  const after = shown(input.required)
  if (before || after) {
    await recordAudit(ctx, { subject: 'plans', subjectId: input.pairingId ?? 'default', action: !before ? 'create' : after ? 'update' : 'delete', before, after })
  }
  return planSettings(ctx.q, input.year)
}

export const plans: Pick<Handlers['pairings'], 'plans' | 'savePlan'> = { plans: listPlans, savePlan }
