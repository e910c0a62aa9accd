import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { BOOKING_STATUS_LABELS, type BookingStatus } from '@contract/bookings'
import type { ConsoleSitting } from '@contract/station-console'
import { call, newRequestId, toCloudError } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { chinaTime } from '@/utils/china-time'
import { PAGE, problemDetailUrl } from '@/utils/routes'
import { dayTitle, shiftDay, todayInChina } from './dates'

const STATUS_TONE: Record<BookingStatus, string> = {
  confirmed: 'blue',
  waitlisted: 'amber',
  checked_in: 'green',
  no_show: 'red',
  cancelled: 'grey'
}

/** Check-in from the list only makes sense on the day itself (the server still applies the window). */
function Sitting({ s, today, onChanged }: { s: ConsoleSitting; today: boolean; onChanged: () => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const arrive = async (id: string) => {
    if (busy) return
    setBusy(id)
    try {
      await call('bookings', 'markArrived', { id }, { requestId: newRequestId() })
      void Taro.showToast({ title: '已签到', icon: 'success' })
      onChanged()
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='card sc-sitting' data-testid='console-sitting'>
      <View className='sc-sitting__head'>
        <Text className='sc-sitting__time'>
          {chinaTime(s.startsAt)}–{chinaTime(s.endsAt)}
        </Text>
        <Text className='sc-sitting__service'>{s.serviceName}</Text>
      </View>
      <Text className='sc-sitting__counts' data-testid='sitting-counts'>
        名额 {s.capacity} · 已约 {s.taken} · 已签到 {s.checkedIn}
        {s.waitlisted ? ` · 候补 ${s.waitlisted}` : ''}
        {s.noShows ? ` · 未到 ${s.noShows}` : ''}
      </Text>
      {s.bookings.length === 0 ? (
        <Text className='muted'>暂无预约</Text>
      ) : (
        s.bookings.map((b) => (
          <View key={b.id} className='sc-person' data-testid='console-booking'>
            <Text className='sc-person__name'>{b.personName}</Text>
            <Text className='sc-person__phone'>{b.phone ?? ''}</Text>
            <Text className={`sc-tag sc-tag--${STATUS_TONE[b.status]}`}>
              {b.status === 'waitlisted' && b.waitlistPosition ? `候补第 ${b.waitlistPosition} 位` : BOOKING_STATUS_LABELS[b.status]}
            </Text>
            {today && b.status === 'confirmed' && (
              <Text className='sc-arrive' onClick={() => void arrive(b.id)} data-testid='mark-arrived'>
                {busy === b.id ? '…' : '签到'}
              </Text>
            )}
          </View>
        ))
      )}
    </View>
  )
}

/** 今日: the chosen day's sittings with their people, walk-ins, who is here now, open feedback. */
export function DayPanel({ stationId }: { stationId: string }) {
  const today = todayInChina()
  const [date, setDate] = useState(today)
  const day = useRemote(() => call('stations', 'day', { stationId, date }), [stationId, date], { refreshOnShow: true })
  const d = day.data
  const [showAll, setShowAll] = useState(false)
  const isToday = date === today
  // a round-the-clock service has dozens of sittings a day: show those with people (and, today, those
  // still to come) unless asked for all
  const now = Date.now()
  const sittings = d?.sittings ?? []
  const shown = showAll ? sittings : sittings.filter((s) => s.bookings.length > 0 || (isToday && Date.parse(s.endsAt) > now && Date.parse(s.startsAt) - now < 3 * 3600_000))
  const hidden = sittings.length - shown.length
  const go = (n: number) => {
    setDate(shiftDay(date, n))
    setShowAll(false)
  }

  return (
    <View>
      <View className='sc-daybar'>
        <Text className='sc-daybar__step' onClick={() => go(-1)} data-testid='day-prev'>
          ‹ 前一天
        </Text>
        <Text className='sc-daybar__title' data-testid='day-title'>
          {date === today ? `今天 · ${dayTitle(date)}` : dayTitle(date)}
        </Text>
        <Text className='sc-daybar__step' onClick={() => go(1)} data-testid='day-next'>
          后一天 ›
        </Text>
      </View>
      <StateView loading={day.loading} error={day.error} onRetry={() => void day.reload()}>
        {d && (
          <>
            <View className='sc-stats'>
              {isToday && (
                <View className='sc-stat'>
                  <Text className='sc-stat__n' data-testid='stat-onsite'>
                    {d.onSite}
                  </Text>
                  <Text className='sc-stat__label'>在站（近 1 小时）</Text>
                </View>
              )}
              <View className='sc-stat'>
                <Text className='sc-stat__n'>{d.sittings.reduce((n, s) => n + s.taken, 0)}</Text>
                <Text className='sc-stat__label'>当天预约</Text>
              </View>
              <View className='sc-stat'>
                <Text className='sc-stat__n'>{d.walkIns}</Text>
                <Text className='sc-stat__label'>到站登记</Text>
              </View>
            </View>
            <View className='sc-btn sc-btn--primary' onClick={() => void Taro.navigateTo({ url: PAGE.stationCheckIn })} data-testid='open-checkin'>
              <Text>去签到台（扫码 / 输入签到码）</Text>
            </View>

            {d.openFeedback.length > 0 && (
              <>
                <View className='section-title'>
                  <Text>待解决的反馈（{d.openFeedback.length}）</Text>
                </View>
                {d.openFeedback.map((p) => (
                  <View key={p.id} className='card sc-feedback' onClick={() => void Taro.navigateTo({ url: problemDetailUrl(p.id) })} data-testid='console-feedback'>
                    <Text className='sc-feedback__title'>{p.title}</Text>
                    <Text className='muted'>
                      {p.number} · {p.leadDepartmentName ?? '待分派'}
                    </Text>
                  </View>
                ))}
              </>
            )}

            <View className='section-title'>
              <Text>时段与预约</Text>
            </View>
            {d.closed ? (
              <StateView empty emptyTitle='当天闭站' emptyDescription='这一天已设为闭站，不接受预约。可在「闭站」中恢复开放。' />
            ) : d.sittings.length === 0 ? (
              <StateView empty emptyTitle='当天没有可预约的时段' emptyDescription='服务的每周时段里没有这一天，或当天是节假日。可在「服务时段」中调整。' />
            ) : (
              <>
                {shown.length === 0 && <Text className='muted sc-note'>当天的 {sittings.length} 个时段都还没有人预约。</Text>}
                {shown.map((s) => (
                  <Sitting key={s.slotId} s={s} today={isToday} onChanged={() => void day.refresh()} />
                ))}
                {hidden > 0 && (
                  <Text className='sc-more' onClick={() => setShowAll(true)} data-testid='show-all-sittings'>
                    显示全部 {sittings.length} 个时段（另有 {hidden} 个无人预约）
                  </Text>
                )}
              </>
            )}
          </>
        )}
      </StateView>
    </View>
  )
}
