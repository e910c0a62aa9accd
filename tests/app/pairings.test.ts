import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { encodeCheckIn } from '../../cloudfunctions/core'
import { localPhotoStore } from '../../cloudfunctions/local/photo-store'
import { openHarness, unwrap, type Harness } from '../support/harness'
import type { Result } from '@contract'

// The harness's clock: Monday 2026-11-23, 10:00 in China.
const TODAY = '2026-11-23'
const MORNING = new Date('2026-11-23T02:00:00Z')
const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

let h: Harness
let liaison: string // p-demo-enterprise: 村田's liaison and contact of pair-2-murata
let secretary: string // first secretary of 鸿金源, 永通, 高宝, 特丽洁
let dispatcher: string
let outsider: string // staff of an enterprise with no part in 村田's pair

beforeAll(async () => {
  h = await openHarness()
  h.deps.photos = localPhotoStore(fs.mkdtempSync(path.join(os.tmpdir(), 'lst-pair-photos-')), 'test-secret')
  liaison = await h.signIn('enterprise')
  secretary = await h.signIn('secretary')
  dispatcher = await h.signIn('dispatcher')
  outsider = await h.person('enterprise', 'e-shenling')
})
afterAll(() => h.close())
beforeEach(() => {
  h.clock.now = MORNING
})

function refused<T>(r: Result<T>, code: string): string {
  if (r.ok) throw new Error(`expected ${code}, got ok`)
  expect(r.error.code).toBe(code)
  expect(r.error.message).toMatch(/[\u4e00-\u9fa5]/)
  return r.error.message
}

const lecture = (pairingId: string, extra: Record<string, unknown> = {}) => ({
  pairingId,
  type: 'lecture' as const,
  title: '学习贯彻专题党课',
  heldOn: TODAY,
  place: '企业党员活动室',
  summary: '两支部党员共同学习，结合企业生产经营交流体会。',
  ...extra
})

