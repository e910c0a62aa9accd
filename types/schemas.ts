import { z } from 'zod'
import { CATEGORY_IDS, FILING_CATEGORY_IDS } from './categories'
import { ROLES } from './roles'
import { AMENITIES, STATION_TYPES } from './stations'
import { ACTIVITY_TYPE_IDS } from './pairings'
import { day, hm, id, ID_MAX, text } from './schema-parts'

// Messages zod makes up itself (wrong type, unknown key…) come out in Chinese too.
z.config(z.locales.zhCN())

/** Limits defined once, used by the forms and the handlers. */
export const LIMITS = {
  titleMin: 4,
  titleMax: 60,
  contentMin: 10,
  contentMax: 2000,
  idMax: ID_MAX,
  reasonMin: 4,
  reasonMax: 500,
  replyMin: 10,
  replyMax: 2000,
  commentMax: 500,
  extensionDaysMax: 30,
  coHandlersMax: 5,
  photosMax: 9,
  stationPhotosMax: 6,
  feedbackMin: 2,
  feedbackMax: 500,
  /** Bytes of one photo after the client compressed it. */
  photoBytesMax: 3 * 1024 * 1024
} as const

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const


export const emptyInput = z.strictObject({})

export const demoSignInInput = z.strictObject({
  role: z.enum(ROLES, { error: '请选择一个演示角色' })
})

const login = z
  .string({ error: '请填写账号' })
  .trim()
  .toLowerCase()
  .min(3, { error: '账号至少 3 个字符' })
  .max(32, { error: '账号不超过 32 个字符' })
  .regex(/^[a-z0-9._-]+$/, { error: '账号只能用字母、数字和 . _ -' })

/** At least 10 characters with letters and digits: the console holds complaints about government units. */
const newPassword = z
  .string({ error: '请设置密码' })
  .min(10, { error: '密码至少 10 位' })
  .max(128, { error: '密码不超过 128 位' })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { error: '密码需同时包含字母和数字' })

export const signInInput = z.strictObject({
  login: z.string({ error: '请填写账号' }).trim().toLowerCase().min(1, { error: '请填写账号' }).max(64, { error: '账号或密码不正确' }),
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128, { error: '账号或密码不正确' })
})

/** Codes look like K7QM-3XRD-9PWT (no 0/O/1/I); case and dashes do not matter when typed. */
export const inviteCode = z
  .string({ error: '请填写邀请码' })
  .transform((v) => v.toUpperCase().replace(/[^A-Z0-9]/g, ''))
  .refine((v) => /^[A-HJ-NP-Z2-9]{12}$/.test(v), { error: '邀请码应为 12 位字母和数字' })

/**
 * Redeeming an invite: someone already known (signed in, or on WeChat by their OPENID) just gains the
 * role; a newcomer gives a name, and on the web also a login and password for later sign-ins.
 */
export const redeemInviteInput = z.strictObject({
  code: inviteCode,
  name: z.string({ error: '请填写姓名' }).trim().min(2, { error: '姓名至少 2 个字' }).max(20, { error: '姓名不超过 20 个字' }).optional(),
  login: login.optional(),
  password: newPassword.optional()
})

export const issueInviteInput = z.strictObject({
  role: z.enum(ROLES, { error: '请选择角色' }),
  /** The enterprise, department or station the role is over; none for district-wide roles. */
  scopeId: id('范围').optional(),
  days: z.number({ error: '有效天数不正确' }).int({ error: '有效天数应为整数' }).min(1, { error: '至少 1 天' }).max(30, { error: '最多 30 天' }).optional(),
  note: z.string({ error: '备注不正确' }).trim().max(40, { error: '备注不超过 40 个字' }).optional()
})

export const inviteIdInput = z.strictObject({ id: id('邀请码') })

export const changePasswordInput = z.strictObject({
  current: z.string({ error: '请填写当前密码' }).min(1, { error: '请填写当前密码' }).max(128, { error: '当前密码不正确' }),
  next: newPassword
})

export const revokeRoleInput = z.strictObject({
  personId: id('人员'),
  role: z.enum(ROLES, { error: '请选择角色' }),
  scopeId: id('范围').optional()
})

