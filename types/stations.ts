export const STATION_TYPES = ['warm', 'party', 'redhelp', 'lab'] as const

export type StationType = (typeof STATION_TYPES)[number]

export const STATION_TYPE_LABELS: Record<StationType, string> = {
  warm: '暖"新"驿站',
  party: '党群服务站',
  redhelp: '红色帮办点',
  lab: '共享实验室'
}

export const AMENITIES = ['water', 'charging', 'microwave', 'toilet', 'rest', 'first_aid', 'shelter', 'wifi', 'childcare'] as const

export type Amenity = (typeof AMENITIES)[number]

export const AMENITY_LABELS: Record<Amenity, string> = {
  water: '饮水',
  charging: '充电',
  microwave: '热饭',
  toilet: '卫生间',
  rest: '休息',
  first_aid: '应急药箱',
  shelter: '避雨',
  wifi: '无线网络',
  childcare: '托管'
}

/** Opening hours of one weekday (0 = Sunday); null = closed that day. */
export interface DayHours {
  open: string
  close: string
}

export interface ServiceItemSummary {
  id: string
  name: string
}

export interface Station {
  id: string
  name: string
  type: StationType
  address: string
  townId: string
  townName: string
  lat: number
  lng: number
  open24h: boolean
  /** Index 0..6 = Sunday..Saturday. */
  hours: (DayHours | null)[]
  amenities: Amenity[]
  phone: string | null
  services: ServiceItemSummary[]
}
