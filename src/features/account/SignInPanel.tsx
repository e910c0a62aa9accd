import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLES, ROLE_LABELS, type Role } from '@contract/roles'
import { call, CloudError, toCloudError } from '@/services/cloud'
import { saveSession } from '@/services/session'
import { ROLE_DESCRIPTIONS } from './roles'

/** Signed out: choose one of the six demo roles (demo mode only; the server says when it is off). */
export function SignInPanel() {
  const [pending, setPending] = useState<Role | null>(null)
  const [error, setError] = useState<CloudError | null>(null)

  const signIn = async (role: Role) => {
    if (pending) return
    setPending(role)
    setError(null)
    try {
      const session = await call('accounts', 'demoSignIn', { role })
      saveSession(session)
      void Taro.showToast({ title: `已登录：${ROLE_LABELS[role]}`, icon: 'none' })
    } catch (e) {
      setError(toCloudError(e))
    } finally {
      setPending(null)
    }
  }

  return (
    <View className='sign-in'>
      <View className='sign-in__intro card'>
        <Text className='sign-in__title'>选择身份体验</Text>
        <Text className='sign-in__desc'>演示环境提供六个角色的账号，点选即可登录，看看每个角色在链上通里做什么。</Text>
      </View>
      {error && (
        <View className='sign-in__error' data-testid='sign-in-error'>
          <Text>{error.code === 'FORBIDDEN' ? error.message || '演示登录未开放' : error.message}</Text>
          {error.code === 'FORBIDDEN' && <Text className='sign-in__error-hint'>当前环境未开放演示登录，请联系管理员开通账号。</Text>}
        </View>
      )}
      {ROLES.map((role) => (
        <View
          key={role}
          className={`role-card${pending === role ? ' role-card--pending' : ''}`}
          onClick={() => void signIn(role)}
          data-testid={`role-${role}`}
        >
          <View className='role-card__text'>
            <Text className='role-card__label'>{ROLE_LABELS[role]}</Text>
            <Text className='role-card__desc'>{ROLE_DESCRIPTIONS[role]}</Text>
          </View>
          <Text className='role-card__go'>{pending === role ? '登录中…' : '登录 ›'}</Text>
        </View>
      ))}
    </View>
  )
}

export default SignInPanel
