import { useEffect, useReducer, useRef } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import {
  addPrivacyHost,
  AGREE_BUTTON_ID,
  answerPrivacy,
  isFrontPrivacyHost,
  listenForPrivacyRequests,
  markPrivacyPromptShown,
  privacyRequestWaiting,
  raisePrivacyHost,
  removePrivacyHost,
  subscribePrivacy
} from '@/services/privacy'
import './index.css'

/** What we use and what for: the same words as the privacy guide registered with WeChat. */
const USES = [
  { what: '位置', why: '查找离您最近的驿站；第一书记记录走访地点。只在您打开这些页面时获取，不在后台获取。' },
  { what: '相册、相机', why: '为诉求、站点反馈、共建活动和走访添加照片，只上传您选中的照片。' },
  { what: '剪贴板', why: '复制驿站地址、签到码，方便您粘贴给他人。' },
  { what: '聊天中的文件', why: '管理员批量导入时，从微信聊天中选择表格（.xlsx、.csv），只读取您选中的那一个文件。' }
] as const

function openGuide() {
  Taro.openPrivacyContract({
    fail: () => void Taro.showToast({ title: '暂时打不开隐私保护指引，请稍后重试', icon: 'none' })
  })
}

function ConsentPopup() {
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const host = useRef<number | null>(null)
  useEffect(() => {
    listenForPrivacyRequests()
    const off = subscribePrivacy(redraw)
    host.current = addPrivacyHost()
    return () => {
      off()
      if (host.current !== null) removePrivacyHost(host.current)
      host.current = null
    }
  }, [])
  // a tab or a page below shown again: its popup is the one in front
  useDidShow(() => {
    if (host.current !== null) raisePrivacyHost(host.current)
  })

  const open = host.current !== null && isFrontPrivacyHost(host.current) && privacyRequestWaiting()
  useEffect(() => {
    if (open) markPrivacyPromptShown()
  }, [open])
  if (!open) return null

  return (
    <View className='privacy-consent' data-testid='privacy-consent' catchMove>
      <View className='privacy-consent__mask' />
      <View className='privacy-consent__panel' role='dialog' aria-label='隐私保护提示'>
        <Text className='privacy-consent__title'>隐私保护提示</Text>
        <Text className='privacy-consent__lead'>使用这项功能前，请阅读并同意《隐私保护指引》。链上通只在您使用相关功能时用到：</Text>
        {USES.map((u) => (
          <View key={u.what} className='privacy-consent__use'>
            <Text className='privacy-consent__what'>{u.what}</Text>
            <Text className='privacy-consent__why'>{u.why}</Text>
          </View>
        ))}
        <Text className='privacy-consent__lead'>我们不会通过微信获取您的手机号码、昵称或头像。</Text>
        <Text className='privacy-consent__link' onClick={openGuide} data-testid='privacy-guide'>
          查看《隐私保护指引》全文
        </Text>
        <View className='privacy-consent__actions'>
          <Button className='privacy-consent__btn' onClick={() => answerPrivacy(false)} data-testid='privacy-disagree'>
            拒绝
          </Button>
          <Button
            id={AGREE_BUTTON_ID}
            className='privacy-consent__btn privacy-consent__btn--agree'
            openType='agreePrivacyAuthorization'
            // WeChat fires this after its own check of the tap; only then may 'agree' be answered
            onAgreePrivacyAuthorization={() => answerPrivacy(true)}
            data-testid='privacy-agree'
          >
            同意
          </Button>
        </View>
        <Text className='privacy-consent__note'>拒绝后仍可浏览，只是用不了定位、照片等功能；需要时再点一次即可重新选择。</Text>
      </View>
    </View>
  )
}

/**
 * WeChat's privacy popup: shown when a page first asks for the position, a photo, the clipboard or a file from a chat, until
 * the person agrees or refuses (services/privacy holds the waiting requests). Put it on every page that
 * uses those; where a page has several, only one shows. Nothing on H5, where browsers ask for themselves.
 */
export function PrivacyConsent() {
  return process.env.TARO_ENV === 'weapp' ? <ConsentPopup /> : null
}

export default PrivacyConsent
