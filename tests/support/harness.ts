import fs from 'node:fs'
import path from 'node:path'
import type { Identity, Deps } from '../../cloudfunctions/app/context'
import { hmacTokens } from '../../cloudfunctions/app/auth/tokens'
import { dispatch } from '../../cloudfunctions/app/dispatch'
import type { Db } from '../../cloudfunctions/db/client'
import { migrate } from '../../cloudfunctions/db/migrate'
import { openPglite } from '../../cloudfunctions/db/pglite'
import { seedDemo } from '../../cloudfunctions/db/seed'
import type { ActionName, FnName, Input, Output, Result, Role } from '@contract'

export interface Harness {
  deps: Deps
  db: Db
  /** A clock the test moves by hand. */
  clock: { now: Date }
  call<F extends FnName, A extends ActionName<F>>(fn: F, action: A, input: Input<F, A>, opts?: { as?: string | null; requestId?: string }): Promise<Result<Output<F, A>>>
  /** Raw call with anything as the body, for malformed input. */
  raw(fn: string, body: unknown, identity?: Identity): Promise<Result<unknown>>
  signIn(role: Role): Promise<string>
  /** A person with one role, created for the test; returns their session token. */
  person(role: Role, scopeId?: string): Promise<string>
  close(): Promise<void>
}

/** The real handlers on a real (embedded) PostgreSQL with the real migrations and demo data. */
export async function openHarness(opts: { db?: Db; demo?: boolean; seed?: boolean } = {}): Promise<Harness> {
  const db = opts.db ?? (await openPglite())
  await migrate(db)
  const clock = { now: new Date('2026-11-23T02:00:00Z') }
  if (opts.seed !== false) await db.tx((q) => seedDemo(q, clock.now))
  const errors: unknown[] = []
  const deps: Deps = {
    db,
    tokens: hmacTokens('test-secret'),
    demo: opts.demo ?? true,
    now: () => clock.now,
    log: (_m, e) => errors.push(e),
    routingStarter: () => fs.readFileSync(path.resolve(__dirname, '../../data/routing/starter.jsonl'), 'utf8')
  }
  const identity = (token: string | null | undefined): Identity => (token ? { kind: 'token', token } : { kind: 'none' })
  const h: Harness = {
    deps,
    db,
    clock,
    call: (fn, action, input, o = {}) =>
      dispatch(deps, fn, { action, input, requestId: o.requestId }, identity(o.as)) as never,
    raw: (fn, body, id = { kind: 'none' }) => dispatch(deps, fn, body, id),
    async signIn(role) {
      const r = await h.call('accounts', 'demoSignIn', { role })
      if (!r.ok) throw new Error(r.error.message)
      return r.data.token
    },
    async person(role, scopeId = '') {
      const id = `p-test-${role}-${scopeId}-${Math.random().toString(36).slice(2, 8)}`
      await db.query('INSERT INTO people (id, name) VALUES ($1, $2)', [id, `测试${role}`])
      await db.query('INSERT INTO person_roles (person_id, role, scope_id) VALUES ($1, $2, $3)', [id, role, scopeId])
      return deps.tokens.issue(id, clock.now)
    },
    close: () => db.close()
  }
  return h
}

export function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.error.code}: ${r.error.message}`)
  return r.data
}
