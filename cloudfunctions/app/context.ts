import type { RoleGrant } from '@contract'
import type { Db, Queryable } from '../db/client'
import type { TokenService } from './auth/tokens'
import type { ContentGuard } from './content-guard'
import type { PhotoStore } from './storage'

/** The verified caller: who they are and what they may act as. */
export interface Caller {
  personId: string
  name: string
  roles: RoleGrant[]
}

/** How the host learnt who is calling; the dispatcher turns it into a Caller. */
export type Identity = { kind: 'token'; token: string } | { kind: 'openid'; openid: string } | { kind: 'none' }

export interface Deps {
  db: Db
  tokens: TokenService
  /** Demo sign-in exists only when this is on. */
  demo: boolean
  now: () => Date
  log: (message: string, error?: unknown) => void
  /** Photo bytes: the data directory locally, WeChat cloud storage on WeChat. */
  photos?: PhotoStore
  /** The routing starter set's text (data/routing/starter.jsonl), for retraining; absent where not shipped. */
  routingStarter?: () => string
  /** Content security for user text and photos: WeChat's checks on WeChat; absent → the local word list. */
  contentGuard?: ContentGuard
}

export interface Ctx {
  deps: Deps
  caller: Caller | null
  /** How the host learnt who is calling: on WeChat the OPENID, which redeeming an invite binds to a person. */
  identity: Identity
  /** The queryable to use: the request's transaction when the action is idempotent, else the pool. */
  q: Queryable
  now: Date
}

export type Handler<I, O> = (ctx: Ctx, input: I) => Promise<O>
