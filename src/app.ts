import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { call, usesWxCloud } from '@/services/cloud'
import { adoptWeChatUser } from '@/services/session'
import { listenForPrivacyRequests } from '@/services/privacy'
import './app.css'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat's privacy requests are listened for once, before any page asks for a position or a photo;
    // the pages' PrivacyConsent popups answer them (nothing happens outside the mini program)
    listenForPrivacyRequests()
    // On WeChat the OPENID is the account: learn at launch who that is (roles may have changed since the
    // last visit), so every page — not only 我的 — knows the user. Unknown users get the invite form on 我的.
    if (usesWxCloud()) void call('accounts', 'me', {}).then(adoptWeChatUser, () => undefined)
  })
  return children
}

export default App
