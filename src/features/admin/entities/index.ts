import type { AdminEntity } from '@contract/admin'
import type { AdminRecords, EntityDef } from '../console-types'
import { departments } from './departments'
import { towns } from './towns'
import { chains } from './chains'
import { enterprises } from './enterprises'
import { people } from './people'
import { stations } from './stations'
import { services } from './services'
import { pairings } from './pairings'

/** Every list of the console, by the entity name the contract and the routes use. */
export const ENTITY_DEFS: { [E in AdminEntity]: EntityDef<AdminRecords[E]> } = {
  departments,
  towns,
  chains,
  enterprises,
  people,
  stations,
  services,
  pairings
}
