import type { AdminEntity } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { recordAudit } from '../../audit'
import { AppError } from '../../errors'
import { deleteUnlessReferenced } from '../../../db/repos/admin/lookup'
import { referencesTo } from '../../../db/repos/admin/references'
import { requireAdmin } from './guard'
import { ENTITY_SPECS } from './entities'
import { editing } from './records'

/**
 * Deletes a record nothing refers to. People are never deleted here: their problems, bookings and
 * visits need them; an administrator takes their roles back, and only the person can erase themselves.
 */
async function remove(ctx: Ctx, input: { entity: AdminEntity; id: string }): Promise<{ removed: true }> {
  requireAdmin(ctx)
  if (input.entity === 'people') throw new AppError('CONFLICT', '人员不能删除，可收回其角色；本人可在“我的数据”中注销')
  const spec = ENTITY_SPECS[input.entity]
  const before = await editing(ctx, spec, input.id)
  const refs = await referencesTo(ctx.q, input.entity, input.id, ctx.now)
  if (refs.length) throw new AppError('CONFLICT', `该${spec.label}仍有 ${refs.join('、')}引用，不能删除`)
  if (!(await deleteUnlessReferenced(ctx.q, spec.table, input.id))) {
    throw new AppError('CONFLICT', `该${spec.label}仍被其他记录引用，不能删除`)
  }
  await recordAudit(ctx, { subject: spec.subject, subjectId: input.id, action: 'delete', before, after: null })
  return { removed: true }
}

export const removeActions: Pick<Handlers['admin'], 'remove'> = { remove }