describe('the directory (public)', () => {
  test('all pairs: branch pairs first, then 青蓝 pairs; with enterprise, chain and activity counts', async () => {
    const all = unwrap(await h.call('pairings', 'list', {}))
    expect(all).toHaveLength(11)
    const kinds = all.map((p) => p.kind)
    expect(kinds.slice(0, 8).every((k) => k === 'branch')).toBe(true)
    expect(kinds.slice(8).every((k) => k === 'mentoring')).toBe(true)
    const murata = all.find((p) => p.id === 'pair-2-murata')
    expect(murata).toMatchObject({
      enterpriseId: 'e-murata',
      enterpriseName: '广东村田智能科技有限公司',
      activityCount: 2,
      lastActivityOn: '2026-04-23',
      startedOn: '2020-07-15'
    })
    expect(murata?.chainId).toBeTruthy()
    expect(murata?.chainName).toBeTruthy()
    expect(all.find((p) => p.id === 'pair-2-renxin')).toMatchObject({ activityCount: 0, lastActivityOn: null })
  })

  test('filters by kind and phase', async () => {
    const mentoring = unwrap(await h.call('pairings', 'list', { kind: 'mentoring' }))
    expect(mentoring.map((p) => p.id).sort()).toEqual(['mentor-1', 'mentor-2', 'mentor-3'])
    expect(unwrap(await h.call('pairings', 'list', { phase: 2 })).every((p) => p.phase === 2 && p.kind === 'branch')).toBe(true)
    expect(unwrap(await h.call('pairings', 'list', { kind: 'branch', phase: 1 }))).toEqual([])
    refused(await h.raw('pairings', { action: 'list', input: { kind: 'club' } }), 'VALIDATION')
  })

  test("a pair's page: masked contacts, the district's default plan, problem counts, recent activities", async () => {
    await h.db.query(`UPDATE people SET phone = '13800138000' WHERE id = 'p-demo-enterprise'`)
    const page = unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }))
    expect(page.contacts).toEqual([{ side: 'enterprise', name: '陈晓敏', phone: '138****8000' }])
    expect(page.canPost).toBe(false)
    expect(page.problemsRaised).toBe(0)
    expect(page.problemsSolved).toBe(0)
    expect(page.activities.map((a) => a.id)).toEqual(['act-murata-2026-04', 'act-murata-2026-03'])
    expect(page.activities[0].pairingTitle).toBe('顺德图书馆党支部与村田智能公司党支部')
    // the default plan: 2 lectures, 2 theme days, 2 共商发展难题, one each of the rest; one lecture and one theme day done
    const plan = page.plan
    expect(plan?.year).toBe(2026)
    expect(plan?.lines.map((l) => l.type)).toEqual(['lecture', 'theme_day', 'development', 'position', 'life_meeting', 'evaluation'])
    expect(plan?.lines.find((l) => l.type === 'lecture')).toMatchObject({ required: 2, done: 1, expected: 1, behind: false })
    expect(plan?.lines.find((l) => l.type === 'development')).toMatchObject({ required: 2, done: 0, behind: true })
    expect(plan?.completion).toBeCloseTo(2 / 9)
    // the contact may post; so may the district; a stranger may not
    expect(unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }, { as: liaison })).canPost).toBe(true)
    expect(unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }, { as: dispatcher })).canPost).toBe(true)
    expect(unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }, { as: outsider })).canPost).toBe(false)
    expect(unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }, { as: secretary })).canPost).toBe(false)
    expect(unwrap(await h.call('pairings', 'get', { id: 'pair-2-gaobao' }, { as: secretary })).canPost).toBe(true)
  })

  test("a pair's own plan replaces the default; other years; 青蓝 pairs have none", async () => {
    await h.db.query(`INSERT INTO pairing_plans (pairing_id, year, type, required) VALUES ('pair-2-gaobao', 2026, 'lecture', 3)`)
    const own = unwrap(await h.call('pairings', 'get', { id: 'pair-2-gaobao' }))
    expect(own.plan?.lines).toEqual([{ type: 'lecture', required: 3, done: 1, expected: 2, behind: true }])
    const next = unwrap(await h.call('pairings', 'get', { id: 'pair-2-gaobao', year: 2027 }))
    expect(next.plan?.lines).toHaveLength(6)
    expect(next.plan?.completion).toBe(0)
    expect(next.plan?.behind).toBe(false)
    expect(unwrap(await h.call('pairings', 'get', { id: 'pair-2-gaobao', year: 2030 })).plan).toBeNull()
    expect(unwrap(await h.call('pairings', 'get', { id: 'mentor-1' })).plan).toBeNull()
  })

  test('an unknown pair, a bad year', async () => {
    refused(await h.call('pairings', 'get', { id: 'pair-nope' }), 'NOT_FOUND')
    refused(await h.raw('pairings', { action: 'get', input: { id: 'pair-2-murata', year: 1990 } }), 'VALIDATION')
  })
})

