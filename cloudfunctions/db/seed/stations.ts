import type { Amenity, StationType } from '../../../types/stations'
import { everyDay, officeWeek, ROUND_THE_CLOCK, saturdayFull, saturdayMorning, type WeekHours } from './hours'
import type { TownId } from './towns'

export interface SeedStation {
  id: string
  name: string
  type: StationType
  address: string
  townId: TownId
  lat: number
  lng: number
  open24h: boolean
  hours: WeekHours
  amenities: readonly Amenity[]
  phone: string
}

/** Who runs each kind of station: the trade union co-builds the warm ones, labs sit with 科技. */
export const STATION_DEPARTMENT: Record<StationType, string> = {
  warm: 'trade_union',
  party: 'dispatch',
  redhelp: 'dispatch',
  lab: 'science'
}

const WARM_BASIC: readonly Amenity[] = ['water', 'charging', 'microwave', 'toilet', 'rest', 'shelter']
const WARM_FULL: readonly Amenity[] = [...WARM_BASIC, 'first_aid', 'wifi']

type Spot = Pick<SeedStation, 'id' | 'name' | 'address' | 'townId' | 'lat' | 'lng' | 'phone'>

const warm = (s: Spot, hours: WeekHours, amenities: readonly Amenity[]): SeedStation => ({
  ...s,
  type: 'warm',
  open24h: hours === ROUND_THE_CLOCK,
  hours,
  amenities
})

const office = (type: Exclude<StationType, 'warm'>, s: Spot, hours: WeekHours, amenities: readonly Amenity[]): SeedStation => ({
  ...s,
  type,
  open24h: false,
  hours,
  amenities
})

