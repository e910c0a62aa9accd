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
}

type Template = Omit<SeedServiceItem, 'id' | 'stationId'> & { key: string }

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
      // only stations with a room and carers for children offer childcare
      return station.amenities.includes('childcare') ? [CHILDCARE] : []
  }
}

export const SERVICE_ITEMS: readonly SeedServiceItem[] = STATIONS.flatMap((station) =>
  templatesFor(station).map(({ key, ...item }) => ({
    ...item,
    id: `svc-${station.id.replace(/^s-/, '')}-${key}`,
    stationId: station.id
  }))
)
