import fc from 'fast-check'
import { CATEGORIES } from '@contract'
import { DEPARTMENT_IDS, decisionLine, routeProblem, type RouteDecision } from '../../cloudfunctions/core/routing'
import { starterModel } from './routing-support'

const model = starterModel()
const HAN = /[\u4e00-\u9fff]/

function expectValid(d: RouteDecision): void {
  expect(d.lead === null || DEPARTMENT_IDS.includes(d.lead)).toBe(true)
  expect(d.triage).toBe(d.lead === null)
  expect(d.confidence).toBeGreaterThanOrEqual(0)
  expect(d.confidence).toBeLessThanOrEqual(1)
  expect(typeof d.reason).toBe('string')
  expect(d.reason).toMatch(HAN)
  for (const c of d.co) expect(DEPARTMENT_IDS).toContain(c)
  expect(new Set(d.co).size).toBe(d.co.length)
  if (d.lead) expect(d.co).not.toContain(d.lead)
  for (const s of d.suggestions) {
    expect(DEPARTMENT_IDS).toContain(s.department)
    expect(s.confidence).toBeGreaterThanOrEqual(0)
    expect(s.confidence).toBeLessThanOrEqual(1)
  }
  // the command line's line: a department id always, triage shown as the dispatch centre
  const line = JSON.parse(decisionLine(d))
  expect(DEPARTMENT_IDS).toContain(line.lead)
}

// text that looks like problems: Chinese fragments from the domain, punctuation, town names, noise
const fragment = fc.constantFrom(
  '社保', '招工', '环评', '路灯', '治安', '容桂', '北滘', '贷款', '党支部', '出口退税', '驿站', '学位', '发票',
  '，', '。', '另外', '同时', '！', ' ', '\n', '“', '”', 'ＳＣ', '3C', '100万', '😀', '\u0000', '\ud800'
)
const chineseish = fc.array(fc.oneof(fragment, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 30 }).map((a) => a.join(''))
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), chineseish)
const field = fc.option(fc.oneof(anyText, fc.constantFrom(...CATEGORIES.map((c) => c.id), 'robotics', 'prepared_food', '预制菜', 'ronggui', '容桂街道', 'town')), { nil: undefined })

describe('any input gives a valid decision', () => {
  test('strings of any kind, never a throw', () => {
    fc.assert(
      fc.property(fc.record({ text: fc.option(anyText, { nil: undefined }), title: fc.option(anyText, { nil: undefined }), content: fc.option(anyText, { nil: undefined }), category: field, chain: field, town: field }), (input) => {
        expectValid(routeProblem(model, input))
      }),
      { numRuns: 300 }
    )
  })

  test('with rules and options of any kind', () => {
    const rule = fc.record({ phrase: anyText, department: fc.constantFrom(...DEPARTMENT_IDS, 'town', 'nobody'), priority: fc.double() })
    fc.assert(
      fc.property(anyText, fc.array(rule, { maxLength: 5 }), fc.double(), fc.double(), (text, rules, threshold, prior) => {
        expectValid(routeProblem(model, { text }, { rules, threshold, chainPrior: prior, categoryPrior: prior, coThreshold: prior }))
      }),
      { numRuns: 200 }
    )
  })

  test('the same input always gives the same decision', () => {
    fc.assert(
      fc.property(chineseish, (text) => {
        expect(routeProblem(model, { text })).toEqual(routeProblem(model, { text }))
      }),
      { numRuns: 100 }
    )
  })

  test('values that are not strings at run time are tolerated', () => {
    const odd = { text: 42, title: null, content: ['社保'], category: {}, chain: 7, town: false } as unknown as Parameters<typeof routeProblem>[1]
    expectValid(routeProblem(model, odd))
  })
})