const WARM_STATIONS: readonly SeedStation[] = [
  warm(
    { id: 's-daliang-warm-1', name: '大良德胜暖"新"驿站', address: '大良街道德胜东路职工服务中心一楼', townId: 'daliang', lat: 22.8412, lng: 113.2563, phone: '0757-22381016' },
    ROUND_THE_CLOCK,
    [...WARM_FULL, 'childcare']
  ),
  warm(
    { id: 's-daliang-warm-2', name: '大良凤山暖"新"驿站', address: '大良街道凤山中路社区党群服务中心侧门', townId: 'daliang', lat: 22.8327, lng: 113.2448, phone: '0757-22382207' },
    everyDay('07:00', '22:00'),
    WARM_BASIC
  ),
  warm(
    { id: 's-ronggui-warm-1', name: '容桂容奇暖"新"驿站', address: '容桂街道容奇大道中快递集散点旁', townId: 'ronggui', lat: 22.7713, lng: 113.2684, phone: '0757-28391125' },
    ROUND_THE_CLOCK,
    WARM_FULL
  ),
  warm(
    { id: 's-ronggui-warm-2', name: '容桂文华暖"新"驿站', address: '容桂街道文华路社区服务中心二楼', townId: 'ronggui', lat: 22.7618, lng: 113.2791, phone: '0757-28392036' },
    everyDay('08:00', '21:00'),
    [...WARM_FULL, 'childcare']
  ),
  warm(
    { id: 's-lunjiao-warm-1', name: '伦教三洲暖"新"驿站', address: '伦教街道三洲社区新城路口', townId: 'lunjiao', lat: 22.8423, lng: 113.2079, phone: '0757-27731180' },
    everyDay('07:30', '21:30'),
    WARM_BASIC
  ),
  warm(
    { id: 's-leliu-warm-1', name: '勒流大道暖"新"驿站', address: '勒流街道勒流大道中加油站旁', townId: 'leliu', lat: 22.8611, lng: 113.1724, phone: '0757-25561203' },
    everyDay('07:00', '22:00'),
    [...WARM_BASIC, 'first_aid']
  ),
  warm(
    { id: 's-chencun-warm-1', name: '陈村花卉世界暖"新"驿站', address: '陈村镇花卉世界物流区服务楼', townId: 'chencun', lat: 22.9276, lng: 113.2352, phone: '0757-23321418' },
    everyDay('06:00', '22:00'),
    WARM_FULL
  ),
  warm(
    { id: 's-junan-warm-1', name: '均安新华暖"新"驿站', address: '均安镇新华社区工人文化室', townId: 'junan', lat: 22.7084, lng: 113.1577, phone: '0757-25381142' },
    everyDay('08:00', '20:00'),
    WARM_BASIC
  ),
  warm(
    { id: 's-xingtan-warm-1', name: '杏坛杏龙暖"新"驿站', address: '杏坛镇杏龙路社区服务站', townId: 'xingtan', lat: 22.7918, lng: 113.1334, phone: '0757-27701315' },
    everyDay('08:00', '20:00'),
    WARM_BASIC
  ),
  warm(
    { id: 's-longjiang-warm-1', name: '龙江东华暖"新"驿站', address: '龙江镇东华路家具市场北门', townId: 'longjiang', lat: 22.8782, lng: 113.0813, phone: '0757-23361027' },
    everyDay('07:00', '21:00'),
    [...WARM_BASIC, 'wifi']
  ),
  warm(
    { id: 's-lecong-warm-1', name: '乐从家具城暖"新"驿站', address: '乐从镇家具城一期物流中心', townId: 'lecong', lat: 22.9421, lng: 113.0982, phone: '0757-28871209' },
    everyDay('07:00', '22:00'),
    WARM_FULL
  ),
  warm(
    { id: 's-lecong-warm-2', name: '乐从钢铁世界暖"新"驿站', address: '乐从镇钢铁世界货车停车场服务点', townId: 'lecong', lat: 22.9376, lng: 113.1079, phone: '0757-28872314' },
    ROUND_THE_CLOCK,
    [...WARM_BASIC, 'first_aid']
  ),
  warm(
    { id: 's-beijiao-warm-1', name: '北滘林上暖"新"驿站', address: '北滘镇林上路社区党群服务中心一楼', townId: 'beijiao', lat: 22.9213, lng: 113.2012, phone: '0757-26661108' },
    everyDay('08:00', '21:00'),
    [...WARM_FULL, 'childcare']
  ),
  warm(
    { id: 's-beijiao-warm-2', name: '北滘工业大道暖"新"驿站', address: '北滘镇工业大道外卖骑手休息点', townId: 'beijiao', lat: 22.9148, lng: 113.2117, phone: '0757-26662219' },
    ROUND_THE_CLOCK,
    WARM_BASIC
  )
]

// 党群服务站 stand at big enterprises' gates so staff can be served without a trip downtown
const PARTY_STATIONS: readonly SeedStation[] = (
  [
    { id: 's-beijiao-party-1', name: '美的集团党群服务站', address: '北滘镇美的大道美的总部门口', townId: 'beijiao', lat: 22.9236, lng: 113.2051, phone: '0757-26663301' },
    { id: 's-beijiao-party-2', name: '碧桂园集团党群服务站', address: '北滘镇碧桂园大道总部园区门口', townId: 'beijiao', lat: 22.9302, lng: 113.2218, phone: '0757-26663412' },
    { id: 's-ronggui-party-1', name: '格兰仕党群服务站', address: '容桂街道容桂大道南格兰仕工业园门口', townId: 'ronggui', lat: 22.7561, lng: 113.2847, phone: '0757-28393307' },
    { id: 's-leliu-party-1', name: '村田智能党群服务站', address: '勒流街道村田智能科技园区门口', townId: 'leliu', lat: 22.8657, lng: 113.1652, phone: '0757-25562308' },
    { id: 's-chencun-party-1', name: '申菱环境党群服务站', address: '陈村镇申菱环境厂区门口', townId: 'chencun', lat: 22.9349, lng: 113.2281, phone: '0757-23322509' },
    { id: 's-longjiang-party-1', name: '联塑科技党群服务站', address: '龙江镇联塑工业园门口', townId: 'longjiang', lat: 22.8853, lng: 113.0742, phone: '0757-23362310' },
    { id: 's-daliang-party-1', name: '伊之密党群服务站', address: '大良街道五沙伊之密厂区门口', townId: 'daliang', lat: 22.8151, lng: 113.2903, phone: '0757-22383311' },
    { id: 's-lunjiao-party-1', name: '伦教珠宝时尚产业园党群服务站', address: '伦教街道珠宝时尚产业园南门', townId: 'lunjiao', lat: 22.8481, lng: 113.2152, phone: '0757-27732312' }
  ] satisfies Spot[]
).map((s) => office('party', s, officeWeek('08:30', '17:30', saturdayMorning), ['water', 'toilet', 'wifi']))

