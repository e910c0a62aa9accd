import { useState } from 'react'
import { View, Text, Image, ScrollView } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { AMENITY_LABELS, STATION_TYPE_LABELS } from '@contract/stations'
import { assetUrl, call } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { callStation, canOpenMap, copyText, openMap } from '../actions'
import { stationFeedbackUrl } from '../routes'
import { SlotList } from './SlotList'
import '../styles.css'
import './styles.css'

/** packages/stations/detail?id=: the station and its bookable services. */
export function StationDetail({ id: given }: { id?: string }) {
  const router = useRouter()
  const id = given ?? router.params.id ?? ''
  const station = useRemote(() => call('stations', 'get', { id }), [id])
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
              {s.managerName && <Text className='station-info__manager'>站长：{s.managerName}</Text>}
              {s.photos.length > 0 && (
                <ScrollView scrollX className='station-photos' data-testid='station-photos'>
                  {s.photos.map((p) => (
                    <Image
                      key={p.id}
                      className='station-photos__img'
                      src={assetUrl(p.url)}
                      mode='aspectFill'
                      onClick={() => void Taro.previewImage({ current: assetUrl(p.url), urls: s.photos.map((x) => assetUrl(x.url)) }).catch(() => undefined)}
                    />
                  ))}
                </ScrollView>
              )}
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
