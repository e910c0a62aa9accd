import type { Caller, Ctx } from '../../context'
import { forbidden } from '../../errors'
import { hasRole, requireCaller } from '../../policy'

/** Every admin action, reading or writing, is the system administrator's alone. */
export function requireAdmin(ctx: Ctx): Caller {
  const caller = requireCaller(ctx.caller)
  if (!hasRole(caller, 'admin')) throw forbidden('仅系统管理员可以操作')
  return caller
}
