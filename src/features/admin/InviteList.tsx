import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { INVITE_STATUS_LABELS, type Invite, type InviteStatus } from '@contract/accounts'
import { ROLE_LABELS } from '@contract/roles'
import { call, toCloudError } from '@/services/cloud'
import { Tabs, type TabItem } from '@/components/Tabs'
import { formatDateTime } from '@/utils/date'
import { Btn } from './parts'
import { scopeKindOf } from './scopes'

type Filter = 'all' | InviteStatus

const STATUSES: InviteStatus[] = ['pending', 'used', 'revoked', 'expired']

/** What the invite grants, in words: 部门经办人 · 区人社局, or 调度员 · 全区. */
export function grantText(invite: Invite): string {
  const scope = invite.scopeName ?? (scopeKindOf(invite.role) ? '（范围已不存在）' : '全区')
  return `${ROLE_LABELS[invite.role]} · ${scope}`
}

/** The line under an invite that says where it stands. */
function standing(invite: Invite): string {
  switch (invite.status) {
    case 'pending':
      return `有效期至 ${formatDateTime(invite.expiresAt)}`
    case 'used':
      return `使用人：${invite.usedByName ?? '（已删除的账号）'}`
    case 'revoked':
      return '已撤销，不能再使用'
    case 'expired':
      return `已于 ${formatDateTime(invite.expiresAt)} 过期，未被使用`
  }
}

function InviteCard({ invite, busy, error, onRevoke }: { invite: Invite; busy: boolean; error: string | null; onRevoke: () => void }) {
  return (
    <View className='card adm-invite' data-testid='invite-row' data-id={invite.id} data-status={invite.status}>
      <View className='adm-invite__top'>
        <Text className='adm-invite__grant'>{grantText(invite)}</Text>
        <Text className={`adm-status adm-status--${invite.status}`} data-testid='invite-status'>
          {INVITE_STATUS_LABELS[invite.status]}
        </Text>
      </View>
      {invite.note && <Text className='adm-invite__note'>备注：{invite.note}</Text>}
      <Text className={`adm-invite__standing adm-invite__standing--${invite.status}`}>{standing(invite)}</Text>
      <Text className='adm-invite__meta'>签发于 {formatDateTime(invite.createdAt)}</Text>
      {error && (
        <Text className='adm-field__error' data-testid='revoke-error'>
          {error}
        </Text>
      )}
      {invite.status === 'pending' && (
        <View className='adm-invite__actions'>
          <Btn kind='danger' small busy={busy} onClick={onRevoke} testId='revoke' label={`撤销邀请码：${grantText(invite)}`}>
            {busy ? '正在撤销…' : '撤销'}
          </Btn>
        </View>
      )}
    </View>
  )
}

/**
 * Every invite (never its code): filter by status, and 撤销 a pending one after confirming. `onChange`
 * gets the list with the revoked invite updated.
 */
export function InviteList({ invites, onChange, onStale }: { invites: Invite[]; onChange: (list: Invite[]) => void; onStale: () => void }) {
  const [filter, setFilter] = useState<Filter>('all')
  const [busyId, setBusyId] = useState<string | null>(null)
  const [failed, setFailed] = useState<{ id: string; message: string } | null>(null)

  const count = (s: InviteStatus) => invites.filter((i) => i.status === s).length
  const tabs: TabItem<Filter>[] = [
    { key: 'all', label: `全部 ${invites.length}` },
    ...STATUSES.map((s) => ({ key: s, label: `${INVITE_STATUS_LABELS[s]} ${count(s)}` }))
  ]
  const shown = filter === 'all' ? invites : invites.filter((i) => i.status === filter)

  const revoke = async (invite: Invite) => {
    if (busyId) return
    const answer = await Taro.showModal({
      title: '撤销这个邀请码？',
      content: `${grantText(invite)}${invite.note ? `（${invite.note}）` : ''}。撤销后立即失效，持有人无法再用它开通角色；此操作不能恢复。`,
      confirmText: '撤销',
      confirmColor: '#c8161d',
      cancelText: '不撤销'
    })
    if (!answer.confirm) return
    setBusyId(invite.id)
    setFailed(null)
    try {
      const updated = await call('accounts', 'revokeInvite', { id: invite.id })
      onChange(invites.map((i) => (i.id === updated.id ? updated : i)))
      void Taro.showToast({ title: '已撤销', icon: 'success' })
    } catch (e) {
      setFailed({ id: invite.id, message: toCloudError(e).message })
      // e.g. used meanwhile: show where it stands now
      onStale()
    } finally {
      setBusyId(null)
    }
  }

  return (
    <View data-testid='invite-list'>
      <Tabs items={tabs} value={filter} onChange={setFilter} />
      {shown.length === 0 ? (
        <View className='adm-empty' data-testid='filter-empty'>
          <Text>没有{filter === 'all' ? '' : `“${INVITE_STATUS_LABELS[filter]}”的`}邀请码</Text>
        </View>
      ) : (
        shown.map((i) => (
          <InviteCard
            key={i.id}
            invite={i}
            busy={busyId === i.id}
            error={failed?.id === i.id ? failed.message : null}
            onRevoke={() => void revoke(i)}
          />
        ))
      )}
    </View>
  )
}

export default InviteList
