import Taro from '@tarojs/taro'
import { StateView } from '@/components/StateView'
import { TAB } from '@/utils/routes'

/** Signed out, or not an administrator: what the console is for and who can use it (like 邀请码管理's). */
export function ConsoleRefusal({ signedIn }: { signedIn: boolean }) {
  return (
    <StateView
      empty
      emptyTitle={signedIn ? '仅系统管理员可以使用管理后台' : '请先登录'}
      emptyDescription={
        signedIn
          ? '管理后台用于维护部门、镇街、产业链、企业、人员与角色、站点和结对等基础数据，只有系统管理员可以使用。如需修改基础数据或开通角色，请联系系统管理员。'
          : '管理后台只对系统管理员开放。请先在「我的」登录系统管理员账号。'
      }
      emptyAction={{ text: signedIn ? '回到「我的」' : '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
    />
  )
}
