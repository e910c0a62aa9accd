import type { Role } from '../../../types/roles'
import { DISTRICT_DEPARTMENTS } from './departments'
import { enterpriseName } from './enterprises'
import { stationById } from './stations'

export interface SeedPerson {
  id: string
  name: string
  role: Role
  /** One person_roles row per scope; '' for district-wide roles. */
  scopes: readonly string[]
  description: string
}

const departmentName = (id: string): string => {
  const found = DISTRICT_DEPARTMENTS.find((d) => d.id === id)
  if (!found) throw new Error(`seed: unknown department ${id}`)
  return found.name
}

// A first secretary serves several small firms along a chain, so the demo gives them four.
const SECRETARY_ENTERPRISES = ['e-hongjinyuan', 'e-yongtong', 'e-gaobao', 'e-telijie'] as const

const DEMO_STATION_ID = 's-daliang-warm-1'

const short = (enterpriseId: string) => enterpriseName(enterpriseId).replace(/^(广东|佛山市顺德区)/, '').replace(/(股份)?有限公司$/, '')

const PEOPLE: Record<Role, SeedPerson> = {
  enterprise: {
    id: 'p-demo-enterprise',
    name: '陈晓敏',
    role: 'enterprise',
    scopes: ['e-murata'],
    description: `陈晓敏 · ${enterpriseName('e-murata')} 企业联络员`
  },
  secretary: {
    id: 'p-demo-secretary',
    name: '梁志宏',
    role: 'secretary',
    scopes: SECRETARY_ENTERPRISES,
    description: `梁志宏 · 第一书记（联系${SECRETARY_ENTERPRISES.map(short).join('、')}）`
  },
  handler: {
    id: 'p-demo-handler',
    name: '何嘉欣',
    role: 'handler',
    scopes: ['hr'],
    description: `何嘉欣 · ${departmentName('hr')} 部门经办人`
  },
  dispatcher: {
    id: 'p-demo-dispatcher',
    name: '黄振华',
    role: 'dispatcher',
    scopes: [''],
    description: `黄振华 · ${departmentName('dispatch')} 调度员`
  },
  station: {
    id: 'p-demo-station',
    name: '罗美玲',
    role: 'station',
    scopes: [DEMO_STATION_ID],
    description: `罗美玲 · ${stationById(DEMO_STATION_ID).name} 站点管理员`
  },
  admin: {
    id: 'p-demo-admin',
    name: '苏建明',
    role: 'admin',
    scopes: [''],
    description: '苏建明 · 链上通 系统管理员'
  }
}

export const SEED_PEOPLE: readonly SeedPerson[] = Object.values(PEOPLE)

export interface DemoAccount {
  id: string
  name: string
  description: string
}

const account = ({ id, name, description }: SeedPerson): DemoAccount => ({ id, name, description })

/** The demo accounts, one per role, as the start banner lists them. */
export const DEMO_PEOPLE: Record<Role, DemoAccount> = {
  enterprise: account(PEOPLE.enterprise),
  secretary: account(PEOPLE.secretary),
  handler: account(PEOPLE.handler),
  dispatcher: account(PEOPLE.dispatcher),
  station: account(PEOPLE.station),
  admin: account(PEOPLE.admin)
}
