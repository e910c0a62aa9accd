import type { ListStationsInput } from '@contract'
import type { Ctx } from '../context'
import { listStations } from '../../db/repos/stations'

export const stations = {
  list: (ctx: Ctx, input: ListStationsInput) => listStations(ctx.q, input)
}
