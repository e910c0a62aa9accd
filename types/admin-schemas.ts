import { z } from 'zod'
import { ROLES } from './roles'
import { AMENITIES, STATION_TYPES } from './stations'
import { ADMIN_ENTITIES, AUDIT_SUBJECTS, DEPARTMENT_KINDS, IMPORTABLE, SERVICE_AUDIENCES } from './admin'
import { day, hm, id, text } from './schema-parts'

// Inputs of the admin console. A save without `id` creates; with one, it replaces that record.

const optionalId = (label: string) => id(label).optional()
const search = z.string({ error: '搜索词不正确' }).trim().max(40, { error: '搜索词不超过 40 个字' }).optional()
const phone = z
  .string({ error: '电话不正确' })
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { error: '电话应为 11 位手机号或带区号的座机' })

export const adminListInput = z.strictObject({ q: search })

export const adminRemoveInput = z.strictObject({
  entity: z.enum(ADMIN_ENTITIES, { error: '不支持的类型' }),
  id: id('记录')
})

export const saveDepartmentInput = z.strictObject({
  id: optionalId('部门'),
  name: text('部门名称', 2, 30),
  matters: text('职责事项', 0, 300).optional(),
  kind: z.enum(DEPARTMENT_KINDS, { error: '请选择部门类型' })
})

export const saveTownInput = z.strictObject({
  id: optionalId('镇街'),
  name: text('镇街名称', 2, 20),
  departmentId: id('镇街办事机构').nullable().optional()
})

export const saveChainInput = z.strictObject({
  id: optionalId('产业链'),
  name: text('产业链名称', 2, 30),
  leader: text('链长', 2, 40).nullable().optional(),
  leadDepartmentId: id('牵头部门'),
  cooperatingDepartmentIds: z.array(id('协同部门'), { error: '协同部门不正确' }).max(20, { error: '协同部门不超过 20 个' }).optional()
})

/**
 * 统一社会信用代码: 18 characters from 0-9 and A-Z without I, O, S, V, Z; the last is a check digit
 * (GB 32100-2015), verified by the handler with core's checker so the message can say which is wrong.
 */
export const creditCode = z
  .string({ error: '统一社会信用代码不正确' })
  .trim()
  .toUpperCase()
  .length(18, { error: '统一社会信用代码应为 18 位' })

export const saveEnterpriseInput = z.strictObject({
  id: optionalId('企业'),
  name: text('企业名称', 2, 60),
  creditCode: creditCode.nullable().optional(),
  chainId: id('产业链').nullable().optional(),
  townId: id('镇街').nullable().optional(),
  isChainLeader: z.boolean({ error: '链主选项不正确' }).optional()
})

export const listPeopleInput = z.strictObject({ q: search, role: z.enum(ROLES, { error: '角色不正确' }).optional() })

export const savePersonInput = z.strictObject({
  id: optionalId('人员'),
  name: text('姓名', 2, 20),
  /** Left out on an update: the stored number stays (the console sees it masked only); null clears it. */
  phone: phone.nullable().optional(),
  partyMember: z.boolean({ error: '党员选项不正确' }).optional()
})

/** An administrator binds a role directly to someone already known (imported, or signed in before). */
export const grantRoleInput = z.strictObject({
  personId: id('人员'),
  role: z.enum(ROLES, { error: '请选择角色' }),
  scopeId: id('范围').optional()
})

const dayHours = z
  .strictObject({ open: hm('开门时间'), close: hm('关门时间') })
  .refine((h) => h.open < h.close, { error: '关门时间应晚于开门时间' })
  .nullable()

export const saveStationInput = z.strictObject({
  id: optionalId('站点'),
  name: text('站点名称', 2, 40),
  type: z.enum(STATION_TYPES, { error: '请选择站点类型' }),
  address: text('地址', 4, 100),
  townId: id('镇街'),
  departmentId: id('主管部门').nullable().optional(),
  lat: z.number({ error: '纬度不正确' }).min(-90, { error: '纬度不正确' }).max(90, { error: '纬度不正确' }),
  lng: z.number({ error: '经度不正确' }).min(-180, { error: '经度不正确' }).max(180, { error: '经度不正确' }),
  open24h: z.boolean({ error: '全天开放选项不正确' }).optional(),
  hours: z.array(dayHours, { error: '开放时间不正确' }).length(7, { error: '开放时间应为周日至周六共 7 项' }),
  amenities: z.array(z.enum(AMENITIES, { error: '设施不正确' }), { error: '设施不正确' }).max(AMENITIES.length).optional(),
  phone: phone.nullable().optional(),
  managerPersonId: id('站长').nullable().optional(),
  closedOnHolidays: z.boolean({ error: '节假日选项不正确' }).optional()
})

