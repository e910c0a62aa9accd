export interface SeedChain {
  id: string
  name: string
  /** The 链长's office, not a person: officials rotate, the post stays. */
  leader: string
  leadDepartmentId: string
  cooperatingDepartmentIds: readonly string[]
}

export const CHAINS = [
  {
    id: 'smart_appliance',
    name: '智能家电',
    leader: '区委常委、常务副区长',
    leadDepartmentId: 'economy',
    cooperatingDepartmentIds: ['science', 'market', 'hr', 'commerce']
  },
  {
    id: 'robotics',
    name: '机器人',
    leader: '区委常委、副区长',
    leadDepartmentId: 'economy',
    cooperatingDepartmentIds: ['science', 'finance', 'hr']
  },
  {
    // export fairs and cold-chain logistics weigh as much as production here, hence 商务 leads
    id: 'prepared_food',
    name: '预制菜',
    leader: '副区长',
    leadDepartmentId: 'commerce',
    cooperatingDepartmentIds: ['market', 'economy', 'transport']
  },
  {
    id: 'jewelry_fashion',
    name: '珠宝时尚',
    leader: '副区长',
    leadDepartmentId: 'commerce',
    cooperatingDepartmentIds: ['economy', 'market', 'natural_resources']
  },
  {
    id: 'high_end_equipment',
    name: '高端装备',
    leader: '区委常委、副区长',
    leadDepartmentId: 'economy',
    cooperatingDepartmentIds: ['science', 'market', 'emergency']
  },
  {
    id: 'home_furnishing',
    name: '泛家居',
    leader: '副区长',
    leadDepartmentId: 'economy',
    cooperatingDepartmentIds: ['commerce', 'market', 'ecology']
  }
] as const satisfies readonly SeedChain[]

export type ChainId = (typeof CHAINS)[number]['id']
