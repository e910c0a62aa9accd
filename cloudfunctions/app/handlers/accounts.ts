import type { DemoSignInInput, Role, Session, User } from '@contract'
import type { Ctx } from '../context'
import { AppError } from '../errors'
import { requireCaller } from '../policy'
import { loadPerson } from '../../db/repos/people'

/** The seeded demo person of each role (see db/seed). */
export const DEMO_PERSON_ID = (role: Role) => `p-demo-${role}`

async function demoSignIn(ctx: Ctx, input: DemoSignInInput): Promise<Session> {
  if (!ctx.deps.demo) throw new AppError('FORBIDDEN', '演示登录仅在演示模式下可用')
  const person = await loadPerson(ctx.q, DEMO_PERSON_ID(input.role))
  if (!person) throw new AppError('UNAVAILABLE', '演示数据尚未载入，请先运行 npm run seed')
  return { token: ctx.deps.tokens.issue(person.id, ctx.now), user: person }
}

async function me(ctx: Ctx): Promise<User> {
  const caller = requireCaller(ctx.caller)
  return { id: caller.personId, name: caller.name, roles: caller.roles }
}

export const accounts = { demoSignIn, me }
