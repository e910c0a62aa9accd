import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { AMENITY_LABELS, STATION_TYPE_LABELS } from '@contract/stations'
import type { NearbyStation } from '@contract/bookings'
import { call, CloudError } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { callStation, canOpenMap, copyText, openMap } from '../actions'
import { stationFeedbackUrl } from '../routes'
import { SlotList } from './SlotList'
import '../styles.css'
import './styles.css'

/** There is no stations.get: the public finder (no position, every town, open or not) carries the station. */
async function loadStation(id: string): Promise<NearbyStation> {
  const all = await call('stations', 'nearby', { openNow: false, limit: 50 })
  const found = all.find((s) => s.id === id)
  if (found) return found
  const listed = (await call('stations', 'list', {})).find((s) => s.id === id)
  if (!listed) throw new CloudError('NOT_FOUND', '没有找到该站点')
  return { ...listed, distanceM: null, distanceText: null, open: false, openLabel: '', onSite: 0 }
}

/** packages/stations/detail?id=: the station and its bookable services. */
export function StationDetail({ id: given }: { id?: string }) {
  const router = useRouter()
  const id = given ?? router.params.id ?? ''
  const station = useRemote(() => loadStation(id), [id])
  const [serviceId, setServiceId] = useState<string | null>(null)
  const s = station.data
  const service = s ? (s.services.find((x) => x.id === serviceId) ?? s.services[0]) : undefined

  return (
    <View className='page'>
      <StateView loading={station.loading} error={station.error} onRetry={() => void station.reload()}>
        {s && (
          <>
            <View className='card station-info' data-testid='station-info'>
              <Text className='station-info__name'>{s.name}</Text>
              <Text className={`nearby-card__type nearby-card__type--${s.type}`}>{STATION_TYPE_LABELS[s.type]}</Text>
              {s.openLabel && (
                <View className='nearby-card__status'>
                  <Text className={`nearby-card__open${s.open ? ' nearby-card__open--yes' : ''}`}>{s.open ? '营业中' : '未营业'}</Text>
                  <Text className='nearby-card__label'>{s.openLabel}</Text>
                  <Text className='nearby-card__onsite'>在站 {s.onSite} 人</Text>
                </View>
              )}
              <Text className='nearby-card__address'>{s.address}</Text>
              {s.amenities.length > 0 && (
                <View className='nearby-card__amenities'>
                  {s.amenities.map((a) => (
                    <Text key={a} className='chip'>
                      {AMENITY_LABELS[a] ?? a}
                    </Text>
                  ))}
                </View>
              )}
              <View className='nearby-card__actions'>
                {s.phone && (
                  <View className='big-action' onClick={() => callStation(s.phone as string)}>
                    <Text>电话</Text>
                  </View>
                )}
                {canOpenMap() ? (
                  <View className='big-action big-action--primary' onClick={() => openMap(s)}>
                    <Text>导航</Text>
                  </View>
                ) : (
                  <View className='big-action' onClick={() => void copyText(s.address, '地址已复制')}>
                    <Text>复制地址</Text>
                  </View>
                )}
              </View>
            </View>

            <View className='section-title'>
              <Text>服务预约</Text>
            </View>
            {s.services.length === 0 || !service ? (
              <Text className='muted services-none'>本站暂无可预约的服务，可直接到站。</Text>
            ) : (
              <>
                <View className='service-tabs'>
                  {s.services.map((x) => (
                    <View
                      key={x.id}
                      className={`service-tab${x.id === service.id ? ' service-tab--on' : ''}`}
                      onClick={() => setServiceId(x.id)}
                      data-testid={`service-${x.id}`}
                    >
                      <Text>{x.name}</Text>
                    </View>
                  ))}
                </View>
                <View className='card'>
                  <SlotList key={service.id} serviceId={service.id} serviceName={service.name} />
                </View>
              </>
            )}

            <View className='card feedback-entry' onClick={() => void Taro.navigateTo({ url: stationFeedbackUrl(s.id) })} data-testid='station-feedback'>
              <Text className='feedback-entry__title'>站里缺什么、坏了什么？</Text>
              <Text className='muted'>反馈给站点的主管部门，处理结果会告诉您</Text>
            </View>
          </>
        )}
      </StateView>
    </View>
  )
}

export default StationDetail
