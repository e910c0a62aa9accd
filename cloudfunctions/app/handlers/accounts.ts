import type { DemoSignInInput, Invite, IssuedInvite, IssueInviteInput, RedeemInviteInput, Role, Session, SignInInput, User } from '@contract'
import { afterFailedLogin, DEFAULT_INVITE_DAYS, formatInviteCode, isLocked, lockedMessage } from '../../core'
import type { Caller, Ctx } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { newId } from '../ids'
import { hasRole, requireCaller } from '../policy'
import { hashPassword, inviteHash, newInviteCode, verifyPassword } from '../auth/passwords'
import * as people from '../../db/repos/people'
import * as invites from '../../db/repos/invites'
import { recordAudit } from '../audit'
import { checkRoleScope, grantShown } from '../role-grants'

/** The seeded demo person of each role (see db/seed). */
export const DEMO_PERSON_ID = (role: Role) => `p-demo-${role}`

/** The same words for an unknown login and a wrong password: nobody learns which logins exist. */
const WRONG = '账号或密码不正确'

function requireAdmin(ctx: Ctx): Caller {
  const caller = requireCaller(ctx.caller)
  if (!hasRole(caller, 'admin')) throw forbidden('仅系统管理员可以操作')
  return caller
}

async function session(ctx: Ctx, personId: string): Promise<Session> {
  const person = await people.loadPerson(ctx.q, personId)
  if (!person) throw new AppError('INTERNAL', '账号数据不完整')
  return { token: ctx.deps.tokens.issue(person.id, ctx.now), user: person }
}

async function demoSignIn(ctx: Ctx, input: DemoSignInInput): Promise<Session> {
  if (!ctx.deps.demo) throw new AppError('FORBIDDEN', '演示登录仅在演示模式下可用')
  if (!(await people.loadPerson(ctx.q, DEMO_PERSON_ID(input.role)))) throw new AppError('UNAVAILABLE', '演示数据尚未载入，请先运行 npm run seed')
  return session(ctx, DEMO_PERSON_ID(input.role))
}

async function me(ctx: Ctx): Promise<User> {
  const caller = requireCaller(ctx.caller)
  return { id: caller.personId, name: caller.name, roles: caller.roles }
}

/**
 * Console sign-in. The account row is locked while checking, so parallel guesses are counted one by one;
 * five wrong passwords in a row lock it for 15 minutes (not even checked meanwhile).
 */
type SignInCheck = { ok: true; personId: string } | { ok: false; code: 'UNAUTHENTICATED' | 'RATE_LIMITED'; message: string }

async function signIn(ctx: Ctx, input: SignInInput): Promise<Session> {
  // the check and the count commit together, before the refusal is thrown (which would roll back a
  // transaction it ran in)
  const check = await ctx.deps.db.tx(async (q): Promise<SignInCheck> => {
    const row = await people.findByLogin(q, input.login)
    if (!row || !row.password_hash) return { ok: false, code: 'UNAUTHENTICATED', message: WRONG }
    const state = { failedLogins: row.failed_logins, lockedUntil: row.locked_until }
    if (isLocked(state, ctx.now)) return { ok: false, code: 'RATE_LIMITED', message: lockedMessage(state.lockedUntil as Date) }
    if (await verifyPassword(input.password, row.password_hash)) {
      await people.setLoginState(q, row.id, 0, null)
      return { ok: true, personId: row.id }
    }
    const next = afterFailedLogin(state, ctx.now)
    await people.setLoginState(q, row.id, next.failedLogins, next.lockedUntil)
    return isLocked(next, ctx.now)
      ? { ok: false, code: 'RATE_LIMITED', message: lockedMessage(next.lockedUntil as Date) }
      : { ok: false, code: 'UNAUTHENTICATED', message: WRONG }
  })
  if (!check.ok) throw new AppError(check.code, check.message)
  return session(ctx, check.personId)
}

async function changePassword(ctx: Ctx, input: { current: string; next: string }): Promise<{ changed: true }> {
  const caller = requireCaller(ctx.caller)
  const stored = await people.passwordOf(ctx.q, caller.personId)
  if (!stored) throw new AppError('CONFLICT', '该账号通过微信登录，没有密码')
  if (!(await verifyPassword(input.current, stored))) throw new AppError('VALIDATION', '当前密码不正确', { current: '当前密码不正确' })
  await people.setPassword(ctx.q, caller.personId, await hashPassword(input.next))
  return { changed: true }
}

/**
 * Takes an invite. Someone already known — signed in, or on WeChat by the OPENID — gains the role. A
 * newcomer becomes a person: on WeChat bound to the OPENID; on the web with a login and password. The
 * code is taken atomically, so it grants its role once, whoever races for it.
 */
