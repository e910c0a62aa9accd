import { CATEGORIES, type CategoryId } from '@contract'

/**
 * The departments of DOMAIN.md. Their ids are the routing contract (tests check them against the
 * seed data); the names are only used to write reasons a person can read.
 */
export const DISTRICT_DEPARTMENTS = [
  { id: 'dispatch', name: '区委社会工作部（两新工委）调度中心', short: '调度中心' },
  { id: 'hr', name: '区民政和人力资源社会保障局', short: '区人社局' },
  { id: 'economy', name: '区经济促进局', short: '区经促局' },
  { id: 'finance', name: '区金融工作部门', short: '区金融部门' },
  { id: 'dev_reform', name: '区发展和改革局', short: '区发改局' },
  { id: 'science', name: '区科技局', short: '区科技局' },
  { id: 'market', name: '区市场监督管理局', short: '区市场监管局' },
  { id: 'natural_resources', name: '市自然资源局顺德分局', short: '自然资源分局' },
  { id: 'housing', name: '区住房城乡建设和水利局', short: '区住建水利局' },
  { id: 'ecology', name: '市生态环境局顺德分局', short: '生态环境分局' },
  { id: 'urban_mgmt', name: '区城市管理和综合执法局', short: '区城管执法局' },
  { id: 'transport', name: '区交通运输局', short: '区交通运输局' },
  { id: 'education', name: '区教育局', short: '区教育局' },
  { id: 'health', name: '区卫生健康局', short: '区卫健局' },
  { id: 'tax', name: '区税务局', short: '区税务局' },
  { id: 'commerce', name: '区商务局', short: '区商务局' },
  { id: 'emergency', name: '区应急管理局', short: '区应急局' },
  { id: 'gov_services', name: '区政务服务数据管理局', short: '区政数局' },
  { id: 'trade_union', name: '区总工会', short: '区总工会' }
] as const

export type DistrictDepartmentId = (typeof DISTRICT_DEPARTMENTS)[number]['id']

/** Towns and streets; a town's department id is `town_<id>`. */
export const TOWNS = [
  { id: 'daliang', name: '大良', office: '大良街道办事处' },
  { id: 'ronggui', name: '容桂', office: '容桂街道办事处' },
  { id: 'lunjiao', name: '伦教', office: '伦教街道办事处' },
  { id: 'leliu', name: '勒流', office: '勒流街道办事处' },
  { id: 'chencun', name: '陈村', office: '陈村镇人民政府' },
  { id: 'junan', name: '均安', office: '均安镇人民政府' },
  { id: 'xingtan', name: '杏坛', office: '杏坛镇人民政府' },
  { id: 'longjiang', name: '龙江', office: '龙江镇人民政府' },
  { id: 'lecong', name: '乐从', office: '乐从镇人民政府' },
  { id: 'beijiao', name: '北滘', office: '北滘镇人民政府' }
] as const

export type TownId = (typeof TOWNS)[number]['id']

export const TOWN_PREFIX = 'town_'

export const townDepartment = (town: TownId): string => `${TOWN_PREFIX}${town}`

/** Every department id a decision may name: the district units, then one per town. */
export const DEPARTMENT_IDS: readonly string[] = [
  ...DISTRICT_DEPARTMENTS.map((d) => d.id),
  ...TOWNS.map((t) => townDepartment(t.id))
]

const DEPARTMENT_SET = new Set(DEPARTMENT_IDS)

export const isDepartmentId = (id: unknown): id is string => typeof id === 'string' && DEPARTMENT_SET.has(id)

/**
 * The model's classes: the district units plus one class for all local (属地) matters, which is
 * resolved to the enterprise's town department after classification.
 */
export const TOWN_CLASS = 'town'
export const ROUTING_CLASSES: readonly string[] = [...DISTRICT_DEPARTMENTS.map((d) => d.id), TOWN_CLASS]

/** The class a department belongs to: `town_ronggui` → `town`; district ids are their own class. */
export function classOfDepartment(id: string): string | null {
  if (id === TOWN_CLASS) return TOWN_CLASS
  if (id.startsWith(TOWN_PREFIX)) return findTown(id.slice(TOWN_PREFIX.length)) ? TOWN_CLASS : null
  return DISTRICT_DEPARTMENTS.some((d) => d.id === id) ? id : null
}

export function findTown(value: string): TownId | null {
  const v = value.trim().toLowerCase()
  if (!v) return null
  const t = TOWNS.find((x) => x.id === v || x.name === v || v === `${x.name}街道` || v === `${x.name}镇` || x.office === v)
  return t ? t.id : null
}

export function departmentName(id: string): string {
  const d = DISTRICT_DEPARTMENTS.find((x) => x.id === id)
  if (d) return d.short
  if (id.startsWith(TOWN_PREFIX)) {
    const t = TOWNS.find((x) => x.id === id.slice(TOWN_PREFIX.length))
    if (t) return t.office
  }
  if (id === TOWN_CLASS) return '企业所在镇街'
  return id
}

/** Chains and their lead departments (cloudfunctions/db/seed/chains.ts; a test keeps them equal). */
export const CHAINS = [
  { id: 'smart_appliance', name: '智能家电', lead: 'economy' },
  { id: 'robotics', name: '机器人', lead: 'economy' },
  { id: 'prepared_food', name: '预制菜', lead: 'commerce' },
  { id: 'jewelry_fashion', name: '珠宝时尚', lead: 'commerce' },
  { id: 'high_end_equipment', name: '高端装备', lead: 'economy' },
  { id: 'home_furnishing', name: '泛家居', lead: 'economy' }
] as const

export const DEFAULT_CHAIN_LEADS: Readonly<Record<string, string>> = Object.fromEntries(CHAINS.map((c) => [c.id, c.lead]))

export function findChain(value: string): string | null {
  const v = value.trim().toLowerCase()
  const c = CHAINS.find((x) => x.id === v || x.name === v || `${x.name}产业链` === v)
  return c ? c.id : null
}

export function chainName(id: string): string {
  return CHAINS.find((c) => c.id === id)?.name ?? id
}

export function findCategory(value: string): CategoryId | null {
  const v = value.trim()
  const c = CATEGORIES.find((x) => x.id === v.toLowerCase() || x.label === v)
  return c ? c.id : null
}

/**
 * What a category says about the department, as a prior (text can outweigh it). `chain` stands for
 * the lead department of the enterprise's chain (else 区经促局). 'other' says nothing.
 */
export const CATEGORY_HINTS: Readonly<Record<CategoryId, readonly string[]>> = {
  recruitment: ['hr'],
  talent: ['hr'],
  financing: ['finance'],
  listing: ['finance', 'economy'],
  land: ['natural_resources'],
  schooling: ['education'],
  housing: ['housing'],
  medical: ['health'],
  supply_chain: ['chain'],
  environment: ['ecology'],
  tax: ['tax'],
  license: ['market', 'gov_services'],
  other: [],
  // station feedback goes to the station's own department, not through the model
  station: []
}
