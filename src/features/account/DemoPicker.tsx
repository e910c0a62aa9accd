import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ROLES, ROLE_LABELS, type Role } from '@contract/roles'
import { call, CloudError, toCloudError } from '@/services/cloud'
import { saveSession } from '@/services/session'
import { ROLE_DESCRIPTIONS } from './roles'
import { markNoPassword } from './codes'

/**
 * 演示: sign in as one of the six demo people by tapping a role. Offered until the host answers FORBIDDEN
 * (demo mode is off, e.g. NODE_ENV=production); then the cards give way to that explanation.
 */
export function DemoPicker() {
  const [pending, setPending] = useState<Role | null>(null)
  const [error, setError] = useState<CloudError | null>(null)
  const off = error?.code === 'FORBIDDEN'

  const signIn = async (role: Role) => {
    if (pending) return
    setPending(role)
    setError(null)
    try {
      const session = await call('accounts', 'demoSignIn', { role })
      // demo people have no password: 修改密码 is not offered to them
      markNoPassword(session.user.id)
      saveSession(session)
      void Taro.showToast({ title: `已登录：${ROLE_LABELS[role]}`, icon: 'none' })
    } catch (e) {
      setError(toCloudError(e))
    } finally {
      setPending(null)
    }
  }

  return (
    <View className='demo' data-testid='demo-picker'>
      <View className='section-title'>
        <Text>
          演示<Text className='demo__tag'>体验用</Text>
        </Text>
      </View>
      {off ? (
        <View className='sign-in__error sign-in__error--quiet' data-testid='sign-in-error'>
          <Text>{error.message || '演示登录未开放'}</Text>
          <Text className='sign-in__error-hint'>当前环境未开放演示登录。请用管理员开通的账号登录，或使用邀请码开通账号。</Text>
        </View>
      ) : (
        <>
          <View className='sign-in__intro card'>
            <Text className='sign-in__title'>选择身份体验</Text>
            <Text className='sign-in__desc'>演示环境为六个角色各准备了一个账号（数据为虚构的顺德演示数据），点选即可登录，看看每个角色在链上通里做什么。</Text>
          </View>
          {error && (
            <View className='sign-in__error' data-testid='sign-in-error'>
              <Text>{error.message}</Text>
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
        </>
      )}
    </View>
  )
}

export default DemoPicker
