import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { call } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { dayTitle } from './dates'

const RANGES = [7, 14, 30] as const

const percent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`)

/** 统计: per day, bookings by outcome and walk-ins; the no-show rate over sittings already decided. */
export function FiguresPanel({ stationId }: { stationId: string }) {
  const [days, setDays] = useState<(typeof RANGES)[number]>(14)
  const figures = useRemote(() => call('stations', 'figures', { stationId, days }), [stationId, days])
  const f = figures.data
  const peak = f ? Math.max(1, ...f.days.map((d) => d.booked + d.walkIns)) : 1
  return (
    <View>
      <View className='sc-ranges'>
        {RANGES.map((n) => (
          <Text key={n} className={`sc-chip${n === days ? ' sc-chip--on' : ''}`} onClick={() => setDays(n)} data-testid={`range-${n}`}>
            近 {n} 天
          </Text>
        ))}
      </View>
      <StateView loading={figures.loading} error={figures.error} onRetry={() => void figures.reload()}>
        {f && (
          <>
            <View className='sc-stats'>
              <View className='sc-stat'>
                <Text className='sc-stat__n' data-testid='total-booked'>
                  {f.totals.booked}
                </Text>
                <Text className='sc-stat__label'>预约</Text>
              </View>
              <View className='sc-stat'>
                <Text className='sc-stat__n'>{f.totals.checkedIn}</Text>
                <Text className='sc-stat__label'>签到</Text>
              </View>
              <View className='sc-stat'>
                <Text className='sc-stat__n'>{f.totals.walkIns}</Text>
                <Text className='sc-stat__label'>到站登记</Text>
              </View>
              <View className='sc-stat'>
                <Text className='sc-stat__n'>{percent(f.noShowRate)}</Text>
                <Text className='sc-stat__label'>爽约率</Text>
              </View>
            </View>
            <View className='card sc-table' data-testid='figures-table'>
              <View className='sc-row sc-row--head'>
                <Text className='sc-row__date'>日期</Text>
                <Text className='sc-row__n'>预约</Text>
                <Text className='sc-row__n'>签到</Text>
                <Text className='sc-row__n'>未到</Text>
                <Text className='sc-row__n'>取消</Text>
                <Text className='sc-row__n'>登记</Text>
              </View>
              {[...f.days].reverse().map((d) => (
                <View key={d.date} className='sc-row' data-testid='figures-day'>
                  <View className='sc-row__date'>
                    <Text>{dayTitle(d.date)}</Text>
                    <View className='sc-bar'>
                      <View className='sc-bar__fill' style={{ width: `${((d.booked + d.walkIns) / peak) * 100}%` }} />
                    </View>
                  </View>
                  <Text className='sc-row__n'>{d.booked}</Text>
                  <Text className='sc-row__n'>{d.checkedIn}</Text>
                  <Text className={`sc-row__n${d.noShows ? ' sc-row__n--red' : ''}`}>{d.noShows}</Text>
                  <Text className='sc-row__n'>{d.cancelled}</Text>
                  <Text className='sc-row__n'>{d.walkIns}</Text>
                </View>
              ))}
            </View>
            <Text className='muted sc-note'>按时段所在日期统计预约；爽约率 = 未到 ÷（签到 + 未到），尚未开始的预约不计入。</Text>
          </>
        )}
      </StateView>
    </View>
  )
}