describe('the activity feed (public)', () => {
  test('newest held first, filtered by pair, type, phase, chain and dates, limited', async () => {
    const all = unwrap(await h.call('pairings', 'activities', {}))
    expect(all).toHaveLength(10)
    const days = all.map((a) => a.heldOn)
    expect([...days].sort().reverse()).toEqual(days)
    expect(all[0]).toMatchObject({ id: 'act-hongjinyuan-2026-10', attendance: 0, problemsRaised: 0, photoCount: 0, cover: null })

    expect(unwrap(await h.call('pairings', 'activities', { pairingId: 'pair-2-shenling' })).map((a) => a.id)).toEqual([
      'act-shenling-2026-07b',
      'act-shenling-2026-07'
    ])
    expect(unwrap(await h.call('pairings', 'activities', { type: 'development' })).map((a) => a.id)).toEqual([
      'act-shenling-2026-07',
      'act-huimeizhuang-2026-05'
    ])
    expect(unwrap(await h.call('pairings', 'activities', { phase: 2 }))).toHaveLength(10)
    expect(unwrap(await h.call('pairings', 'activities', { phase: 1 }))).toEqual([])
    expect(unwrap(await h.call('pairings', 'activities', { from: '2026-06-01', to: '2026-06-30' })).map((a) => a.id)).toEqual([
      'act-huimeizhuang-2026-06',
      'act-gaobao-2026-06'
    ])
    expect(unwrap(await h.call('pairings', 'activities', { limit: 3 }))).toHaveLength(3)

    const [murata] = await h.db.query<{ chain_id: string }>(`SELECT chain_id FROM enterprises WHERE id = 'e-murata'`)
    const chain = unwrap(await h.call('pairings', 'activities', { chainId: murata.chain_id }))
    const onChain = await h.db.query<{ id: string }>(
      `SELECT a.id FROM pairing_activities a JOIN pairings p ON p.id = a.pairing_id JOIN enterprises e ON e.id = p.enterprise_id WHERE e.chain_id = $1`,
      [murata.chain_id]
    )
    expect(chain.map((a) => a.id).sort()).toEqual(onChain.map((r) => r.id).sort())
  })

  test('bad filters are refused in Chinese', async () => {
    const backwards = await h.call('pairings', 'activities', { from: '2026-06-30', to: '2026-06-01' })
    expect(refused(backwards, 'VALIDATION')).toBe('开始日期不能晚于结束日期')
    refused(await h.call('pairings', 'activities', { from: '2026-02-30' }), 'VALIDATION')
    refused(await h.call('pairings', 'activities', { pairingId: 'pair-nope' }), 'NOT_FOUND')
    refused(await h.call('pairings', 'activities', { chainId: 'no-such-chain' }), 'VALIDATION')
    refused(await h.raw('pairings', { action: 'activities', input: { limit: 500 } }), 'VALIDATION')
  })

  test('one activity, for the public: no management, no attendance, problems only counted', async () => {
    const a = unwrap(await h.call('pairings', 'activity', { id: 'act-gaobao-2026-06' }))
    expect(a).toMatchObject({ type: 'lecture', title: '质量强企专题党课', createdByName: '梁志宏', canManage: false, attended: false, problems: [], photos: [] })
    refused(await h.call('pairings', 'activity', { id: 'act-nope' }), 'NOT_FOUND')
  })
})

