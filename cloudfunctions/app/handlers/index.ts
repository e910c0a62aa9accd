import type { z } from 'zod'
import type { ActionName, Api, FnName, Output } from '@contract'
import type { Ctx } from '../context'
import { accounts } from './accounts'
import { catalog } from './catalog'
import { problems } from './problems'
import { stations } from './stations'
import { pairings } from './pairings'
import { notices } from './notices'
import { sessions } from './sessions'
import { settings } from './settings'
import { reports } from './reports'
import { files } from './files'
import { bookings } from './bookings'
import { secretaries } from './secretaries'
import { admin } from './admin'

type ParsedInput<F extends FnName, A extends ActionName<F>> = Api[F][A] extends { input: infer S extends z.ZodType } ? z.output<S> : never

/** One handler per action of the contract; the compiler refuses a missing or mistyped one. */
export type Handlers = {
  [F in FnName]: { [A in ActionName<F>]: (ctx: Ctx, input: ParsedInput<F, A>) => Promise<Output<F, A>> }
}

export const HANDLERS: Handlers = { accounts, admin, catalog, problems, stations, bookings, pairings, secretaries, notices, files, sessions, reports, settings }
