import fs from 'node:fs'
import {
  DEFAULT_CHAIN_LEADS,
  DEFAULT_RULES,
  DEPARTMENT_IDS,
  fnv1a,
  parseModelJson,
  routeProblem,
  trainRouter,
  type RouteDecision,
  type RouteInput,
  type RoutingRule
} from '../../cloudfunctions/core/routing'
import { CHAINS } from '../../cloudfunctions/db/seed/chains'
import { DISTRICT_DEPARTMENTS } from '../../cloudfunctions/db/seed/departments'
import { TOWN_DEPARTMENTS } from '../../cloudfunctions/db/seed/towns'
import { MODEL_PATH, STARTER_PATH, starterExamples, starterModel } from './routing-support'

const model = starterModel()
const route = (input: RouteInput, options = {}): RouteDecision => routeProblem(model, input, options)

describe('the routing contract', () => {
  test('department ids and chain leads are those of the seed data', () => {
    expect([...DEPARTMENT_IDS].sort()).toEqual([...DISTRICT_DEPARTMENTS, ...TOWN_DEPARTMENTS].map((d) => d.id).sort())
    expect(DEFAULT_CHAIN_LEADS).toEqual(Object.fromEntries(CHAINS.map((c) => [c.id, c.leadDepartmentId])))
  })

  test('the shipped rules are valid and name real departments', () => {
    for (const r of DEFAULT_RULES) expect(DEPARTMENT_IDS).toContain(r.department)
  })
})

describe('the model routes plain problems by their words', () => {
  test.each<[string, string]>([
    ['车间缺三十个普工，招聘会什么时候开？', 'hr'],
    ['员工社保断缴了，怎么补缴', 'hr'],
    ['骑手想找个能歇脚喝水的地方，附近驿站经常关门', 'trade_union'],
    ['今年的技改补贴什么时候申报', 'economy'],
    ['银行抽贷，资金链快断了，想申请续贷', 'finance'],
    ['天天限电，生产安排不过来', 'dev_reform'],
    ['想申报高新技术企业，研发费用怎么归集', 'science'],
    ['锅炉年检过期了，特种设备检验排不上', 'market'],
    ['厂房的不动产权证一直办不下来', 'natural_resources'],
    ['新厂房的施工许可证还没批下来', 'housing'],
    ['喷涂线扩产要重新做环评吗', 'ecology'],
    ['厂门口路灯坏了一个月没人修', 'urban_mgmt'],
    ['货车白天限行，送货送不进去', 'transport'],
    ['员工的孩子上小学找不到学位', 'education'],
    ['员工要做职业健康体检', 'health'],
    ['数电发票的开票额度不够用', 'tax'],
    ['想参加广交会，展位申请不到', 'commerce'],
    ['危化品仓库的安全检查没通过', 'emergency'],
    ['指尖办上的企业账号换不了管理员', 'gov_services'],
    ['想在企业里成立党支部，需要几名党员', 'dispatch']
  ])('%s → %s', (text, lead) => {
    const d = route({ text })
    expect(d.lead).toBe(lead)
    expect(d.triage).toBe(false)
    expect(d.reason).toMatch(/[\u4e00-\u9fff]/)
  })

  test('the reason quotes the words that decided', () => {
    const d = route({ text: '员工社保断缴了，怎么补缴' })
    expect(d.decidedBy).toBe('model')
    expect(d.reason).toContain('社保')
    expect(d.reason).toContain('区人社局')
  })

  test('title and content are read together', () => {
    expect(route({ title: '咨询', content: '新厂房的施工许可证还没批下来' }).lead).toBe('housing')
  })
})

