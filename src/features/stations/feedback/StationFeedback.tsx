import { useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { AMENITY_LABELS, type Amenity } from '@contract/stations'
import { LIMITS, stationFeedbackInput } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { photoErrors, usePhotoUploads } from '@/hooks/usePhotoUploads'
import { StateView } from '@/components/StateView'
import { FormField } from '@/components/FormField'
import { PhotoField } from '@/components/PhotoField'
import { problemDetailUrl, TAB } from '@/utils/routes'
import '../styles.css'
import './styles.css'

/** stations.feedback takes at most three photos (a broken tap, the empty water dispenser), not a whole album. */
export const FEEDBACK_PHOTOS_MAX = 3

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
  const photos = usePhotoUploads(FEEDBACK_PHOTOS_MAX)
  const form = useFormSubmit()
  const { errors, failure } = form
  // the photos and the content have their own rows; anything else the server says goes under the form
  const otherError = Object.entries(errors).find(([k]) => k !== 'content' && k !== 'photos')?.[1] ?? null

  const pick = (a: Amenity) => {
    setAmenity(a === amenity ? null : a)
    if (!content.trim() && QUICK[a]) setContent(QUICK[a])
  }

  const submit = async () => {
    const checked = stationFeedbackInput.safeParse({
      stationId,
      content,
      ...(amenity ? { amenity } : {}),
      ...(photos.ids.length ? { photos: photos.ids } : {})
    })
    const detail = await form.submit(checked, (data, requestId) => call('stations', 'feedback', data, { requestId }), photoErrors(photos, '提交'))
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
            {station.data.amenities.length > 0 && (
              <FormField label='哪项设施有问题' optional>
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
              </FormField>
            )}
            <FormField label='遇到的情况' required error={errors.content} errorTestId='feedback-error'>
              <Textarea
                className='form-field__textarea form-field__textarea--short'
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
            </FormField>
            <PhotoField uploads={photos} max={FEEDBACK_PHOTOS_MAX} error={errors.photos} hint='拍下坏了的设施，部门更快弄清情况。' />
          </View>
          {(failure || otherError) && (
            <Text className='feedback__failure' data-testid='feedback-failure'>
              {otherError ?? failure?.message}
            </Text>
          )}
          <View className='big-action big-action--primary big-action--block' onClick={() => void submit()} data-testid='feedback-submit'>
            <Text>{form.sending ? '正在提交…' : form.retrying ? '重新提交' : '提交反馈'}</Text>
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