describe('recording an activity', () => {
  test('a contact records a held activity with photos; it leads the feed with its cover', async () => {
    const up = unwrap(await h.call('files', 'upload', { mimeType: 'image/png', base64: ONE_PIXEL_PNG }, { as: liaison }))
    const up2 = unwrap(await h.call('files', 'upload', { mimeType: 'image/png', base64: ONE_PIXEL_PNG }, { as: liaison }))
    const posted = unwrap(await h.call('pairings', 'postActivity', lecture('pair-2-murata', { photos: [up.id, up2.id] }), { as: liaison }))
    expect(posted).toMatchObject({ pairingId: 'pair-2-murata', heldOn: TODAY, canManage: true, attended: false, photoCount: 2, createdByName: '陈晓敏' })
    expect(posted.photos.map((p) => p.id)).toEqual([up.id, up2.id])
    expect(posted.cover?.id).toBe(up.id)
    const [first] = unwrap(await h.call('pairings', 'activities', { pairingId: 'pair-2-murata' }))
    expect(first).toMatchObject({ id: posted.id, photoCount: 2 })
    expect(first.cover?.id).toBe(up.id)
    const page = unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }))
    expect(page).toMatchObject({ activityCount: 3, lastActivityOn: TODAY })
    expect(page.plan?.lines.find((l) => l.type === 'lecture')?.done).toBe(2)
    // a photo is used once
    refused(await h.call('pairings', 'postActivity', lecture('pair-2-murata', { photos: [up.id] }), { as: liaison }), 'VALIDATION')
  })

  test('a retried post (same request id) records it once', async () => {
    const input = lecture('pair-2-gaobao', { title: '重试也只记一次的党课' })
    const a = unwrap(await h.call('pairings', 'postActivity', input, { as: secretary, requestId: 'req-post-1' }))
    const b = unwrap(await h.call('pairings', 'postActivity', input, { as: secretary, requestId: 'req-post-1' }))
    expect(b.id).toBe(a.id)
    const rows = await h.db.query(`SELECT 1 FROM pairing_activities WHERE title = '重试也只记一次的党课'`)
    expect(rows).toHaveLength(1)
  })

  test('only those who run the pair', async () => {
    refused(await h.call('pairings', 'postActivity', lecture('pair-2-murata'), { as: outsider }), 'FORBIDDEN')
    refused(await h.call('pairings', 'postActivity', lecture('pair-2-murata'), { as: secretary }), 'FORBIDDEN')
    refused(await h.call('pairings', 'postActivity', lecture('pair-2-murata')), 'UNAUTHENTICATED')
    refused(await h.call('pairings', 'postActivity', lecture('pair-nope'), { as: dispatcher }), 'NOT_FOUND')
    // an agency-side contact added to the pair may
    const agency = await h.person('handler', 'culture')
    const [row] = await h.db.query<{ person_id: string }>(`SELECT person_id FROM person_roles WHERE person_id LIKE 'p-test-handler-culture-%'`)
    await h.db.query(`INSERT INTO pairing_contacts (pairing_id, person_id, side) VALUES ('pair-2-murata', $1, 'agency')`, [row.person_id])
    expect(unwrap(await h.call('pairings', 'postActivity', lecture('pair-2-murata', { type: 'theme_day' }), { as: agency })).canManage).toBe(true)
    const contacts = unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' })).contacts
    expect(contacts.map((c) => c.side)).toEqual(['agency', 'enterprise'])
  })

  test('the type must suit the pair; the date must be held, within the term', async () => {
    const m = await h.call('pairings', 'postActivity', lecture('mentor-1'), { as: secretary })
    expect(refused(m, 'VALIDATION')).toContain('青蓝结对')
    expect(m.ok || m.error.fields?.type).toBeTruthy()
    refused(await h.call('pairings', 'postActivity', lecture('pair-2-gaobao', { type: 'mentoring' }), { as: secretary }), 'VALIDATION')
    expect(unwrap(await h.call('pairings', 'postActivity', lecture('mentor-1', { type: 'mentoring', title: '季度面谈' }), { as: secretary })).type).toBe('mentoring')

    const tomorrow = await h.call('pairings', 'postActivity', lecture('pair-2-gaobao', { heldOn: '2026-11-24' }), { as: secretary })
    expect(refused(tomorrow, 'VALIDATION')).toContain('不能晚于今天')
    expect(tomorrow.ok || tomorrow.error.fields?.heldOn).toBeTruthy()
    refused(await h.call('pairings', 'postActivity', lecture('pair-2-gaobao', { heldOn: '2019-12-31' }), { as: secretary }), 'VALIDATION')
    refused(await h.call('pairings', 'postActivity', lecture('pair-2-gaobao', { heldOn: '2026-02-30' }), { as: secretary }), 'VALIDATION')
    refused(await h.call('pairings', 'postActivity', lecture('pair-2-gaobao', { summary: '太短' }), { as: secretary }), 'VALIDATION')
  })
})

