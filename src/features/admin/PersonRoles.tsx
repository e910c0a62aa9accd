import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AdminPerson } from '@contract/admin'
import { ROLE_LABELS, type RoleGrant } from '@contract/roles'
import { call, MAYBE_STORED, newRequestId, toCloudError } from '@/services/cloud'
import { None } from './cells'
import { scopeKindOf } from './scopes'

/** 部门经办人 · 区人社局, or 调度员 · 全区. */
export function grantLabel(g: RoleGrant): string {
  const scope = g.scopeName ?? (scopeKindOf(g.role) ? '（范围已不存在）' : '全区')
  return `${ROLE_LABELS[g.role]} · ${scope}`
}

const grantKey = (g: RoleGrant) => `${g.role}:${g.scopeId ?? ''}`

/** A person's roles as tags, each with 收回 (after confirming); the server refuses to take the last admin's. */
export function PersonRoles({ person, onChange }: { person: AdminPerson; onChange: (p: AdminPerson) => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  // one request id per grant being taken back, kept while a retry may find it already done
  const requestIds = useRef(new Map<string, string>())

  if (person.deleted) return <None text='已注销，无角色' />
  if (person.roles.length === 0) return <None text='暂无角色' />

  const revoke = async (g: RoleGrant) => {
    if (busy) return
    const answer = await Taro.showModal({
      title: '收回这个角色？',
      content: `收回 ${person.name} 的“${grantLabel(g)}”。收回后对方立即失去相应的页面和权限；如需恢复，可重新授予。`,
      confirmText: '收回',
      confirmColor: '#c8161d',
      cancelText: '不收回'
    })
    if (!answer.confirm) return
    const key = grantKey(g)
    const requestId = requestIds.current.get(key) ?? newRequestId()
    requestIds.current.set(key, requestId)
    setBusy(key)
    setFailure(null)
    try {
      const user = await call('accounts', 'revokeRole', { personId: person.id, role: g.role, ...(g.scopeId ? { scopeId: g.scopeId } : {}) }, { requestId })
      requestIds.current.delete(key)
      onChange({ ...person, roles: user.roles })
      void Taro.showToast({ title: '已收回', icon: 'success' })
    } catch (e) {
      const err = toCloudError(e)
      if (!MAYBE_STORED.has(err.code)) requestIds.current.delete(key)
      setFailure(err.message)
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='adc-roles' data-testid='person-roles'>
      {person.roles.map((g) => {
        const key = grantKey(g)
        return (
          <View key={key} className='adc-role' data-testid='role-tag' data-role={g.role}>
            <Text className='adc-role__text'>{grantLabel(g)}</Text>
            <View
              className='adc-role__revoke'
              role='button'
              aria-label={`收回${grantLabel(g)}`}
              data-testid='revoke-role'
              onClick={() => void revoke(g)}
            >
              <Text>{busy === key ? '收回中…' : '收回'}</Text>
            </View>
          </View>
        )
      })}
      {failure && (
        <Text className='adm-field__error' data-testid='revoke-role-error'>
          {failure}
        </Text>
      )}
    </View>
  )
}
