import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { Invite, IssuedInvite } from '@contract/accounts'
import { call } from '@/services/cloud'
import { hasRole } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { IssueInviteForm } from './IssueInviteForm'
import { IssuedCode } from './IssuedCode'
import { InviteList } from './InviteList'
import { Refusal } from './parts'
import './styles.css'

const TITLE = '邀请码管理'
const SUBTITLE = '签发一次性邀请码为同事开通角色，查看使用情况'

/** The list never holds a code: drop it from what issueInvite answered before listing it. */
function withoutCode(issued: IssuedInvite): Invite {
  const { code: _code, ...invite } = issued
  return invite
}

function HowItWorks() {
  return (
    <View className='adm-help' data-testid='invite-help'>
      <Text className='adm-help__line'>1. 选择角色和范围，签发邀请码；邀请码只显示一次，请当场复制。</Text>
      <Text className='adm-help__line'>2. 把邀请码发给对方。对方在「我的」点「使用邀请码」：微信里填写姓名即开通并与微信绑定；电脑上另设登录账号和密码。</Text>
      <Text className='adm-help__line'>3. 每个邀请码只能使用一次，过期或撤销后失效；已有账号的人使用后，只是多一个角色。</Text>
    </View>
  )
}

/** packages/admin/invites: 邀请码管理 — issue, list and revoke invite codes (system administrators). */
export function InvitesView() {
  const session = useSession()
  const admin = hasRole(session?.user, 'admin')
  const list = useRemote(() => call('accounts', 'invites', {}), [session?.token], { enabled: admin, refreshOnShow: true })
  const [issued, setIssued] = useState<IssuedInvite | null>(null)
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const header = <PageHeader title={TITLE} subtitle={SUBTITLE} />
  // the server has the last word: a role taken back meanwhile answers FORBIDDEN
  if (!session || !admin || list.error?.code === 'FORBIDDEN') {
    return (
      <View className='page adm-page'>
        {header}
        <Refusal signedIn={!!session} />
      </View>
    )
  }

  const invites = list.data ?? []
  const onIssued = (invite: IssuedInvite) => {
    setIssued(invite)
    list.mutate([withoutCode(invite), ...invites.filter((i) => i.id !== invite.id)])
    void list.refresh()
  }
  const pending = invites.filter((i) => i.status === 'pending').length

  return (
    <View className='page adm-page'>
      {header}
      <View className='adm-layout'>
        <View className='adm-layout__side'>
          {issued ? <IssuedCode invite={issued} onClose={() => setIssued(null)} /> : <IssueInviteForm onIssued={onIssued} />}
          <HowItWorks />
        </View>
        <View className='adm-layout__main'>
          <View className='section-title'>
            <Text>邀请码记录</Text>
            {list.data && (
              <Text className='section-title__extra'>
                共 {invites.length} 个{pending ? ` · 待使用 ${pending}` : ''}
              </Text>
            )}
          </View>
          <StateView
            loading={list.loading}
            loadingText='正在读取邀请码…'
            error={list.error}
            onRetry={() => void list.reload()}
            empty={!!list.data && invites.length === 0}
            emptyTitle='还没有签发过邀请码'
            emptyDescription='签发后会列在这里：是否已使用、由谁使用、何时过期；未使用的可以撤销。列表中不显示邀请码本身。'
          >
            {invites.length > 0 && <InviteList invites={invites} onChange={list.mutate} onStale={() => void list.refresh()} />}
          </StateView>
        </View>
      </View>
    </View>
  )
}

export default InvitesView
