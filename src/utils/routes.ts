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
  stationCheckIn: '/packages/station-manager/checkin/index'
} as const

export function problemDetailUrl(id: string): string {
  return `/packages/problem/detail/index?id=${encodeURIComponent(id)}`
}
