import { API, fail, fieldErrors, ok, type Access, type Result } from '@contract'
import type { z } from 'zod'
import type { Queryable } from '../db/client'
import { loadPerson, personIdByOpenid } from '../db/repos/people'
import type { Caller, Ctx, Deps, Identity } from './context'
import { AppError } from './errors'
import { HANDLERS } from './handlers'

interface Spec {
  input: z.ZodType
  access: Access
  idempotent?: boolean
}
type AnyHandler = (ctx: Ctx, input: unknown) => Promise<unknown>

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The single door of the backend, shared by the HTTP host and the WeChat cloud entries: it finds the
 * action, learns who is calling, validates, runs the handler (in a transaction that also records the
 * request id when the action is idempotent), and answers with a Result. Nothing but AppError's
 * Chinese message ever leaves; anything unexpected is logged here and answered as INTERNAL.
 */
export async function dispatch(deps: Deps, fn: string, body: unknown, identity: Identity): Promise<Result<unknown>> {
  try {
    const actions = Object.prototype.hasOwnProperty.call(API, fn) ? (API as unknown as Record<string, Record<string, Spec>>)[fn] : undefined
    if (!actions) return fail('NOT_FOUND', '没有这个功能')
    if (!isRecord(body) || typeof body.action !== 'string') return fail('VALIDATION', '请求格式不正确：缺少 action')
    const spec = Object.prototype.hasOwnProperty.call(actions, body.action) ? actions[body.action] : undefined
    if (!spec) return fail('NOT_FOUND', '没有这个操作')
    const requestId = body.requestId
    if (requestId !== undefined && (typeof requestId !== 'string' || !REQUEST_ID.test(requestId))) {
      return fail('VALIDATION', '请求编号格式不正确', { requestId: '请求编号应为 8–100 位字母、数字或 ._:-' })
    }

    const now = deps.now()
    const caller = await resolveCaller(deps, identity, now)
    if (caller === 'expired' && spec.access === 'user') return fail('UNAUTHENTICATED', '登录已失效，请重新登录')
    const who = caller === 'expired' ? null : caller
    if (spec.access === 'user' && !who) return fail('UNAUTHENTICATED', '请先登录')

    const parsed = safeParse(spec.input, body.input ?? {})
    if (!parsed) return fail('VALIDATION', '输入格式不正确')
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error)
      return fail('VALIDATION', Object.values(fields)[0] ?? '输入有误', fields)
    }
    // text PostgreSQL cannot store (U+0000, half of a surrogate pair): refused here, not half-way through a handler
    const bad = unstorableAt(parsed.data)
    if (bad !== null) return fail('VALIDATION', UNSTORABLE, { [bad || '_']: UNSTORABLE })

    const handler = (HANDLERS as unknown as Record<string, Record<string, AnyHandler>>)[fn][body.action]
    const run = (q: Queryable) => handler({ deps, caller: who, identity, q, now }, parsed.data)
    if (!spec.idempotent) return ok(await run(deps.db))
    if (!requestId || !who) return ok(await deps.db.tx(run))
    return ok(await deps.db.tx((q) => once(q, [who.personId, fn, body.action as string, requestId], () => run(q))))
  } catch (e) {
    if (e instanceof AppError) return fail(e.code, e.message, e.fields)
    if (isDataException(e)) {
      // logged all the same: the contract's schema should have refused it with a better message
      deps.log(`${fn} input refused by the database`, e)
      return fail('VALIDATION', '输入的内容无效（如不存在的日期），请检查后重试')
    }
    deps.log(`${fn} failed`, e)
    return fail('INTERNAL', '服务器开小差了，请稍后再试')
  }
}

/**
 * Runs work once per (caller, fn, action, request id). A concurrent duplicate waits on the key's row
 * lock until the first commits, then gets the first answer; if the first rolled back, it runs afresh.
 */
async function once(q: Queryable, key: [string, string, string, string], work: () => Promise<unknown>): Promise<unknown> {
  const claimed = await q.query(
    `INSERT INTO request_log (caller, fn, action, request_id) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING request_id`,
    key
  )
  if (!claimed.length) {
    const [prior] = await q.query<{ response: unknown }>(
      'SELECT response FROM request_log WHERE caller = $1 AND fn = $2 AND action = $3 AND request_id = $4',
      key
    )
    return prior.response
  }
  const data = await work()
  await q.query(
    'UPDATE request_log SET response = $5 WHERE caller = $1 AND fn = $2 AND action = $3 AND request_id = $4',
    [...key, JSON.stringify(data)]
  )
  return data
}

/**
 * zod's safeParse, which can itself throw on JSON like `{"title":{"length":{"toString":1}}}` (a length
 * check compares an object that has no primitive value): that is malformed input, so null, not a crash.
 */
function safeParse(schema: z.ZodType, input: unknown): ReturnType<z.ZodType['safeParse']> | null {
  try {
    return schema.safeParse(input)
  } catch {
    return null
  }
}

const UNSTORABLE = '输入含有无法识别的字符，请删除后重试'
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text)

/** The path (`a.0.b`, '' for the whole input) of the first string or key PostgreSQL cannot store, or null. */
function unstorableAt(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return unstorable(value) ? at : null
  if (typeof value !== 'object' || value === null) return null
  for (const [k, v] of Object.entries(value)) {
    const path = at ? `${at}.${k}` : k
    if (unstorable(k)) return path
    const found = unstorableAt(v, path)
    if (found !== null) return found
  }
  return null
}

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a date that does not exist, a number out of range)
 * mean input the schema let through but the database cannot take: a refusal, not a crash.
 */
const isDataException = (e: unknown) => typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && /^22[0-9A-Z]{3}$/.test((e as { code: string }).code)

async function resolveCaller(deps: Deps, identity: Identity, now: Date): Promise<Caller | null | 'expired'> {
  let personId: string | null = null
  if (identity.kind === 'token') {
    personId = deps.tokens.verify(identity.token, now)
    if (!personId) return 'expired'
  } else if (identity.kind === 'openid') {
    personId = await personIdByOpenid(deps.db, identity.openid)
  }
  if (!personId) return null
  const person = await loadPerson(deps.db, personId)
  if (!person) return 'expired'
  return { personId: person.id, name: person.name, roles: person.roles }
}
