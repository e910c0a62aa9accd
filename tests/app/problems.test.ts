import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
beforeAll(async () => {
  h = await openHarness()
})
afterAll(() => h.close())

const valid = {
  title: '急需招聘数控操作工',
  content: '新订单排产到明年三月，车间还缺 40 名数控操作工，希望人社部门帮忙对接招聘会。',
  category: 'recruitment' as const,
  enterpriseId: 'e-murata'
}

describe('filing a problem, end to end through the handlers', () => {
  test('an enterprise user files; it is numbered, routed by category, listed as mine and in the department inbox', async () => {
    const enterprise = await h.signIn('enterprise')
    const handler = await h.signIn('handler')
    const filed = unwrap(await h.call('problems', 'file', valid, { as: enterprise, requestId: 'req-end-to-end-1' }))

    expect(filed.number).toMatch(/^SD20261123-\d{4}$/)
    expect(filed.status).toBe('routed')
    expect(filed.leadDepartmentId).toBe('hr')
    expect(filed.enterpriseName).toContain('村田')
    expect(filed.events.map((e) => e.type)).toEqual(['filed', 'routed'])

    const mine = unwrap(await h.call('problems', 'mine', {}, { as: enterprise }))
    expect(mine.map((p) => p.id)).toContain(filed.id)

    const inbox = unwrap(await h.call('problems', 'inbox', {}, { as: handler }))
    expect(inbox.find((p) => p.id === filed.id)?.status).toBe('routed')

    const seenByHandler = unwrap(await h.call('problems', 'get', { id: filed.id }, { as: handler }))
    expect(seenByHandler.content).toBe(valid.content)
  })

  test('numbers of one day count up without gaps or repeats', async () => {
    const enterprise = await h.signIn('enterprise')
    const numbers: string[] = []
    for (let i = 0; i < 3; i++) {
      numbers.push(unwrap(await h.call('problems', 'file', { ...valid, title: `${valid.title}${i}` }, { as: enterprise })).number)
    }
    const seqs = numbers.map((n) => Number(n.split('-')[1]))
    expect(seqs[1]).toBe(seqs[0] + 1)
    expect(seqs[2]).toBe(seqs[1] + 1)
  })

  test('a retried submission with the same request id creates one problem and answers the same', async () => {
    const enterprise = await h.signIn('enterprise')
    const before = unwrap(await h.call('problems', 'mine', {}, { as: enterprise })).length
    const a = unwrap(await h.call('problems', 'file', valid, { as: enterprise, requestId: 'req-retry-0001' }))
    const b = unwrap(await h.call('problems', 'file', valid, { as: enterprise, requestId: 'req-retry-0001' }))
    expect(b).toEqual(a)
    expect(unwrap(await h.call('problems', 'mine', {}, { as: enterprise })).length).toBe(before + 1)
  })

  test('a problem routing cannot place goes to triage, with no lead department', async () => {
    const enterprise = await h.signIn('enterprise')
    const vague = { ...valid, title: '咨询一下', content: '你好，我们想咨询一下，有空请回个电话，谢谢。', category: 'other' as const }
    const filed = unwrap(await h.call('problems', 'file', vague, { as: enterprise }))
    expect(filed.status).toBe('triage')
    expect(filed.leadDepartmentId).toBeNull()
    expect(filed.events.map((e) => e.type)).toEqual(['filed', 'triaged'])
  })

  test('bad input gets a Chinese message per field and stores nothing', async () => {
    const enterprise = await h.signIn('enterprise')
    const before = unwrap(await h.call('problems', 'mine', {}, { as: enterprise })).length
    const r = await h.raw('problems', { action: 'file', input: { title: '短', content: '', category: 'nope' } }, { kind: 'token', token: enterprise })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('VALIDATION')
    expect(r.error.fields).toMatchObject({ title: expect.stringContaining('标题'), content: expect.any(String), category: '请选择问题类别', enterpriseId: expect.any(String) })
    for (const m of Object.values(r.error.fields ?? {})) expect(m).toMatch(/[\u4e00-\u9fa5]/)
    expect(unwrap(await h.call('problems', 'mine', {}, { as: enterprise })).length).toBe(before)
  })

  test('an enterprise user cannot file for another enterprise', async () => {
    const enterprise = await h.signIn('enterprise')
    const r = await h.call('problems', 'file', { ...valid, enterpriseId: 'e-shenling' }, { as: enterprise })
    expect(r.ok || r.error.code).toBe('FORBIDDEN')
  })

  test('a first secretary files on behalf of an assigned enterprise, and it is marked so', async () => {
    const secretary = await h.signIn('secretary')
    const me = unwrap(await h.call('accounts', 'me', {}, { as: secretary }))
    const assigned = me.roles.find((g) => g.role === 'secretary')?.scopeId
    expect(assigned).toBeTruthy()
    const filed = unwrap(await h.call('problems', 'file', { ...valid, enterpriseId: assigned as string }, { as: secretary }))
    expect(filed.onBehalf).toBe(true)
    expect(filed.filerName).toBe(me.name)
  })

  test('nobody else reads a problem: other enterprises, other departments and strangers get NOT_FOUND', async () => {
    const enterprise = await h.signIn('enterprise')
    const filed = unwrap(await h.call('problems', 'file', valid, { as: enterprise }))
    const station = await h.signIn('station')
    const r = await h.call('problems', 'get', { id: filed.id }, { as: station })
    expect(r.ok || r.error.code).toBe('NOT_FOUND')
    const anon = await h.call('problems', 'get', { id: filed.id })
    expect(anon.ok || anon.error.code).toBe('UNAUTHENTICATED')
    const dispatcher = await h.signIn('dispatcher')
    expect(unwrap(await h.call('problems', 'get', { id: filed.id }, { as: dispatcher })).id).toBe(filed.id)
  })

  test('the inbox is for handlers only', async () => {
    const enterprise = await h.signIn('enterprise')
    const r = await h.call('problems', 'inbox', {}, { as: enterprise })
    expect(r.ok || r.error.code).toBe('FORBIDDEN')
  })

  test('the event history cannot be rewritten', async () => {
    await expect(h.db.query(`UPDATE problem_events SET note = 'changed'`)).rejects.toThrow(/append-only/)
    await expect(h.db.query(`DELETE FROM problem_events`)).rejects.toThrow(/append-only/)
  })
})
