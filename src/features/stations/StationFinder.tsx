import { useEffect, useState } from 'react'
import { View, Text, ScrollView } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { AMENITY_LABELS, type Amenity } from '@contract/stations'
import type { NearbyQuery } from '@contract/bookings'
import { call } from '@/services/cloud'
import { getSession, hasRole, subscribeSession } from '@/services/session'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { NearbyCard } from './NearbyCard'
import { StationMap } from './StationMap'
import { locateOrWhy, locationRefusalText, type Position } from '@/services/location'
import type { Refusal } from '@/services/privacy'
import { PrivacyConsent } from '@/components/PrivacyConsent'
import { STATION_PAGE } from './routes'
import { PAGE } from '@/utils/routes'
import './styles.css'

/** The amenities riders ask for most, as one-tap filters. */
export const FINDER_AMENITIES: Amenity[] = ['water', 'charging', 'microwave', 'toilet', 'rest', 'shelter']

/** `refused`: why there is no position, when the person (or the phone) said no; kept while towns are picked. */
type Where = { kind: 'locating' } | { kind: 'here'; position: Position } | { kind: 'town'; townId: string | null; refused?: Refusal | null }
type Layout = 'list' | 'map'

/**
 * 驿站 tab: the nearest open stations first, no sign-in. Location comes from WeChat (gcj02) or the
 * browser; when refused, unavailable or slow, a town picker shows instead (with every town's stations
 * meanwhile), so the screen is never empty.
 *
 * WeChat also has a 列表 / 地图 toggle: the map (StationMap, Taro's Map component) shows the same results
 * as markers. Taro's Map is not supported on H5 (and there are no offline tiles), so H5 shows the list only.
 */