describe('rules kept by the dispatcher', () => {
  const hrText = '车间缺三十个普工，招聘会什么时候开？'

  test('a matching rule overrides the model', () => {
    expect(route({ text: hrText }).lead).toBe('hr')
    const d = route({ text: hrText }, { rules: [{ phrase: '招聘会', department: 'trade_union', priority: 10 }] })
    expect(d).toMatchObject({ lead: 'trade_union', decidedBy: 'rule', triage: false })
    expect(d.confidence).toBeGreaterThanOrEqual(0.95)
    expect(d.reason).toContain('招聘会')
  })

  test.each<[string, RoutingRule[], string, string[]]>([
    ['higher priority wins, the other becomes co-handler', [
      { phrase: '普工', department: 'trade_union', priority: 5 },
      { phrase: '招聘会', department: 'commerce', priority: 20 }
    ], 'commerce', ['trade_union']],
    ['equal priority: the longer phrase wins', [
      { phrase: '普工', department: 'trade_union', priority: 5 },
      { phrase: '招聘会', department: 'commerce', priority: 5 }
    ], 'commerce', ['trade_union']],
    ['equal priority and length: the earlier rule wins', [
      { phrase: '普工', department: 'trade_union', priority: 5 },
      { phrase: '车间', department: 'commerce', priority: 5 }
    ], 'trade_union', ['commerce']],
    ['rules for the same department do not add co-handlers', [
      { phrase: '普工', department: 'trade_union', priority: 5 },
      { phrase: '车间', department: 'trade_union', priority: 3 }
    ], 'trade_union', []]
  ])('%s', (_name, rules, lead, co) => {
    const d = route({ text: hrText }, { rules })
    expect(d.lead).toBe(lead)
    expect(d.co.slice(0, co.length)).toEqual(co)
  })

  test('A+B needs both words; quotes and full-width letters do not matter', () => {
    const rules = [{ phrase: '普工+春节', department: 'trade_union', priority: 5 }]
    expect(route({ text: hrText }, { rules }).decidedBy).toBe('model')
    expect(route({ text: `${hrText}春节后更缺` }, { rules }).lead).toBe('trade_union')
    const quoted = [{ phrase: '暖“新”驿站', department: 'trade_union', priority: 5 }]
    expect(route({ text: '附近的暖新驿站能不能延长开放时间' }, { rules: quoted }).decidedBy).toBe('rule')
    expect(route({ text: '想办ＳＣ证' }, { rules: [{ phrase: 'sc证', department: 'market', priority: 1 }] }).lead).toBe('market')
  })

  test('a rule to "town" goes to the enterprise\'s town, and is skipped when the town is unknown', () => {
    const rules = [{ phrase: '招聘会', department: 'town', priority: 5 }]
    expect(route({ text: hrText, town: 'lecong' }, { rules }).lead).toBe('town_lecong')
    expect(route({ text: hrText }, { rules }).decidedBy).toBe('model')
  })

  test('invalid rules never match', () => {
    const rules = [
      { phrase: '普', department: 'trade_union', priority: 5 },
      { phrase: '普工', department: 'nobody', priority: 5 },
      { phrase: '普工', department: 'commerce', priority: Number.NaN }
    ]
    expect(route({ text: hrText }, { rules }).decidedBy).toBe('model')
  })

  test('the shipped rules pin their phrases, and [] turns them off', () => {
    expect(route({ text: '出口退税好慢' })).toMatchObject({ lead: 'tax', decidedBy: 'rule' })
    expect(route({ text: '新来的员工是党员，组织关系怎么转' })).toMatchObject({ lead: 'dispatch', decidedBy: 'rule' })
    expect(route({ text: '出口退税好慢' }, { rules: [] }).decidedBy).toBe('model')
  })
})

describe('priors: chain and category', () => {
  const text = '想多参加一些对接活动，拓展市场'

  test('the chain\'s lead department tips an ambiguous problem', () => {
    const food = route({ text, chain: 'prepared_food' })
    const robots = route({ text, chain: 'robotics' })
    expect(food.lead).toBe('commerce')
    expect(robots.lead).toBe('economy')
    expect(robots.reason).toContain('产业链')
    expect(route({ text, chain: '预制菜' }).lead).toBe('commerce')
  })

  test('chain leads can be given by the caller', () => {
    expect(route({ text, chain: 'robotics' }, { chainLeads: { robotics: 'commerce' } }).lead).toBe('commerce')
  })

  test('the prior does not outweigh clear words', () => {
    expect(route({ text: '员工社保断缴了，怎么补缴', chain: 'prepared_food' }).lead).toBe('hr')
    expect(route({ text: '员工社保断缴了，怎么补缴', category: 'tax' }).lead).toBe('hr')
  })

  test('the category raises its department\'s confidence', () => {
    const plain = route({ text: '有些问题想反映，关于员工' })
    const withCategory = route({ text: '有些问题想反映，关于员工', category: 'recruitment' })
    const hr = (d: RouteDecision) => d.suggestions.find((s) => s.department === 'hr')?.confidence ?? 0
    expect(hr(withCategory)).toBeGreaterThan(hr(plain))
    expect(route({ text: '有些问题想反映，关于员工', category: '用工招聘' }).suggestions).toEqual(withCategory.suggestions)
  })

  test('unknown category, chain or town are ignored and said so', () => {
    const d = route({ text: '员工社保断缴了，怎么补缴', category: 'space', chain: 'moon', town: 'atlantis' })
    expect(d.lead).toBe('hr')
    expect(d.reason).toContain('未识别的类别')
    expect(d.reason).toContain('未识别的产业链')
    expect(d.reason).toContain('未识别的镇街')
  })
})

describe('local matters go to the town', () => {
  const text = '厂区附近晚上治安很差，经常有人偷东西'

  test.each<[RouteInput, string]>([
    [{ text, town: 'lunjiao' }, 'town_lunjiao'],
    [{ text, town: '容桂街道' }, 'town_ronggui'],
    [{ text, town: '北滘镇' }, 'town_beijiao'],
    [{ text: `我们在杏坛，${text}` }, 'town_xingtan'],
    [{ text: `我们在杏坛，${text}`, town: 'junan' }, 'town_junan']
  ])('%j → %s', (input, lead) => {
    const d = route(input)
    expect(d.lead).toBe(lead)
    expect(d.reason).toContain('属地')
  })

  test('a town named in the text does not make a district matter local', () => {
    expect(route({ text: '我们在容桂，员工社保断缴了，怎么补缴' }).lead).toBe('hr')
  })

  test('without a town, a local matter is not sent to a guessed town', () => {
    const d = route({ text })
    expect(d.lead === null || !d.lead.startsWith('town_')).toBe(true)
    expect(d.reason).toContain('镇街')
  })
})

