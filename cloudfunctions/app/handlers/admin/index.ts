import type { Handlers } from '../index'
import { departmentActions } from './departments'
import { townActions } from './towns'
import { chainActions } from './chains'
import { enterpriseActions } from './enterprises'
import { peopleActions } from './people'
import { stationActions } from './stations'
import { serviceActions } from './services'
import { pairingActions } from './pairings'
import { removeActions } from './remove'
import { auditActions } from './audit'
import { importList } from './import'
import { exportList } from './export'

/** The admin console: base data, people and roles, removal, spreadsheets and the audit log (issue #6). */
export const admin: Handlers['admin'] = {
  ...departmentActions,
  ...townActions,
  ...chainActions,
  ...enterpriseActions,
  ...peopleActions,
  ...stationActions,
  ...serviceActions,
  ...pairingActions,
  ...removeActions,
  import: importList,
  export: exportList,
  ...auditActions
}
