import type { Ctx } from '../context'
import { listPairings } from '../../db/repos/pairings'

export const pairings = {
  list: (ctx: Ctx) => listPairings(ctx.q)
}