export function StationFinder() {
  const [where, setWhere] = useState<Where>({ kind: 'locating' })
  const [openNow, setOpenNow] = useState(true)
  const [amenities, setAmenities] = useState<Amenity[]>([])
  const [layout, setLayout] = useState<Layout>('list')
  // replaced at build time, so the map code is dropped from the H5 bundle
  const canMap = process.env.TARO_ENV === 'weapp'
  const [session, setSession] = useState(getSession())
  useEffect(() => subscribeSession(setSession), [])

  const findMe = () => {
    setWhere({ kind: 'locating' })
    void locateOrWhy().then(({ position, refused }) => setWhere(position ? { kind: 'here', position } : { kind: 'town', townId: null, refused }))
  }
  useEffect(findMe, [])

  const query: NearbyQuery & { limit: number } = { openNow, amenities, limit: 20 }
  if (where.kind === 'here') {
    query.lat = where.position.lat
    query.lng = where.position.lng
  } else if (where.kind === 'town' && where.townId) {
    query.townId = where.townId
  }
  const key = JSON.stringify(query)
  const list = useRemote(() => call('stations', 'nearby', query), [key], { enabled: where.kind !== 'locating' })
  const towns = useRemote(() => call('catalog', 'bootstrap', {}).then((b) => b.towns), [], { enabled: where.kind === 'town' })
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const toggleAmenity = (a: Amenity) => setAmenities((cur) => (cur.includes(a) ? cur.filter((x) => x !== a) : [...cur, a]))
  const stations = list.data ?? []
  const manager = hasRole(session?.user, 'station')

  return (
    <View className='page finder'>
      <View className='finder__header'>
        <View className='finder__heading'>
          <Text className='finder__title'>找驿站</Text>
          <Text className='finder__subtitle'>歇脚、饮水、充电、热饭，无需登录</Text>
        </View>
        <View className='finder__links'>
          <View className='finder__link' onClick={() => void Taro.navigateTo({ url: STATION_PAGE.bookings })} data-testid='link-bookings'>
            <Text>我的预约</Text>
          </View>
          {manager && (
            <View className='finder__link' onClick={() => void Taro.navigateTo({ url: PAGE.stationConsole })} data-testid='link-console'>
              <Text>工作台</Text>
            </View>
          )}
        </View>
      </View>

      <View className='finder__filters'>
        <View
          className={`finder__toggle${openNow ? ' finder__toggle--on' : ''}`}
          onClick={() => setOpenNow(!openNow)}
          role='switch'
          aria-checked={openNow}
          data-testid='filter-open-now'
        >
          <Text>{openNow ? '✓ ' : ''}只看营业中</Text>
        </View>
        <ScrollView scrollX className='finder__chips' enhanced showScrollbar={false}>
          {FINDER_AMENITIES.map((a) => (
            <View
              key={a}
              className={`finder__chip${amenities.includes(a) ? ' finder__chip--on' : ''}`}
              onClick={() => toggleAmenity(a)}
              aria-pressed={amenities.includes(a)}
              data-testid={`amenity-${a}`}
            >
              <Text>{AMENITY_LABELS[a]}</Text>
            </View>
          ))}
        </ScrollView>
      </View>

      {where.kind === 'town' && (
        <View className='finder__towns card' data-testid='town-picker'>
          <View className='finder__towns-head'>
            <Text className='finder__towns-title'>没有拿到您的位置，请选择镇街</Text>
            <View className='finder__retry' onClick={findMe} data-testid='retry-location'>
              <Text>重新定位</Text>
            </View>
          </View>
          {where.refused && (
            <Text className='finder__refused' data-testid='location-refused'>
              {locationRefusalText(where.refused)}
            </Text>
          )}
          <View className='finder__town-list'>
            <View
              className={`finder__town${where.townId === null ? ' finder__town--on' : ''}`}
              onClick={() => setWhere({ ...where, townId: null })}
            >
              <Text>全部</Text>
            </View>
            {(towns.data ?? []).map((t) => (
              <View
                key={t.id}
                className={`finder__town${where.townId === t.id ? ' finder__town--on' : ''}`}
                onClick={() => setWhere({ ...where, townId: t.id })}
                data-testid={`town-${t.id}`}
              >
                <Text>{t.name}</Text>
              </View>
            ))}
          </View>
        </View>
      )}

      {where.kind === 'locating' ? (
        <StateView loading loadingText='正在定位，找离您最近的驿站…' />
      ) : (
        <StateView
          loading={list.loading}
          loadingText='正在查找驿站…'
          error={list.error}
          onRetry={() => void list.reload()}
          empty={stations.length === 0}
          emptyTitle={openNow ? '附近暂无营业中的驿站' : '没有符合条件的驿站'}
          emptyDescription={amenities.length ? '可以少选几项设施再试试。' : openNow ? '可以关闭“只看营业中”，看看稍后开门的驿站。' : '换个镇街试试。'}
          emptyAction={
            amenities.length
              ? { text: '清除设施筛选', onClick: () => setAmenities([]) }
              : openNow
                ? { text: '显示全部驿站', onClick: () => setOpenNow(false) }
                : undefined
          }
        >
          <View className='section-title'>
            <Text>{where.kind === 'here' ? '离您最近' : '驿站列表'}</Text>
            <View className='finder__section-extra'>
              <Text className='section-title__extra'>{stations.length} 处</Text>
              {canMap && (
                <View className='finder__layout' role='tablist' data-testid='layout-toggle'>
                  {(['list', 'map'] as const).map((l) => (
                    <View
                      key={l}
                      className={`finder__layout-item${layout === l ? ' finder__layout-item--on' : ''}`}
                      onClick={() => setLayout(l)}
                      role='tab'
                      aria-selected={layout === l}
                      data-testid={`layout-${l}`}
                    >
                      <Text>{l === 'list' ? '列表' : '地图'}</Text>
                    </View>
                  ))}
                </View>
              )}
            </View>
          </View>
          {canMap && layout === 'map' ? (
            <View className='finder__map'>
              <StationMap
                stations={stations}
                position={where.kind === 'here' ? where.position : null}
                onError={() => {
                  setLayout('list')
                  void Taro.showToast({ title: '地图加载失败，已切换到列表', icon: 'none' })
                }}
              />
              <Text className='finder__map-hint'>点标记看名称和距离，再点气泡进入驿站</Text>
            </View>
          ) : (
            stations.map((s, i) => <NearbyCard key={s.id} station={s} nearest={i === 0 && where.kind === 'here'} />)
          )}
        </StateView>
      )}
      <PrivacyConsent />
    </View>
  )
}

export default StationFinder
