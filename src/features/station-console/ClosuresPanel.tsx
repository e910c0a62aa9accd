import { useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { call, newRequestId, toCloudError } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { dayTitle, shiftDay, todayInChina } from './dates'

/** 闭站: days the station closes besides its weekly hours (repairs, events); closing cancels that day's bookings. */
export function ClosuresPanel({ stationId }: { stationId: string }) {
  const settings = useRemote(() => call('stations', 'settings', { id: stationId }), [stationId])
  const today = todayInChina()
  const [date, setDate] = useState(shiftDay(today, 1))
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState(false)

  const change = async (day: string, closed: boolean) => {
    if (busy) return
    if (closed) {
      const { confirm } = await Taro.showModal({
        title: `${dayTitle(day)} 闭站`,
        content: '当天的预约和候补将自动取消，并通知预约人。确定闭站吗？',
        confirmText: '闭站',
        confirmColor: '#c8161d',
        cancelText: '再想想'
      })
      if (!confirm) return
    }
    setBusy(true)
    try {
      const r = await call('stations', 'setClosure', { stationId, date: day, closed, ...(reason.trim() ? { reason: reason.trim() } : {}) }, { requestId: newRequestId() })
      settings.mutate(r)
      setReason('')
      void Taro.showToast({ title: closed ? (r.cancelled ? `已闭站，取消 ${r.cancelled} 个预约` : '已闭站') : '已恢复开放', icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View>
      <View className='card'>
        <Text className='sc-editor__label'>设置闭站日</Text>
        <Picker mode='date' value={date} start={today} onChange={(e) => setDate(String(e.detail.value))}>
          <View className='sc-field'>
            <Text className='sc-field__label'>日期</Text>
            <Text className='sc-field__value' data-testid='closure-date'>
              {dayTitle(date)}
            </Text>
          </View>
        </Picker>
        <View className='sc-field'>
          <Text className='sc-field__label'>原因</Text>
          <Input
            className='sc-field__input sc-field__input--wide'
            value={reason}
            maxlength={40}
            placeholder='如：设备检修（可不填）'
            onInput={(e) => setReason(e.detail.value)}
            aria-label='闭站原因'
            data-testid='closure-reason'
          />
        </View>
        <View className='sc-btn sc-btn--primary' onClick={() => void change(date, true)} data-testid='close-day'>
          <Text>这天闭站</Text>
        </View>
      </View>
      <View className='section-title'>
        <Text>已设的闭站日</Text>
      </View>
      <StateView loading={settings.loading} error={settings.error} onRetry={() => void settings.reload()}>
        {settings.data &&
          (settings.data.closures.length === 0 ? (
            <StateView empty emptyTitle='没有闭站日' emptyDescription='站点按每周开放时间营业；法定节假日是否开放以站点设置为准。' />
          ) : (
            settings.data.closures.map((d) => (
              <View key={d} className='card sc-closure' data-testid='closure'>
                <Text className='sc-closure__date'>{dayTitle(d)}</Text>
                <Text className='sc-link' onClick={() => void change(d, false)} data-testid='reopen-day'>
                  恢复开放
                </Text>
              </View>
            ))
          ))}
      </StateView>
    </View>
  )
}
