import { useState } from 'react'
import { View, Text, ScrollView } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { AMENITY_LABELS, STATION_TYPE_LABELS, type Station, type StationType } from '@contract/stations'
import { call } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { todayHours } from './hours'
import './styles.css'

const FILTERS: { id: StationType | 'all'; label: string }[] = [
  { id: 'all', label: '全部' },
  ...(Object.keys(STATION_TYPE_LABELS) as StationType[]).map((id) => ({ id, label: STATION_TYPE_LABELS[id] }))
]

const TYPE_HINTS: Record<StationType | 'all', string> = {
  all: '服务站点',
  warm: '暖"新"驿站为快递员、外卖骑手、网约车司机等提供歇脚、饮水、充电、热饭',
  party: '党群服务站在企业“门口办”党员组织关系转接、档案管理等事项',
  redhelp: '红色帮办点提供法律咨询、补贴申报等一站式帮办',
  lab: '共享实验室向产业链企业开放科研设备'
}

function StationCard({ station }: { station: Station }) {
  const hours = todayHours(station)
  return (
    <View className='station-card card' data-testid='station-card'>
      <View className='station-card__head'>
        <Text className='station-card__name'>{station.name}</Text>
        <Text className={`station-card__type station-card__type--${station.type}`}>{STATION_TYPE_LABELS[station.type]}</Text>
      </View>
      <Text className='station-card__address'>
        {station.address.startsWith(station.townName) ? station.address : `${station.townName} · ${station.address}`}
      </Text>
      <View className='station-card__hours'>
        {hours.openNow !== null && (
          <Text className={`station-card__open${hours.openNow ? ' station-card__open--yes' : ''}`}>
            {hours.openNow ? '开放中' : '未开放'}
          </Text>
        )}
        <Text>{hours.text}</Text>
      </View>
      {station.amenities.length > 0 && (
        <View className='station-card__amenities'>
          {station.amenities.map((a) => (
            <Text key={a} className='chip'>
              {AMENITY_LABELS[a] ?? a}
            </Text>
          ))}
        </View>
      )}
      {station.services.length > 0 && (
        <Text className='station-card__services'>可办：{station.services.map((s) => s.name).join('、')}</Text>
      )}
      {station.phone && (
        <View
          className='station-card__phone'
          onClick={() => void Taro.makePhoneCall({ phoneNumber: station.phone as string }).catch(() => undefined)}
        >
          <Text>电话 {station.phone}</Text>
        </View>
      )}
    </View>
  )
}

/** 驿站: every service station, filtered by type; open to everyone without signing in. */
export function StationList() {
  const [type, setType] = useState<StationType | 'all'>('all')
  const list = useRemote(() => call('stations', 'list', type === 'all' ? {} : { type }), [type])
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  const stations = list.data ?? []
  const label = FILTERS.find((f) => f.id === type)?.label ?? ''

  return (
    <View className='page'>
      <PageHeader title='服务驿站' subtitle='歇脚、饮水、充电、帮办，无需登录即可查看' />
      <ScrollView scrollX className='station-filter' enhanced showScrollbar={false}>
        {FILTERS.map((f) => (
          <View
            key={f.id}
            className={`station-filter__item${f.id === type ? ' station-filter__item--active' : ''}`}
            onClick={() => setType(f.id)}
            data-testid={`filter-${f.id}`}
          >
            <Text>{f.label}</Text>
          </View>
        ))}
      </ScrollView>
      {type !== 'all' && <Text className='station-hint'>{TYPE_HINTS[type]}</Text>}
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={stations.length === 0}
        emptyTitle={type === 'all' ? '暂无服务站点' : `暂无${label}`}
        emptyDescription={
          type === 'all'
            ? '站点资料由各镇街和总工会录入，录入后会出现在这里。'
            : '这一类站点还没有录入，可以先看看其他类型的站点。'
        }
        emptyAction={type === 'all' ? { text: '刷新', onClick: () => void list.reload() } : { text: '查看全部站点', onClick: () => setType('all') }}
      >
        <View className='section-title'>
          <Text>{label === '全部' ? '全部站点' : label}</Text>
          <Text className='section-title__extra'>共 {stations.length} 处</Text>
        </View>
        {stations.map((s) => (
          <StationCard key={s.id} station={s} />
        ))}
      </StateView>
    </View>
  )
}

export default StationList
