import { drainOutbox, type SubscribeSender } from '../../cloudfunctions/app/outbox'
import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
beforeAll(async () => {
  h = await openHarness()
})
afterAll(() => h.close())

// WeChat's servers cannot run here: this double records what would have been sent
function recordingSender(failFor: string | null = null) {
  const sent: Parameters<SubscribeSender['send']>[0][] = []
  const sender: SubscribeSender = {
    async send(m) {
      if (m.touser === failFor) throw new Error('user declined the subscription')
      sent.push(m)
    }
  }
  return { sender, sent }
}

describe('the outbox to WeChat subscribe messages', () => {
  test('sends each notice of a WeChat user once, skips people without WeChat identity, never resends', async () => {
    await h.db.query(`UPDATE people SET openid = 'o-handler-openid' WHERE id = 'p-demo-handler'`)
    const enterprise = await h.signIn('enterprise')
    unwrap(await h.call('problems', 'file', {
      title: '急需招聘焊工',
      content: '新厂区下月投产，焊工缺口约 50 人，希望对接招聘会。',
      category: 'recruitment',
      enterpriseId: 'e-murata'
    }, { as: enterprise }))

    const { sender, sent } = recordingSender()
    const first = await drainOutbox(h.deps, sender, { problem_update: 'TPL-UPDATE', problem_todo: 'TPL-TODO' })
    expect(first.sent).toBeGreaterThanOrEqual(1)
    expect(sent.every((m) => m.touser === 'o-handler-openid' && m.templateId === 'TPL-TODO')).toBe(true)
    expect(sent[0].page).toMatch(/^packages\/problem\/detail\/index\?id=pb-/)
    expect([...sent[0].data.thing3.value].length).toBeLessThanOrEqual(20)
    expect(first.skipped).toBeGreaterThanOrEqual(1)

    const again = await drainOutbox(h.deps, sender, { problem_update: 'TPL-UPDATE', problem_todo: 'TPL-TODO' })
    expect(again).toEqual({ sent: 0, skipped: 0, failed: 0 })
    expect(sent).toHaveLength(first.sent)
  })

  test('a refused send is counted and not retried forever; the in-app notice stays', async () => {
    const enterprise = await h.signIn('enterprise')
    const p = unwrap(await h.call('problems', 'file', {
      title: '普工招聘难',
      content: '流水线缺人三十多个，希望组织专场招聘。',
      category: 'recruitment',
      enterpriseId: 'e-murata'
    }, { as: enterprise }))
    const { sender } = recordingSender('o-handler-openid')
    const r = await drainOutbox(h.deps, sender, { problem_todo: 'TPL-TODO' })
    expect(r.failed).toBeGreaterThanOrEqual(1)
    const hr = await h.signIn('handler')
    expect(unwrap(await h.call('notices', 'list', {}, { as: hr })).some((n) => n.problemId === p.id)).toBe(true)
  })
})