export const fileProblemInput = z.strictObject({
  title: z
    .string({ error: '请填写标题' })
    .trim()
    .min(LIMITS.titleMin, { error: `标题至少 ${LIMITS.titleMin} 个字` })
    .max(LIMITS.titleMax, { error: `标题不超过 ${LIMITS.titleMax} 个字` }),
  content: z
    .string({ error: '请描述遇到的问题' })
    .trim()
    .min(LIMITS.contentMin, { error: `问题描述至少 ${LIMITS.contentMin} 个字` })
    .max(LIMITS.contentMax, { error: `问题描述不超过 ${LIMITS.contentMax} 个字` }),
  category: z.enum(FILING_CATEGORY_IDS, { error: '请选择问题类别' }),
  enterpriseId: id('企业'),
  /** Departments never see who filed an anonymous problem; the dispatcher can. */
  anonymous: z.boolean({ error: '匿名选项不正确' }).optional(),
  /** Defaults to the enterprise's chain and town; a filer may name another when the problem lies there. */
  chainId: id('产业链').optional(),
  townId: id('镇街').optional(),
  /** Filed during a 吐槽大会 session. */
  sessionId: id('吐槽大会').optional(),
  /** Other enterprises of the chain may see it and say “我也遇到” (never when anonymous). */
  visibleToChain: z.boolean({ error: '公开选项不正确' }).optional(),
  /** Photo ids from files.upload / files.register, in the order shown. */
  photos: z.array(id('照片'), { error: '照片列表不正确' }).max(LIMITS.photosMax, { error: `照片最多 ${LIMITS.photosMax} 张` }).optional()
})

export const problemIdInput = z.strictObject({ id: id('诉求') })

export const listStationsInput = z.strictObject({
  townId: id('镇街').optional(),
  type: z.enum(STATION_TYPES, { error: '站点类型不正确' }).optional()
})

export const listEnterprisesInput = z.strictObject({
  chainId: id('产业链').optional()
})

export type DemoSignInInput = z.output<typeof demoSignInInput>
export type SignInInput = z.output<typeof signInInput>
export type RedeemInviteInput = z.output<typeof redeemInviteInput>
export type IssueInviteInput = z.output<typeof issueInviteInput>
export type FileProblemInput = z.output<typeof fileProblemInput>
export type ListStationsInput = z.output<typeof listStationsInput>
export type ListEnterprisesInput = z.output<typeof listEnterprisesInput>

const reason = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(LIMITS.reasonMin, { error: `${what}至少 ${LIMITS.reasonMin} 个字` })
    .max(LIMITS.reasonMax, { error: `${what}不超过 ${LIMITS.reasonMax} 个字` })
const replyText = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(LIMITS.replyMin, { error: `${what}至少 ${LIMITS.replyMin} 个字` })
    .max(LIMITS.replyMax, { error: `${what}不超过 ${LIMITS.replyMax} 个字` })
const department = id('部门')
const days = z
  .number({ error: '请填写延期天数' })
  .int({ error: '延期天数应为整数' })
  .min(1, { error: '延期至少 1 个工作日' })
  .max(LIMITS.extensionDaysMax, { error: `延期不超过 ${LIMITS.extensionDaysMax} 个工作日` })

