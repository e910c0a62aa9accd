import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { BookingView, SlotView } from '@contract/bookings'
import { call, newRequestId, toCloudError } from '@/services/cloud'
import { getSession } from '@/services/session'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { chinaDay, chinaTime, dayLabel, slotText } from '@/utils/china-time'

/** The outcome of a booking, as the toast says it. */
export function bookedMessage(b: BookingView): string {
  return b.status === 'waitlisted' ? `已加入候补（第 ${b.waitlistPosition ?? '?'} 位）` : '预约成功'
}

function slotState(s: SlotView): { text: string; tone: 'ok' | 'full' | 'off' } {
  if (!s.bookable) return { text: s.reason ?? '暂不可预约', tone: 'off' }
  if (s.remaining <= 0) return { text: s.waitlisted ? `已满（可候补，${s.waitlisted} 人候补中）` : '已满（可候补）', tone: 'full' }
  return { text: `余 ${s.remaining} 位`, tone: 'ok' }
}

/** One service's sittings: a strip of days, then the day's sittings with places left; tap to book. */
export function SlotList({ serviceId, serviceName }: { serviceId: string; serviceName: string }) {
  const slots = useRemote(() => call('bookings', 'slots', { serviceId, days: 7 }), [serviceId], { refreshOnShow: true })
  const [day, setDay] = useState<string | null>(null)
  const [busy, setBusy] = useState<string | null>(null)
  // one request id per slot, reused when the same booking is retried after a network failure
  const intents = useRef(new Map<string, string>())

  const all = slots.data ?? []
  const days = Array.from(new Set(all.map((s) => chinaDay(s.startsAt))))
  const shownDay = day && days.includes(day) ? day : days[0]
  const shown = all.filter((s) => chinaDay(s.startsAt) === shownDay)

  const book = async (s: SlotView) => {
    if (busy) return
    const full = s.remaining <= 0
    const res = await Taro.showModal({
      title: full ? '加入候补' : '确认预约',
      content: `${serviceName}\n${slotText(s.startsAt, s.endsAt)}${full ? '\n名额已满，有人取消时按顺序为您预约。' : ''}`,
      confirmText: full ? '候补' : '预约',
      confirmColor: '#c8161d'
    })
    if (!res.confirm) return
    let requestId = intents.current.get(s.id)
    if (!requestId) {
      requestId = newRequestId()
      intents.current.set(s.id, requestId)
    }
    setBusy(s.id)
    try {
      const booking = await call('bookings', 'book', { slotId: s.id }, { requestId })
      intents.current.delete(s.id)
      void Taro.showToast({ title: bookedMessage(booking), icon: booking.status === 'waitlisted' ? 'none' : 'success' })
      void slots.refresh()
    } catch (e) {
      const err = toCloudError(e)
      // a refusal will not change on retry: forget the intent; a network failure keeps it for the retry
      if (err.code !== 'UNAVAILABLE') intents.current.delete(s.id)
      void Taro.showToast({ title: err.message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }

  return (
    <StateView
      loading={slots.loading}
      error={slots.error}
      onRetry={() => void slots.reload()}
      empty={all.length === 0}
      emptyTitle='近期没有可预约的时段'
      emptyDescription='站点排班后会出现在这里。'
    >
      {!getSession() && <Text className='slots__hint'>登录后才能预约（在「我的」选择身份登录）</Text>}
      <View className='day-strip' data-testid='day-strip'>
        {days.map((d) => {
          const l = dayLabel(d)
          return (
            <View key={d} className={`day-strip__day${d === shownDay ? ' day-strip__day--on' : ''}`} onClick={() => setDay(d)} data-testid={`day-${d}`}>
              <Text className='day-strip__title'>{l.title}</Text>
              <Text className='day-strip__weekday'>{l.weekday}</Text>
            </View>
          )
        })}
      </View>
      {shown.map((s) => {
        const st = slotState(s)
        return (
          <View
            key={s.id}
            className={`slot slot--${st.tone}`}
            data-testid='slot'
            onClick={() => (s.bookable ? void book(s) : undefined)}
            aria-disabled={!s.bookable}
          >
            <Text className='slot__time'>
              {chinaTime(s.startsAt)}–{chinaTime(s.endsAt)}
            </Text>
            <Text className='slot__state' data-testid='slot-state'>
              {st.text}
            </Text>
            {s.bookable && <Text className='slot__go'>{busy === s.id ? '提交中…' : s.remaining > 0 ? '预约' : '候补'}</Text>}
          </View>
        )
      })}
    </StateView>
  )
}
