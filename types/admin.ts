import type { Amenity, DayHours, StationType } from './stations'
import type { RoleGrant } from './roles'

/** What the admin console keeps lists of; each can be exported, four can be imported from a spreadsheet. */
export const ADMIN_ENTITIES = ['departments', 'towns', 'chains', 'enterprises', 'people', 'stations', 'services', 'pairings'] as const
export type AdminEntity = (typeof ADMIN_ENTITIES)[number]

export const ADMIN_ENTITY_LABELS: Record<AdminEntity, string> = {
  departments: '部门',
  towns: '镇街',
  chains: '产业链',
  enterprises: '企业',
  people: '人员',
  stations: '站点',
  services: '服务项目',
  pairings: '结对'
}

/** The lists a spreadsheet can fill: the export of each is also its import template. */
export const IMPORTABLE = ['enterprises', 'pairings', 'stations', 'people'] as const
export type ImportableEntity = (typeof IMPORTABLE)[number]

export const DEPARTMENT_KINDS = ['district', 'town'] as const
export type DepartmentKind = (typeof DEPARTMENT_KINDS)[number]
export const DEPARTMENT_KIND_LABELS: Record<DepartmentKind, string> = { district: '区直部门', town: '镇街' }

export const SERVICE_AUDIENCES = ['anyone', 'enterprise', 'party_member'] as const
export type ServiceAudience = (typeof SERVICE_AUDIENCES)[number]
export const SERVICE_AUDIENCE_LABELS: Record<ServiceAudience, string> = { anyone: '所有人', enterprise: '企业人员', party_member: '党员' }

export interface AdminDepartment {
  id: string
  name: string
  matters: string
  kind: DepartmentKind
}

export interface AdminTown {
  id: string
  name: string
  /** The town's own office, which handles its problems. */
  departmentId: string | null
}

export interface AdminChain {
  id: string
  name: string
  leader: string | null
  leadDepartmentId: string
  cooperatingDepartmentIds: string[]
  enterprises: number
}

export interface AdminEnterprise {
  id: string
  name: string
  /** 统一社会信用代码, 18 characters with its check digit; null when not yet known. */
  creditCode: string | null
  chainId: string | null
  townId: string | null
  isChainLeader: boolean
}

export interface AdminPerson {
  id: string
  name: string
  /** Masked in lists (138****0000): the console shows a whole number to nobody. */
  phone: string | null
  partyMember: boolean
  login: string | null
  wechatBound: boolean
  lockedUntil: string | null
  roles: RoleGrant[]
  /** Set once the person asked for deletion: the row stays only so their problems keep a filer. */
  deleted: boolean
}

export interface AdminStation {
  id: string
  name: string
  type: StationType
  address: string
  townId: string
  departmentId: string | null
  lat: number
  lng: number
  open24h: boolean
  hours: (DayHours | null)[]
  amenities: Amenity[]
  phone: string | null
  managerPersonId: string | null
  closedOnHolidays: boolean
}

export interface AdminService {
  id: string
  stationId: string
  name: string
  description: string
  durationMinutes: number
  capacity: number
  audience: ServiceAudience
}

export interface AdminPairing {
  id: string
  kind: 'branch' | 'mentoring'
  phase: number
  agencyBranch: string
  agencyDepartmentId: string | null
  enterpriseBranch: string
  enterpriseId: string | null
  startedOn: string
  endsOn: string | null
  goals: string
}

/** One rejected spreadsheet row: its number as the spreadsheet shows it (the header is row 1). */
export interface ImportRowError {
  row: number
  errors: string[]
}

export interface ImportReport {
  entity: ImportableEntity
  dryRun: boolean
  /** Data rows read (blank rows are skipped). */
  total: number
  created: number
  updated: number
  rejected: ImportRowError[]
  /** True only when every row was good and this was not a dry run: then all rows went in, in one transaction. */
  applied: boolean
}

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import', 'grant', 'revoke', 'issue_invite', 'revoke_invite', 'erase'] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  import: '导入',
  grant: '授予角色',
  revoke: '收回角色',
  issue_invite: '签发邀请码',
  revoke_invite: '撤销邀请码',
  erase: '注销个人数据'
}

/** What an audit entry is about: the console's lists plus the flow settings and invites. */
export const AUDIT_SUBJECTS = [...ADMIN_ENTITIES, 'routing_rules', 'sla', 'calendar', 'plans', 'invites', 'roles'] as const
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number]

/** One administrative change: who, when, and the record before and after (null when created or deleted). */
export interface AuditEntry {
  id: string
  at: string
  actorId: string | null
  actorName: string
  subject: AuditSubject
  subjectId: string
  action: AuditAction
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}