/** One step of the flow, as a handler or the dispatcher or the filer asks for it (see docs/flow.md). */
export const flowActionInput = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('route'), departmentId: department, reason: reason('派单说明').optional() }),
    z.strictObject({ type: z.literal('accept') }),
    z.strictObject({ type: z.literal('return'), reason: reason('退单理由') }),
    z.strictObject({ type: z.literal('reroute'), departmentId: department, reason: reason('转办说明').optional() }),
    z.strictObject({ type: z.literal('insist'), reason: reason('维持原派单的理由') }),
    z.strictObject({
      type: z.literal('request_co'),
      departmentIds: z
        .array(department, { error: '请选择会办部门' })
        .min(1, { error: '请至少选择一个会办部门' })
        .max(LIMITS.coHandlersMax, { error: `会办部门不超过 ${LIMITS.coHandlersMax} 个` }),
      reason: reason('会办事由').optional()
    }),
    z.strictObject({ type: z.literal('co_accept') }),
    z.strictObject({ type: z.literal('co_reply'), content: replyText('会办答复') }),
    z.strictObject({ type: z.literal('cancel_co'), departmentId: department, reason: reason('撤销会办的理由') }),
    z.strictObject({ type: z.literal('reply'), content: replyText('答复内容') }),
    z.strictObject({ type: z.literal('request_extension'), days, reason: reason('延期理由') }),
    z.strictObject({ type: z.literal('approve_extension'), requestId: id('延期申请'), days: days.optional(), reason: reason('审批意见').optional() }),
    z.strictObject({ type: z.literal('refuse_extension'), requestId: id('延期申请'), reason: reason('不同意的理由') }),
    z.strictObject({ type: z.literal('supervise'), reason: reason('督办意见') }),
    z.strictObject({
      type: z.literal('evaluate'),
      solved: z.boolean({ error: '请选择问题是否已解决' }),
      rating: z
        .number({ error: '请打分' })
        .int({ error: '评分应为 1–5 的整数' })
        .min(1, { error: '评分应为 1–5 分' })
        .max(5, { error: '评分应为 1–5 分' })
        .optional(),
      comment: z.string({ error: '评价内容不正确' }).trim().max(LIMITS.commentMax, { error: `评价不超过 ${LIMITS.commentMax} 个字` }).optional()
    })
      .refine((v) => !v.solved || v.rating !== undefined, { error: '确认解决时请打分（1–5 星）', path: ['rating'] })
      .refine((v) => v.solved || (v.comment ?? '').length >= LIMITS.reasonMin, { error: `请说明哪里还没解决（至少 ${LIMITS.reasonMin} 个字）`, path: ['comment'] })
  ],
  { error: '不支持的办理操作' }
)

export const actOnProblemInput = z.strictObject({ id: id('诉求'), action: flowActionInput })

export const inboxInput = z.strictObject({
  /** open: still needs the unit; overdue: past a deadline; all: including answered and closed. */
  view: z.enum(['open', 'overdue', 'all'], { error: '筛选条件不正确' }).optional()
})

export const listProblemsInput = z.strictObject({
  status: z.enum(['triage', 'routed', 'accepted', 'replied', 'closed', 'returned', 'reopened'], { error: '状态不正确' }).optional(),
  departmentId: id('部门').optional(),
  overdue: z.boolean({ error: '筛选条件不正确' }).optional(),
  limit: z.number({ error: '数量不正确' }).int().min(1).max(200).optional()
})

export const markNoticesReadInput = z.strictObject({
  ids: z.array(id('消息'), { error: '消息编号不正确' }).max(200, { error: '一次最多 200 条' }).optional()
})

const month = z.string({ error: '请选择月份' }).regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月份格式应为 YYYY-MM' })

export const figuresInput = z.strictObject({
  from: month.optional(),
  to: month.optional(),
  groupBy: z.enum(['department', 'chain', 'month'], { error: '统计维度不正确' }).optional()
})

export const exportMonthInput = z.strictObject({ month })

export const chainBoardInput = z.strictObject({ chainId: id('产业链').optional() })

export const mergeProblemsInput = z.strictObject({
  problemIds: z.array(id('诉求'), { error: '请选择要合并的诉求' }).min(2, { error: '至少选择两条诉求' }).max(50, { error: '一次最多合并 50 条' }),
  title: z.string({ error: '请填写链级问题标题' }).trim().min(LIMITS.titleMin, { error: `标题至少 ${LIMITS.titleMin} 个字` }).max(LIMITS.titleMax, { error: `标题不超过 ${LIMITS.titleMax} 个字` })
})

export const openSessionInput = z
  .strictObject({
    chainId: id('产业链'),
    title: z.string({ error: '请填写会议名称' }).trim().min(4, { error: '会议名称至少 4 个字' }).max(60, { error: '会议名称不超过 60 个字' }),
    startsOn: day,
    endsOn: day
  })
  .refine((v) => v.endsOn >= v.startsOn, { error: '结束日期不能早于开始日期', path: ['endsOn'] })

export const sessionIdInput = z.strictObject({ id: id('吐槽大会') })

