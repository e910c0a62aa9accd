/** Problem categories. The id is stored; the label is shown. */
export const CATEGORIES = [
  { id: 'recruitment', label: '用工招聘' },
  { id: 'talent', label: '人才政策与补贴' },
  { id: 'financing', label: '融资授信' },
  { id: 'listing', label: '企业上市' },
  { id: 'land', label: '用地与报建' },
  { id: 'schooling', label: '子女入学' },
  { id: 'housing', label: '人才住房' },
  { id: 'medical', label: '医疗服务' },
  { id: 'supply_chain', label: '供应链卡点' },
  { id: 'environment', label: '环保与许可' },
  { id: 'tax', label: '税费' },
  { id: 'license', label: '证照审批' },
  { id: 'other', label: '其他' },
  // raised from a station's page ("没热水了"), never picked on the problem form
  { id: 'station', label: '站点服务' }
] as const

export type CategoryId = (typeof CATEGORIES)[number]['id']

export const CATEGORY_IDS = CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]]

/** What an enterprise picks from when it files: station feedback comes only from the station's page. */
export const FILING_CATEGORIES = CATEGORIES.filter((c) => c.id !== 'station')

export const FILING_CATEGORY_IDS = FILING_CATEGORIES.map((c) => c.id) as [CategoryId, ...CategoryId[]]

export function categoryLabel(id: string): string {
  return CATEGORIES.find((c) => c.id === id)?.label ?? id
}
