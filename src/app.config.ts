export default defineAppConfig({
  lazyCodeLoading: 'requiredComponents',
  pages: ['pages/home/index', 'pages/problems/index', 'pages/stations/index', 'pages/pairings/index', 'pages/me/index'],
  subPackages: [
    // enterprise users: file and follow a problem
    { root: 'packages/problem', pages: ['file/index', 'detail/index'] },
    // department handlers: the console of problems routed to their department
    { root: 'packages/handler', pages: ['inbox/index'] },
    // the dispatcher's console: the triage queue and every problem
    { root: 'packages/dispatcher', pages: ['triage/index', 'all/index'] },
    // everybody signed in: in-app messages, 我的数据 (export, erase the account); reached from 我的:
    // 账号登录 (HTTP hosts), 使用邀请码 (newcomers and members) and 修改密码 — the forms and zod live here, not in the main package
    { root: 'packages/account', pages: ['notices/index', 'my-data/index', 'sign-in/index', 'invite/index', 'password/index'] },
    // dispatcher, admin and department handlers: 响应率、解决率、满意率 and the monthly report
    { root: 'packages/reports', pages: ['dashboard/index'] },
    // dispatcher: routing rules and time limits, similar problems, 吐槽大会 sessions and their agenda
    { root: 'packages/dispatch-tools', pages: ['settings/index', 'similar/index', 'sessions/index', 'agenda/index'] },
    // riders and everybody: a station's services and slots (public), 我的预约 and 签到码 (signed in)
    { root: 'packages/stations', pages: ['detail/index', 'bookings/index', 'feedback/index'] },
    // station managers: 签到台 (check-in by code, walk-ins) and 站点工作台 (the day, services, closures, figures)
    { root: 'packages/station-manager', pages: ['checkin/index', 'console/index'] },
    // 结对共建: a pair's page, activity feed, an activity (sign-in code, raising problems), posting one, signing in
    { root: 'packages/pairings', pages: ['detail/index', 'feed/index', 'activity/index', 'post/index', 'attend/index'] },
    // first secretaries: their enterprises, logging a visit, the visit history with the weekly summary
    { root: 'packages/secretary', pages: ['enterprises/index', 'visit/index', 'visits/index'] },
    // the district: pairs' activity, plan completion and problems solved; annual plans
    { root: 'packages/pairing-oversight', pages: ['dashboard/index', 'plans/index'] },
    // system administrators: 邀请码管理 (issue single-use invite codes that grant a role, list and revoke them);
    // the console: its home, one generic list page for every kind of record, 批量导入 and 操作日志
    { root: 'packages/admin', pages: ['invites/index', 'home/index', 'list/index', 'import/index', 'audit/index'] }
  ],
  // privacy APIs (location, photos, clipboard) wait for the person's consent in our own popup (components/PrivacyConsent)
  __usePrivacyCheck__: true,
  // WeChat refuses getLocation unless it is declared here, with the reason shown in the permission prompt
  requiredPrivateInfos: ['getLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的驿站，以及第一书记记录走访地点' }
  },
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f5f7',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '链上通',
    navigationBarTextStyle: 'black'
  },
  tabBar: {
    color: '#5c6370',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'white',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/problems/index', text: '诉求' },
      { pagePath: 'pages/stations/index', text: '驿站' },
      { pagePath: 'pages/pairings/index', text: '共建' },
      { pagePath: 'pages/me/index', text: '我的' }
    ]
  }
})
