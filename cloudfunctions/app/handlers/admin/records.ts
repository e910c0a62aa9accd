import type { Ctx } from '../../context'
import { recordAudit } from '../../audit'
import { AppError, notFound } from '../../errors'
import { lockRow } from '../../../db/repos/admin/lookup'
import type { EntitySpec } from './entities'

/** PostgreSQL's SQLSTATE of a failed statement, when the error carries one. */
export const pgCode = (e: unknown): string | null =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : null

/**
 * The record a save with an id replaces, locked until the transaction ends so that the audit's "before"
 * is what was really replaced; null for a create. A missing one is NOT_FOUND, before anything else is checked.
 */
export async function editing<R extends { id: string }>(ctx: Ctx, spec: EntitySpec<R>, id: string | undefined): Promise<R | null> {
  if (id === undefined) return null
  if (!(await lockRow(ctx.q, spec.table, id))) throw notFound(`该${spec.label}`)
  return spec.find(ctx, id)
}

/**
 * Writes a checked record and audits it as create or update. The checks before it look for duplicates
 * with friendly messages; a concurrent save can still win the race, and its unique violation is a
 * CONFLICT here rather than a server error.
 */
export async function saved<R extends { id: string }>(ctx: Ctx, spec: EntitySpec<R>, before: R | null, id: string, write: () => Promise<void>): Promise<R> {
  try {
    await write()
  } catch (e) {
    if (pgCode(e) === '23505') throw new AppError('CONFLICT', `${spec.label}与已有记录重复，请刷新后再试`)
    throw e
  }
  const after = (await spec.find(ctx, id)) as R
  await recordAudit(ctx, { subject: spec.subject, subjectId: id, action: before ? 'update' : 'create', before, after })
  return after
}
