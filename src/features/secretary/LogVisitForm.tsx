import { useState } from 'react'
import { View, Text, Input, Textarea, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { AssignedEnterprise } from '@contract/secretaries'
import { logVisitInput, LIMITS } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { photoErrors, usePhotoUploads } from '@/hooks/usePhotoUploads'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { PhotoField } from '@/components/PhotoField'
import { FieldCounter, FormField } from '@/components/FormField'
import { locationRefusalText } from '@/services/location'
import { PAGE } from '@/utils/routes'
import { isRefusal, isSecretary } from './access'
import { Refusal } from './Refusal'
import { useVisitLocation } from './useVisitLocation'
import './styles.css'

const NOTE_MIN = 5
const NOTE_MAX = 1000
const ADDRESS_MAX = 120

function LocationRow({ location }: { location: ReturnType<typeof useVisitLocation> }) {
  let hint = '位置只随这条走访记录保存，用于标注走访地点。'
  if (location.status === 'none') {
    hint = location.refused ? locationRefusalText(location.refused) : '可能信号不好或定位太慢。位置只用于标注走访地点，不影响保存。'
  }
  return (
    <FormField
      label='位置'
      optional
      testId='location'
      extra={
        location.status === 'none' && (
          <View className='sec-link' role='button' onClick={location.retry} data-testid='relocate'>
            <Text>重新定位</Text>
          </View>
        )
      }
      hint={<Text data-testid='location-hint'>{hint}</Text>}
    >
      <View className={`sec-location sec-location--${location.status}`} data-testid='location-status' data-status={location.status}>
        {location.status === 'locating' && <Text>正在获取位置…（无需等待，可直接保存）</Text>}
        {location.status === 'located' && <Text>已定位</Text>}
        {location.status === 'none' && <Text>未获取位置（可不填）</Text>}
      </View>
    </FormField>
  )
}

function Form({ enterprises, given }: { enterprises: AssignedEnterprise[]; given?: string }) {
  const known = !!given && enterprises.some((e) => e.enterpriseId === given)
  const [enterpriseId, setEnterpriseId] = useState(known ? (given as string) : enterprises.length === 1 ? enterprises[0].enterpriseId : '')
  const [note, setNote] = useState('')
  const [address, setAddress] = useState('')
  const location = useVisitLocation()
  const photos = usePhotoUploads(LIMITS.photosMax)
  const form = useFormSubmit()
  const { errors, failure, sending, retrying, clearError } = form

  const submit = async () => {
    const position = location.status === 'located' ? location.position : null
    const checked = logVisitInput.safeParse({
      enterpriseId,
      note,
      ...(position ? { lat: position.lat, lng: position.lng } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(photos.ids.length ? { photos: photos.ids } : {})
    })
    const visit = await form.submit(checked, (data, requestId) => call('secretaries', 'logVisit', data, { requestId }), photoErrors(photos, '保存'))
    if (!visit) return
    void Taro.showToast({ title: '走访已记录', icon: 'success' })
    void Taro.redirectTo({ url: PAGE.secretaryVisits })
  }

  const index = enterprises.findIndex((e) => e.enterpriseId === enterpriseId)
  const noteLength = note.trim().length

  return (
    <>
      <View className='card'>
        <FormField label='走访企业' required error={errors.enterpriseId} errorTestId='error-enterpriseId'>
          <Picker
            mode='selector'
            range={enterprises.map((e) => e.name)}
            value={index < 0 ? 0 : index}
            onChange={(ev) => {
              const picked = enterprises[Number(ev.detail.value)]
              if (picked) {
                setEnterpriseId(picked.enterpriseId)
                clearError('enterpriseId')
              }
            }}
            aria-label='走访企业'
          >
            <View className='form-field__picker' data-testid='enterprise-value'>
              {index >= 0 ? (
                <Text className='form-field__ellipsis'>{enterprises[index].name}</Text>
              ) : (
                <Text className='form-field__ellipsis form-field__placeholder'>选择您联系的企业</Text>
              )}
              <Text className='form-field__arrow'>选择 ›</Text>
            </View>
          </Picker>
          {given && !known && <Text className='form-field__hint'>链接中的企业不在您联系的名单中，请从名单中选择。</Text>}
        </FormField>

        <FormField label='走访情况' required error={errors.note} errorTestId='error-note'>
          <Textarea
            className='form-field__textarea'
            value={note}
            maxlength={NOTE_MAX + 100}
            placeholder='见了谁、谈了什么、企业有什么困难和诉求、下一步怎么跟进'
            onInput={(e) => {
              setNote(e.detail.value)
              clearError('note')
            }}
            aria-label='走访情况'
          />
          <FieldCounter length={noteLength} max={NOTE_MAX} prefix={noteLength < NOTE_MIN ? `至少 ${NOTE_MIN} 个字 · ` : undefined} testId='note-counter' />
        </FormField>

        <LocationRow location={location} />

        <FormField label='走访地点' optional error={errors.address} errorTestId='error-address'>
          <Input
            className='form-field__input'
            value={address}
            maxlength={ADDRESS_MAX + 20}
            placeholder='如：企业二楼会议室、生产车间'
            onInput={(e) => {
              setAddress(e.detail.value)
              clearError('address')
            }}
            aria-label='走访地点'
          />
        </FormField>

        <PhotoField uploads={photos} error={errors.photos} hint='现场照片可留作走访凭证。' />
      </View>

      {failure && (
        <View className='sec-failure' data-testid='visit-failure' data-code={failure.code}>
          <Text className='sec-failure__title'>{failure.message}</Text>
          {retrying && <Text className='sec-failure__text'>走访可能已经保存。再点一次“重新提交”不会重复记录。</Text>}
        </View>
      )}
      <View
        className={`sec-btn sec-btn--primary sec-btn--block${sending ? ' sec-btn--off' : ''}`}
        role='button'
        aria-disabled={sending}
        onClick={() => void submit()}
        data-testid='save-visit'
      >
        <Text>{sending ? '正在保存…' : retrying ? '重新提交' : '保存走访记录'}</Text>
      </View>
    </>
  )
}

/** packages/secretary/visit: 记录走访 — for the enterprise in the link, or one picked from the secretary's list. */
export function LogVisitForm({ enterpriseId }: { enterpriseId?: string }) {
  const session = useSession()
  const allowed = isSecretary(session?.user)
  const mine = useRemote(() => call('secretaries', 'mine', {}), [session?.token], { enabled: allowed })
  const header = <PageHeader title='记录走访' subtitle='记下这次走访的情况；位置和照片可不填' />
  if (!session || !allowed) {
    return (
      <View className='page sec-page'>
        {header}
        <Refusal signedIn={!!session} title={session ? '只有第一书记可以记录走访' : '请先登录'} />
      </View>
    )
  }
  if (isRefusal(mine.error)) {
    return (
      <View className='page sec-page'>
        {header}
        <Refusal title={mine.error.message} />
      </View>
    )
  }
  return (
    <View className='page sec-page'>
      {header}
      <StateView
        loading={mine.loading}
        loadingText='正在读取联系的企业…'
        error={mine.error}
        onRetry={() => void mine.reload()}
        empty={!!mine.data && mine.data.length === 0}
        emptyTitle='还没有分配联系的企业'
        emptyDescription='走访记录需关联您联系的企业。企业由区委社会工作部分配，分配后即可记录走访。'
      >
        {mine.data && <Form enterprises={mine.data} given={enterpriseId} />}
      </StateView>
    </View>
  )
}

export default LogVisitForm
