import { TOWN_MATTERS, townDepartmentId, type SeedDepartment } from './departments'

export interface SeedTown {
  id: string
  name: string
  /** The town government or street office that handles local matters. */
  office: string
}

/** Shunde's 4 streets and 6 towns; ids are pinyin so that they read well in URLs and logs. */
export const TOWNS = [
  { id: 'daliang', name: '大良街道', office: '大良街道办事处' },
  { id: 'ronggui', name: '容桂街道', office: '容桂街道办事处' },
  { id: 'lunjiao', name: '伦教街道', office: '伦教街道办事处' },
  { id: 'leliu', name: '勒流街道', office: '勒流街道办事处' },
  { id: 'chencun', name: '陈村镇', office: '陈村镇人民政府' },
  { id: 'junan', name: '均安镇', office: '均安镇人民政府' },
  { id: 'xingtan', name: '杏坛镇', office: '杏坛镇人民政府' },
  { id: 'longjiang', name: '龙江镇', office: '龙江镇人民政府' },
  { id: 'lecong', name: '乐从镇', office: '乐从镇人民政府' },
  { id: 'beijiao', name: '北滘镇', office: '北滘镇人民政府' }
] as const satisfies readonly SeedTown[]

/** Lets the other seed modules name towns without typos. */
export type TownId = (typeof TOWNS)[number]['id']

export const TOWN_DEPARTMENTS: readonly SeedDepartment[] = TOWNS.map((t) => ({
  id: townDepartmentId(t.id),
  name: t.office,
  matters: TOWN_MATTERS,
  kind: 'town' as const
}))
