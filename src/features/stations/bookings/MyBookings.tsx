import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BOOKING_STATUS_LABELS, type BookingView, type CheckInCode } from '@contract/bookings'
import { call, newRequestId, toCloudError } from '@/services/cloud'
import { getSession } from '@/services/session'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PrivacyConsent } from '@/components/PrivacyConsent'
import { TAB } from '@/utils/routes'
import { copyText } from '../actions'
import { chinaTime, slotText } from '@/utils/china-time'
import './styles.css'

const LIVE = new Set(['confirmed', 'waitlisted', 'checked_in'])

/** 即将开始: live bookings whose sitting has not ended; everything else is 已结束. */
export function splitBookings(list: BookingView[], now: Date = new Date()): { upcoming: BookingView[]; past: BookingView[] } {
  const upcoming = list.filter((b) => LIVE.has(b.status) && new Date(b.endsAt).getTime() > now.getTime())
  const past = list.filter((b) => !upcoming.includes(b))
  upcoming.sort((a, b) => a.startsAt.localeCompare(b.startsAt))
  past.sort((a, b) => b.startsAt.localeCompare(a.startsAt))
  return { upcoming, past }
}

function BookingCard({ b, onChanged }: { b: BookingView; onChanged: (b: BookingView) => void }) {
  const [code, setCode] = useState<CheckInCode | null>(null)
  const [busy, setBusy] = useState(false)
  const cancellable = !!b.cancellableUntil && new Date(b.cancellableUntil).getTime() > Date.now() && (b.status === 'confirmed' || b.status === 'waitlisted')

  const cancel = async () => {
    const res = await Taro.showModal({ title: '取消预约', content: `确定取消 ${b.serviceName}（${slotText(b.startsAt, b.endsAt)}）吗？`, confirmText: '取消预约', cancelText: '再想想', confirmColor: '#c8161d' })
    if (!res.confirm) return
    setBusy(true)
    try {
      onChanged(await call('bookings', 'cancel', { id: b.id }, { requestId: newRequestId() }))
      void Taro.showToast({ title: '已取消', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const showCode = async () => {
    setBusy(true)
    try {
      setCode(await call('bookings', 'code', { id: b.id }))
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card booking-card' data-testid='booking-card' data-status={b.status}>
      <View className='booking-card__head'>
        <Text className='booking-card__service'>{b.serviceName}</Text>
        <Text className={`booking-status booking-status--${b.status}`} data-testid='booking-status'>
          {BOOKING_STATUS_LABELS[b.status] ?? b.status}
          {b.status === 'waitlisted' && b.waitlistPosition ? `（第 ${b.waitlistPosition} 位）` : ''}
        </Text>
      </View>
      <Text className='booking-card__when'>{slotText(b.startsAt, b.endsAt)}</Text>
      <Text className='booking-card__where'>
        {b.stationName} · {b.stationAddress}
      </Text>
      {code && (
        <View className='checkin-code' data-testid='checkin-code'>
          {/* the QR image is drawn by the server (a PNG data URL): the same picture on WeChat and H5, no canvas */}
          <View className='checkin-code__qr'>
            <Image className='checkin-code__qr-img' src={code.qrImage} mode='aspectFit' aria-label='签到二维码' data-testid='checkin-qr' />
          </View>
          <Text className='checkin-code__hint checkin-code__hint--center'>到站后请出示给站点管理员扫码；无法扫码时可报签到码</Text>
          <Text className='checkin-code__hint'>签到码（{chinaTime(code.expiresAt)} 前有效）：</Text>
          <Text className='checkin-code__token' selectable userSelect data-testid='checkin-token'>
            {code.token}
          </Text>
          <View className='big-action' onClick={() => void copyText(code.token, '签到码已复制')}>
            <Text>复制签到码</Text>
          </View>
        </View>
      )}
      {(cancellable || b.status === 'confirmed') && (
        <View className='nearby-card__actions'>
          {b.status === 'confirmed' && !code && (
            <View className='big-action big-action--primary' onClick={() => void showCode()} data-testid='show-code'>
              <Text>{busy ? '请稍候…' : '签到码'}</Text>
            </View>
          )}
          {cancellable && (
            <View className='big-action' onClick={() => (busy ? undefined : void cancel())} data-testid='cancel-booking'>
              <Text>取消</Text>
            </View>
          )}
        </View>
      )}
    </View>
  )
}

/** packages/stations/bookings: 我的预约, upcoming first; cancel until the cut-off; 签到码 for the station. */
export function MyBookings() {
  const signedIn = !!getSession()
  const list = useRemote(() => call('bookings', 'mine', {}), [], { enabled: signedIn, refreshOnShow: true })
  if (!signedIn) {
    return (
      <View className='page'>
        <View className='card signed-out'>
          <Text className='signed-out__title'>登录后查看我的预约</Text>
          <View className='big-action big-action--primary' onClick={() => void Taro.switchTab({ url: TAB.me })}>
            <Text>去登录</Text>
          </View>
        </View>
      </View>
    )
  }
  const { upcoming, past } = splitBookings(list.data ?? [])
  const replace = (b: BookingView) => list.mutate((list.data ?? []).map((x) => (x.id === b.id ? b : x)))
  return (
    <View className='page'>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={(list.data ?? []).length === 0}
        emptyTitle='还没有预约'
        emptyDescription='在驿站详情里选择服务和时段即可预约。'
        emptyAction={{ text: '去找驿站', onClick: () => void Taro.switchTab({ url: TAB.stations }) }}
      >
        <View className='section-title'>
          <Text>即将开始</Text>
          <Text className='section-title__extra'>{upcoming.length} 个</Text>
        </View>
        {upcoming.length === 0 && <Text className='muted services-none'>暂无即将开始的预约</Text>}
        {upcoming.map((b) => (
          <BookingCard key={b.id} b={b} onChanged={replace} />
        ))}
        {past.length > 0 && (
          <View className='section-title'>
            <Text>已结束</Text>
            <Text className='section-title__extra'>{past.length} 个</Text>
          </View>
        )}
        {past.map((b) => (
          <BookingCard key={b.id} b={b} onChanged={replace} />
        ))}
      </StateView>
      {/* 复制签到码 uses the clipboard, which WeChat asks consent for */}
      <PrivacyConsent />
    </View>
  )
}

export default MyBookings
