import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usesWxCloud } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { PageHeader } from '@/components/PageHeader'
import { PAGE } from '@/utils/routes'
import { RedeemInviteForm, type Redeemer } from './RedeemInviteForm'
import { backToMe } from './leave'
import './styles.css'
import './forms.css'

const SUBTITLE: Record<Redeemer, string> = {
  'web-newcomer': '第一次使用？用管理员发给您的邀请码开通账号',
  'wechat-newcomer': '用管理员发给您的邀请码开通账号，与本微信绑定',
  member: '收到新的邀请码？用它为本账号加上一个角色'
}

/**
 * packages/account/invite — 使用邀请码, opened from 我的. Who redeems follows from the session: signed in
 * (or known by the OPENID), the code adds a role; otherwise it opens an account — with a login and
 * password on HTTP hosts, bound to the WeChat user on WeChat. Done, it goes back to 我的.
 */
export function InviteView() {
  const session = useSession()
  const wx = usesWxCloud()
  // settled when the page opens: redeeming signs a newcomer in, and the form must not turn into a member's meanwhile
  const [who] = useState<Redeemer>(() => (session ? 'member' : wx ? 'wechat-newcomer' : 'web-newcomer'))
  const [user] = useState(() => session?.user ?? null)
  return (
    <View className='page acc-page'>
      <PageHeader title={who === 'member' ? '使用邀请码' : '开通账号'} subtitle={SUBTITLE[who]} />
      <View className='card acc-card' data-testid={`invite-${who}`}>
        {who === 'wechat-newcomer' && (
          <Text className='acc-card__desc'>
            部门、站点和企业联络员的账号由系统管理员用邀请码开通。填写邀请码和姓名后，账号即与本微信绑定，以后打开自动登录。
          </Text>
        )}
        <RedeemInviteForm who={who} user={user} onDone={backToMe} />
      </View>
      {who === 'web-newcomer' && (
        <View className='card acc-card'>
          <View className='acc-entry' role='button' onClick={() => void Taro.redirectTo({ url: PAGE.signIn })} data-testid='invite-to-sign-in'>
            <View className='acc-entry__text'>
              <Text className='acc-entry__title'>已有账号？</Text>
              <Text className='acc-entry__desc'>用登录账号和密码登录</Text>
            </View>
            <Text className='acc-entry__arrow'>›</Text>
          </View>
        </View>
      )}
    </View>
  )
}

export default InviteView
