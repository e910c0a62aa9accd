import Taro from '@tarojs/taro'
import { StateView } from '@/components/StateView'
import { TAB } from '@/utils/routes'
import { FOR_DISTRICT } from './access'

/** Why this page shows nothing to this person, and where to go instead (never a bare 重试). */
export function Refusal({ title, signedIn = true }: { title: string; signedIn?: boolean }) {
  return (
    <StateView
      empty
      emptyTitle={title}
      emptyDescription={FOR_DISTRICT}
      emptyAction={{ text: signedIn ? '去「我的」切换身份' : '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
    />
  )
}
