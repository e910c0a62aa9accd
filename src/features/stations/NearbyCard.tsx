import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AMENITY_LABELS, STATION_TYPE_LABELS } from '@contract/stations'
import type { NearbyStation } from '@contract/bookings'
import { callStation, canOpenMap, copyText, openMap } from './actions'
import { stationDetailUrl } from './routes'

/** One finder result: everything a rider needs at a glance, with big buttons for 电话 / 导航. */
export function NearbyCard({ station, nearest }: { station: NearbyStation; nearest?: boolean }) {
  const weapp = canOpenMap()
  return (
    <View className={`nearby-card card${nearest ? ' nearby-card--nearest' : ''}`} data-testid='station-card' data-open={station.open ? 'yes' : 'no'}>
      {nearest && <Text className='nearby-card__badge'>离您最近</Text>}
      <View className='nearby-card__head' onClick={() => void Taro.navigateTo({ url: stationDetailUrl(station.id) })}>
        <View className='nearby-card__title'>
          <Text className='nearby-card__name'>{station.name}</Text>
          <Text className={`nearby-card__type nearby-card__type--${station.type}`}>{STATION_TYPE_LABELS[station.type]}</Text>
        </View>
        {station.distanceText && (
          <Text className='nearby-card__distance' data-testid='station-distance'>
            {station.distanceText}
          </Text>
        )}
      </View>
      <View className='nearby-card__status'>
        <Text className={`nearby-card__open${station.open ? ' nearby-card__open--yes' : ''}`} data-testid='station-open'>
          {station.open ? '营业中' : '未营业'}
        </Text>
        <Text className='nearby-card__label'>{station.openLabel}</Text>
        <Text className='nearby-card__onsite' data-testid='station-onsite'>
          在站 {station.onSite} 人
        </Text>
      </View>
      {station.amenities.length > 0 && (
        <View className='nearby-card__amenities' data-testid='station-amenities'>
          {station.amenities.map((a) => (
            <Text key={a} className='chip'>
              {AMENITY_LABELS[a] ?? a}
            </Text>
          ))}
        </View>
      )}
      <Text className='nearby-card__address'>{station.address}</Text>
      <View className='nearby-card__actions'>
        {station.phone && (
          <View className='big-action' onClick={() => callStation(station.phone as string)} data-testid='station-call'>
            <Text>电话</Text>
          </View>
        )}
        {weapp ? (
          <View className='big-action big-action--primary' onClick={() => openMap(station)} data-testid='station-nav'>
            <Text>导航</Text>
          </View>
        ) : (
          <View className='big-action' onClick={() => void copyText(station.address, '地址已复制')} data-testid='station-copy'>
            <Text>复制地址</Text>
          </View>
        )}
        <View
          className='big-action big-action--primary'
          onClick={() => void Taro.navigateTo({ url: stationDetailUrl(station.id) })}
          data-testid='station-detail'
        >
          <Text>{station.services.length > 0 ? '服务预约' : '详情'}</Text>
        </View>
      </View>
    </View>
  )
}
