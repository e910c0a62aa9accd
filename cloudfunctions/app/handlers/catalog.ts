import type { Ctx } from '../context'
import * as repo from '../../db/repos/catalog'

export const catalog = {
  bootstrap: (ctx: Ctx) => repo.bootstrap(ctx.q),
  overview: (ctx: Ctx) => repo.overview(ctx.q),
  enterprises: (ctx: Ctx, input: { chainId?: string }) => repo.listEnterprises(ctx.q, input.chainId)
}
