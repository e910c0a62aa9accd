import {
  DEPARTMENT_IDS,
  ROUTING_CLASSES,
  classOfDepartment,
  decisionLine,
  evaluate,
  exampleFromHistory,
  parseRouteLine,
  parseTrainingLine,
  routeProblem,
  validateRule,
  type RouteDecision
} from '../../cloudfunctions/core/routing'
import { EVAL_PATH, STARTER_PATH, readLines, starterModel } from './routing-support'

describe('the command line\'s lines', () => {
  test.each<[string, string]>([
    ['not json', '不是合法的 JSON'],
    ['', '空行'],
    ['[1,2]', 'JSON 对象'],
    ['"社保"', 'JSON 对象'],
    ['{}', '缺少诉求文字'],
    ['{"text": "   "}', '缺少诉求文字'],
    ['{"text": 5}', '正文 text 应为字符串'],
    ['{"title": "社保", "town": 3}', '镇街 town 应为字符串']
  ])('%j is refused: %s', (line, error) => {
    const p = parseRouteLine(line)
    expect(p.ok).toBe(false)
    if (!p.ok) expect(p.error).toContain(error)
  })

  test('text, or title and content, with optional category, chain and town', () => {
    expect(parseRouteLine('{"text": "社保"}')).toEqual({ ok: true, value: { input: { text: '社保' } } })
    expect(parseRouteLine('{"title": "a", "content": "b", "category": "tax", "chain": null, "town": "lunjiao"}')).toEqual({
      ok: true,
      value: { input: { title: 'a', content: 'b', category: 'tax', town: 'lunjiao' } }
    })
  })

  test('evaluation lines need a valid lead', () => {
    expect(parseRouteLine('{"text": "社保", "lead": ["hr", "trade_union"]}', true)).toMatchObject({ ok: true, value: { lead: ['hr', 'trade_union'] } })
    expect(parseRouteLine('{"text": "社保", "lead": "hr"}', true)).toMatchObject({ ok: true, value: { lead: ['hr'] } })
    const bad = parseRouteLine('{"text": "社保", "lead": ["hr", "nobody"]}', true)
    expect(bad.ok).toBe(false)
    if (!bad.ok) expect(bad.error).toContain('nobody')
  })

  test('a triaged decision prints as the dispatch centre, with its suggestions', () => {
    const d = routeProblem(starterModel(), { text: '你好' })
    const line = JSON.parse(decisionLine(d))
    expect(line).toMatchObject({ lead: 'dispatch', triage: true, co: [] })
    expect(Object.keys(line)).toEqual(['lead', 'co', 'confidence', 'reason', 'triage', 'suggestions'])
  })
})

describe('the shipped data', () => {
  const starter = readLines(STARTER_PATH)
  const evalLines = readLines(EVAL_PATH)
  const textOf = (line: string) => {
    const o = JSON.parse(line)
    return [o.title, o.content, o.text].filter(Boolean).join('\n')
  }

  test('every starter line parses, and every class has examples', () => {
    const seen = new Set<string>()
    for (const l of starter) {
      const p = parseTrainingLine(l)
      if (!p.ok) throw new Error(`${p.error}: ${l}`)
      for (const e of p.value.examples) seen.add(classOfDepartment(e.department) ?? e.department)
    }
    for (const c of ROUTING_CLASSES) expect(seen).toContain(c)
    expect(starter.filter((l) => parseTrainingLine(l).ok && JSON.parse(l).lead && !JSON.parse(l).terms).length).toBeGreaterThanOrEqual(400)
  })

  test('the evaluation set has 150+ labelled problems covering every department, and no starter problem', () => {
    expect(evalLines.length).toBeGreaterThanOrEqual(150)
    const leads = new Set<string>()
    for (const l of evalLines) {
      const p = parseRouteLine(l, true)
      if (!p.ok) throw new Error(`${p.error}: ${l}`)
      for (const d of p.value.lead ?? []) leads.add(classOfDepartment(d) ?? d)
    }
    for (const c of ROUTING_CLASSES) expect(leads).toContain(c)
    // no line shares more than half of its character trigrams with a starter line
    const grams = (t: string) => {
      const g = new Set<string>()
      for (let i = 0; i + 3 <= t.length; i++) g.add(t.slice(i, i + 3))
      return g
    }
    const starterGrams = starter.map((l) => JSON.parse(l)).filter((o) => !o.terms && !o.neutral).map((o) => grams([o.title, o.content, o.text].filter(Boolean).join('\n')))
    for (const l of evalLines) {
      const g = grams(textOf(l))
      for (const s of starterGrams) {
        let shared = 0
        for (const x of g) if (s.has(x)) shared++
        expect(shared / Math.max(1, g.size + s.size - shared)).toBeLessThan(0.5)
      }
    }
  })
})