// 红色帮办 lives in each chain's Party service centre
const REDHELP_STATIONS: readonly SeedStation[] = (
  [
    { id: 's-beijiao-redhelp-1', name: '智能家电产业链党群服务中心红色帮办点', address: '北滘镇新城区智能家电产业服务中心三楼', townId: 'beijiao', lat: 22.9184, lng: 113.1983, phone: '0757-26664401' },
    { id: 's-beijiao-redhelp-2', name: '机器人产业链党群服务中心红色帮办点', address: '北滘镇机器人谷产业服务大楼一楼', townId: 'beijiao', lat: 22.9079, lng: 113.2246, phone: '0757-26664512' },
    { id: 's-lecong-redhelp-1', name: '预制菜产业链党群服务中心红色帮办点', address: '乐从镇预制菜产业园综合服务楼', townId: 'lecong', lat: 22.9448, lng: 113.1151, phone: '0757-28873403' },
    { id: 's-lunjiao-redhelp-1', name: '珠宝时尚产业链党群服务中心红色帮办点', address: '伦教街道珠宝时尚产业园服务中心', townId: 'lunjiao', lat: 22.8452, lng: 113.2118, phone: '0757-27733404' },
    { id: 's-longjiang-redhelp-1', name: '泛家居产业链党群服务中心红色帮办点', address: '龙江镇家居产业服务中心二楼', townId: 'longjiang', lat: 22.8702, lng: 113.0897, phone: '0757-23363405' },
    { id: 's-ronggui-redhelp-1', name: '高端装备产业链党群服务中心红色帮办点', address: '容桂街道顺德高新区企业服务中心', townId: 'ronggui', lat: 22.7803, lng: 113.2604, phone: '0757-28394406' }
  ] satisfies Spot[]
).map((s) => office('redhelp', s, officeWeek('09:00', '18:00', saturdayFull), ['water', 'toilet', 'wifi', 'rest']))

const LAB_STATIONS: readonly SeedStation[] = (
  [
    { id: 's-beijiao-lab-1', name: '广东工业设计城共享实验室', address: '北滘镇三乐路工业设计城研发楼', townId: 'beijiao', lat: 22.9062, lng: 113.2179, phone: '0757-26665501' },
    { id: 's-daliang-lab-1', name: '顺德高新区检测认证共享实验室', address: '大良街道五沙科技创新中心四楼', townId: 'daliang', lat: 22.8203, lng: 113.2802, phone: '0757-22384502' }
  ] satisfies Spot[]
).map((s) => office('lab', s, officeWeek('09:00', '17:30', null), ['water', 'toilet', 'wifi']))

export const STATIONS: readonly SeedStation[] = [...WARM_STATIONS, ...PARTY_STATIONS, ...REDHELP_STATIONS, ...LAB_STATIONS]

export function stationById(id: string): SeedStation {
  const found = STATIONS.find((s) => s.id === id)
  if (!found) throw new Error(`seed: unknown station ${id}`)
  return found
}
