import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usesWxCloud } from '@/services/cloud'
import { PageHeader } from '@/components/PageHeader'
import { StateView } from '@/components/StateView'
import { PAGE, TAB } from '@/utils/routes'
import { SignInForm } from './SignInForm'
import { backToMe } from './leave'
import './styles.css'
import './forms.css'

/**
 * packages/account/sign-in — 账号登录 on HTTP hosts (the PC console, self-hosted builds), opened from 我的.
 * Signed in, it goes back to 我的, which shows the account. On WeChat nobody signs in with a password.
 */
export function SignInView() {
  const header = <PageHeader title='账号登录' subtitle='部门经办人、调度员、站点管理员和企业联络员，用系统管理员为您开通的账号登录' />
  if (usesWxCloud()) {
    return (
      <View className='page acc-page'>
        {header}
        <StateView
          empty
          emptyTitle='微信中无需密码'
          emptyDescription='在微信中，链上通按您的微信身份自动登录。还没有账号，请在「我的」用邀请码开通。'
          emptyAction={{ text: '回到「我的」', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }
  return (
    <View className='page acc-page'>
      {header}
      <View className='card acc-card'>
        <SignInForm onDone={backToMe} />
      </View>
      <View className='card acc-card'>
        <View className='acc-entry' role='button' onClick={() => void Taro.redirectTo({ url: PAGE.redeemInvite })} data-testid='sign-in-to-invite'>
          <View className='acc-entry__text'>
            <Text className='acc-entry__title'>第一次使用？</Text>
            <Text className='acc-entry__desc'>用管理员发给您的邀请码开通账号</Text>
          </View>
          <Text className='acc-entry__arrow'>›</Text>
        </View>
      </View>
    </View>
  )
}

export default SignInView
