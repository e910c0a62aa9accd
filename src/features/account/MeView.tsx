import { View } from '@tarojs/components'
import { usesWxCloud } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
// AccountPanel (and its LiteButton) before our other components, so every page orders the shared CSS alike
import { AccountPanel } from './AccountPanel'
import { WebSignedOut, WeChatWelcome } from './SignedOut'
import { PageHeader } from '@/components/PageHeader'
import './styles.css'

/**
 * 我的. Signed in: account, roles, consoles, and the way to 使用邀请码, 修改密码 and 我的数据. Signed out on an
 * HTTP host: the way to 账号登录 and 使用邀请码, and the demo roles while the host is in demo mode. On WeChat
 * nobody signs in: the OPENID is the account (accounts.me), and an unknown one opens an account with an
 * invite code. The forms have their own pages in packages/account, so this tab page carries neither them
 * nor the contract's schemas (zod): the main package stays light.
 */
export function MeView() {
  const session = useSession()
  const wx = usesWxCloud()
  let subtitle = '账号与角色'
  if (!session) subtitle = wx ? '开通账号后提交诉求、处理待办' : '登录后提交诉求、处理待办'
  return (
    <View className='page me-page'>
      <PageHeader title='我的' subtitle={subtitle} />
      {session ? <AccountPanel session={session} /> : wx ? <WeChatWelcome /> : <WebSignedOut />}
    </View>
  )
}

export default MeView