export const saveRuleInput = z.strictObject({
  id: id('规则').optional(),
  phrase: z.string({ error: '请填写关键词' }).trim().min(2, { error: '关键词至少 2 个字' }).max(40, { error: '关键词不超过 40 个字' }),
  departmentId: department,
  priority: z.number({ error: '请填写优先级' }).int({ error: '优先级应为整数' }).min(0, { error: '优先级 0–100' }).max(100, { error: '优先级 0–100' }),
  enabled: z.boolean({ error: '启用选项不正确' }).optional()
})

export const ruleIdInput = z.strictObject({ id: id('规则') })

const workdays = (what: string, max: number) =>
  z.number({ error: `请填写${what}` }).int({ error: `${what}应为整数` }).min(1, { error: `${what}至少 1 个工作日` }).max(max, { error: `${what}不超过 ${max} 个工作日` })

export const saveSlaInput = z.strictObject({
  category: z.enum(CATEGORY_IDS, { error: '请选择问题类别' }),
  acceptDays: workdays('签收时限', 30),
  replyDays: workdays('答复时限', 90),
  extensionMaxDays: z.number({ error: '请填写延期上限' }).int({ error: '延期上限应为整数' }).min(0, { error: '延期上限不能为负' }).max(90, { error: '延期上限不超过 90 个工作日' })
})

export const calendarOverrideInput = z.strictObject({
  date: day,
  kind: z.enum(['holiday', 'workday'], { error: '请选择放假或调休上班' }),
  note: z.string({ error: '说明不正确' }).trim().max(40, { error: '说明不超过 40 个字' }).optional()
})

export const calendarDateInput = z.strictObject({ date: day })

export const uploadPhotoInput = z.strictObject({
  mimeType: z.enum(PHOTO_TYPES, { error: '只支持 JPG、PNG 或 WebP 图片' }),
  // base64 grows bytes by 4/3
  base64: z
    .string({ error: '请选择图片' })
    .min(16, { error: '图片内容为空' })
    .max(Math.ceil((LIMITS.photoBytesMax * 4) / 3) + 4, { error: '图片不超过 3 MB，请压缩后再传' })
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, { error: '图片内容不是有效的 base64' })
})

/** On WeChat the mini program uploads to cloud storage itself and registers the file id here. */
export const registerPhotoInput = z.strictObject({
  fileId: z.string({ error: '缺少文件编号' }).regex(/^cloud:\/\/[\w.\-/]+$/, { error: '不是云存储文件编号' }).max(300, { error: '文件编号过长' })
})

export const nearbyStationsInput = z
  .strictObject({
    lat: z.number({ error: '纬度不正确' }).min(-90, { error: '纬度不正确' }).max(90, { error: '纬度不正确' }).optional(),
    lng: z.number({ error: '经度不正确' }).min(-180, { error: '经度不正确' }).max(180, { error: '经度不正确' }).optional(),
    townId: id('镇街').optional(),
    openNow: z.boolean({ error: '筛选条件不正确' }).optional(),
    amenities: z.array(z.enum(AMENITIES, { error: '设施不正确' }), { error: '设施不正确' }).max(AMENITIES.length).optional(),
    types: z.array(z.enum(STATION_TYPES, { error: '站点类型不正确' }), { error: '站点类型不正确' }).max(STATION_TYPES.length).optional(),
    limit: z.number({ error: '数量不正确' }).int({ error: '数量不正确' }).min(1, { error: '数量不正确' }).max(50, { error: '一次最多 50 个' }).optional()
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), { error: '经纬度需同时提供', path: ['lng'] })

export const stationIdInput = z.strictObject({ id: id('站点') })

export const slotsInput = z.strictObject({
  serviceId: id('服务'),
  days: z.number({ error: '天数不正确' }).int({ error: '天数不正确' }).min(1, { error: '至少 1 天' }).max(31, { error: '最多 31 天' }).optional()
})

export const bookInput = z.strictObject({ slotId: id('时段') })
export const bookingIdInput = z.strictObject({ id: id('预约') })
export const checkInInput = z.strictObject({
  code: z.string({ error: '请输入或扫描签到码' }).trim().min(8, { error: '签到码不完整' }).max(700, { error: '签到码过长' })
})
export const walkInInput = z.strictObject({ stationId: id('站点') })

