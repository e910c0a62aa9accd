import type { OpenSessionInput, ProblemSummary, TucaoSession } from '@contract'
import type { Ctx } from '../context'
import { screenTexts } from '../content-guard'
import { forbidden, notFound } from '../errors'
import { newId } from '../ids'
import { hasRole, requireCaller } from '../policy'
import { listSession } from '../../db/repos/problems'
import { AppError } from '../errors'

interface Row {
  id: string
  chain_id: string
  chain_name: string
  title: string
  starts_on: string
  ends_on: string
  open: boolean
  problem_count: number
}

const SELECT = `
  SELECT s.id, s.chain_id, c.name AS chain_name, s.title, to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on,
         to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on,
         (($1::timestamptz AT TIME ZONE 'Asia/Shanghai')::date BETWEEN s.starts_on AND s.ends_on) AS open,
         (SELECT count(*) FROM problems p WHERE p.session_id = s.id)::int AS problem_count
    FROM tucao_sessions s JOIN chains c ON c.id = s.chain_id`

const toDto = (r: Row): TucaoSession => ({
  id: r.id,
  chainId: r.chain_id,
  chainName: r.chain_name,
  title: r.title,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  open: r.open,
  problemCount: r.problem_count
})

async function list(ctx: Ctx): Promise<TucaoSession[]> {
  requireCaller(ctx.caller)
  const rows = await ctx.q.query<Row>(`${SELECT} ORDER BY s.starts_on DESC, s.id LIMIT 100`, [ctx.now])
  return rows.map(toDto)
}

async function open(ctx: Ctx, input: OpenSessionInput): Promise<TucaoSession> {
  const caller = requireCaller(ctx.caller)
  if (!hasRole(caller, 'dispatcher')) throw forbidden('仅调度员可召开吐槽大会')
  if (!(await ctx.q.query('SELECT 1 FROM chains WHERE id = $1', [input.chainId])).length) {
    throw new AppError('VALIDATION', '所选产业链不存在', { chainId: '所选产业链不存在' })
  }
  await screenTexts(ctx, { title: input.title })
  const id = newId('ts')
  await ctx.q.query(
    'INSERT INTO tucao_sessions (id, chain_id, title, starts_on, ends_on, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [id, input.chainId, input.title, input.startsOn, input.endsOn, caller.personId, ctx.now]
  )
  const [row] = await ctx.q.query<Row>(`${SELECT} WHERE s.id = $2`, [ctx.now, id])
  return toDto(row)
}

/** The agenda: what was raised in the session, ordered by how many enterprises share it. */
async function agenda(ctx: Ctx, input: { id: string }): Promise<ProblemSummary[]> {
  const caller = requireCaller(ctx.caller)
  const [row] = await ctx.q.query<Row>(`${SELECT} WHERE s.id = $2`, [ctx.now, input.id])
  if (!row) throw notFound('该吐槽大会')
  const items = await listSession(ctx.q, input.id)
  if (hasRole(caller, 'dispatcher')) return items
  // a session is open to all, but an anonymous problem shows what was raised, never by whom
  return items.map((p) => (p.anonymous ? { ...p, enterpriseId: '', enterpriseName: '匿名企业' } : p))
}

export const sessions = { list, open, agenda }
