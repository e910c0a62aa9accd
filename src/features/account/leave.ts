import Taro from '@tarojs/taro'
import { TAB } from '@/utils/routes'

/**
 * Back to 我的 after a form page is done (signed in, invite used, password changed): the page below is
 * 我的 when the person came from there; opened on its own (a link, H5 reload) there is nothing to go back
 * to, so switch to the tab. 我的 shows the new session by itself (useSession).
 */
export function backToMe(): void {
  const pages = typeof Taro.getCurrentPages === 'function' ? Taro.getCurrentPages() : []
  if (pages.length > 1) void Taro.navigateBack()
  else void Taro.switchTab({ url: TAB.me })
}
