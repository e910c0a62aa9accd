/** Every page of the mini program, in one place (tab pages must be opened with switchTab). */
export const TAB = {
  home: '/pages/home/index',
  problems: '/pages/problems/index',
  stations: '/pages/stations/index',
  pairings: '/pages/pairings/index',
  me: '/pages/me/index'
} as const

export const PAGE = {
  fileProblem: '/packages/problem/file/index',
  handlerInbox: '/packages/handler/inbox/index',
  dispatcherTriage: '/packages/dispatcher/triage/index',
  dispatcherAll: '/packages/dispatcher/all/index',
  notices: '/packages/account/notices/index',
  reportsDashboard: '/packages/reports/dashboard/index',
  dispatchSettings: '/packages/dispatch-tools/settings/index',
  dispatchSimilar: '/packages/dispatch-tools/similar/index',
  dispatchSessions: '/packages/dispatch-tools/sessions/index',
  stationConsole: '/packages/station-manager/console/index',
  stationCheckIn: '/packages/station-manager/checkin/index',
  pairingFeed: '/packages/pairings/feed/index',
  pairingAttend: '/packages/pairings/attend/index',
  secretaryEnterprises: '/packages/secretary/enterprises/index',
  secretaryVisits: '/packages/secretary/visits/index',
  pairingOversight: '/packages/pairing-oversight/dashboard/index',
  pairingPlans: '/packages/pairing-oversight/plans/index',
  adminInvites: '/packages/admin/invites/index',
  adminHome: '/packages/admin/home/index',
  adminAudit: '/packages/admin/audit/index',
  adminImport: '/packages/admin/import/index',
  myData: '/packages/account/my-data/index',
  // 账号登录, 使用邀请码 and 修改密码: their own pages, so the forms (and zod) stay out of the main package
  signIn: '/packages/account/sign-in/index',
  redeemInvite: '/packages/account/invite/index',
  changePassword: '/packages/account/password/index'
} as const

/** One list of the admin console (部门, 企业, 人员…), optionally opened on one record. */
export const adminListUrl = (entity: string, id?: string): string =>
  `/packages/admin/list/index?entity=${encodeURIComponent(entity)}${id ? `&id=${encodeURIComponent(id)}` : ''}`

export const pairingDetailUrl = (id: string): string => `/packages/pairings/detail/index?id=${encodeURIComponent(id)}`
export const activityDetailUrl = (id: string): string => `/packages/pairings/activity/index?id=${encodeURIComponent(id)}`
export const postActivityUrl = (pairingId: string): string => `/packages/pairings/post/index?pairingId=${encodeURIComponent(pairingId)}`
/** The visit form, for one enterprise (or a picker of the secretary's enterprises). */
export const logVisitUrl = (enterpriseId?: string): string =>
  `/packages/secretary/visit/index${enterpriseId ? `?enterpriseId=${encodeURIComponent(enterpriseId)}` : ''}`

/** 提交诉求, optionally starting with one of the caller's enterprises chosen. */
export const fileProblemUrl = (enterpriseId?: string): string =>
  `${PAGE.fileProblem}${enterpriseId ? `?enterpriseId=${encodeURIComponent(enterpriseId)}` : ''}`

export function problemDetailUrl(id: string): string {
  return `/packages/problem/detail/index?id=${encodeURIComponent(id)}`
}
