import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useSession } from '@/hooks/useSession'
import { grantsOf } from '@/services/session'
import { Tabs, type TabItem } from '@/components/Tabs'
import { StateView } from '@/components/StateView'
import { TAB } from '@/utils/routes'
import { DayPanel } from './DayPanel'
import { ServicesPanel } from './ServicesPanel'
import { ClosuresPanel } from './ClosuresPanel'
import { FiguresPanel } from './FiguresPanel'
import { PhotosPanel } from './PhotosPanel'
import './styles.css'

type Panel = 'day' | 'services' | 'closures' | 'photos' | 'figures'

const PANELS: readonly TabItem<Panel>[] = [
  { key: 'day', label: '今日' },
  { key: 'services', label: '服务时段' },
  { key: 'closures', label: '闭站' },
  { key: 'photos', label: '照片' },
  { key: 'figures', label: '统计' }
]

/** packages/station-manager/console: 站点工作台 — the day's bookings, services and sittings, closures, photos, figures. */
export function StationConsole() {
  const session = useSession()
  const stations = grantsOf(session?.user, 'station').filter((g) => !!g.scopeId)
  const [picked, setPicked] = useState(0)
  const [panel, setPanel] = useState<Panel>('day')
  const station = stations[Math.min(picked, stations.length - 1)]

  if (!station) {
    return (
      <View className='page'>
        <StateView
          empty
          emptyTitle='站点工作台仅供站点管理员使用'
          emptyDescription='以站点管理员身份登录后，可在这里查看当天预约、调整服务时段、设置闭站和查看统计。'
          emptyAction={{ text: '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }
  const stationId = station.scopeId as string
  return (
    <View className='page'>
      <View className='card sc-head'>
        <Text className='sc-head__name' data-testid='console-station'>
          {station.scopeName ?? stationId}
        </Text>
        {stations.length > 1 && (
          <View className='sc-head__switch'>
            {stations.map((g, i) => (
              <Text key={g.scopeId ?? i} className={`sc-chip${i === picked ? ' sc-chip--on' : ''}`} onClick={() => setPicked(i)}>
                {g.scopeName ?? g.scopeId}
              </Text>
            ))}
          </View>
        )}
      </View>
      <Tabs items={PANELS} value={panel} onChange={setPanel} />
      {panel === 'day' && <DayPanel key={stationId} stationId={stationId} />}
      {panel === 'services' && <ServicesPanel key={stationId} stationId={stationId} />}
      {panel === 'closures' && <ClosuresPanel key={stationId} stationId={stationId} />}
      {panel === 'photos' && <PhotosPanel key={stationId} stationId={stationId} />}
      {panel === 'figures' && <FiguresPanel key={stationId} stationId={stationId} />}
    </View>
  )
}

export default StationConsole
