import Taro from '@tarojs/taro'
import { StateView } from '@/components/StateView'
import { TAB } from '@/utils/routes'

export const FOR_SECRETARIES = '第一书记的企业、走访与周小结只对第一书记本人开放。如果您是第一书记，请在「我的」以第一书记身份登录；如角色有误请联系区委社会工作部。'

/** Why this page shows nothing to this person, and where to go instead (never a bare 重试). */
export function Refusal({ title, description = FOR_SECRETARIES, signedIn = true }: { title: string; description?: string; signedIn?: boolean }) {
  return (
    <StateView
      empty
      emptyTitle={title}
      emptyDescription={description}
      emptyAction={{ text: signedIn ? '去「我的」切换身份' : '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
    />
  )
}
