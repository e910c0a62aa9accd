import { useState } from 'react'
import { View, Text, Image, Input, Textarea, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { FILING_CATEGORIES, type CategoryId } from '@contract/categories'
import type { AttendanceCode } from '@contract/pairings'
import type { ProblemDetail } from '@contract/problems'
import { LIMITS, raiseProblemInput } from '@contract/schemas'
import { call, toCloudError } from '@/services/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { chinaDay, chinaTime } from '@/utils/china-time'
import { FormField } from '@/components/FormField'
import { PrivacyConsent } from '@/components/PrivacyConsent'
import { dayText } from './dates'
import { FailureAlert } from './form'

/**
 * "今天 18:00" when the code expires today (China time), otherwise the full date and time. A code valid
 * to the end of its day expires at the next midnight: that reads 今天 24:00, not tomorrow's 00:00.
 */
export function expiryText(iso: string, now: Date = new Date()): string {
  const endOfDay = chinaTime(iso) === '00:00'
  const at = endOfDay ? new Date(Date.parse(iso) - 60_000).toISOString() : iso
  const day = chinaDay(at)
  const time = endOfDay ? '24:00' : chinaTime(iso)
  return `${day === chinaDay(now.toISOString()) ? '今天' : dayText(day)} ${time}`
}

async function copy(text: string) {
  try {
    await Taro.setClipboardData({ data: text })
    void Taro.showToast({ title: '签到码已复制', icon: 'none' })
  } catch {
    void Taro.showToast({ title: '复制失败，请长按文字复制', icon: 'none' })
  }
}

/** The organiser's 签到码: a big QR for members to scan, valid only on the activity's day. */
export function AttendanceCodePanel({ activityId, onRefreshCount }: { activityId: string; onRefreshCount: () => Promise<void> }) {
  const [code, setCode] = useState<AttendanceCode | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const show = async () => {
    if (busy) return
    setBusy(true)
    setError(null)
    try {
      setCode(await call('pairings', 'attendanceCode', { id: activityId }))
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card' data-testid='attendance-panel'>
      <Text className='pa-card-title'>活动签到</Text>
      {!code && (
        <Text className='pa-note'>
          请参加活动的党员用微信扫描签到码签到，签到人数自动统计、不能手工填写。签到码只在活动当天有效，不含个人信息。
        </Text>
      )}
      {code && (
        <View className='pa-code' data-testid='attendance-code'>
          {/* drawn by the server as a square PNG data URL: the same picture on WeChat and H5, stretched to the square box */}
          <View className='pa-code__qr'>
            <Image className='pa-code__img' src={code.qrImage} mode='scaleToFill' aria-label='活动签到二维码' data-testid='attendance-qr' />
          </View>
          <Text className='pa-code__expiry' data-testid='code-expiry'>
            {expiryText(code.expiresAt)} 前有效
          </Text>
          <Text className='pa-code__hint'>请党员打开链上通“共建 › 活动签到”扫码；无法扫码时可输入下面的签到码。</Text>
          <Text className='pa-code__token' selectable userSelect data-testid='attendance-token'>
            {code.token}
          </Text>
          <View className='pa-actions'>
            <View className='pa-btn' role='button' onClick={() => void copy(code.token)}>
              <Text>复制签到码</Text>
            </View>
            <View className='pa-btn' role='button' data-testid='refresh-count' onClick={() => void onRefreshCount()}>
              <Text>刷新签到人数</Text>
            </View>
          </View>
        </View>
      )}
      {error && (
        <Text className='pa-error' data-testid='code-error'>
          {error}
        </Text>
      )}
      {!code && (
        <View className={`pa-btn pa-btn--primary pa-btn--block${busy ? ' pa-btn--off' : ''}`} role='button' data-testid='show-attendance-code' onClick={() => void show()}>
          <Text>{busy ? '请稍候…' : '显示签到码'}</Text>
        </View>
      )}
      {/* 复制签到码 uses the clipboard, which WeChat asks consent for */}
      <PrivacyConsent />
    </View>
  )
}

/** 共商发展难题: raise one of the enterprise's problems into the flow, counted for the pair. */
export function RaiseProblemForm({ activityId, onRaised, onCancel }: { activityId: string; onRaised: (p: ProblemDetail) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('')
  const [content, setContent] = useState('')
  const [category, setCategory] = useState<CategoryId | ''>('')
  const form = useFormSubmit()
  const { errors, failure, sending, retrying, clearError } = form

  const submit = async () => {
    const checked = raiseProblemInput.safeParse({ activityId, title, content, category: category || undefined })
    const problem = await form.submit(checked, (data, requestId) => call('pairings', 'raiseProblem', data, { requestId }))
    if (!problem) return
    void Taro.showToast({ title: '已提出', icon: 'success' })
    onRaised(problem)
  }

  const index = FILING_CATEGORIES.findIndex((c) => c.id === category)
  return (
    <View className='card pa-raise' data-testid='raise-form'>
      <Text className='pa-card-title'>提出问题</Text>
      <Text className='pa-note'>把会上梳理的企业难题逐条提出：系统按类别派给承办部门办理，办结并经企业确认解决后计入本结对的“解决问题”。</Text>
      <FormField label='问题标题' required error={errors.title}>
        <Input
          className='form-field__input'
          value={title}
          maxlength={LIMITS.titleMax + 20}
          placeholder='一句话概括，如：新厂区急需招聘焊工'
          onInput={(e) => {
            setTitle(e.detail.value)
            clearError('title')
          }}
          aria-label='问题标题'
        />
      </FormField>
      <FormField label='问题描述' required error={errors.content}>
        <Textarea
          className='form-field__textarea form-field__textarea--short'
          value={content}
          maxlength={LIMITS.contentMax + 200}
          placeholder='企业遇到的情况、影响和希望得到的帮助（至少 10 个字）'
          onInput={(e) => {
            setContent(e.detail.value)
            clearError('content')
          }}
          aria-label='问题描述'
        />
      </FormField>
      <FormField label='问题类别' required error={errors.category}>
        <Picker
          mode='selector'
          range={FILING_CATEGORIES.map((c) => c.label)}
          value={index < 0 ? 0 : index}
          onChange={(e) => {
            const picked = FILING_CATEGORIES[Number(e.detail.value)]
            if (picked) {
              setCategory(picked.id)
              clearError('category')
            }
          }}
          aria-label='问题类别'
        >
          <View className='form-field__picker'>
            {index >= 0 ? <Text>{FILING_CATEGORIES[index].label}</Text> : <Text className='form-field__placeholder'>选择类别，决定由哪个部门承办</Text>}
            <Text className='form-field__arrow'>选择 ›</Text>
          </View>
        </Picker>
      </FormField>
      <FailureAlert failure={failure} />
      <View className='pa-actions'>
        <View className='pa-btn' role='button' onClick={onCancel}>
          <Text>取消</Text>
        </View>
        <View className={`pa-btn pa-btn--primary${sending ? ' pa-btn--off' : ''}`} role='button' data-testid='raise-submit' onClick={() => void submit()}>
          <Text>{sending ? '正在提交…' : retrying ? '重新提交' : '提交问题'}</Text>
        </View>
      </View>
    </View>
  )
}
