import { openHarness, unwrap, type Harness } from '../support/harness'

// The department inbox reads one page (200) straight from its index: owed units first by deadline, then
// newest first. With more units than a page, the page must be exactly the first 200 of that order.

let h: Harness
beforeAll(async () => {
  h = await openHarness()
})
afterAll(() => h.close())

const FILED = 230

test(`with ${FILED} problems owed, the inbox is the first 200 by deadline then newest, and overdue keeps that order`, async () => {
  const start = h.clock.now.getTime()
  let enterprise = ''
  for (let i = 0; i < FILED; i++) {
    // three hours apart: creation times differ, and deadlines (working days) fall on different days;
    // a session lasts 7 days, so sign in again now and then as the clock runs
    h.clock.now = new Date(start + i * 3 * 3600_000)
    if (i % 40 === 0) enterprise = await h.signIn('enterprise')
    unwrap(await h.call('problems', 'file', { title: `急需招聘数控操作工第${i}批`, content: '新订单排产到明年三月，车间还缺数控操作工，希望人社部门帮忙对接招聘会。', category: 'recruitment', enterpriseId: 'e-murata' }, { as: enterprise }))
  }
  const signIn = unwrap(await h.call('accounts', 'demoSignIn', { role: 'handler' }))
  const departments = signIn.user.roles.filter((r) => r.role === 'handler').map((r) => r.scopeId)
  const units = await h.db.query<{ problem_id: string; due: Date | null; created_at: Date }>(
    `SELECT u.problem_id, u.due, p.created_at FROM problem_units u JOIN problems p ON p.id = u.problem_id
      WHERE u.department_id = ANY($1::text[]) AND u.state = 'open'`,
    [departments]
  )
  expect(units.length).toBeGreaterThan(200)
  const key = (d: Date | null) => (d ? d.getTime() : Number.POSITIVE_INFINITY)
  const ordered = [...units].sort((a, b) => key(a.due) - key(b.due) || b.created_at.getTime() - a.created_at.getTime())

  const inbox = unwrap(await h.call('problems', 'inbox', { view: 'open' }, { as: signIn.token }))
  expect(inbox.map((p) => p.id)).toEqual(ordered.slice(0, 200).map((u) => u.problem_id))

  // weeks later every one of them is overdue: the same order, the same page
  h.clock.now = new Date(start + 90 * 24 * 3600_000)
  const overdue = unwrap(await h.call('problems', 'inbox', { view: 'overdue' }, { as: await h.signIn('handler') }))
  expect(overdue.map((p) => p.id)).toEqual(ordered.filter((u) => u.due && u.due < h.clock.now).slice(0, 200).map((u) => u.problem_id))
}, 120_000)