async function redeemInvite(ctx: Ctx, input: RedeemInviteInput): Promise<Session> {
  const hash = inviteHash(input.code)
  let personId = ctx.caller?.personId ?? null
  if (!personId) {
    if (!input.name) throw new AppError('VALIDATION', '请填写姓名', { name: '请填写姓名' })
    const openid = ctx.identity.kind === 'openid' ? ctx.identity.openid : null
    if (!openid) {
      if (!input.login) throw new AppError('VALIDATION', '请设置登录账号', { login: '请设置登录账号' })
      if (!input.password) throw new AppError('VALIDATION', '请设置密码', { password: '请设置密码' })
      if (await people.loginTaken(ctx.q, input.login)) throw new AppError('CONFLICT', '该账号已被使用，请换一个', { login: '该账号已被使用，请换一个' })
    }
    personId = newId('p')
    await people.createPerson(ctx.q, {
      id: personId,
      name: input.name,
      openid,
      login: openid ? null : input.login,
      passwordHash: openid ? null : await hashPassword(input.password as string),
      at: ctx.now
    })
  }
  const taken = await invites.takeInvite(ctx.q, hash, personId, ctx.now)
  if (!taken) {
    const state = await invites.inviteStateOf(ctx.q, hash, ctx.now)
    const why = { unknown: '邀请码不正确', used: '该邀请码已被使用', revoked: '该邀请码已被撤销', expired: '该邀请码已过期', pending: '邀请码暂时无法使用，请重试' }[state]
    // the transaction rolls back: a newcomer's account is not kept without a role
    throw new AppError(state === 'unknown' ? 'VALIDATION' : 'CONFLICT', why, { code: why })
  }
  await people.grantRole(ctx.q, personId, taken.role, taken.scopeId)
  return session(ctx, personId)
}

async function issueInvite(ctx: Ctx, input: IssueInviteInput): Promise<IssuedInvite> {
  const caller = requireAdmin(ctx)
  await checkRoleScope(ctx.q, input.role, input.scopeId)
  const code = newInviteCode()
  const id = newId('iv')
  await invites.insertInvite(ctx.q, {
    id,
    codeHash: inviteHash(code),
    role: input.role,
    scopeId: input.scopeId ?? '',
    note: input.note ?? '',
    createdBy: caller.personId,
    at: ctx.now,
    expiresAt: new Date(ctx.now.getTime() + (input.days ?? DEFAULT_INVITE_DAYS) * 86_400_000)
  })
  const issued = (await invites.findInvite(ctx.q, id, ctx.now)) as Invite
  // the invite as listed, never its code: the log is read by every administrator
  await recordAudit(ctx, { subject: 'invites', subjectId: id, action: 'issue_invite', before: null, after: issued })
  return { ...issued, code: formatInviteCode(code) }
}

async function list(ctx: Ctx): Promise<Invite[]> {
  requireAdmin(ctx)
  return invites.listInvites(ctx.q, ctx.now)
}

async function revokeInvite(ctx: Ctx, input: { id: string }): Promise<Invite> {
  requireAdmin(ctx)
  const found = await invites.findInvite(ctx.q, input.id, ctx.now)
  if (!found) throw notFound('该邀请码')
  const revoked = await invites.revokeInviteRow(ctx.q, input.id, ctx.now)
  if (!revoked && found.status !== 'revoked') {
    throw new AppError('CONFLICT', found.status === 'used' ? '该邀请码已被使用，请改为收回对方的角色' : '该邀请码已无法撤销')
  }
  const after = (await invites.findInvite(ctx.q, input.id, ctx.now)) as Invite
  // revoking one already revoked changes nothing, so it leaves no entry
  if (revoked) await recordAudit(ctx, { subject: 'invites', subjectId: input.id, action: 'revoke_invite', before: found, after })
  return after
}

/** Takes one role back. The last administrator cannot be removed: nothing else can create one. */
async function revokeRole(ctx: Ctx, input: { personId: string; role: Role; scopeId?: string }): Promise<User> {
  requireAdmin(ctx)
  if (input.role === 'admin' && (await people.adminCount(ctx.q)) <= 1) throw new AppError('CONFLICT', '不能收回最后一位系统管理员的角色')
  const held = await people.loadPerson(ctx.q, input.personId)
  const grant = held?.roles.find((g) => g.role === input.role && (g.scopeId ?? '') === (input.scopeId ?? ''))
  if (!(await people.revokeGrant(ctx.q, input.personId, input.role, input.scopeId ?? ''))) throw notFound('该角色')
  const person = await people.loadPerson(ctx.q, input.personId)
  if (!person) throw notFound('该人员')
  await recordAudit(ctx, { subject: 'roles', subjectId: person.id, action: 'revoke', before: grant ? grantShown(person, grant) : null, after: null })
  return person
}

// (imported here, beside its only use: the personal-data actions live in their own file)
import { eraseMe, exportMine } from './personal-data'
export const accounts = { demoSignIn, me, signIn, changePassword, redeemInvite, issueInvite, invites: list, revokeInvite, revokeRole, exportMine, eraseMe }
