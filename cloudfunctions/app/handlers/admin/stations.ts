import type { AdminStation, SaveStationInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { AppError } from '../../errors'
import { newId } from '../../ids'
import { containsPattern } from '../../../db/repos/admin/lookup'
import { listAdminStations, writeStation } from '../../../db/repos/admin/stations'
import { requireAdmin } from './guard'
import { PEOPLE, STATIONS } from './entities'
import { editing, saved } from './records'
import { checkReferences } from './checks'
import { grantAudited } from './grants'

async function stations(ctx: Ctx, input: { q?: string }): Promise<AdminStation[]> {
  requireAdmin(ctx)
  return listAdminStations(ctx.q, containsPattern(input.q))
}

/**
 * Saves a station. Its manager also gets the station role over it (audited as a grant), since naming
 * someone manager without letting them open the station console would leave the station unrun.
 */
async function saveStation(ctx: Ctx, input: SaveStationInput): Promise<AdminStation> {
  requireAdmin(ctx)
  const before = await editing(ctx, STATIONS, input.id)
  await checkReferences(ctx.q, [
    { table: 'towns', id: input.townId, field: 'townId', message: '所选镇街不存在' },
    { table: 'departments', id: input.departmentId, field: 'departmentId', message: '所选主管部门不存在' },
    { table: 'people', id: input.managerPersonId, field: 'managerPersonId', message: '所选站长不存在' }
  ])
  const managerId = input.managerPersonId ?? null
  if (managerId && (await PEOPLE.find(ctx, managerId))?.deleted) {
    throw new AppError('VALIDATION', '所选站长已注销', { managerPersonId: '所选站长已注销' })
  }
  const id = input.id ?? newId(STATIONS.idPrefix)
  const record: AdminStation = {
    id,
    name: input.name,
    type: input.type,
    address: input.address,
    townId: input.townId,
    departmentId: input.departmentId ?? null,
    lat: input.lat,
    lng: input.lng,
    open24h: input.open24h ?? false,
    hours: input.hours,
    amenities: [...new Set(input.amenities ?? [])],
    phone: input.phone ?? null,
    managerPersonId: managerId,
    closedOnHolidays: input.closedOnHolidays ?? false
  }
  const after = await saved(ctx, STATIONS, before, id, () => writeStation(ctx.q, record, !before))
  if (managerId) await grantAudited(ctx, managerId, 'station', id)
  return after
}

export const stationActions: Pick<Handlers['admin'], 'stations' | 'saveStation'> = { stations, saveStation }
