import { evenSlots, type SlotTime } from '../../core/bookings'
import { STATIONS, type SeedStation } from './stations'

export type Audience = 'anyone' | 'enterprise' | 'party_member'

export interface SeedServiceItem {
  id: string
  stationId: string
  name: string
  description: string
  durationMinutes: number
  capacity: number
  audience: Audience
  /** Days ahead that may be booked (service_items.horizon_days). */
  horizonDays: number
  /** Booking closes this long before a sitting starts; 0 books up to the start. */
  minNoticeMinutes: number
  /** A confirmed booking may be cancelled until this long before the start. */
  cancelCutoffMinutes: number
  closedOnHolidays: boolean
  /**
   * Its own weekly sittings (Sunday first), generated lazily by bookings.slots; none are seeded. Without
   * one, the service runs the two demo sittings a day that fit the station's hours (./slots).
   */
  schedule?: SlotTime[][]
}

type Template = Omit<SeedServiceItem, 'id' | 'stationId' | 'horizonDays' | 'minNoticeMinutes' | 'cancelCutoffMinutes' | 'closedOnHolidays'> &
  Partial<Pick<SeedServiceItem, 'horizonDays' | 'minNoticeMinutes' | 'cancelCutoffMinutes' | 'closedOnHolidays'>> & { key: string }

/** The service_items column defaults: a week ahead, an hour's notice, cancel until two hours before, shut on holidays. */
const BOOKING_DEFAULTS = { horizonDays: 7, minNoticeMinutes: 60, cancelCutoffMinutes: 120, closedOnHolidays: true } as const

const PARTY_SERVICES: readonly Template[] = [
  {
    key: 'transfer',
    name: '党员组织关系转接',
    description: '新入职或调离的党员在厂门口即可办理组织关系转入、转出，请带齐介绍信与身份证件。',
    durationMinutes: 30,
    capacity: 4,
    audience: 'party_member'
  },
  {
    key: 'archive',
    name: '档案管理',
    description: '党员档案与流动人员人事档案的查询、补充材料和借阅登记，由站内党务专员现场核对。',
    durationMinutes: 30,
    capacity: 3,
    audience: 'party_member'
  }
]

const REDHELP_SERVICES: readonly Template[] = [
  {
    key: 'legal',
    name: '法律咨询',
    description: '劳动合同、工伤与欠薪等问题由驻点律师一对一解答，企业和职工都可以预约。',
    durationMinutes: 45,
    capacity: 2,
    audience: 'anyone'
  },
  {
    key: 'subsidy',
    name: '补贴申报',
    description: '帮办员协助企业梳理可申报的人才、技改和稳岗补贴，现场核对材料并指导线上提交。',
    durationMinutes: 60,
    capacity: 3,
    audience: 'enterprise'
  }
]

const CHILDCARE: Template = {
  key: 'childcare',
  name: '暑期托管',
  description: '面向快递员、外卖骑手、网约车司机等新就业群体的子女，内容包括基础托管、特色活动、参观研学和心理辅导，由志愿者与社工共同看护。',
  durationMinutes: 180,
  capacity: 20,
  audience: 'anyone'
}

/**
 * A reclining chair in the rest room of a 24-hour warm station, in half-hour sittings round the clock,
 * every day including holidays (riders work them): booked on the spot (no notice), today or tomorrow, and
 * given up until the sitting starts. The next sitting always starts within 30 minutes, so its check-in
 * (open from 30 minutes before the start) is open whenever someone books the earliest one.
 */
const REST: Template = {
  key: 'rest',
  name: '骑手休息位',
  description: '给跑单间隙的快递员、外卖骑手留一张躺椅，可充电、热饭、接热水。全天每半小时一段，随到随约，到站出示签到码即可入座。',
  durationMinutes: 30,
  capacity: 6,
  audience: 'anyone',
  horizonDays: 1,
  minNoticeMinutes: 0,
  cancelCutoffMinutes: 0,
  closedOnHolidays: false,
  schedule: evenSlots([0, 1, 2, 3, 4, 5, 6], '00:00', '24:00', 30)
}

const LAB_SERVICES: readonly Template[] = [
  {
    key: 'equipment',
    name: '实验设备共享',
    description: '链上企业可预约使用检测与研发设备，按时段开放并由实验室工程师陪同操作，降低中小企业研发投入。',
    durationMinutes: 120,
    capacity: 2,
    audience: 'enterprise'
  }
]

function templatesFor(station: SeedStation): readonly Template[] {
  switch (station.type) {
    case 'party':
      return PARTY_SERVICES
    case 'redhelp':
      return REDHELP_SERVICES
    case 'lab':
      return LAB_SERVICES
    case 'warm':
      return [
        // only stations with a room and carers for children offer childcare
        ...(station.amenities.includes('childcare') ? [CHILDCARE] : []),
        // rest places are booked at the stations that never close
        ...(station.open24h && station.amenities.includes('rest') ? [REST] : [])
      ]
  }
}

export const SERVICE_ITEMS: readonly SeedServiceItem[] = STATIONS.flatMap((station) =>
  templatesFor(station).map(({ key, ...item }) => ({
    ...BOOKING_DEFAULTS,
    ...item,
    id: `svc-${station.id.replace(/^s-/, '')}-${key}`,
    stationId: station.id
  }))
)
