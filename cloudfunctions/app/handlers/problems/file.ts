import type { FileProblemInput, ProblemDetail } from '@contract'
import type { Ctx } from '../../context'
import { screenTexts } from '../../content-guard'
import { AppError, forbidden } from '../../errors'
import { canFileFor, requireCaller, scopesOf } from '../../policy'
import { findEnterprise } from '../../../db/repos/catalog'
import { routeFiledProblem } from '../../routing'
import { createProblem } from './create'

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
  await screenTexts(ctx, { title: input.title, content: input.content })
  const decision = await routeFiledProblem(ctx.q, { title: input.title, content: input.content, category: input.category, chainId, townId })
  const anonymous = input.anonymous ?? false
  return createProblem(
    ctx,
    caller,
    {
      title: input.title,
      content: input.content,
      category: input.category,
      enterpriseId: enterprise.id,
      stationId: null,
      chainId,
      townId,
      onBehalf: !scopesOf(caller, 'enterprise').includes(enterprise.id),
      anonymous,
      visibleToChain: (input.visibleToChain ?? false) && !anonymous,
      sessionId: session?.id ?? null,
      chainLevel: false,
      photos: input.photos
    },
    decision
  )
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
