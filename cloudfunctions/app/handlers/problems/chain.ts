import type { ProblemDetail, ProblemSummary, SimilarGroup } from '@contract'
import { groupSimilar } from '../../../core'
import type { Ctx } from '../../context'
import { AppError, forbidden, notFound } from '../../errors'
import { hasRole, requireCaller, scopesOf } from '../../policy'
import { findEnterprise } from '../../../db/repos/catalog'
import { findProblem, listChainBoard } from '../../../db/repos/problems'
import { addNotice } from '../../notice'
import { openNewProblem } from './create'
import { detailFor, readableProblem } from './view'

/** The chains the caller's enterprises belong to: where they may see and +1 others' problems. */
async function callerChains(ctx: Ctx): Promise<string[]> {
  const caller = requireCaller(ctx.caller)
  const chains = new Set<string>()
  for (const e of [...scopesOf(caller, 'enterprise'), ...scopesOf(caller, 'secretary')]) {
    const ent = await findEnterprise(ctx.q, e)
    if (ent?.chain_id) chains.add(ent.chain_id)
  }
  return [...chains]
}

export async function chainBoard(ctx: Ctx, input: { chainId?: string }): Promise<ProblemSummary[]> {
  const caller = requireCaller(ctx.caller)
  const mine = await callerChains(ctx)
  const allowed = hasRole(caller, 'dispatcher') ? (input.chainId ? [input.chainId] : null) : input.chainId ? mine.filter((c) => c === input.chainId) : mine
  if (allowed && !allowed.length) return []
  return listChainBoard(ctx.q, allowed)
}

/** “我也遇到”: one voice per enterprise; the filer's own enterprise already counts. */
export async function vote(ctx: Ctx, input: { id: string }): Promise<ProblemSummary> {
  const caller = requireCaller(ctx.caller)
  const p = await findProblem(ctx.q, input.id)
  const chains = await callerChains(ctx)
  if (!p || !p.summary.visibleToChain || !p.chainId || !chains.includes(p.chainId)) throw notFound('该诉求')
  const enterprise = scopesOf(caller, 'enterprise')[0]
  if (!enterprise) throw forbidden('“我也遇到”需以企业联络员身份操作')
  if (enterprise === p.summary.enterpriseId) throw new AppError('CONFLICT', '这是本企业提出的诉求')
  const added = await ctx.q.query(
    `INSERT INTO problem_votes (problem_id, enterprise_id, person_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING problem_id`,
    [p.summary.id, enterprise, caller.personId, ctx.now]
  )
  if (added.length) await ctx.q.query('UPDATE problems SET vote_count = vote_count + 1 WHERE id = $1', [p.summary.id])
  const fresh = await findProblem(ctx.q, p.summary.id)
  return (fresh ?? p).summary
}

const SIMILAR_WINDOW_DAYS = 90

export async function similar(ctx: Ctx): Promise<SimilarGroup[]> {
  const caller = requireCaller(ctx.caller)
  if (!hasRole(caller, 'dispatcher')) throw forbidden('仅调度员可查看')
  const rows = await ctx.q.query<{ id: string; enterprise_id: string; chain_id: string | null; title: string; content: string }>(
    `SELECT id, enterprise_id, chain_id, title, content FROM problems
      WHERE status <> 'closed' AND merged_into IS NULL AND NOT chain_level AND enterprise_id IS NOT NULL AND created_at > $1
      ORDER BY created_at DESC LIMIT 500`,
    [new Date(ctx.now.getTime() - SIMILAR_WINDOW_DAYS * 24 * 3600 * 1000)]
  )
  return groupSimilar(rows.map((r) => ({ id: r.id, enterpriseId: r.enterprise_id, chainId: r.chain_id, text: `${r.title}\n${r.content}` })))
}

/**
 * Merges similar problems into one chain-level item that the dispatcher files and the lead unit
 * handles once. The members stop waiting in unit inboxes (their deadlines stop); their enterprises
 * can read the chain-level item and are told of it, and of its reply.
 */
export async function merge(ctx: Ctx, input: { problemIds: string[]; title: string }): Promise<ProblemDetail> {
  const caller = requireCaller(ctx.caller)
  if (!hasRole(caller, 'dispatcher')) throw forbidden('仅调度员可合并诉求')
  const ids = [...new Set(input.problemIds)]
  const members = []
  for (const id of ids) {
    const p = await findProblem(ctx.q, id)
    if (!p) throw notFound('所选诉求')
    if (p.summary.station) throw new AppError('CONFLICT', `诉求 ${p.summary.number} 是站点反馈，不能并入链级问题`)
    if (p.summary.mergedInto || p.summary.chainLevel) throw new AppError('CONFLICT', `诉求 ${p.summary.number} 已合并过`)
    if (p.summary.status === 'closed') throw new AppError('CONFLICT', `诉求 ${p.summary.number} 已办结，不能合并`)
    members.push(p)
  }
  if (members.length < 2) throw new AppError('VALIDATION', '至少选择两条不同的诉求', { problemIds: '至少选择两条不同的诉求' })
  const first = members[0]
  const lead = first.summary.leadDepartmentId ?? (first.chainId ? (await ctx.q.query<{ lead: string }>('SELECT lead_department_id AS lead FROM chains WHERE id = $1', [first.chainId]))[0]?.lead : null) ?? null
  const content = [`由调度中心合并 ${members.length} 家企业反映的同类问题：`, ...members.map((m) => `· ${m.summary.number} ${m.summary.enterpriseName}：${m.summary.title}`)].join('\n')
  const { id, number, state } = await openNewProblem(
    ctx,
    caller,
    {
      title: input.title,
      content,
      category: first.summary.category,
      enterpriseId: first.summary.enterpriseId,
      stationId: null,
      chainId: first.chainId,
      townId: null,
      // filed by the dispatcher for the chain, not on one enterprise's behalf
      onBehalf: false,
      anonymous: false,
      visibleToChain: true,
      sessionId: null,
      chainLevel: true
    },
    {
      lead,
      co: [],
      reason: lead ? '链级问题，由调度中心合并后派至牵头部门' : '链级问题，待调度中心分派',
      confidence: 0,
      decidedBy: 'none',
      suggestions: []
    }
  )
  for (const m of members) {
    await ctx.q.query(`UPDATE problems SET merged_into = $2, next_due = NULL, overdue = false, updated_at = $3 WHERE id = $1`, [m.summary.id, id, ctx.now])
    await ctx.q.query(`UPDATE problem_units SET state = 'gone', due = NULL WHERE problem_id = $1`, [m.summary.id])
    await addNotice(ctx.q, { person: m.filedBy, title: `您的诉求 ${m.summary.number}`, body: `已并入链级问题 ${number}，由牵头部门统一办理，结果会同步告知您`, problemId: id }, ctx.now)
  }
  return detailFor(ctx, caller, await readableProblem(ctx, caller, id), state)
}
