import type { Session } from '@contract/accounts'
import type { AdminEnterprise, AdminPerson, AdminService, AdminStation, AuditEntry } from '@contract/admin'
import type { Bootstrap } from '@contract/catalog'

// Records of the admin console shared by its UI tests (home, lists, import, audit).

export const admin: Session = { token: 'tok-admin', user: { id: 'p-admin', name: '苏建明', roles: [{ role: 'admin', scopeId: null, scopeName: null }] } }
export const handler: Session = { token: 'tok-h', user: { id: 'p-h', name: '何嘉欣', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区人社局' }] } }

export const bootstrap: Bootstrap = {
  departments: [
    { id: 'hr', name: '区民政和人力资源社会保障局', matters: '' },
    { id: 'ecb', name: '区经济促进局', matters: '' }
  ],
  towns: [
    { id: 'daliang', name: '大良街道' },
    { id: 'beijiao', name: '北滘镇' }
  ],
  chains: [{ id: 'appliance', name: '智能家电', leader: null, leadDepartmentId: 'ecb', cooperatingDepartmentIds: [] }]
}

/** Valid codes (the check digit computed as GB 32100 says). */
export const GOOD_CODE = '91440606MA4UQ7T2X2'
export const BAD_CODE = '91440606MA4UQ7T2X3'

export const enterprises: AdminEnterprise[] = [
  { id: 'e-murata', name: '广东村田智能科技有限公司', creditCode: '91440606MA55KD8L2W', chainId: 'appliance', townId: 'beijiao', isChainLeader: true },
  { id: 'e-gaobao', name: '高宝化工有限公司', creditCode: null, chainId: null, townId: 'daliang', isChainLeader: false }
]

export const people: AdminPerson[] = [
  {
    id: 'p-he',
    name: '何嘉欣',
    phone: '138****0000',
    partyMember: true,
    login: 'hejiaxin',
    wechatBound: false,
    lockedUntil: null,
    roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }],
    deleted: false
  },
  { id: 'p-gone', name: '已注销用户', phone: null, partyMember: false, login: null, wechatBound: false, lockedUntil: null, roles: [], deleted: true }
]

const nineToSix = { open: '09:00', close: '18:00' }
export const stations: AdminStation[] = [
  {
    id: 's-desheng',
    name: '大良德胜暖“新”驿站',
    type: 'warm',
    address: '大良街道德胜路 8 号',
    townId: 'daliang',
    departmentId: null,
    lat: 22.8409,
    lng: 113.2497,
    open24h: false,
    hours: [null, nineToSix, nineToSix, nineToSix, nineToSix, nineToSix, null],
    amenities: ['water', 'charging'],
    phone: '0757-22212345',
    managerPersonId: 'p-he',
    closedOnHolidays: true
  },
  {
    id: 's-beijiao',
    name: '北滘党群服务站',
    type: 'party',
    address: '北滘镇林港路 1 号',
    townId: 'beijiao',
    departmentId: null,
    lat: 22.92,
    lng: 113.21,
    open24h: true,
    hours: [null, null, null, null, null, null, null],
    amenities: [],
    phone: null,
    managerPersonId: null,
    closedOnHolidays: false
  }
]

export const services: AdminService[] = [
  { id: 'sv-rest', stationId: 's-desheng', name: '午间休息位', description: '躺椅、饮水与充电', durationMinutes: 60, capacity: 10, audience: 'anyone' },
  { id: 'sv-care', stationId: 's-desheng', name: '暑期托管', description: '', durationMinutes: 240, capacity: 20, audience: 'enterprise' }
]

export function auditEntry(changes: Partial<AuditEntry>): AuditEntry {
  return {
    id: 'a-1',
    at: '2026-11-25T02:05:00.000Z',
    actorId: 'p-admin',
    actorName: '苏建明',
    subject: 'enterprises',
    subjectId: 'e-gaobao',
    action: 'update',
    before: { id: 'e-gaobao', name: '高宝化工有限公司', creditCode: null, chainId: null, townId: 'daliang', isChainLeader: false },
    after: { id: 'e-gaobao', name: '高宝化工有限公司', creditCode: GOOD_CODE, chainId: null, townId: 'daliang', isChainLeader: true },
    ...changes
  }
}
