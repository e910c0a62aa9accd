import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BookingView } from '@contract/bookings'
import { call, newRequestId, toCloudError } from '@/services/cloud'
import { getSession, grantsOf } from '@/services/session'
import { TAB } from '@/utils/routes'
import { slotText } from '@/utils/china-time'
import './styles.css'

type Outcome = { kind: 'ok' | 'again'; booking: BookingView } | { kind: 'refused'; message: string }

/** 已签到 when this scan checked the person in; 重复签到 when they had been checked in before it. */
export function outcomeOf(booking: BookingView, sentAt: number): Outcome {
  const at = booking.checkedInAt ? new Date(booking.checkedInAt).getTime() : NaN
  return { kind: Number.isFinite(at) && at < sentAt - 5000 ? 'again' : 'ok', booking }
}

/** packages/station-manager/checkin: the station manager's 签到台 (scan or type a code; record a walk-in). */
export function CheckInConsole() {
  const session = getSession()
  const stations = grantsOf(session?.user, 'station')
  const station = stations.find((g) => !!g.scopeId)
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome | null>(null)
  const [onSite, setOnSite] = useState<number | null>(null)
  const weapp = Taro.getEnv() === Taro.ENV_TYPE.WEAPP

  if (!station) {
    return (
      <View className='page'>
        <View className='card signed-out'>
          <Text className='signed-out__title'>签到台仅供站点管理员使用</Text>
          <View className='big-action big-action--primary' onClick={() => void Taro.switchTab({ url: TAB.me })}>
            <Text>以站点管理员登录</Text>
          </View>
        </View>
      </View>
    )
  }

  const checkIn = async (raw: string) => {
    const value = raw.trim()
    if (!value || busy) return
    setBusy(true)
    const sentAt = Date.now()
    try {
      setOutcome(outcomeOf(await call('bookings', 'checkIn', { code: value }, { requestId: newRequestId() }), sentAt))
      setCode('')
    } catch (e) {
      setOutcome({ kind: 'refused', message: toCloudError(e).message })
    } finally {
      setBusy(false)
    }
  }

  const scan = async () => {
    try {
      const r = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      await checkIn(r.result)
    } catch {
      // cancelled
    }
  }

  const walkIn = async () => {
    if (busy) return
    setBusy(true)
    try {
      const r = await call('bookings', 'walkIn', { stationId: station.scopeId as string })
      // the count itself is the confirmation (a toast would cover it)
      setOnSite(r.onSite)
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page'>
      <View className='card'>
        <Text className='console__station'>{station.scopeName ?? station.scopeId}</Text>
        <Text className='muted'>签到台</Text>
      </View>
      {outcome && (
        <View className={`checkin-result checkin-result--${outcome.kind}`} data-testid='checkin-result'>
          <Text className='checkin-result__big'>{outcome.kind === 'ok' ? '已签到' : outcome.kind === 'again' ? '重复签到' : '未能签到'}</Text>
          {outcome.kind === 'refused' ? (
            <Text className='checkin-result__text'>{outcome.message}</Text>
          ) : (
            <Text className='checkin-result__text'>
              {outcome.booking.serviceName} · {slotText(outcome.booking.startsAt, outcome.booking.endsAt)}
            </Text>
          )}
        </View>
      )}
      <View className='card'>
        {weapp && (
          <View className='big-action big-action--primary big-action--block' onClick={() => void scan()} data-testid='scan-code'>
            <Text>扫码签到</Text>
          </View>
        )}
        <Text className='console__label'>{weapp ? '或输入签到码' : '输入签到码'}</Text>
        <Input
          className='console__input'
          value={code}
          placeholder='粘贴或输入预约人出示的签到码'
          onInput={(e) => setCode(e.detail.value)}
          onConfirm={() => void checkIn(code)}
          aria-label='签到码'
          data-testid='code-input'
        />
        <View className={`big-action big-action--primary big-action--block${code.trim() ? '' : ' big-action--off'}`} onClick={() => void checkIn(code)} data-testid='submit-code'>
          <Text>{busy ? '请稍候…' : '签到'}</Text>
        </View>
      </View>
      <View className='card'>
        <Text className='console__label'>未预约的到站人员</Text>
        <View className='big-action big-action--block' onClick={() => void walkIn()} data-testid='walk-in'>
          <Text>登记到站（未预约）</Text>
        </View>
        {onSite !== null && (
          <Text className='console__onsite' data-testid='on-site'>
            在站 {onSite} 人
          </Text>
        )}
      </View>
    </View>
  )
}

export default CheckInConsole