describe('sign-in by QR code', () => {
  function readQr(dataUrl: string): string {
    const prefix = 'data:image/png;base64,'
    expect(dataUrl.startsWith(prefix)).toBe(true)
    const png = PNG.sync.read(Buffer.from(dataUrl.slice(prefix.length), 'base64'))
    const found = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height)
    if (!found) throw new Error('no QR code found in the image')
    return found.data
  }

  let activityId: string
  beforeAll(async () => {
    h.clock.now = MORNING
    activityId = unwrap(await h.call('pairings', 'postActivity', lecture('pair-2-telijie', { type: 'theme_day', title: '签到测试主题党日' }), { as: secretary })).id
  })

  test('the organiser shows the code; members scan it; a second scan is harmless', async () => {
    const code = unwrap(await h.call('pairings', 'attendanceCode', { id: activityId }, { as: secretary }))
    expect(code.expiresAt).toBe('2026-11-23T16:00:00.000Z')
    expect(readQr(code.qrImage)).toBe(code.token)
    expect(code.token.startsWith(`${activityId}.`)).toBe(true)

    const member = await h.person('enterprise', 'e-telijie')
    const first = unwrap(await h.call('pairings', 'attend', { code: code.token }, { as: member }))
    expect(first.alreadyAttended).toBe(false)
    expect(first.activity).toMatchObject({ id: activityId, attended: true, attendance: 1, canManage: false })
    h.clock.now = new Date(h.clock.now.getTime() + 60_000)
    const again = unwrap(await h.call('pairings', 'attend', { code: code.token }, { as: member }))
    // a rescan is harmless and says so (已签到过); the first sign-in's time stands
    expect(again.alreadyAttended).toBe(true)
    expect(again.activity).toMatchObject({ attended: true, attendance: 1, attendedAt: first.activity.attendedAt })
    expect(await h.db.query('SELECT 1 FROM activity_attendance WHERE activity_id = $1', [activityId])).toHaveLength(1)

    // anybody signed in may attend, until the day ends in China
    h.clock.now = new Date('2026-11-23T15:59:59Z')
    expect(unwrap(await h.call('pairings', 'attend', { code: code.token }, { as: outsider })).activity.attendance).toBe(2)
    expect(unwrap(await h.call('pairings', 'activity', { id: activityId }, { as: member })).attended).toBe(true)
    expect(unwrap(await h.call('pairings', 'activity', { id: activityId }, { as: liaison })).attended).toBe(false)
    expect(unwrap(await h.call('pairings', 'activity', { id: activityId })).attendance).toBe(2)
    const [summary] = unwrap(await h.call('pairings', 'activities', { pairingId: 'pair-2-telijie' }))
    expect(summary).toMatchObject({ id: activityId, attendance: 2 })

    h.clock.now = new Date('2026-11-23T16:00:00Z')
    const late = await h.call('pairings', 'attend', { code: code.token }, { as: liaison })
    expect(refused(late, 'CONFLICT')).toContain('过期')
  })

  test('the code only on the day, only for the organiser', async () => {
    const past = await h.call('pairings', 'attendanceCode', { id: 'act-telijie-2026-09' }, { as: secretary })
    expect(refused(past, 'CONFLICT')).toBe('签到仅在活动当天开放（2026年9月12日）')
    refused(await h.call('pairings', 'attendanceCode', { id: activityId }, { as: liaison }), 'FORBIDDEN')
    refused(await h.call('pairings', 'attendanceCode', { id: activityId }), 'UNAUTHENTICATED')
    refused(await h.call('pairings', 'attendanceCode', { id: 'act-nope' }, { as: secretary }), 'NOT_FOUND')
    // the district may show it too
    expect(unwrap(await h.call('pairings', 'attendanceCode', { id: activityId }, { as: dispatcher })).token).toContain(activityId)
    h.clock.now = new Date('2026-11-24T01:00:00Z')
    expect(refused(await h.call('pairings', 'attendanceCode', { id: activityId }, { as: secretary }), 'CONFLICT')).toBe('签到仅在活动当天开放（2026年11月23日）')
  })

  test('forged, borrowed, malformed and anonymous scans are refused', async () => {
    const code = unwrap(await h.call('pairings', 'attendanceCode', { id: activityId }, { as: secretary }))
    const [id, exp, sig] = code.token.split('.')
    const forgedSig = `${id}.${exp}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`
    refused(await h.call('pairings', 'attend', { code: forgedSig }, { as: liaison }), 'FORBIDDEN')
    // a longer validity needs a new signature
    refused(await h.call('pairings', 'attend', { code: `${id}.${Number(exp) + 86_400}.${sig}` }, { as: liaison }), 'FORBIDDEN')
    // a code signed for another purpose (a booking's check-in) is not an attendance code
    const borrowed = encodeCheckIn(activityId, new Date(Number(exp) * 1000), (d) => h.deps.tokens.sign('check-in', d))
    refused(await h.call('pairings', 'attend', { code: borrowed }, { as: liaison }), 'FORBIDDEN')
    refused(await h.call('pairings', 'attend', { code: 'not-a-code-at-all' }, { as: liaison }), 'VALIDATION')
    refused(await h.call('pairings', 'attend', { code: code.token }), 'UNAUTHENTICATED')
    // a genuine code for an activity that is not today's (signed by the server, e.g. kept from an earlier day)
    const old = encodeCheckIn('act-telijie-2026-09', new Date('2026-11-24T00:00:00Z'), (d) => h.deps.tokens.sign('attendance', d))
    expect(refused(await h.call('pairings', 'attend', { code: old }, { as: liaison }), 'CONFLICT')).toBe('签到仅在活动当天开放（2026年9月12日）')
    expect(await h.db.query('SELECT 1 FROM activity_attendance WHERE person_id = $1', ['p-demo-enterprise'])).toHaveLength(0)
  })
})

