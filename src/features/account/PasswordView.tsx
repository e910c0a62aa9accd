import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { usesWxCloud } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { PageHeader } from '@/components/PageHeader'
import { StateView } from '@/components/StateView'
import { TAB } from '@/utils/routes'
import { ChangePasswordForm } from './ChangePasswordForm'
import { backToMe } from './leave'
import './styles.css'
import './forms.css'

/** packages/account/password — 修改密码, opened from 我的 → 账号与安全 (HTTP hosts); changed, it goes back to 我的. */
export function PasswordView() {
  const session = useSession()
  const header = <PageHeader title='修改密码' subtitle='定期更换密码，保护账号安全' />
  if (!session || usesWxCloud()) {
    return (
      <View className='page acc-page'>
        {header}
        <StateView
          empty
          emptyTitle={session ? '微信中无需密码' : '请先登录'}
          emptyDescription={session ? '在微信中，链上通按您的微信身份自动登录，没有密码。' : '登录后可以修改您的登录密码。'}
          emptyAction={{ text: session ? '回到「我的」' : '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }
  return (
    <View className='page acc-page'>
      {header}
      <View className='card acc-card'>
        <ChangePasswordForm personId={session.user.id} onDone={backToMe} />
      </View>
    </View>
  )
}

export default PasswordView
