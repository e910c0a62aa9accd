// The backend without a host: the real handlers behind dispatch(), on an in-memory PGlite with the real
// migrations and the demo data, the way tests/support/harness.ts builds them — but on the real clock,
// as the host runs, so that sittings and deadlines are those of today.
import fs from 'node:fs'
import path from 'node:path'
import type { ActionName, FnName, Input, Output, Result } from '@contract'
import { hmacTokens } from '../../cloudfunctions/app/auth/tokens'
import type { Deps } from '../../cloudfunctions/app/context'
import { dispatch } from '../../cloudfunctions/app/dispatch'
import type { Db } from '../../cloudfunctions/db/client'
import { migrate } from '../../cloudfunctions/db/migrate'
import { openPglite } from '../../cloudfunctions/db/pglite'
import { seedDemo } from '../../cloudfunctions/db/seed'

export interface InProcess {
  deps: Deps
  db: Db
  call<F extends FnName, A extends ActionName<F>>(fn: F, action: A, input: Input<F, A>, o?: { token?: string; requestId?: string }): Promise<Result<Output<F, A>>>
  /** What the handlers logged as unexpected (an INTERNAL answer): a non-empty list fails the section. */
  errors: string[]
  close: () => Promise<void>
}

export async function openInProcess(root: string): Promise<InProcess> {
  const db = await openPglite()
  await migrate(db)
  await db.tx((q) => seedDemo(q, new Date()))
  const errors: string[] = []
  const deps: Deps = {
    db,
    tokens: hmacTokens('bench-in-process'),
    demo: true,
    now: () => new Date(),
    log: (m, e) => errors.push(`${m}: ${e instanceof Error ? e.message : String(e ?? '')}`),
    routingStarter: () => fs.readFileSync(path.join(root, 'data/routing/starter.jsonl'), 'utf8')
  }
  return {
    deps,
    db,
    errors,
    // dispatch answers with the output of the action it was given: the contract's types say which
    call: (fn, action, input, o = {}) =>
      dispatch(deps, fn, { action, input, requestId: o.requestId }, o.token ? { kind: 'token', token: o.token } : { kind: 'none' }) as never,
    close: () => db.close()
  }
}