/** "没热水了": opens a problem for the station's department; the amenity, when given, heads the title. */
export const stationFeedbackInput = z.strictObject({
  stationId: id('站点'),
  amenity: z.enum(AMENITIES, { error: '设施不正确' }).optional(),
  content: z
    .string({ error: '请说明遇到的情况' })
    .trim()
    .min(LIMITS.feedbackMin, { error: `至少 ${LIMITS.feedbackMin} 个字` })
    .max(LIMITS.feedbackMax, { error: `不超过 ${LIMITS.feedbackMax} 个字` }),
  photos: z.array(id('照片'), { error: '照片列表不正确' }).max(3, { error: '照片最多 3 张' }).optional()
})

export const stationPhotosInput = z.strictObject({
  stationId: id('站点'),
  photos: z.array(id('照片'), { error: '照片列表不正确' }).max(LIMITS.stationPhotosMax, { error: `站点照片最多 ${LIMITS.stationPhotosMax} 张` })
})

export const stationDayInput = z.strictObject({ stationId: id('站点'), date: day.optional() })

export const stationFiguresInput = z.strictObject({
  stationId: id('站点'),
  days: z.number({ error: '天数不正确' }).int({ error: '天数不正确' }).min(7, { error: '至少 7 天' }).max(90, { error: '最多 90 天' }).optional()
})

const minutes = (what: string, max: number) =>
  z.number({ error: `请填写${what}` }).int({ error: `${what}应为整数分钟` }).min(0, { error: `${what}不能为负` }).max(max, { error: `${what}不超过 ${max} 分钟` })

/** A manager's edit of a service: places per sitting, the weekly sittings and the booking rules. */
export const saveServiceInput = z.strictObject({
  serviceId: id('服务'),
  capacity: z.number({ error: '请填写每个时段的名额' }).int({ error: '名额应为整数' }).min(1, { error: '名额至少 1 个' }).max(500, { error: '名额不超过 500 个' }),
  schedule: z
    .array(
      z.array(z.strictObject({ start: hm('开始时间'), end: hm('结束时间') }), { error: '时段应为列表' }).max(48, { error: '一天最多 48 个时段' }).nullable(),
      { error: '时段安排不正确' }
    )
    .length(7, { error: '时段安排应为周日至周六共 7 项' }),
  horizonDays: z.number({ error: '请填写可提前预约的天数' }).int({ error: '天数应为整数' }).min(1, { error: '至少 1 天' }).max(90, { error: '最多 90 天' }),
  minNoticeMinutes: minutes('提前预约时间', 7 * 24 * 60),
  cancelCutoffMinutes: minutes('取消截止时间', 7 * 24 * 60)
})

/** Closes (or reopens) a station for one day; bookings of that day are cancelled and their people told. */
export const stationClosureInput = z.strictObject({
  stationId: id('站点'),
  date: day,
  closed: z.boolean({ error: '请选择闭站或恢复开放' }),
  reason: z.string({ error: '原因不正确' }).trim().max(40, { error: '原因不超过 40 个字' }).optional()
})

// --- pairing (结对共建), first secretaries --------------------------------------------------------

const year = z.number({ error: '年份不正确' }).int({ error: '年份不正确' }).min(2019, { error: '年份不正确' }).max(2100, { error: '年份不正确' })
const photoIds = z.array(id('照片'), { error: '照片列表不正确' }).max(LIMITS.photosMax, { error: `照片最多 ${LIMITS.photosMax} 张` })

export const listPairingsInput = z.strictObject({
  kind: z.enum(['branch', 'mentoring'], { error: '结对类型不正确' }).optional(),
  phase: z.number({ error: '期数不正确' }).int({ error: '期数不正确' }).min(1, { error: '期数不正确' }).max(99, { error: '期数不正确' }).optional()
})

export const pairingIdInput = z.strictObject({ id: id('结对'), year: year.optional() })

export const activityFeedInput = z.strictObject({
  pairingId: id('结对').optional(),
  type: z.enum(ACTIVITY_TYPE_IDS, { error: '活动类型不正确' }).optional(),
  phase: z.number({ error: '期数不正确' }).int({ error: '期数不正确' }).min(1, { error: '期数不正确' }).optional(),
  chainId: id('产业链').optional(),
  /** China dates, both included. */
  from: day.optional(),
  to: day.optional(),
  limit: z.number({ error: '数量不正确' }).int({ error: '数量不正确' }).min(1, { error: '数量不正确' }).max(100, { error: '一次最多 100 条' }).optional()
})

