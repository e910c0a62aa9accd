import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { IssuedInvite } from '@contract/accounts'
import { ROLE_LABELS } from '@contract/roles'
import { formatDateTime } from '@/utils/date'
import { Btn } from './parts'

/** The text to send with the code: what it grants, until when, and where to type it. */
export function inviteMessage(invite: IssuedInvite): string {
  const what = invite.scopeName ? `${ROLE_LABELS[invite.role]}（${invite.scopeName}）` : ROLE_LABELS[invite.role]
  return [
    `链上通邀请码：${invite.code}`,
    `开通角色：${what}`,
    `有效期至：${formatDateTime(invite.expiresAt)}`,
    '使用方法：打开链上通，在「我的」页点「使用邀请码」，填写邀请码和姓名。邀请码只能使用一次，请勿转发他人。'
  ].join('\n')
}

/**
 * The code just issued, big, shown this once: only its hash is kept, so once closed nobody can see it
 * again. Copy it (or the whole message) and pass it on.
 */
export function IssuedCode({ invite, onClose }: { invite: IssuedInvite; onClose: () => void }) {
  const [copied, setCopied] = useState(false)

  const copy = async (text: string, what: string) => {
    try {
      await Taro.setClipboardData({ data: text })
      setCopied(true)
      void Taro.showToast({ title: `${what}已复制`, icon: 'none' })
    } catch {
      void Taro.showToast({ title: '复制失败，请手动选中邀请码复制', icon: 'none' })
    }
  }

  const close = async () => {
    if (!copied) {
      const res = await Taro.showModal({
        title: '还没有复制邀请码',
        content: '关闭后这个邀请码将无法再查看。确定关闭吗？（遗失后可撤销它并重新签发）',
        confirmText: '关闭',
        cancelText: '返回'
      })
      if (!res.confirm) return
    }
    onClose()
  }

  return (
    <View className='card adm-issued' data-testid='issued-invite'>
      <Text className='adm-issued__head'>邀请码已签发</Text>
      <Text className='adm-issued__code' selectable userSelect data-testid='issued-code'>
        {invite.code}
      </Text>
      <Text className='adm-issued__what'>
        {ROLE_LABELS[invite.role]}
        {invite.scopeName ? ` · ${invite.scopeName}` : ' · 全区'}
      </Text>
      <Text className='adm-issued__meta'>有效期至 {formatDateTime(invite.expiresAt)} · 只能使用一次</Text>
      {invite.note && <Text className='adm-issued__meta'>备注：{invite.note}</Text>}
      <View className='adm-issued__warning' data-testid='issued-warning'>
        <Text className='adm-issued__warning-title'>邀请码只显示这一次</Text>
        <Text className='adm-issued__warning-text'>
          系统只保存邀请码的摘要，关闭后任何人（包括您）都无法再查看。请现在复制，通过可靠的渠道发给对方；如果遗失，请在下方列表中撤销它，再重新签发。
        </Text>
      </View>
      <View className='adm-issued__buttons'>
        <Btn onClick={() => void copy(invite.code, '邀请码')} testId='copy-code'>
          复制
        </Btn>
        <Btn kind='plain' onClick={() => void copy(inviteMessage(invite), '邀请说明')} testId='copy-message'>
          复制邀请说明
        </Btn>
      </View>
      <Btn kind='plain' onClick={() => void close()} testId='close-issued'>
        {copied ? '已复制，关闭并继续签发' : '关闭'}
      </Btn>
    </View>
  )
}

export default IssuedCode