describe('learning from history', () => {
  const problem = { title: '用工', content: '缺普工' }

  test.each<[string, { type: string; departmentId?: string | null }[], { department: string; weight: number } | null]>([
    ['returned then accepted elsewhere', [{ type: 'routed', departmentId: 'economy' }, { type: 'returned', departmentId: 'economy' }, { type: 'rerouted' }, { type: 'accepted', departmentId: 'hr' }], { department: 'hr', weight: 2 }],
    ['re-assigned (转办) and accepted', [{ type: 'routed' }, { type: 'rerouted' }, { type: 'accepted', departmentId: 'town_ronggui' }], { department: 'town_ronggui', weight: 2 }],
    ['placed from triage', [{ type: 'triaged' }, { type: 'accepted', departmentId: 'education' }], { department: 'education', weight: 1 }],
    ['right the first time', [{ type: 'routed' }, { type: 'accepted', departmentId: 'hr' }], null],
    ['returned but not yet accepted', [{ type: 'routed' }, { type: 'accepted', departmentId: 'economy' }, { type: 'returned', departmentId: 'economy' }], null],
    ['accepted by an unknown unit', [{ type: 'rerouted' }, { type: 'accepted', departmentId: 'mars' }], null]
  ])('%s', (_name, events, expected) => {
    const ex = exampleFromHistory({ ...problem, events })
    if (expected === null) expect(ex).toBeNull()
    else expect(ex).toEqual({ text: '用工\n缺普工', ...expected })
  })
})

describe('rules and evaluation', () => {
  test('rule validation speaks Chinese', () => {
    expect(validateRule({ phrase: '社保', department: 'hr', priority: 1 })).toEqual([])
    expect(validateRule({ phrase: '社保', department: 'town', priority: 1 })).toEqual([])
    expect(validateRule({ phrase: '社', department: 'hr', priority: 1 })).toEqual(['关键词太宽泛，每个词至少写两个字'])
    expect(validateRule({ phrase: '', department: 'x', priority: 'high' })).toHaveLength(3)
    expect(validateRule(null)).toEqual(['规则应为对象'])
  })

  test('evaluate counts top-1, triage and co-handling', () => {
    const d = (lead: string | null, co: string[] = [], suggestion = lead ?? 'hr'): RouteDecision => ({
      lead, co, confidence: 0.9, triage: lead === null, decidedBy: lead ? 'model' : 'none', reason: '测试', suggestions: [{ department: suggestion, confidence: 0.9 }]
    })
    const r = evaluate([
      { lead: ['hr'], decision: d('hr') },
      { lead: ['hr', 'trade_union'], decision: d('trade_union') },
      { lead: ['hr'], decision: d(null, [], 'hr') },
      { lead: ['tax'], co: ['commerce'], decision: d('tax', ['commerce']) },
      { lead: ['economy'], decision: d('science', ['economy']) }
    ])
    expect(r).toMatchObject({ total: 5, correct: 3, triaged: 1, suggestionTop1: 4, routedCorrect: 3, coLabelled: 1, coFound: 1, coSpurious: 1 })
    expect(r.accuracy).toBeCloseTo(0.6)
    expect(r.confusion).toEqual([{ expected: 'economy', got: 'science', count: 1 }, { expected: 'hr', got: 'dispatch', count: 1 }])
  })

  test('department ids cover the district and every town', () => {
    expect(DEPARTMENT_IDS).toHaveLength(29)
  })
})
