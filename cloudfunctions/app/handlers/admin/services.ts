import type { AdminService, SaveServiceItemInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { newId } from '../../ids'
import { promoteWaitlist } from '../../waitlist'
import { listServiceItems, setFutureSlotCapacity, writeServiceItem } from '../../../db/repos/admin/services'
import { findAdminStation } from '../../../db/repos/admin/stations'
import { slotsWithWaitlist } from '../../../db/repos/station-console'
import { lockSlot } from '../../../db/repos/bookings'
import { requireAdmin } from './guard'
import { SERVICES } from './entities'
import { editing, saved } from './records'
import { checkReferences } from './checks'

async function services(ctx: Ctx, input: { stationId?: string }): Promise<AdminService[]> {
  requireAdmin(ctx)
  return listServiceItems(ctx.q, input.stationId)
}

/**
 * Saves a service item's description and size. Its weekly sittings are the station manager's to set
 * (station console); a changed capacity reaches the future sittings as it would from there, and places
 * it frees go to the waitlist.
 */
async function saveServiceItem(ctx: Ctx, input: SaveServiceItemInput): Promise<AdminService> {
  requireAdmin(ctx)
  const before = await editing(ctx, SERVICES, input.id)
  if (before && before.stationId !== input.stationId) {
    // its sittings and bookings belong to the station it was made at
    throw new AppError('VALIDATION', '服务项目不能移到其他站点，请在该站点另行新增', { stationId: '服务项目不能移到其他站点' })
  }
  await checkReferences(ctx.q, [{ table: 'stations', id: input.stationId, field: 'stationId', message: '所选站点不存在' }])
  const id = input.id ?? newId(SERVICES.idPrefix)
  const record: AdminService = {
    id,
    stationId: input.stationId,
    name: input.name,
    description: input.description ?? '',
    durationMinutes: input.durationMinutes,
    capacity: input.capacity,
    audience: input.audience
  }
  const after = await saved(ctx, SERVICES, before, id, () => writeServiceItem(ctx.q, record, !before))
  if (before && before.capacity !== after.capacity) {
    await setFutureSlotCapacity(ctx.q, id, ctx.now, after.capacity)
    const station = await findAdminStation(ctx.q, after.stationId)
    for (const slotId of await slotsWithWaitlist(ctx.q, id, ctx.now)) {
      const slot = await lockSlot(ctx.q, slotId)
      if (slot) await promoteWaitlist(ctx.q, slot, { serviceName: after.name, stationName: station?.name ?? '' }, ctx.now)
    }
  }
  return after
}

export const serviceActions: Pick<Handlers['admin'], 'services' | 'saveServiceItem'> = { services, saveServiceItem }