describe('共商发展难题: raising problems into the flow', () => {
  const problem = {
    title: '普工招聘难，流失率高',
    content: '今年普工招聘特别难，春节后返岗率低，流水线缺人三十多个，希望人社部门组织专场招聘并给予稳岗补贴。',
    category: 'recruitment' as const
  }

  test('raised → routed unit accepts and replies → the enterprise confirms solved → the pair counts it', async () => {
    const before = unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }))
    const meeting = unwrap(
      await h.call(
        'pairings',
        'postActivity',
        lecture('pair-2-murata', { type: 'development', title: '用工难题座谈会', summary: '两支部与企业管理层座谈，梳理招工和稳岗方面的困难。' }),
        { as: liaison }
      )
    )
    const raised = unwrap(await h.call('pairings', 'raiseProblem', { activityId: meeting.id, ...problem }, { as: liaison, requestId: 'raise-once-1' }))
    expect(raised).toMatchObject({ title: problem.title, enterpriseId: 'e-murata' })
    // retried: the same problem, not a second one
    expect(unwrap(await h.call('pairings', 'raiseProblem', { activityId: meeting.id, ...problem }, { as: liaison, requestId: 'raise-once-1' })).id).toBe(raised.id)
    // the thread says where it was raised, for the handler and the filer alike
    expect(raised.raisedAt).toEqual({
      activityId: meeting.id,
      activityTitle: '用工难题座谈会',
      pairingId: 'pair-2-murata',
      pairingTitle: '顺德图书馆党支部与村田智能公司党支部'
    })

    let lead = raised.lead?.departmentId
    if (!lead) {
      unwrap(await h.call('problems', 'act', { id: raised.id, action: { type: 'route', departmentId: 'hr' } }, { as: dispatcher }))
      lead = 'hr'
    }
    const unit = await h.person('handler', lead)
    unwrap(await h.call('problems', 'act', { id: raised.id, action: { type: 'accept' } }, { as: unit }))
    unwrap(await h.call('problems', 'act', { id: raised.id, action: { type: 'reply', content: '已安排本月专场招聘会，并指导企业申报稳岗补贴。' } }, { as: unit }))

    const mid = unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }))
    expect(mid.problemsRaised).toBe(before.problemsRaised + 1)
    expect(mid.problemsSolved).toBe(before.problemsSolved)

    // another member of 村田's staff confirms it for the enterprise
    const staff = await h.person('enterprise', 'e-murata')
    const closed = unwrap(await h.call('problems', 'act', { id: raised.id, action: { type: 'evaluate', solved: true, rating: 5 } }, { as: staff }))
    expect(closed).toMatchObject({ status: 'closed', solved: true })

    const after = unwrap(await h.call('pairings', 'get', { id: 'pair-2-murata' }))
    expect(after.problemsSolved).toBe(before.problemsSolved + 1)
    expect(after.problemsRaised).toBe(before.problemsRaised + 1)

    // the activity names its problems to those who run the pair or may read them; others see only the count
    const forContact = unwrap(await h.call('pairings', 'activity', { id: meeting.id }, { as: liaison }))
    expect(forContact.problemsRaised).toBe(1)
    expect(forContact.problems).toEqual([{ id: raised.id, number: raised.number, title: problem.title, status: 'closed', solved: true }])
    expect(unwrap(await h.call('pairings', 'activity', { id: meeting.id }, { as: unit })).problems).toHaveLength(1)
    expect(unwrap(await h.call('pairings', 'activity', { id: meeting.id }, { as: dispatcher })).problems).toHaveLength(1)
    for (const who of [outsider, null]) {
      const seen = unwrap(await h.call('pairings', 'activity', { id: meeting.id }, { as: who }))
      expect(seen).toMatchObject({ problemsRaised: 1, problems: [] })
    }
    const [inFeed] = unwrap(await h.call('pairings', 'activities', { type: 'development', pairingId: 'pair-2-murata' }))
    expect(inFeed).toMatchObject({ id: meeting.id, problemsRaised: 1 })
  })

  test('the district raises for a pair it does not contact; the first secretary for her firms', async () => {
    const r = unwrap(await h.call('pairings', 'raiseProblem', { activityId: 'act-huimeizhuang-2026-05', ...problem, title: '技改资金申报材料复杂' }, { as: dispatcher }))
    expect(r.enterpriseId).toBe('e-huimeizhuang')
    expect(unwrap(await h.call('pairings', 'get', { id: 'pair-2-huimeizhuang' })).problemsRaised).toBe(1)

    const meeting = unwrap(
      await h.call('pairings', 'postActivity', lecture('pair-2-gaobao', { type: 'development', title: '质量提升难题座谈' }), { as: secretary })
    )
    const s = unwrap(await h.call('pairings', 'raiseProblem', { activityId: meeting.id, ...problem, title: '检测设备更新缺资金' }, { as: secretary }))
    expect(s).toMatchObject({ enterpriseId: 'e-gaobao', onBehalf: true })
    expect(unwrap(await h.call('pairings', 'get', { id: 'pair-2-gaobao' })).problemsRaised).toBe(1)
    // the enterprise's own staff read it as theirs
    const staff = await h.person('enterprise', 'e-gaobao')
    expect(unwrap(await h.call('problems', 'get', { id: s.id }, { as: staff })).id).toBe(s.id)
  })

  test('refusals: not from other activities, not by others, not without sign-in, bad input', async () => {
    const other = await h.call('pairings', 'raiseProblem', { activityId: 'act-murata-2026-03', ...problem }, { as: liaison })
    expect(refused(other, 'CONFLICT')).toContain('共商发展难题')
    refused(await h.call('pairings', 'raiseProblem', { activityId: 'act-shenling-2026-07', ...problem }, { as: liaison }), 'FORBIDDEN')
    refused(await h.call('pairings', 'raiseProblem', { activityId: 'act-shenling-2026-07', ...problem }, { as: secretary }), 'FORBIDDEN')
    refused(await h.call('pairings', 'raiseProblem', { activityId: 'act-shenling-2026-07', ...problem }), 'UNAUTHENTICATED')
    refused(await h.call('pairings', 'raiseProblem', { activityId: 'act-nope', ...problem }, { as: dispatcher }), 'NOT_FOUND')
    const short = { action: 'raiseProblem', input: { activityId: 'act-shenling-2026-07', title: '短', content: '短', category: 'recruitment' } }
    refused(await h.raw('pairings', short, { kind: 'token', token: dispatcher }), 'VALIDATION')
    const [mentoringActivity] = unwrap(await h.call('pairings', 'activities', { type: 'mentoring' }))
    expect(mentoringActivity).toBeDefined()
    refused(await h.call('pairings', 'raiseProblem', { activityId: mentoringActivity.id, ...problem }, { as: secretary }), 'CONFLICT')
  })
})
