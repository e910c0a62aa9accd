import type { z } from 'zod'
import * as s from './schemas'
import * as a from './admin-schemas'
import type { AdminChain, AdminDepartment, AdminEnterprise, AdminPairing, AdminPerson, AdminService, AdminStation, AdminTown, AuditEntry, ImportReport } from './admin'
import type { Invite, IssuedInvite, Session, User } from './accounts'
import type { Bootstrap, Enterprise, Overview } from './catalog'
import type { Photo, ProblemDetail, ProblemSummary } from './problems'
import type { Station } from './stations'
import type { ClosureResult, ManagedService, StationDay, StationFigures, StationSettings } from './station-console'
import type { BookingView, CheckInCode, NearbyStation, SlotView, StationPage } from './bookings'
import type { ActivityDetail, ActivitySummary, AttendanceCode, AttendResult, Oversight, Pairing, PairingDetail, PlanSettings } from './pairings'
import type { AssignedEnterprise, Visit, WeeklySummary } from './secretaries'
import type { Notice } from './notices'
import type { ExportedFile, FiguresReport } from './reports'
import type { TucaoSession } from './sessions'
import type { FlowSettingsDto, SimilarGroup } from './settings'

/**
 * Who may call an action: `public` needs no sign-in (riders browsing stations), `user` any signed-in
 * person; finer checks (scope, role) are the handler's policy.
 */
export type Access = 'public' | 'user'

interface ActionSpec<I extends z.ZodType> {
  input: I
  access: Access
  /** True when a flaky network may retry it: the caller should send a requestId. */
  idempotent?: boolean
  summary: string
  /** The output's type in types/, for docs/api.md (the compiler checks the real type through ApiOutputs). */
  output: string
}

const action = <I extends z.ZodType>(spec: ActionSpec<I>) => spec

