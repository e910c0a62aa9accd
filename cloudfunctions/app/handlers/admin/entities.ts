import { ADMIN_ENTITY_LABELS, type AdminEntity } from '@contract'
import type { Ctx } from '../../context'
import type { AdminTable } from '../../../db/repos/admin/lookup'
import { findDepartment } from '../../../db/repos/admin/departments'
import { findTown } from '../../../db/repos/admin/towns'
import { findChain } from '../../../db/repos/admin/chains'
import { findEnterprise } from '../../../db/repos/admin/enterprises'
import { findPersonRecord } from '../../../db/repos/admin/people'
import { findAdminStation } from '../../../db/repos/admin/stations'
import { findServiceItem } from '../../../db/repos/admin/services'
import { findAdminPairing } from '../../../db/repos/admin/pairings'
import { toAdminPerson } from './person-view'

/** How the console reaches one kind of record: its table, its name in messages, and how it is shown. */
export interface EntitySpec<R extends { id: string }> {
  subject: AdminEntity
  table: AdminTable
  label: string
  idPrefix: string
  /** The record as the console shows it: what lists return and what the audit log keeps. */
  find: (ctx: Ctx, id: string) => Promise<R | null>
}

const spec = <R extends { id: string }>(subject: AdminEntity, table: AdminTable, idPrefix: string, find: EntitySpec<R>['find']): EntitySpec<R> => ({
  subject,
  table,
  label: ADMIN_ENTITY_LABELS[subject],
  idPrefix,
  find
})

export const DEPARTMENTS = spec('departments', 'departments', 'dep', (ctx, id) => findDepartment(ctx.q, id))
export const TOWNS = spec('towns', 'towns', 'town', (ctx, id) => findTown(ctx.q, id))
export const CHAINS = spec('chains', 'chains', 'chain', (ctx, id) => findChain(ctx.q, id))
export const ENTERPRISES = spec('enterprises', 'enterprises', 'e', (ctx, id) => findEnterprise(ctx.q, id))
export const PEOPLE = spec('people', 'people', 'p', async (ctx, id) => {
  const p = await findPersonRecord(ctx.q, id)
  return p && toAdminPerson(p, ctx.now)
})
export const STATIONS = spec('stations', 'stations', 's', (ctx, id) => findAdminStation(ctx.q, id))
export const SERVICES = spec('services', 'service_items', 'svc', (ctx, id) => findServiceItem(ctx.q, id))
export const PAIRINGS = spec('pairings', 'pairings', 'pair', (ctx, id) => findAdminPairing(ctx.q, id))

export const ENTITY_SPECS: Record<AdminEntity, EntitySpec<{ id: string }>> = {
  departments: DEPARTMENTS,
  towns: TOWNS,
  chains: CHAINS,
  enterprises: ENTERPRISES,
  people: PEOPLE,
  stations: STATIONS,
  services: SERVICES,
  pairings: PAIRINGS
}
