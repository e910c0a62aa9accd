import { AMENITY_LABELS, LIMITS, type ProblemDetail, type StationFeedbackInput } from '@contract'
import type { Ctx } from '../context'
import { screenTexts } from '../content-guard'
import { AppError } from '../errors'
import { requireCaller } from '../policy'
import { findStationHead } from '../../db/repos/station-console'
import { addNotice } from '../notice'
import { createProblem } from './problems/create'

/**
 * "没热水了": anyone signed in reports a station's trouble; it becomes a problem in the usual flow,
 * sent straight to the department that runs the station (the dispatcher's when none is recorded),
 * and the station's manager hears of it at once. The reporter alone confirms it solved.
 */
export async function feedback(ctx: Ctx, input: StationFeedbackInput): Promise<ProblemDetail> {
  const caller = requireCaller(ctx.caller)
  const station = await findStationHead(ctx.q, input.stationId)
  if (!station) throw new AppError('VALIDATION', '所选站点不存在', { stationId: '所选站点不存在' })
  await screenTexts(ctx, { content: input.content })
  const topic = input.amenity ? AMENITY_LABELS[input.amenity] : '站点服务'
  const title = `${station.name}：${topic}`.slice(0, LIMITS.titleMax)
  const lead = station.department_id
  const detail = await createProblem(
    ctx,
    caller,
    {
      title,
      content: input.content,
      category: 'station',
      enterpriseId: null,
      stationId: station.id,
      chainId: null,
      townId: station.town_id,
      onBehalf: false,
      anonymous: false,
      visibleToChain: false,
      sessionId: null,
      chainLevel: false,
      photos: input.photos
    },
    {
      lead,
      co: [],
      confidence: 1,
      triage: !lead,
      decidedBy: lead ? 'rule' : 'none',
      reason: lead ? '站点反馈，派至站点的主管部门' : '站点未登记主管部门，待调度中心分派',
      suggestions: []
    }
  )
  const managers = await ctx.q.query<{ person_id: string }>(`SELECT person_id FROM person_roles WHERE role = 'station' AND scope_id = $1`, [station.id])
  for (const m of managers) {
    if (m.person_id === caller.personId) continue
    await addNotice(ctx.q, { person: m.person_id, title: `站点收到反馈：${topic}`, body: input.content, problemId: detail.id }, ctx.now)
  }
  return detail
}