/** Every cloud function and its actions: the single source for validation, the client and docs/api.md. */
export const API = {
  accounts: {
    demoSignIn: action({ input: s.demoSignInInput, access: 'public', summary: '演示登录（仅演示模式）：按角色登录演示账号', output: 'Session' }),
    me: action({ input: s.emptyInput, access: 'user', summary: '当前登录用户及其角色', output: 'User' }),
    signIn: action({ input: s.signInInput, access: 'public', summary: '账号密码登录（本地与自建部署的电脑端）；连续输错 5 次锁定 15 分钟', output: 'Session' }),
    redeemInvite: action({
      input: s.redeemInviteInput,
      access: 'public',
      idempotent: true,
      summary: '使用邀请码获得角色：已登录者（微信上按 OPENID）直接加上角色；新用户同时建号',
      output: 'Session'
    }),
    changePassword: action({ input: s.changePasswordInput, access: 'user', summary: '修改密码', output: '{ changed: true }' }),
    issueInvite: action({ input: s.issueInviteInput, access: 'user', idempotent: true, summary: '管理员：签发一次性、限期的邀请码（授予一个角色与范围）', output: 'IssuedInvite' }),
    invites: action({ input: s.emptyInput, access: 'user', summary: '管理员：邀请码列表（不含邀请码本身）', output: 'Invite[]' }),
    revokeInvite: action({ input: s.inviteIdInput, access: 'user', idempotent: true, summary: '管理员：撤销尚未使用的邀请码', output: 'Invite' }),
    revokeRole: action({ input: s.revokeRoleInput, access: 'user', idempotent: true, summary: '管理员：收回某人的一个角色（不能收回最后一位管理员）', output: 'User' }),
    exportMine: action({ input: s.emptyInput, access: 'user', summary: '导出本人的全部数据（JSON 文件）：账号、角色、诉求、预约、走访、签到、消息与照片记录', output: 'ExportedFile' }),
    eraseMe: action({
      input: a.eraseMeInput,
      access: 'user',
      idempotent: true,
      summary: '注销本人：删除姓名、电话、账号与微信绑定、角色和消息，取消未来的预约；提交过的诉求保留并匿名',
      output: '{ erased: true }'
    })
  },
  admin: {
    departments: action({ input: a.adminListInput, access: 'user', summary: '管理员：部门列表', output: 'AdminDepartment[]' }),
    saveDepartment: action({ input: a.saveDepartmentInput, access: 'user', idempotent: true, summary: '管理员：新增或修改部门', output: 'AdminDepartment' }),
    towns: action({ input: a.adminListInput, access: 'user', summary: '管理员：镇街列表', output: 'AdminTown[]' }),
    saveTown: action({ input: a.saveTownInput, access: 'user', idempotent: true, summary: '管理员：新增或修改镇街', output: 'AdminTown' }),
    chains: action({ input: a.adminListInput, access: 'user', summary: '管理员：产业链列表（牵头与协同部门）', output: 'AdminChain[]' }),
    saveChain: action({ input: a.saveChainInput, access: 'user', idempotent: true, summary: '管理员：新增或修改产业链', output: 'AdminChain' }),
    enterprises: action({ input: a.adminListInput, access: 'user', summary: '管理员：企业列表（含统一社会信用代码）', output: 'AdminEnterprise[]' }),
    saveEnterprise: action({ input: a.saveEnterpriseInput, access: 'user', idempotent: true, summary: '管理员：新增或修改企业（校验统一社会信用代码）', output: 'AdminEnterprise' }),
    people: action({ input: a.listPeopleInput, access: 'user', summary: '管理员：人员与角色（电话打码）', output: 'AdminPerson[]' }),
    savePerson: action({ input: a.savePersonInput, access: 'user', idempotent: true, summary: '管理员：新增或修改人员', output: 'AdminPerson' }),
    grantRole: action({ input: a.grantRoleInput, access: 'user', idempotent: true, summary: '管理员：给已有人员授予一个角色与范围', output: 'AdminPerson' }),
    stations: action({ input: a.adminListInput, access: 'user', summary: '管理员：站点列表', output: 'AdminStation[]' }),
    saveStation: action({ input: a.saveStationInput, access: 'user', idempotent: true, summary: '管理员：新增或修改站点', output: 'AdminStation' }),
    services: action({ input: a.listServicesInput, access: 'user', summary: '管理员：服务项目列表', output: 'AdminService[]' }),
    saveServiceItem: action({ input: a.saveServiceItemInput, access: 'user', idempotent: true, summary: '管理员：新增或修改站点的服务项目（时段由站点管理员设置）', output: 'AdminService' }),
    pairings: action({ input: a.adminListInput, access: 'user', summary: '管理员：结对列表', output: 'AdminPairing[]' }),
    savePairing: action({ input: a.savePairingInput, access: 'user', idempotent: true, summary: '管理员：新增或修改结对', output: 'AdminPairing' }),
    remove: action({ input: a.adminRemoveInput, access: 'user', idempotent: true, summary: '管理员：删除一条记录（仍被引用时拒绝并说明原因）', output: '{ removed: true }' }),
    import: action({
      input: a.importInput,
      access: 'user',
      idempotent: true,
      summary: '管理员：从 .xlsx 或 .csv 导入企业、结对、站点或人员；逐行报告错误，有错则整批不导入，可先试导入',
      output: 'ImportReport'
    }),
    export: action({ input: a.exportListInput, access: 'user', summary: '管理员：导出任一列表或操作日志（.xlsx 或 .csv，列与导入模板一致）', output: 'ExportedFile' }),
    audit: action({ input: a.auditInput, access: 'user', summary: '管理员：操作日志（谁、何时、改前、改后），新的在前', output: 'AuditEntry[]' })
  },
  catalog: {
    bootstrap: action({ input: s.emptyInput, access: 'public', summary: '部门、镇街、产业链等基础数据', output: 'Bootstrap' }),
    overview: action({ input: s.emptyInput, access: 'public', summary: '首页概况：企业、产业链、站点、结对与诉求数', output: 'Overview' }),
    enterprises: action({ input: s.listEnterprisesInput, access: 'public', summary: '企业列表，可按产业链筛选', output: 'Enterprise[]' })
  },
  problems: {
    file: action({ input: s.fileProblemInput, access: 'user', idempotent: true, summary: '企业提交诉求，按类别派单到承办部门', output: 'ProblemDetail' }),
    mine: action({ input: s.emptyInput, access: 'user', summary: '我提交的诉求', output: 'ProblemSummary[]' }),
    get: action({ input: s.problemIdInput, access: 'user', summary: '诉求详情与处理记录', output: 'ProblemDetail' }),
    inbox: action({ input: s.inboxInput, access: 'user', summary: '部门待办：本部门牵头或会办的诉求，超期与临期在前', output: 'ProblemSummary[]' }),
    act: action({
      input: s.actOnProblemInput,
      access: 'user',
      idempotent: true,
      summary: '办理一步：签收、答复、退单、转办、会办、延期、督办、评价（由状态机判定是否允许）',
      output: 'ProblemDetail'
    }),
    triage: action({ input: s.emptyInput, access: 'user', summary: '调度员：待分派、退单待处理、待审批延期与超期督办的诉求', output: 'ProblemSummary[]' }),
    list: action({ input: s.listProblemsInput, access: 'user', summary: '调度员：全部诉求，可按状态、部门、是否超期筛选', output: 'ProblemSummary[]' }),
    chainBoard: action({ input: s.chainBoardInput, access: 'user', summary: '本链公开的诉求，可“我也遇到”', output: 'ProblemSummary[]' }),
    vote: action({ input: s.problemIdInput, access: 'user', idempotent: true, summary: '我也遇到（+1）：每家企业一次', output: 'ProblemSummary' }),
    similar: action({ input: s.emptyInput, access: 'user', summary: '调度员：不同企业反映的相似问题分组', output: 'SimilarGroup[]' }),
    merge: action({
      input: s.mergeProblemsInput,
      access: 'user',
      idempotent: true,
      summary: '调度员：把相似问题合并为一个链级问题，办理结果送达每家企业',
      output: 'ProblemDetail'
    })
  },
  sessions: {
    list: action({ input: s.emptyInput, access: 'user', summary: '吐槽大会列表', output: 'TucaoSession[]' }),
    open: action({ input: s.openSessionInput, access: 'user', idempotent: true, summary: '调度员：为一条产业链开一场吐槽大会', output: 'TucaoSession' }),
    agenda: action({ input: s.sessionIdInput, access: 'user', summary: '吐槽大会议程：会上提出的问题，按“我也遇到”数排序', output: 'ProblemSummary[]' })
  },
  reports: {
    figures: action({ input: s.figuresInput, access: 'user', summary: '响应率、解决率、满意率、超期与退单数，按部门、产业链或月份', output: 'FiguresReport' }),
    exportMonthly: action({ input: s.exportMonthInput, access: 'user', summary: '月度报表 .xlsx', output: 'ExportedFile' })
  },
  settings: {
    get: action({ input: s.emptyInput, access: 'user', summary: '调度员：派单规则、时限、节假日调整与模型状态', output: 'FlowSettingsDto' }),
    saveRule: action({ input: s.saveRuleInput, access: 'user', idempotent: true, summary: '调度员：新增或修改派单规则', output: 'FlowSettingsDto' }),
    deleteRule: action({ input: s.ruleIdInput, access: 'user', idempotent: true, summary: '调度员：删除派单规则', output: 'FlowSettingsDto' }),
    saveSla: action({ input: s.saveSlaInput, access: 'user', idempotent: true, summary: '调度员：设置某类诉求的签收、答复与延期时限', output: 'FlowSettingsDto' }),
    saveCalendarDay: action({ input: s.calendarOverrideInput, access: 'user', idempotent: true, summary: '调度员：录入放假或调休上班的日期', output: 'FlowSettingsDto' }),
    deleteCalendarDay: action({ input: s.calendarDateInput, access: 'user', idempotent: true, summary: '调度员：删除一条节假日调整', output: 'FlowSettingsDto' }),
    retrain: action({ input: s.emptyInput, access: 'user', summary: '调度员：用退单、转办后被签收的诉求重新训练派单模型', output: 'FlowSettingsDto' })
  },
  files: {
    upload: action({ input: s.uploadPhotoInput, access: 'user', summary: '上传一张照片（本地与自建部署），得到照片编号，提交诉求时附上', output: 'Photo' }),
    register: action({ input: s.registerPhotoInput, access: 'user', summary: '登记已上传到微信云存储的照片（微信云开发）', output: 'Photo' })
  },
  notices: {
    list: action({ input: s.emptyInput, access: 'user', summary: '我的消息（站内消息是通知的唯一来源）', output: 'Notice[]' }),
    markRead: action({ input: s.markNoticesReadInput, access: 'user', summary: '标为已读；不传 ids 则全部已读', output: '{ unread: number }' })
  },
  stations: {
    list: action({ input: s.listStationsInput, access: 'public', summary: '服务站点列表，可按镇街和类型筛选', output: 'Station[]' }),
    nearby: action({
      input: s.nearbyStationsInput,
      access: 'public',
      summary: '找驿站：离给定位置最近的在先（或按镇街），可只看营业中、按设施筛选；无需登录',
      output: 'NearbyStation[]'
    }),
    get: action({ input: s.stationIdInput, access: 'public', summary: '一个站点：开放状态、设施、服务、照片与站长；无需登录', output: 'StationPage' }),
    savePhotos: action({
      input: s.stationPhotosInput,
      access: 'user',
      idempotent: true,
      summary: '站点管理员：设置站点照片（先上传，再按顺序保存照片编号）',
      output: 'Photo[]'
    }),
    feedback: action({
      input: s.stationFeedbackInput,
      access: 'user',
      idempotent: true,
      summary: '反馈站点问题（如“没热水了”）：生成一条诉求，派给站点的主管部门',
      output: 'ProblemDetail'
    }),
    day: action({ input: s.stationDayInput, access: 'user', summary: '站点管理员：某天各时段的预约与签到、到站登记、在站人数和未解决的反馈', output: 'StationDay' }),
    settings: action({ input: s.stationIdInput, access: 'user', summary: '站点管理员：服务的名额、每周时段与预约规则，以及闭站日期', output: 'StationSettings' }),
    saveService: action({
      input: s.saveServiceInput,
      access: 'user',
      idempotent: true,
      summary: '站点管理员：修改服务的名额、每周时段与预约规则；已有预约不受影响，增加的名额先给候补',
      output: 'ManagedService'
    }),
    setClosure: action({
      input: s.stationClosureInput,
      access: 'user',
      idempotent: true,
      summary: '站点管理员：某天闭站或恢复开放；闭站日的预约自动取消并通知本人',
      output: 'ClosureResult'
    }),
    figures: action({ input: s.stationFiguresInput, access: 'user', summary: '站点管理员：每天的预约、签到、未到场、取消与到站登记数', output: 'StationFigures' })
  },
  bookings: {
    slots: action({ input: s.slotsInput, access: 'public', summary: '某项服务未来几天的时段与余位（登录后附带能否预约及原因）', output: 'SlotView[]' }),
    book: action({ input: s.bookInput, access: 'user', idempotent: true, summary: '预约一个时段；满员时进入候补', output: 'BookingView' }),
    cancel: action({ input: s.bookingIdInput, access: 'user', idempotent: true, summary: '取消预约（截止时间前）；空出的名额自动给候补第一位', output: 'BookingView' }),
    mine: action({ input: s.emptyInput, access: 'user', summary: '我的预约', output: 'BookingView[]' }),
    code: action({ input: s.bookingIdInput, access: 'user', summary: '预约的签到码（签名、限时、不含个人信息）', output: 'CheckInCode' }),
    checkIn: action({ input: s.checkInInput, access: 'user', idempotent: true, summary: '站点管理员扫码或输入签到码签到；重复签到无害', output: 'BookingView' }),
    markArrived: action({
      input: s.bookingIdInput,
      access: 'user',
      idempotent: true,
      summary: '站点管理员：在当天名单上为到场但无法出示签到码的预约人签到；重复无害',
      output: 'BookingView'
    }),
    walkIn: action({ input: s.walkInInput, access: 'user', summary: '站点管理员登记一位未预约的到站人员', output: '{ onSite: number }' })
  },
  pairings: {
    list: action({ input: s.listPairingsInput, access: 'public', summary: '结对共建名录（政企结对与青蓝结对），可按类型、期数筛选', output: 'Pairing[]' }),
    get: action({ input: s.pairingIdInput, access: 'public', summary: '结对详情：联系人、年度计划进度、解决问题数与近期活动', output: 'PairingDetail' }),
    activities: action({ input: s.activityFeedInput, access: 'public', summary: '共建活动动态：全部结对或一个结对，可按类型、期数、产业链、时间筛选', output: 'ActivitySummary[]' }),
    activity: action({ input: s.activityIdInput, access: 'public', summary: '一次活动：照片、签到人数、提出的问题', output: 'ActivityDetail' }),
    postActivity: action({
      input: s.postActivityInput,
      access: 'user',
      idempotent: true,
      summary: '结对联系人、第一书记或调度员：记录一次共建活动（最多 9 张照片）',
      output: 'ActivityDetail'
    }),
    attendanceCode: action({ input: s.activityIdInput, access: 'user', summary: '组织者：活动签到码（签名、仅活动当天有效）', output: 'AttendanceCode' }),
    attend: action({ input: s.attendInput, access: 'user', idempotent: true, summary: '党员扫码签到；重复签到无害（答复中注明已签到过）', output: 'AttendResult' }),
    raiseProblem: action({
      input: s.raiseProblemInput,
      access: 'user',
      idempotent: true,
      summary: '共商发展难题：把会上梳理的企业问题一步提交到诉求办理流程，计入该结对',
      output: 'ProblemDetail'
    }),
    plans: action({ input: s.oversightInput, access: 'user', summary: '调度员：全区默认年度计划与各结对的计划', output: 'PlanSettings' }),
    savePlan: action({ input: s.savePlanInput, access: 'user', idempotent: true, summary: '调度员：设置全区默认或某个结对的年度计划（各类活动至少几次）', output: 'PlanSettings' }),
    oversight: action({ input: s.oversightInput, access: 'user', summary: '调度员：各结对的活动、计划完成率、解决问题数、签到人数与 60 天未活动', output: 'Oversight' }),
    exportOversight: action({ input: s.oversightInput, access: 'user', summary: '调度员：结对共建年度情况 .xlsx', output: 'ExportedFile' })
  },
  secretaries: {
    mine: action({ input: s.emptyInput, access: 'user', summary: '第一书记：联系的企业、未办结与超期诉求数、最近走访', output: 'AssignedEnterprise[]' }),
    logVisit: action({ input: s.logVisitInput, access: 'user', idempotent: true, summary: '第一书记：记录一次走访（位置、照片、情况）', output: 'Visit' }),
    visits: action({ input: s.visitsInput, access: 'user', summary: '第一书记的走访记录（调度员可看全部）', output: 'Visit[]' }),
    week: action({ input: s.weekInput, access: 'user', summary: '第一书记：本周小结（走访、代提诉求、办结与超期）', output: 'WeeklySummary' })
  }
} as const

