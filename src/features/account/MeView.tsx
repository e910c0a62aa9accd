import { View } from '@tarojs/components'
import { useSession } from '@/hooks/useSession'
// NutUI (via AccountPanel) before our own components, so every page orders the shared CSS alike
import { AccountPanel } from './AccountPanel'
import { SignInPanel } from './SignInPanel'
import { PageHeader } from '@/components/PageHeader'
import './styles.css'

/** 我的: demo sign-in when signed out; account, roles and consoles when signed in. */
export function MeView() {
  const session = useSession()
  return (
    <View className='page'>
      <PageHeader title='我的' subtitle={session ? '账号与角色' : '登录后提交诉求、处理待办'} />
      {session ? <AccountPanel session={session} /> : <SignInPanel />}
    </View>
  )
}

export default MeView