export const activityIdInput = z.strictObject({ id: id('活动') })

export const postActivityInput = z.strictObject({
  pairingId: id('结对'),
  type: z.enum(ACTIVITY_TYPE_IDS, { error: '请选择活动类型' }),
  title: text('活动名称', 2, 60),
  heldOn: day,
  place: text('活动地点', 2, 80),
  summary: text('活动内容', 10, 2000),
  photos: photoIds.optional()
})

export const attendInput = z.strictObject({
  code: z.string({ error: '请扫描或输入签到码' }).trim().min(8, { error: '签到码不完整' }).max(700, { error: '签到码过长' })
})

/** A 共商发展难题 raises the enterprise's problems into the flow in one step. */
export const raiseProblemInput = z.strictObject({
  activityId: id('活动'),
  title: fileProblemInput.shape.title,
  content: fileProblemInput.shape.content,
  category: fileProblemInput.shape.category
})

export const savePlanInput = z.strictObject({
  /** Omitted: the district's default for every pair without a plan of its own. */
  pairingId: id('结对').optional(),
  year,
  required: z
    .array(
      z.strictObject({
        type: z.enum(ACTIVITY_TYPE_IDS, { error: '活动类型不正确' }),
        count: z.number({ error: '请填写次数' }).int({ error: '次数应为整数' }).min(0, { error: '次数不能为负' }).max(52, { error: '每年不超过 52 次' })
      }),
      { error: '年度计划不正确' }
    )
    .max(ACTIVITY_TYPE_IDS.length, { error: '年度计划不正确' })
})

export const oversightInput = z.strictObject({ year })

export const logVisitInput = z.strictObject({
  enterpriseId: id('企业'),
  note: text('走访情况', 5, 1000),
  lat: z.number({ error: '纬度不正确' }).min(-90, { error: '纬度不正确' }).max(90, { error: '纬度不正确' }).optional(),
  lng: z.number({ error: '经度不正确' }).min(-180, { error: '经度不正确' }).max(180, { error: '经度不正确' }).optional(),
  address: z.string({ error: '地址不正确' }).trim().max(120, { error: '地址不超过 120 个字' }).optional(),
  photos: photoIds.optional()
}).refine((v) => (v.lat === undefined) === (v.lng === undefined), { error: '经纬度需同时提供', path: ['lng'] })

export const visitsInput = z.strictObject({ enterpriseId: id('企业').optional() })

export const weekInput = z.strictObject({ weekOf: day.optional() })

export type ListPairingsInput = z.output<typeof listPairingsInput>
export type ActivityFeedInput = z.output<typeof activityFeedInput>
export type PostActivityInput = z.output<typeof postActivityInput>
export type RaiseProblemInput = z.output<typeof raiseProblemInput>
export type SavePlanInput = z.output<typeof savePlanInput>
export type LogVisitInput = z.output<typeof logVisitInput>

export type FlowActionInput = z.output<typeof flowActionInput>
export type ActOnProblemInput = z.output<typeof actOnProblemInput>
export type InboxInput = z.output<typeof inboxInput>
export type ListProblemsInput = z.output<typeof listProblemsInput>
export type FiguresInput = z.output<typeof figuresInput>
export type OpenSessionInput = z.output<typeof openSessionInput>
export type SaveRuleInput = z.output<typeof saveRuleInput>
export type SaveSlaInput = z.output<typeof saveSlaInput>
export type CalendarOverrideInput = z.output<typeof calendarOverrideInput>
export type NearbyStationsInput = z.output<typeof nearbyStationsInput>
export type StationFeedbackInput = z.output<typeof stationFeedbackInput>
export type SaveServiceInput = z.output<typeof saveServiceInput>
export type StationClosureInput = z.output<typeof stationClosureInput>

export type FieldErrors = Record<string, string>

/**
 * Turns a zod failure into one Chinese message per field (the first problem of each field wins),
 * so a form can show it under the input and a handler can return it as `fields`.
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    if (!(key in out)) out[key] = issue.message
  }
  return out
}
