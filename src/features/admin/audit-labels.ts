import { ADMIN_ENTITY_LABELS, AUDIT_ACTION_LABELS, DEPARTMENT_KIND_LABELS, SERVICE_AUDIENCE_LABELS, type AuditEntry, type AuditSubject } from '@contract/admin'
import { ROLE_LABELS } from '@contract/roles'
import { AMENITY_LABELS, STATION_TYPE_LABELS } from '@contract/stations'
import { ENTITY_DEFS } from './entities'
import type { OptionSource } from './console-types'

export const SUBJECT_LABELS: Record<AuditSubject, string> = {
  ...ADMIN_ENTITY_LABELS,
  routing_rules: '派单规则',
  sla: '办理时限',
  calendar: '节假日调整',
  plans: '年度计划',
  invites: '邀请码',
  roles: '角色'
}

/** Names of the keys an audited record may have: the console's form labels, then the rest by hand. */
const OTHER_KEYS: Record<string, string> = {
  id: '编号',
  enterprises: '企业数',
  login: '登录账号',
  wechatBound: '微信绑定',
  lockedUntil: '锁定至',
  roles: '角色',
  deleted: '已注销',
  role: '角色',
  scopeId: '范围',
  scopeName: '范围',
  personId: '人员',
  personName: '人员',
  note: '备注',
  expiresAt: '有效期至',
  status: '状态',
  phrase: '关键词',
  departmentName: '承办部门',
  priority: '优先级',
  enabled: '启用',
  category: '诉求类别',
  acceptDays: '签收时限（工作日）',
  replyDays: '答复时限（工作日）',
  extensionMaxDays: '最多延期（工作日）',
  date: '日期',
  year: '年度',
  count: '次数',
  type: '类型',
  rows: '行数',
  created: '新增',
  updated: '更新',
  fileName: '文件名',
  entity: '类型',
  name: '名称'
}

const KEY_LABELS: Record<string, string> = (() => {
  const labels: Record<string, string> = { ...OTHER_KEYS }
  for (const def of Object.values(ENTITY_DEFS)) for (const f of def.fields) labels[f.name] ??= f.label
  return labels
})()

/** The Chinese name of a record key; an unknown key keeps its own name rather than vanish. */
export const keyLabel = (key: string): string => KEY_LABELS[key] ?? key

/** Values that are codes in the record and words on screen. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  kind: { ...DEPARTMENT_KIND_LABELS, branch: '政企结对', mentoring: '青蓝结对', holiday: '放假', workday: '上班' },
  type: STATION_TYPE_LABELS,
  audience: SERVICE_AUDIENCE_LABELS,
  role: ROLE_LABELS,
  amenities: AMENITY_LABELS,
  entity: SUBJECT_LABELS
}

/** Keys that hold the id of another record: shown by its name when the console knows it. */
const REFERENCES: Record<string, OptionSource> = {
  departmentId: 'departments',
  leadDepartmentId: 'departments',
  cooperatingDepartmentIds: 'departments',
  agencyDepartmentId: 'departments',
  townId: 'towns',
  chainId: 'chains',
  enterpriseId: 'enterprises',
  stationId: 'stations',
  managerPersonId: 'people',
  personId: 'people'
}

/** The name of a record by its id, or null when it is not known (deleted since, or still loading). */
export type NameLookup = (source: OptionSource, id: string) => string | null

const WEEK = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

function isHours(v: unknown[]): boolean {
  return v.length === 7 && v.every((d) => d === null || (typeof d === 'object' && d !== null && 'open' in d && 'close' in d))
}

/**
 * A value as a person reads it: 是/否, names for codes and for ids of other records (the id itself when
 * the record is gone: the log keeps what it was), a week of hours day by day.
 */
export function valueText(key: string, value: unknown, names?: NameLookup): string {
  if (value === null || value === undefined || value === '') return '（空）'
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (typeof value === 'string') {
    const source = REFERENCES[key]
    const named = source && names ? names(source, value) : null
    return named ?? VALUE_LABELS[key]?.[value] ?? value
  }
  if (typeof value === 'number') return String(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return '（无）'
    if (isHours(value)) return value.map((d, i) => `${WEEK[i]} ${d ? `${(d as { open: string }).open}–${(d as { close: string }).close}` : '休息'}`).join('；')
    return value.map((v) => valueText(key, v, names)).join('、')
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>
    // a role grant: 部门经办人（区人社局）
    if (typeof o.role === 'string') return `${valueText('role', o.role)}${o.scopeName ? `（${String(o.scopeName)}）` : ''}`
    return Object.entries(o)
      .map(([k, v]) => `${keyLabel(k)}：${valueText(k, v, names)}`)
      .join('，')
  }
  return String(value)
}

const NAME_KEYS = ['name', 'title', 'phrase', 'agencyBranch', 'date', 'fileName']

/** What the entry is about, by name when the record has one (the id otherwise). */
export function subjectName(entry: AuditEntry): string {
  for (const record of [entry.after, entry.before]) {
    if (!record) continue
    for (const k of NAME_KEYS) {
      const v = record[k]
      if (typeof v === 'string' && v) return v
    }
  }
  return entry.subjectId
}

/** 新增企业“美的集团”, or 授予角色：何嘉欣 when the action names itself. */
export function auditSentence(entry: AuditEntry): string {
  const action = AUDIT_ACTION_LABELS[entry.action]
  const name = subjectName(entry)
  switch (entry.action) {
    case 'grant':
    case 'revoke':
    case 'issue_invite':
    case 'revoke_invite':
    case 'erase':
      return `${action}：${name}`
    default:
      return `${action}${SUBJECT_LABELS[entry.subject]}“${name}”`
  }
}