export const listServicesInput = z.strictObject({ stationId: id('站点').optional() })

export const saveServiceItemInput = z.strictObject({
  id: optionalId('服务'),
  stationId: id('站点'),
  name: text('服务名称', 2, 30),
  description: text('服务说明', 0, 300).optional(),
  durationMinutes: z.number({ error: '请填写时长' }).int({ error: '时长应为整数分钟' }).min(5, { error: '时长至少 5 分钟' }).max(24 * 60, { error: '时长不超过 24 小时' }),
  capacity: z.number({ error: '请填写名额' }).int({ error: '名额应为整数' }).min(1, { error: '名额至少 1 个' }).max(500, { error: '名额不超过 500 个' }),
  audience: z.enum(SERVICE_AUDIENCES, { error: '请选择服务对象' })
})

export const savePairingInput = z
  .strictObject({
    id: optionalId('结对'),
    kind: z.enum(['branch', 'mentoring'], { error: '请选择结对类型' }),
    phase: z.number({ error: '请填写期数' }).int({ error: '期数应为整数' }).min(1, { error: '期数至少为 1' }).max(99, { error: '期数不超过 99' }),
    agencyBranch: text('机关党组织', 2, 60),
    agencyDepartmentId: id('机关部门').nullable().optional(),
    enterpriseBranch: text('企业党组织', 2, 60),
    enterpriseId: id('企业').nullable().optional(),
    startedOn: day,
    endsOn: day.nullable().optional(),
    goals: text('共建目标', 0, 500).optional()
  })
  .refine((v) => !v.endsOn || v.endsOn >= v.startedOn, { error: '结束日期不能早于开始日期', path: ['endsOn'] })

/** Bytes of an import file before base64; a district's 5,000 enterprises fit in well under this. */
export const IMPORT_BYTES_MAX = 2 * 1024 * 1024

export const importInput = z.strictObject({
  entity: z.enum(IMPORTABLE, { error: '只能导入企业、结对、站点或人员' }),
  fileName: z
    .string({ error: '缺少文件名' })
    .trim()
    .max(120, { error: '文件名过长' })
    .regex(/\.([xX][lL][sS][xX]|[cC][sS][vV])$/, { error: '只支持 .xlsx 或 .csv 文件' }),
  base64: z
    .string({ error: '请选择文件' })
    .min(4, { error: '文件内容为空' })
    .max(Math.ceil((IMPORT_BYTES_MAX * 4) / 3) + 4, { error: '文件不超过 2 MB，请分批导入' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '文件内容不是有效的 base64' }),
  /** Check every row and report, changing nothing. */
  dryRun: z.boolean({ error: '试导入选项不正确' })
})

export const exportListInput = z.strictObject({
  entity: z.enum([...ADMIN_ENTITIES, 'audit'] as const, { error: '不支持导出该列表' }),
  format: z.enum(['xlsx', 'csv'], { error: '只支持 .xlsx 或 .csv' }).optional()
})

export const auditInput = z.strictObject({
  subject: z.enum(AUDIT_SUBJECTS, { error: '类型不正确' }).optional(),
  subjectId: id('记录').optional(),
  actorId: id('操作人').optional(),
  /** Entries older than this one (its id), for the next page. */
  before: id('记录').optional(),
  limit: z.number({ error: '数量不正确' }).int({ error: '数量不正确' }).min(1, { error: '数量不正确' }).max(200, { error: '一次最多 200 条' }).optional()
})

/** Erasing oneself is irreversible: the client sends the word the person typed to confirm. */
export const eraseMeInput = z.strictObject({
  confirm: z.literal('注销', { error: '请输入“注销”两个字确认' })
})

export type SaveDepartmentInput = z.output<typeof saveDepartmentInput>
export type SaveTownInput = z.output<typeof saveTownInput>
export type SaveChainInput = z.output<typeof saveChainInput>
export type SaveEnterpriseInput = z.output<typeof saveEnterpriseInput>
export type SavePersonInput = z.output<typeof savePersonInput>
export type GrantRoleInput = z.output<typeof grantRoleInput>
export type SaveStationInput = z.output<typeof saveStationInput>
export type SaveServiceItemInput = z.output<typeof saveServiceItemInput>
export type SavePairingInput = z.output<typeof savePairingInput>
export type ImportInput = z.output<typeof importInput>
export type ExportListInput = z.output<typeof exportListInput>
export type AuditInput = z.output<typeof auditInput>
