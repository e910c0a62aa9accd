import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LiteButton } from '@/components/LiteButton'
import { ROLE_LABELS, type Role } from '@contract/roles'
import type { Session } from '@contract/accounts'
import { call, usesWxCloud } from '@/services/cloud'
import { clearSession, updateSessionUser } from '@/services/session'
import { useRemote } from '@/hooks/useRemote'
import { PAGE, TAB } from '@/utils/routes'
import { knownWithoutPassword } from './codes'

interface Link {
  title: string
  desc: string
  go: () => void
  /** A red count beside the title (unread messages). */
  badge?: number
  testId?: string
}

function linksFor(roles: Set<Role>): Link[] {
  const links: Link[] = []
  if (roles.has('admin')) {
    links.push({
      title: '管理后台',
      desc: '部门、产业链、企业、人员与站点等基础数据，导入导出与操作记录',
      go: () => void Taro.navigateTo({ url: PAGE.adminHome }),
      testId: 'link-admin-home'
    })
    // also in the console; kept here until every administrator has found it there
    links.push({
      title: '邀请码管理',
      desc: '签发邀请码为同事开通角色，查看使用情况、撤销未用的邀请码',
      go: () => void Taro.navigateTo({ url: PAGE.adminInvites }),
      testId: 'link-admin-invites'
    })
  }
  if (roles.has('handler')) {
    links.push({ title: '部门待办', desc: '签收、办理派到本部门的诉求', go: () => void Taro.navigateTo({ url: PAGE.handlerInbox }) })
  }
  if (roles.has('enterprise') || roles.has('secretary')) {
    links.push({ title: '我的诉求', desc: '查看已提交诉求的办理进度', go: () => void Taro.switchTab({ url: TAB.problems }) })
    links.push({ title: '提交诉求', desc: '把企业遇到的难题转给承办部门', go: () => void Taro.navigateTo({ url: PAGE.fileProblem }) })
  }
  if (roles.has('secretary')) {
    links.push({
      title: '我联系的企业',
      desc: '本周小结、各企业未办结与超期诉求、记录走访',
      go: () => void Taro.navigateTo({ url: PAGE.secretaryEnterprises }),
      testId: 'link-secretary-enterprises'
    })
    links.push({
      title: '走访记录',
      desc: '我的企业走访，按企业查看',
      go: () => void Taro.navigateTo({ url: PAGE.secretaryVisits }),
      testId: 'link-secretary-visits'
    })
  }
  if (roles.has('station')) {
    links.push({
      title: '站点工作台',
      desc: '当天预约与签到、服务时段、闭站与统计',
      go: () => void Taro.navigateTo({ url: PAGE.stationConsole }),
      testId: 'link-station-console'
    })
    links.push({ title: '签到台', desc: '扫码或输入签到码，登记未预约的到站人员', go: () => void Taro.navigateTo({ url: PAGE.stationCheckIn }) })
  }
  if (roles.has('dispatcher')) {
    links.push({
      title: '调度台',
      desc: '待分派、退单、延期审批与超期督办',
      go: () => void Taro.navigateTo({ url: PAGE.dispatcherTriage }),
      testId: 'link-dispatcher-triage'
    })
    links.push({
      title: '全部诉求',
      desc: '按状态与超期筛选全区诉求',
      go: () => void Taro.navigateTo({ url: PAGE.dispatcherAll }),
      testId: 'link-dispatcher-all'
    })
  }
  if (roles.has('dispatcher') || roles.has('admin') || roles.has('handler')) {
    links.push({
      title: '数据看板',
      desc: roles.has('handler') && !roles.has('dispatcher') && !roles.has('admin') ? '本部门的响应率、解决率、满意率与超期' : '响应率、解决率、满意率，按部门、产业链与月份',
      go: () => void Taro.navigateTo({ url: PAGE.reportsDashboard }),
      testId: 'link-reports'
    })
  }
  if (roles.has('dispatcher') || roles.has('admin')) {
    links.push({
      title: '结对共建督导',
      desc: '各结对的活动、年度计划完成率、解决问题与 60 天未活动',
      go: () => void Taro.navigateTo({ url: PAGE.pairingOversight }),
      testId: 'link-pairing-oversight'
    })
    links.push({ title: '服务概况', desc: '企业、站点、结对与诉求办理数据', go: () => void Taro.switchTab({ url: TAB.home }) })
  }
  return links
}

/** The dispatcher's tools, as a row of three tiles under 常用功能. */
const DISPATCH_TOOLS = [
  { title: '派单与时限设置', mark: '设', url: PAGE.dispatchSettings, testId: 'link-tools-settings' },
  { title: '相似问题', mark: '并', url: PAGE.dispatchSimilar, testId: 'link-tools-similar' },
  { title: '吐槽大会', mark: '会', url: PAGE.dispatchSessions, testId: 'link-tools-sessions' }
] as const

function DispatchTools() {
  return (
    <>
      <View className='section-title'>
        <Text>调度工具</Text>
      </View>
      <View className='card tool-row' data-testid='dispatch-tools'>
        {DISPATCH_TOOLS.map((t) => (
          <View key={t.url} className='tool-row__item' data-testid={t.testId} onClick={() => void Taro.navigateTo({ url: t.url })}>
            <Text className='tool-row__mark'>{t.mark}</Text>
            <Text className='tool-row__title'>{t.title}</Text>
          </View>
        ))}
      </View>
    </>
  )
}

