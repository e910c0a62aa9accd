import type { Notice } from '@contract'
import type { Ctx } from '../context'
import { requireCaller } from '../policy'
import { iso } from '../../db/repos/rows'

async function list(ctx: Ctx): Promise<Notice[]> {
  const caller = requireCaller(ctx.caller)
  const rows = await ctx.q.query<{ id: string; title: string; body: string; problem_id: string | null; created_at: Date; read_at: Date | null }>(
    'SELECT id, title, body, problem_id, created_at, read_at FROM notices WHERE person_id = $1 ORDER BY created_at DESC, id LIMIT 200',
    [caller.personId]
  )
  return rows.map((r) => ({ id: r.id, title: r.title, body: r.body, problemId: r.problem_id, createdAt: iso(r.created_at), readAt: r.read_at ? iso(r.read_at) : null }))
}

async function markRead(ctx: Ctx, input: { ids?: string[] }): Promise<{ unread: number }> {
  const caller = requireCaller(ctx.caller)
  await ctx.q.query(
    'UPDATE notices SET read_at = $2 WHERE person_id = $1 AND read_at IS NULL AND ($3::text[] IS NULL OR id = ANY($3::text[]))',
    [caller.personId, ctx.now, input.ids ?? null]
  )
  const [{ n }] = await ctx.q.query<{ n: number }>('SELECT count(*)::int AS n FROM notices WHERE person_id = $1 AND read_at IS NULL', [caller.personId])
  return { unread: n }
}

export const notices = { list, markRead }
