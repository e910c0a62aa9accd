import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { ROLE_LABELS, type Role } from '@contract/roles'
import type { Session } from '@contract/accounts'
import { call } from '@/services/cloud'
import { clearSession, updateSessionUser } from '@/services/session'
import { PAGE, TAB } from '@/utils/routes'

interface Link {
  title: string
  desc: string
  go: () => void
}

function linksFor(roles: Set<Role>): Link[] {
  const links: Link[] = []
  if (roles.has('handler')) {
    links.push({ title: '部门待办', desc: '签收、办理派到本部门的诉求', go: () => void Taro.navigateTo({ url: PAGE.handlerInbox }) })
  }
  if (roles.has('enterprise') || roles.has('secretary')) {
    links.push({ title: '我的诉求', desc: '查看已提交诉求的办理进度', go: () => void Taro.switchTab({ url: TAB.problems }) })
    links.push({ title: '提交诉求', desc: '把企业遇到的难题转给承办部门', go: () => void Taro.navigateTo({ url: PAGE.fileProblem }) })
  }
  if (roles.has('station')) {
    links.push({ title: '服务驿站', desc: '查看各驿站的开放时间与服务', go: () => void Taro.switchTab({ url: TAB.stations }) })
  }
  if (roles.has('dispatcher') || roles.has('admin')) {
    links.push({ title: '服务概况', desc: '企业、站点、结对与诉求办理数据', go: () => void Taro.switchTab({ url: TAB.home }) })
  }
  return links
}

/** Signed in: who I am, my role grants, the way to my console, and 退出登录. */
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

  const roles = new Set(user.roles.map((g) => g.role))
  const links = linksFor(roles)
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
        {user.roles.length === 0 && <Text className='muted'>暂未分配角色，请联系管理员。</Text>}
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
              <View key={l.title} className='account-link' onClick={l.go}>
                <View className='account-link__text'>
                  <Text className='account-link__title'>{l.title}</Text>
                  <Text className='account-link__desc'>{l.desc}</Text>
                </View>
                <Text className='account-link__arrow'>›</Text>
              </View>
            ))}
          </View>
        </>
      )}

      <View className='account-signout'>
        <Button block size='large' onClick={signOut}>
          退出登录
        </Button>
      </View>
    </View>
  )
}

export default AccountPanel
