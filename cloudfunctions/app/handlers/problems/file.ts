import type { FileProblemInput, ProblemDetail } from '@contract'
import { formatProblemNumber, openProblem, shanghaiDay, transition } from '../../../core'
import type { Ctx } from '../../context'
import { AppError, forbidden } from '../../errors'
import { newId } from '../../ids'
import { canFileFor, requireCaller, scopesOf } from '../../policy'
import { findEnterprise } from '../../../db/repos/catalog'
import { insertProblem, nextDailySeq } from '../../../db/repos/problems'
import { saveFlow } from '../../../db/repos/flow'
import { loadFlowSettings } from '../../flow-env'
import { routeFiledProblem } from '../../routing'
import { notify } from '../../notify'
import { detailFor, readableProblem } from './view'
import { attachPhotos } from '../files'

/**
 * Files a problem: numbered, routed by the routing engine (rules, text, category, chain, town), and
 * opened in the flow — 派单 starts the unit's clock now, or the dispatcher gets it when routing is unsure.
 */
export async function file(ctx: Ctx, input: FileProblemInput): Promise<ProblemDetail> {
  const caller = requireCaller(ctx.caller)
  const enterprise = await findEnterprise(ctx.q, input.enterpriseId)
  if (!enterprise) throw new AppError('VALIDATION', '所选企业不存在', { enterpriseId: '所选企业不存在' })
  if (!canFileFor(caller, enterprise.id)) throw forbidden('只能为本企业或您联系的企业提交诉求')

  const chainId = input.chainId ?? enterprise.chain_id
  const townId = input.townId ?? enterprise.town_id
  await checkPlace(ctx, chainId, townId)
  const session = input.sessionId ? await openSessionFor(ctx, input.sessionId, chainId) : null
  const decision = await routeFiledProblem(ctx.q, { title: input.title, content: input.content, category: input.category, chainId, townId })
  const settings = await loadFlowSettings(ctx.q)
  const id = newId('pb')
  const day = shanghaiDay(ctx.now)
  const number = formatProblemNumber(day, await nextDailySeq(ctx.q, day))
  const onBehalf = !scopesOf(caller, 'enterprise').includes(enterprise.id)
  await insertProblem(ctx.q, {
    id,
    number,
    title: input.title,
    content: input.content,
    category: input.category,
    enterpriseId: enterprise.id,
    chainId,
    townId,
    filedBy: caller.personId,
    onBehalf,
    anonymous: input.anonymous ?? false,
    routingReason: decision.reason,
    routingConfidence: decision.decidedBy === 'none' ? null : decision.confidence,
    routingSuggestions: decision.suggestions.map((s) => ({ departmentId: s.department, confidence: s.confidence })),
    visibleToChain: (input.visibleToChain ?? false) && !(input.anonymous ?? false),
    sessionId: session?.id ?? null,
    chainLevel: false,
    at: ctx.now
  })
  if (input.photos?.length) await attachPhotos(ctx.q, caller.personId, id, input.photos)
  const opened = openProblem(
    {
      problemId: id,
      category: input.category,
      enterpriseId: enterprise.id,
      filer: { personId: caller.personId },
      limits: settings.limitsFor(input.category),
      leadDepartmentId: decision.lead,
      routingReason: decision.reason
    },
    ctx.now,
    settings.env
  )
  if (!opened.ok) throw new AppError(opened.code, opened.message)
  let { next, events } = opened
  // co-handling the engine saw in the text is asked for at once, by the system, on the same clock
  if (decision.lead && decision.co.length) {
    const co = transition(next, { type: 'request_co', departmentIds: decision.co, reason: '诉求涉及多个部门职责，系统发起会办' }, { kind: 'system' }, ctx.now, settings.env)
    if (co.ok) {
      next = co.next
      events = [...events, ...co.events]
    }
  }
  await saveFlow(ctx.q, id, 0, next, events, ctx.now, settings.env.calendar)
  await notify(ctx.q, id, number, next, events, ctx.now)
  return detailFor(ctx, caller, await readableProblem(ctx, caller, id), next)
}

async function checkPlace(ctx: Ctx, chainId: string | null, townId: string | null): Promise<void> {
  if (chainId && !(await ctx.q.query('SELECT 1 FROM chains WHERE id = $1', [chainId])).length) {
    throw new AppError('VALIDATION', '所选产业链不存在', { chainId: '所选产业链不存在' })
  }
  if (townId && !(await ctx.q.query('SELECT 1 FROM towns WHERE id = $1', [townId])).length) {
    throw new AppError('VALIDATION', '所选镇街不存在', { townId: '所选镇街不存在' })
  }
}

/** A problem can be raised in a 吐槽大会 only while it runs (China dates), and for its chain. */
async function openSessionFor(ctx: Ctx, sessionId: string, chainId: string | null): Promise<{ id: string }> {
  const [s] = await ctx.q.query<{ id: string; chain_id: string; open: boolean }>(
    `SELECT id, chain_id, (($2::timestamptz AT TIME ZONE 'Asia/Shanghai')::date BETWEEN starts_on AND ends_on) AS open
       FROM tucao_sessions WHERE id = $1`,
    [sessionId, ctx.now]
  )
  if (!s) throw new AppError('VALIDATION', '所选吐槽大会不存在', { sessionId: '所选吐槽大会不存在' })
  if (!s.open) throw new AppError('CONFLICT', '该吐槽大会不在进行中')
  if (chainId !== s.chain_id) throw new AppError('VALIDATION', '该吐槽大会属于其他产业链', { sessionId: '该吐槽大会属于其他产业链' })
  return { id: s.id }
}