export interface ApiOutputs {
  accounts: {
    demoSignIn: Session
    me: User
    signIn: Session
    redeemInvite: Session
    changePassword: { changed: true }
    issueInvite: IssuedInvite
    invites: Invite[]
    revokeInvite: Invite
    revokeRole: User
    exportMine: ExportedFile
    eraseMe: { erased: true }
  }
  admin: {
    departments: AdminDepartment[]
    saveDepartment: AdminDepartment
    towns: AdminTown[]
    saveTown: AdminTown
    chains: AdminChain[]
    saveChain: AdminChain
    enterprises: AdminEnterprise[]
    saveEnterprise: AdminEnterprise
    people: AdminPerson[]
    savePerson: AdminPerson
    grantRole: AdminPerson
    stations: AdminStation[]
    saveStation: AdminStation
    services: AdminService[]
    saveServiceItem: AdminService
    pairings: AdminPairing[]
    savePairing: AdminPairing
    remove: { removed: true }
    import: ImportReport
    export: ExportedFile
    audit: AuditEntry[]
  }
  catalog: { bootstrap: Bootstrap; overview: Overview; enterprises: Enterprise[] }
  problems: {
    file: ProblemDetail
    mine: ProblemSummary[]
    get: ProblemDetail
    inbox: ProblemSummary[]
    act: ProblemDetail
    triage: ProblemSummary[]
    list: ProblemSummary[]
    chainBoard: ProblemSummary[]
    vote: ProblemSummary
    similar: SimilarGroup[]
    merge: ProblemDetail
  }
  sessions: { list: TucaoSession[]; open: TucaoSession; agenda: ProblemSummary[] }
  reports: { figures: FiguresReport; exportMonthly: ExportedFile }
  settings: {
    get: FlowSettingsDto
    saveRule: FlowSettingsDto
    deleteRule: FlowSettingsDto
    saveSla: FlowSettingsDto
    saveCalendarDay: FlowSettingsDto
    deleteCalendarDay: FlowSettingsDto
    retrain: FlowSettingsDto
  }
  notices: { list: Notice[]; markRead: { unread: number } }
  files: { upload: Photo; register: Photo }
  stations: {
    list: Station[]
    nearby: NearbyStation[]
    get: StationPage
    savePhotos: Photo[]
    feedback: ProblemDetail
    day: StationDay
    settings: StationSettings
    saveService: ManagedService
    setClosure: ClosureResult
    figures: StationFigures
  }
  bookings: {
    slots: SlotView[]
    book: BookingView
    cancel: BookingView
    mine: BookingView[]
    code: CheckInCode
    checkIn: BookingView
    markArrived: BookingView
    walkIn: { onSite: number }
  }
  pairings: {
    list: Pairing[]
    get: PairingDetail
    activities: ActivitySummary[]
    activity: ActivityDetail
    postActivity: ActivityDetail
    attendanceCode: AttendanceCode
    attend: AttendResult
    raiseProblem: ProblemDetail
    plans: PlanSettings
    savePlan: PlanSettings
    oversight: Oversight
    exportOversight: ExportedFile
  }
  secretaries: { mine: AssignedEnterprise[]; logVisit: Visit; visits: Visit[]; week: WeeklySummary }
}

export type Api = typeof API
export type FnName = keyof Api
export type ActionName<F extends FnName> = keyof Api[F] & string
type SpecOf<F extends FnName, A extends ActionName<F>> = Api[F][A] extends ActionSpec<infer I> ? I : never
export type Input<F extends FnName, A extends ActionName<F>> = z.input<SpecOf<F, A>>
export type Output<F extends FnName, A extends ActionName<F>> = F extends keyof ApiOutputs
  ? A extends keyof ApiOutputs[F]
    ? ApiOutputs[F][A]
    : never
  : never

/** The JSON body of `POST /api/<fn>`. */
export interface ApiRequest {
  action: string
  input?: unknown
  requestId?: string
}
