import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { call } from '@/services/cloud'
import { adoptWeChatUser } from '@/services/session'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PAGE, TAB } from '@/utils/routes'
import { ActionButton } from './ActionButton'
import { DemoPicker } from './DemoPicker'

/** Riders and couriers need no account: say so wherever sign-in is asked for. */
function NoAccountNeeded() {
  return (
    <View className='acc-note' data-testid='no-account-note'>
      <Text>快递员、外卖骑手找驿站、看开放时间无需登录，</Text>
      <Text className='link' onClick={() => void Taro.switchTab({ url: TAB.stations })}>
        直接去「驿站」›
      </Text>
    </View>
  )
}

const open = (url: string) => () => void Taro.navigateTo({ url })

/**
 * Signed out on an HTTP host (the PC console, self-hosted builds): the way to 账号登录 and to 使用邀请码
 * (their own pages in packages/account), and the demo roles. Signing in there comes back here, signed in.
 */
export function WebSignedOut() {
  return (
    <View className='sign-in'>
      <View className='card acc-card' data-testid='sign-in-entry'>
        <Text className='acc-card__title'>账号登录</Text>
        <Text className='acc-card__desc'>部门经办人、调度员、站点管理员和企业联络员，用系统管理员为您开通的账号登录。</Text>
        <View className='acc-card__action'>
          <ActionButton onClick={open(PAGE.signIn)} testId='open-sign-in'>
            登录
          </ActionButton>
        </View>
      </View>
      <View className='card acc-card' data-testid='invite-entry'>
        <View className='acc-entry' role='button' onClick={open(PAGE.redeemInvite)} data-testid='open-invite'>
          <View className='acc-entry__text'>
            <Text className='acc-entry__title'>使用邀请码</Text>
            <Text className='acc-entry__desc'>第一次使用？用管理员发给您的邀请码开通账号</Text>
          </View>
          <Text className='acc-entry__arrow'>›</Text>
        </View>
      </View>
      <NoAccountNeeded />
      <DemoPicker />
    </View>
  )
}

/**
 * Signed out on WeChat: WeChat already says who this is (the OPENID), so there is no password. accounts.me
 * finds the account; UNAUTHENTICATED means this WeChat user is not known yet: an invite code and a name
 * (on the invite page) open an account bound to it.
 */
export function WeChatWelcome() {
  const me = useRemote(async () => {
    const user = await call('accounts', 'me', {})
    // known: becomes the session, and 我的 turns into the account (this view goes away)
    adoptWeChatUser(user)
    return user
  }, [])

  if (me.error?.code === 'UNAUTHENTICATED') {
    return (
      <View className='sign-in' data-testid='wechat-newcomer'>
        <View className='card acc-card'>
          <Text className='acc-card__title'>开通链上通账号</Text>
          <Text className='acc-card__desc'>
            您的微信还没有开通链上通账号。部门、站点和企业联络员的账号由系统管理员用邀请码开通：请向管理员索取邀请码，填写后账号即与本微信绑定，以后打开自动登录。
          </Text>
          <View className='acc-card__action'>
            <ActionButton onClick={open(PAGE.redeemInvite)} testId='open-invite'>
              填写邀请码
            </ActionButton>
          </View>
        </View>
        <NoAccountNeeded />
      </View>
    )
  }
  return (
    <StateView loading={me.loading || !me.error} loadingText='正在识别您的微信身份…' error={me.error} onRetry={() => void me.reload()} />
  )
}