describe('low confidence goes to triage', () => {
  test.each(['你好', '请问一下', '今天天气不错', '', '   ', '😀😀', 'asdfgh', '123456'])('%j → triage', (text) => {
    const d = route({ text })
    expect(d.lead).toBeNull()
    expect(d.triage).toBe(true)
    expect(d.decidedBy).toBe('none')
    expect(d.reason).toContain('调度中心')
    expect(d.co).toEqual([])
    expect(d.suggestions.length).toBeLessThanOrEqual(3)
  })

  test('triage keeps the top suggestions for the dispatcher', () => {
    const d = route({ text: '车间缺三十个普工，招聘会什么时候开？' }, { threshold: 1 })
    expect(d.triage).toBe(true)
    expect(d.suggestions[0].department).toBe('hr')
    expect(d.reason).toContain('低于阈值')
    expect(d.reason).toContain('区人社局')
  })

  test('the threshold is the caller\'s', () => {
    const text = '想多参加一些对接活动，拓展市场'
    const { confidence } = route({ text }, { threshold: 0 })
    expect(confidence).toBeLessThan(0.9)
    expect(route({ text }, { threshold: confidence + 0.01 })).toMatchObject({ triage: true, lead: null })
    expect(route({ text }, { threshold: confidence - 0.01 })).toMatchObject({ triage: false, lead: 'commerce' })
  })
})

describe('co-handling when a problem spans two departments', () => {
  test.each<[string, string[], string[]]>([
    ['车间缺三十个普工，招聘会什么时候开？另外员工子女入学的学位能不能帮忙解决', ['hr', 'education'], ['hr', 'education']],
    ['今年准备申报技改项目奖励，同时也想申请研发费用补助', ['economy', 'science'], ['economy', 'science']],
    ['出口退税三个月没到账，另外想了解今年去境外参展的补贴政策', ['tax'], ['tax', 'commerce']]
  ])('%s', (text, leads, involved) => {
    const d = route({ text })
    expect(leads).toContain(d.lead)
    expect(new Set([d.lead, ...d.co])).toEqual(new Set(involved))
    expect(d.co).not.toContain(d.lead)
    expect(d.reason).toContain('会办')
  })

  test('a single matter gets no co-handler', () => {
    expect(route({ text: '员工社保断缴了两个月，现在想补缴，网上操作不了，请问怎么办' }).co).toEqual([])
  })

  test('maxCo 0 turns co-handling off', () => {
    expect(route({ text: '车间缺三十个普工，招聘会什么时候开？另外员工子女入学的学位能不能帮忙解决' }, { maxCo: 0 }).co).toEqual([])
  })
})

describe('determinism', () => {
  test('the same input gives the same decision', () => {
    const input = { title: '用工', content: '车间缺三十个普工，另外员工子女入学的学位能不能帮忙解决', chain: 'robotics', town: 'daliang' }
    expect(route(input)).toEqual(route(input))
  })

  test('training is deterministic and ignores the order of examples', () => {
    const ex = starterExamples()
    const a = JSON.stringify(trainRouter(ex).json)
    const b = JSON.stringify(trainRouter([...ex].reverse()).json)
    expect(b).toBe(a)
  })

  test('a model survives a JSON round trip and routes the same', () => {
    const parsed = parseModelJson(JSON.parse(JSON.stringify(model.json)))
    if (!parsed.ok) throw new Error(parsed.error)
    const input = { text: '出口退税三个月没到账，另外想了解今年去境外参展的补贴政策' }
    expect(routeProblem(parsed.model, input)).toEqual(route(input))
  })

  test('bad model files are refused in Chinese', () => {
    for (const bad of [null, [], { format: 'x' }, { ...model.json, classes: ['nobody'] }, { ...model.json, bias: [1] }, { ...model.json, weights: { 社保: [99, 1] } }]) {
      const r = parseModelJson(bad)
      expect(r.ok).toBe(false)
      if (!r.ok) expect(r.error).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  test('the shipped model.json is trained on the current starter set (else run npm run route:train)', () => {
    if (!fs.existsSync(MODEL_PATH)) return
    const parsed = parseModelJson(JSON.parse(fs.readFileSync(MODEL_PATH, 'utf8')))
    if (!parsed.ok) throw new Error(parsed.error)
    expect(parsed.model.json.trainedOn?.starterHash).toBe(fnv1a(fs.readFileSync(STARTER_PATH, 'utf8')).toString(16))
  })
})
