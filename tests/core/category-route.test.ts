import { CATEGORIES, type CategoryId } from '@contract'
import { routeByCategory } from '../../cloudfunctions/core'

const DEPARTMENT_IDS = ['dispatch', 'hr', 'economy', 'finance', 'dev_reform', 'science', 'market', 'natural_resources', 'housing',
  'ecology', 'urban_mgmt', 'transport', 'education', 'health', 'tax', 'commerce', 'emergency', 'gov_services', 'trade_union']

describe('routing by category', () => {
  test.each<[CategoryId, string]>([
    ['recruitment', 'hr'],
    ['talent', 'hr'],
    ['financing', 'finance'],
    ['land', 'natural_resources'],
    ['schooling', 'education'],
    ['environment', 'ecology']
  ])('%s goes to %s', (category, lead) => {
    const d = routeByCategory(category)
    expect(d.lead).toBe(lead)
    expect(d.reason).toContain('派至')
  })

  test('a category without an owner goes to triage, and says why', () => {
    const d = routeByCategory('other')
    expect(d.lead).toBeNull()
    expect(d.reason).toContain('调度中心')
  })

  test('every category routes to a department of the contract or to triage', () => {
    for (const c of CATEGORIES) {
      const { lead } = routeByCategory(c.id)
      if (lead !== null) expect(DEPARTMENT_IDS).toContain(lead)
    }
  })
})
