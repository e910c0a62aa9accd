import { useState } from 'react'
import { View, Text, Input, Textarea, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { ACTIVITY_TYPES, type ActivityType, type PairingDetail } from '@contract/pairings'
import { postActivityInput } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { photoErrors, usePhotoUploads } from '@/hooks/usePhotoUploads'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { StateView } from '@/components/StateView'
import { PhotoField } from '@/components/PhotoField'
import { FieldCounter, FormField } from '@/components/FormField'
import { activityDetailUrl, pairingDetailUrl } from '@/utils/routes'
import { chinaToday, dayText } from './dates'
import { FailureAlert } from './form'
import { PairSides, SignInFirst } from './shared'
import './list.css'
import './styles.css'

export const SUMMARY_MAX = 2000

/** What a pair may record: a mentoring pair only its 青蓝结对交流; a branch pair the six and 自选动作. */
export function typesFor(kind: PairingDetail['kind']): (typeof ACTIVITY_TYPES)[number][] {
  return ACTIVITY_TYPES.filter((t) => (kind === 'mentoring' ? t.id === 'mentoring' : t.id !== 'mentoring'))
}

function Form({ pairing }: { pairing: PairingDetail }) {
  const types = typesFor(pairing.kind)
  const today = chinaToday()
  const [type, setType] = useState<ActivityType | ''>(types.length === 1 ? types[0].id : '')
  const [title, setTitle] = useState('')
  const [heldOn, setHeldOn] = useState(today)
  const [place, setPlace] = useState('')
  const [summary, setSummary] = useState('')
  const photos = usePhotoUploads()
  const form = useFormSubmit()
  const { errors, failure, sending, retrying, clearError } = form

  const submit = async () => {
    const checked = postActivityInput.safeParse({
      pairingId: pairing.id,
      type: type || undefined,
      title,
      heldOn,
      place,
      summary,
      ...(photos.ids.length ? { photos: photos.ids } : {})
    })
    const activity = await form.submit(checked, (data, requestId) => call('pairings', 'postActivity', data, { requestId }), photoErrors(photos, '发布'))
    if (!activity) return
    void Taro.showToast({ title: '已记录', icon: 'success' })
    void Taro.redirectTo({ url: activityDetailUrl(activity.id) })
  }

  const summaryLength = summary.trim().length

  return (
    <View className='page'>
      <View className='card pa-form-pair'>
        <Text className='pa-form-pair__label'>为这个结对记录一次活动</Text>
        <PairSides pairing={pairing} />
      </View>
      <View className='card'>
        <FormField label='活动类型' required error={errors.type}>
          {types.length === 1 ? (
            <Text className='form-field__static' data-testid='type-fixed'>
              {types[0].label}
            </Text>
          ) : (
            <View className='pa-type-picks' role='radiogroup' aria-label='活动类型'>
              {types.map((t) => (
                <View
                  key={t.id}
                  className={`pa-type-pick${type === t.id ? ' pa-type-pick--on' : ''}`}
                  role='radio'
                  aria-checked={type === t.id}
                  data-testid={`pick-${t.id}`}
                  onClick={() => {
                    setType(t.id)
                    clearError('type')
                  }}
                >
                  <Text>{t.label}</Text>
                </View>
              ))}
            </View>
          )}
        </FormField>

        <FormField label='活动名称' required error={errors.title}>
          <Input
            className='form-field__input'
            value={title}
            maxlength={80}
            placeholder={pairing.kind === 'mentoring' ? '如：第三季度青蓝结对面谈' : '如：“学习二十大 奋进新征程”联合主题党日'}
            onInput={(e) => {
              setTitle(e.detail.value)
              clearError('title')
            }}
            aria-label='活动名称'
          />
        </FormField>

        <FormField label='活动日期' required error={errors.heldOn} hint='签到码只在活动当天有效：当天的活动记录后即可出示签到码。'>
          <Picker
            mode='date'
            value={heldOn}
            end={today}
            onChange={(e) => {
              const value = String(e.detail.value)
              if (/^\d{4}-\d{2}-\d{2}$/.test(value)) setHeldOn(value)
              clearError('heldOn')
            }}
            aria-label='活动日期'
          >
            <View className='form-field__picker' data-testid='held-on'>
              <Text>
                {dayText(heldOn)}
                {heldOn === today ? '（今天）' : ''}
              </Text>
              <Text className='form-field__arrow'>选择 ›</Text>
            </View>
          </Picker>
        </FormField>

        <FormField label='活动地点' required error={errors.place}>
          <Input
            className='form-field__input'
            value={place}
            maxlength={100}
            placeholder='如：村田智能公司党群服务中心'
            onInput={(e) => {
              setPlace(e.detail.value)
              clearError('place')
            }}
            aria-label='活动地点'
          />
        </FormField>

        <FormField
          label='活动内容'
          required
          error={errors.summary}
          extra={<FieldCounter length={summaryLength} max={SUMMARY_MAX} testId='summary-counter' />}
        >
          <Textarea
            className='form-field__textarea'
            value={summary}
            maxlength={SUMMARY_MAX + 200}
            placeholder='参加人员、活动过程、形成的共识或成果（至少 10 个字）'
            onInput={(e) => {
              setSummary(e.detail.value)
              clearError('summary')
            }}
            aria-label='活动内容'
          />
        </FormField>

        <PhotoField uploads={photos} error={errors.photos} hint='活动现场照片，第一张作为动态封面。' />
      </View>

      <FailureAlert failure={failure} />
      <Text className='pa-form-note'>发布后活动会出现在结对页面和共建动态中，计入年度计划进度。</Text>
      <Button type='primary' size='large' block disabled={sending} onClick={() => void submit()}>
        {sending ? '正在发布…' : retrying ? '重新发布' : '发布活动'}
      </Button>
    </View>
  )
}

/** packages/pairings/post?pairingId=: record an activity of a pair (type, title, date, place, summary, photos). */
export function PostActivityForm({ pairingId }: { pairingId: string }) {
  const session = useSession()
  const signedIn = !!session
  const pair = useRemote(() => call('pairings', 'get', { id: pairingId }), [pairingId, session?.user.id], { enabled: signedIn && !!pairingId })
  if (!signedIn) {
    return <SignInFirst title='请先登录' description='记录共建活动需要登录：结对双方的联系人、联系企业的第一书记和区委社会工作部可以记录。' />
  }
  if (!pairingId) {
    return (
      <View className='page'>
        <StateView empty emptyTitle='没有指定结对' emptyDescription='请在结对页面点“记录活动”进入。' />
      </View>
    )
  }
  const d = pair.data
  if (!d) {
    return (
      <View className='page'>
        <StateView loading={pair.loading} error={pair.error} onRetry={() => void pair.reload()} />
      </View>
    )
  }
  if (!d.canPost) {
    return (
      <View className='page'>
        <StateView
          empty
          emptyTitle='您不能为这个结对记录活动'
          emptyDescription='只有这个结对双方的联系人、联系企业的第一书记和区委社会工作部可以记录活动。如需记录，请联系区委社会工作部登记为联系人。'
          emptyAction={{ text: '返回结对页面', onClick: () => void Taro.redirectTo({ url: pairingDetailUrl(pairingId) }) }}
        />
      </View>
    )
  }
  return <Form key={d.id} pairing={d} />
}

export default PostActivityForm
