import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { AMENITY_LABELS, type Amenity } from '@contract/stations'
import { LIMITS, stationFeedbackInput } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { problemDetailUrl, TAB } from '@/utils/routes'
import '../styles.css'
import './styles.css'

/** The one-tap starters a rider is most likely to need. */
const QUICK: Record<string, string> = {
  water: '饮水机没有热水了',
  charging: '充电口不能用了',
  microwave: '微波炉坏了',
  toilet: '卫生间需要打扫',
  rest: '休息区座位不够',
  first_aid: '应急药箱缺药品了',
  shelter: '避雨区漏雨',
  wifi: '无线网络连不上'
}

function Form({ stationId }: { stationId: string }) {
  const station = useRemote(() => call('stations', 'get', { id: stationId }), [stationId])
  const [amenity, setAmenity] = useState<Amenity | null>(null)
  const [content, setContent] = useState('')
  const form = useFormSubmit()
  const error = Object.values(form.errors)[0] ?? form.failure?.message ?? null

  const pick = (a: Amenity) => {
    setAmenity(a === amenity ? null : a)
    if (!content.trim() && QUICK[a]) setContent(QUICK[a])
  }

  const submit = async () => {
    const checked = stationFeedbackInput.safeParse({ stationId, content, ...(amenity ? { amenity } : {}) })
    const detail = await form.submit(checked, (data, requestId) => call('stations', 'feedback', data, { requestId }))
    if (!detail) return
    void Taro.showToast({ title: '已反馈', icon: 'success' })
    void Taro.redirectTo({ url: problemDetailUrl(detail.id) })
  }

  return (
    <StateView loading={station.loading} error={station.error} onRetry={() => void station.reload()}>
      {station.data && (
        <>
          <View className='card'>
            <Text className='feedback__station'>{station.data.name}</Text>
            <Text className='muted'>反馈会直接派给站点的主管部门办理，并告知站点管理员；办理结果请在「我的诉求」里确认。</Text>
          </View>
          <View className='card'>
            <Text className='feedback__label'>哪项设施有问题（可不选）</Text>
            <View className='feedback__amenities'>
              {station.data.amenities.map((a) => (
                <View
                  key={a}
                  className={`feedback__amenity${a === amenity ? ' feedback__amenity--on' : ''}`}
                  onClick={() => pick(a)}
                  data-testid={`feedback-amenity-${a}`}
                >
                  <Text>{AMENITY_LABELS[a]}</Text>
                </View>
              ))}
            </View>
            <Text className='feedback__label'>遇到的情况</Text>
            <Textarea
              className='feedback__textarea'
              value={content}
              maxlength={LIMITS.feedbackMax}
              placeholder='例如：饮水机没有热水了'
              onInput={(e) => {
                setContent(e.detail.value)
                form.clearError('content')
              }}
              aria-label='遇到的情况'
              data-testid='feedback-content'
            />
            {error && (
              <Text className='feedback__error' data-testid='feedback-error'>
                {error}
              </Text>
            )}
            <View className='big-action big-action--primary big-action--block' onClick={() => void submit()} data-testid='feedback-submit'>
              <Text>{form.sending ? '正在提交…' : '提交反馈'}</Text>
            </View>
          </View>
        </>
      )}
    </StateView>
  )
}

/** packages/stations/feedback?id=: tell the station's department what is wrong ("没热水了"). */
export function StationFeedback() {
  const session = useSession()
  const stationId = useRouter().params.id ?? ''
  return (
    <View className='page'>
      {session ? (
        <Form stationId={stationId} />
      ) : (
        <StateView
          empty
          emptyTitle='请先登录'
          emptyDescription='反馈需要登录，方便主管部门把处理结果告诉您。找驿站、看开放时间不需要登录。'
          emptyAction={{ text: '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      )}
    </View>
  )
}

export default StationFeedback
