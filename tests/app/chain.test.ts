import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
let murata: string
let hongjin: string
let dispatcher: string
let hr: string

beforeAll(async () => {
  h = await openHarness()
  murata = await h.signIn('enterprise')
  // a liaison of another enterprise on the same chain as 村田 (智能家电)
  const [peer] = await h.db.query<{ id: string }>(
    `SELECT id FROM enterprises WHERE chain_id = (SELECT chain_id FROM enterprises WHERE id = 'e-murata') AND id <> 'e-murata' ORDER BY id LIMIT 1`
  )
  hongjin = await h.person('enterprise', peer.id)
  dispatcher = await h.signIn('dispatcher')
  hr = await h.signIn('handler')
})
afterAll(() => h.close())

const text = {
  title: '普工招聘难，流失率高',
  content: '今年普工招聘特别难，春节后返岗率低，流水线缺人三十多个，希望人社部门组织专场招聘并给予稳岗补贴。',
  category: 'recruitment' as const
}

describe('我也遇到, similar problems and chain-level items', () => {
  test('an enterprise of the same chain sees an open problem and +1s it once', async () => {
    const p = unwrap(await h.call('problems', 'file', { ...text, enterpriseId: 'e-murata', visibleToChain: true }, { as: murata }))
    const board = unwrap(await h.call('problems', 'chainBoard', {}, { as: hongjin }))
    expect(board.map((x) => x.id)).toContain(p.id)
    expect(unwrap(await h.call('problems', 'vote', { id: p.id }, { as: hongjin })).votes).toBe(1)
    expect(unwrap(await h.call('problems', 'vote', { id: p.id }, { as: hongjin })).votes).toBe(1)
    const own = await h.call('problems', 'vote', { id: p.id }, { as: murata })
    expect(own.ok || own.error.code).toBe('CONFLICT')
  })

  test('an anonymous problem is never shown to the chain', async () => {
    const p = unwrap(await h.call('problems', 'file', { ...text, enterpriseId: 'e-murata', visibleToChain: true, anonymous: true }, { as: murata }))
    expect(p.visibleToChain).toBe(false)
    const board = unwrap(await h.call('problems', 'chainBoard', {}, { as: hongjin }))
    expect(board.map((x) => x.id)).not.toContain(p.id)
  })

  test('the dispatcher finds the same problem from two enterprises and merges it; the reply reaches both', async () => {
    const a = unwrap(await h.call('problems', 'file', { ...text, enterpriseId: 'e-murata' }, { as: murata }))
    const [peer] = await h.db.query<{ scope_id: string }>(`SELECT scope_id FROM person_roles WHERE role = 'enterprise' AND person_id LIKE 'p-test-%' LIMIT 1`)
    const b = unwrap(await h.call('problems', 'file', { ...text, title: '流水线普工招不到人', enterpriseId: peer.scope_id }, { as: hongjin }))
    const groups = unwrap(await h.call('problems', 'similar', {}, { as: dispatcher }))
    const group = groups.find((g) => g.problemIds.includes(a.id) && g.problemIds.includes(b.id))
    expect(group?.enterprises).toBeGreaterThanOrEqual(2)
    const denied = await h.call('problems', 'similar', {}, { as: murata })
    expect(denied.ok || denied.error.code).toBe('FORBIDDEN')

    const chain = unwrap(await h.call('problems', 'merge', { problemIds: [a.id, b.id], title: '智能家电链普工招聘难' }, { as: dispatcher }))
    expect(chain.chainLevel).toBe(true)
    expect(unwrap(await h.call('problems', 'get', { id: a.id }, { as: murata })).mergedInto).toBe(chain.id)
    // members leave the unit's inbox: the chain-level item is handled once
    const inbox = unwrap(await h.call('problems', 'inbox', {}, { as: hr })).map((x) => x.id)
    expect(inbox).not.toContain(a.id)
    expect(inbox).toContain(chain.id)
    const again = await h.call('problems', 'act', { id: a.id, action: { type: 'accept' } }, { as: hr })
    expect(again.ok || again.error.code).not.toBe(true)

    await h.call('problems', 'act', { id: chain.id, action: { type: 'accept' } }, { as: hr })
    unwrap(await h.call('problems', 'act', { id: chain.id, action: { type: 'reply', content: '下周举办智能家电链普工专场招聘会，并开放稳岗补贴申报。' } }, { as: hr }))
    for (const token of [murata, hongjin]) {
      const notices = unwrap(await h.call('notices', 'list', {}, { as: token }))
      expect(notices.some((n) => n.problemId === chain.id && n.body.includes('专场招聘会'))).toBe(true)
      expect(unwrap(await h.call('problems', 'get', { id: chain.id }, { as: token })).id).toBe(chain.id)
    }
  })
})

describe('吐槽大会', () => {
  test('the dispatcher opens a session; problems raised in it form an agenda ordered by +1', async () => {
    const session = unwrap(
      await h.call('sessions', 'open', { chainId: 'smart_appliance', title: '智能家电链第四季度吐槽大会', startsOn: '2026-11-20', endsOn: '2026-11-30' }, { as: dispatcher })
    )
    expect(session.open).toBe(true)
    const quiet = unwrap(await h.call('problems', 'file', { ...text, title: '厂区周边路灯不亮', content: '厂区外道路路灯坏了两个月，夜班员工下班不安全，希望尽快修复。', category: 'other', enterpriseId: 'e-murata', sessionId: session.id, visibleToChain: true }, { as: murata }))
    const loud = unwrap(await h.call('problems', 'file', { ...text, enterpriseId: 'e-murata', sessionId: session.id, visibleToChain: true }, { as: murata }))
    await h.call('problems', 'vote', { id: loud.id }, { as: hongjin })
    const agenda = unwrap(await h.call('sessions', 'agenda', { id: session.id }, { as: hongjin }))
    expect(agenda.map((p) => p.id)).toEqual([loud.id, quiet.id])
    expect(unwrap(await h.call('sessions', 'list', {}, { as: murata })).find((s) => s.id === session.id)?.problemCount).toBe(2)
  })

  test('only the dispatcher opens sessions, with sane dates, and filing into a closed one is refused', async () => {
    const r = await h.call('sessions', 'open', { chainId: 'smart_appliance', title: '企业自己开的会', startsOn: '2026-11-20', endsOn: '2026-11-21' }, { as: murata })
    expect(r.ok || r.error.code).toBe('FORBIDDEN')
    const bad = await h.call('sessions', 'open', { chainId: 'smart_appliance', title: '日期颠倒的会议', startsOn: '2026-11-21', endsOn: '2026-11-20' }, { as: dispatcher })
    expect(bad.ok || bad.error.fields?.endsOn).toBe('结束日期不能早于开始日期')
    const past = unwrap(await h.call('sessions', 'open', { chainId: 'smart_appliance', title: '上个月的吐槽大会', startsOn: '2026-10-01', endsOn: '2026-10-02' }, { as: dispatcher }))
    const late = await h.call('problems', 'file', { ...text, enterpriseId: 'e-murata', sessionId: past.id }, { as: murata })
    expect(late.ok || late.error.code).toBe('CONFLICT')
  })
})