/** One row of 账号与安全: what it is for, opening its page. */
function ToolRow({ title, desc, url, testId }: { title: string; desc: string; url: string; testId: string }) {
  return (
    <View className='acc-entry' role='button' onClick={() => void Taro.navigateTo({ url })} data-testid={testId}>
      <View className='acc-entry__text'>
        <Text className='acc-entry__title'>{title}</Text>
        <Text className='acc-entry__desc'>{desc}</Text>
      </View>
      <Text className='acc-entry__arrow'>›</Text>
    </View>
  )
}

/**
 * 账号与安全: another role by invite code; 修改密码 for accounts that sign in with one (HTTP hosts); 我的数据.
 * Each opens its page in packages/account; 我的 shows the result by itself (the session changes).
 */
function AccountTools({ session }: { session: Session }) {
  const password = !usesWxCloud() && !knownWithoutPassword(session.user.id)
  return (
    <>
      <View className='section-title'>
        <Text>账号与安全</Text>
      </View>
      <View className='card acc-tools'>
        <ToolRow title='使用邀请码' desc='收到新的邀请码？用它为本账号加上一个角色' url={PAGE.redeemInvite} testId='tool-invite' />
        {password && <ToolRow title='修改密码' desc='定期更换密码，保护账号安全' url={PAGE.changePassword} testId='tool-password' />}
        <ToolRow title='我的数据' desc='查看我们保存了您的哪些信息，导出或注销账号' url={PAGE.myData} testId='link-my-data' />
      </View>
    </>
  )
}

/** Signed in: who I am, my role grants, the way to my consoles, 使用邀请码 and 修改密码, and 退出登录 (not on WeChat). */
export function AccountPanel({ session }: { session: Session }) {
  const { user } = session

  // refresh the roles quietly; an expired token signs out (services/cloud clears the session)
  useEffect(() => {
    call('accounts', 'me', {})
      .then((me) => {
        if (JSON.stringify(me) !== JSON.stringify(user)) updateSessionUser(me)
      })
      .catch(() => undefined)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session.token])

  // unread messages, counted from the list (refreshed whenever 我的 is shown again)
  const notices = useRemote(() => call('notices', 'list', {}), [session.token], { refreshOnShow: true })
  const unread = Array.isArray(notices.data) ? notices.data.filter((n) => !n.readAt).length : 0

  const roles = new Set(user.roles.map((g) => g.role))
  const links: Link[] = [
    {
      title: '消息',
      desc: unread ? `${unread} 条未读：诉求的派单、答复与督办进展` : '诉求的派单、答复与督办进展',
      go: () => void Taro.navigateTo({ url: PAGE.notices }),
      badge: unread,
      testId: 'link-notices'
    },
    ...linksFor(roles)
  ]
  const signOut = () => {
    clearSession()
    void Taro.showToast({ title: '已退出登录', icon: 'none' })
  }

  return (
    <View className='account'>
      <View className='account-head card'>
        <View className='account-head__avatar'>
          <Text>{user.name.slice(0, 1)}</Text>
        </View>
        <View className='account-head__text'>
          <Text className='account-head__name'>{user.name}</Text>
          <Text className='account-head__sub'>{user.roles.map((g) => ROLE_LABELS[g.role] ?? g.role).join(' · ') || '暂无角色'}</Text>
        </View>
      </View>

      <View className='section-title'>
        <Text>我的角色</Text>
      </View>
      <View className='card'>
        {user.roles.length === 0 && (
          <Text className='muted' data-testid='no-roles'>
            暂未分配角色。请向系统管理员索取邀请码，在下方“使用邀请码”中填写即可获得角色。
          </Text>
        )}
        {user.roles.map((g, i) => (
          <View key={`${g.role}-${g.scopeId ?? i}`} className='grant-row' data-testid='grant-row'>
            <Text className='grant-row__role'>{ROLE_LABELS[g.role] ?? g.role}</Text>
            <Text className='grant-row__scope'>{g.scopeName ?? '全区'}</Text>
          </View>
        ))}
      </View>

      {links.length > 0 && (
        <>
          <View className='section-title'>
            <Text>常用功能</Text>
          </View>
          <View className='card account-links'>
            {links.map((l) => (
              <View key={l.title} className='account-link' onClick={l.go} data-testid={l.testId}>
                <View className='account-link__text'>
                  <View className='account-link__line'>
                    <Text className='account-link__title'>{l.title}</Text>
                    {!!l.badge && (
                      <Text className='account-link__badge' data-testid='unread-count'>
                        {l.badge > 99 ? '99+' : l.badge}
                      </Text>
                    )}
                  </View>
                  <Text className='account-link__desc'>{l.desc}</Text>
                </View>
                <Text className='account-link__arrow'>›</Text>
              </View>
            ))}
          </View>
        </>
      )}

      {roles.has('dispatcher') && <DispatchTools />}

      <AccountTools session={session} />

      {usesWxCloud() ? (
        <Text className='acc-note acc-note--center' data-testid='wechat-signed-in'>
          在微信中，链上通按您的微信身份自动登录，无需密码。
        </Text>
      ) : (
        <View className='account-signout'>
          <LiteButton block size='large' onClick={signOut}>
            退出登录
          </LiteButton>
        </View>
      )}
    </View>
  )
}

export default AccountPanel
