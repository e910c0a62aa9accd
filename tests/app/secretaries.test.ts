import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { ProblemDetail, Visit } from '@contract'
import { localPhotoStore } from '../../cloudfunctions/local/photo-store'
import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
let secretary: string // 梁志宏: 鸿金源, 永通, 高宝, 特丽洁
let other: string // another first secretary, for 村田
let dispatcher: string
let enterprise: string
let handler: string

// Monday 2026-11-23, 10:00 in China
const MONDAY = new Date('2026-11-23T02:00:00Z')
// a 1×1 PNG
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

const signInAll = async () => {
  secretary = await h.signIn('secretary')
  dispatcher = await h.signIn('dispatcher')
  enterprise = await h.signIn('enterprise')
  handler = await h.signIn('handler')
}

beforeAll(async () => {
  h = await openHarness()
  h.deps.photos = localPhotoStore(fs.mkdtempSync(path.join(os.tmpdir(), 'lst-visits-')), 'test-secret')
  await signInAll()
  other = await h.person('secretary', 'e-murata')
})
afterAll(() => h.close())

const visit = (enterpriseId: string, extra: Record<string, unknown> = {}) => ({ enterpriseId, note: '了解企业用工和订单情况，记录两条诉求。', ...extra })
const log = async (input: ReturnType<typeof visit>, as = secretary, requestId?: string): Promise<Visit> =>
  unwrap(await h.call('secretaries', 'logVisit', input as never, { as, requestId }))
const refusal = async (p: Promise<{ ok: boolean; error?: { code: string; message: string } }>) => {
  const r = await p
  if (r.ok) throw new Error('expected a refusal')
  return r.error!
}

describe('mine: the enterprises assigned to the first secretary', () => {
  test('with chain and town, problems and last visit', async () => {
    h.clock.now = MONDAY
    const mine = unwrap(await h.call('secretaries', 'mine', {}, { as: secretary }))
    expect(mine.map((e) => e.enterpriseId).sort()).toEqual(['e-gaobao', 'e-hongjinyuan', 'e-telijie', 'e-yongtong'])
    const yongtong = mine.find((e) => e.enterpriseId === 'e-yongtong')!
    expect(yongtong).toEqual({
      enterpriseId: 'e-yongtong',
      name: '广东永通起重机械股份有限公司',
      chainName: expect.any(String),
      townName: expect.any(String),
      openProblems: 0,
      overdueProblems: 0,
      lastVisitAt: null
    })
    // 特丽洁 is on no chain
    expect(mine.find((e) => e.enterpriseId === 'e-telijie')!.chainName).toBeNull()
  })

  test.each([
    ['dispatcher', () => dispatcher],
    ['enterprise liaison', () => enterprise],
    ['department handler', () => handler]
  ])('a %s is refused: 仅第一书记可用', async (_who, as) => {
    for (const action of ['mine', 'week'] as const) {
      const e = await refusal(h.call('secretaries', action, {}, { as: as() }))
      expect(e).toEqual({ code: 'FORBIDDEN', message: '仅第一书记可用' })
    }
    const e = await refusal(h.call('secretaries', 'logVisit', visit('e-murata'), { as: as() }))
    expect(e.code).toBe('FORBIDDEN')
  })

  test('nobody signed in', async () => {
    expect((await refusal(h.call('secretaries', 'mine', {}))).code).toBe('UNAUTHENTICATED')
  })
})

describe('logVisit', () => {
  test('records a visit now, where the secretary stands, with photos', async () => {
    h.clock.now = MONDAY
    const up = unwrap(await h.call('files', 'upload', { mimeType: 'image/png', base64: PNG }, { as: secretary }))
    const v = await log(visit('e-yongtong', { lat: 22.8, lng: 113.2, address: ' 容桂街道华口工业区 ', photos: [up.id] }))
    expect(v).toMatchObject({
      enterpriseId: 'e-yongtong',
      enterpriseName: '广东永通起重机械股份有限公司',
      secretaryName: '梁志宏',
      visitedAt: MONDAY.toISOString(),
      lat: 22.8,
      lng: 113.2,
      address: '容桂街道华口工业区',
      note: '了解企业用工和订单情况，记录两条诉求。'
    })
    expect(v.photos.map((p) => p.id)).toEqual([up.id])
    expect(v.photos[0].url).toMatch(/./)

    const mine = unwrap(await h.call('secretaries', 'mine', {}, { as: secretary }))
    expect(mine.find((e) => e.enterpriseId === 'e-yongtong')!.lastVisitAt).toBe(MONDAY.toISOString())

    // a photo is used once
    const again = await refusal(h.call('secretaries', 'logVisit', visit('e-yongtong', { photos: [up.id] }), { as: secretary }))
    expect(again.code).toBe('VALIDATION')
    expect(again.message).toMatch(/照片/)
  })

  test('without location: nulls', async () => {
    const v = await log(visit('e-gaobao'))
    expect(v).toMatchObject({ lat: null, lng: null, address: null, photos: [] })
  })

  test("someone else's photo is refused and nothing is recorded", async () => {
    const theirs = unwrap(await h.call('files', 'upload', { mimeType: 'image/png', base64: PNG }, { as: enterprise }))
    const before = unwrap(await h.call('secretaries', 'visits', {}, { as: secretary })).length
    const e = await refusal(h.call('secretaries', 'logVisit', visit('e-gaobao', { photos: [theirs.id] }), { as: secretary }))
    expect(e.code).toBe('VALIDATION')
    expect(unwrap(await h.call('secretaries', 'visits', {}, { as: secretary }))).toHaveLength(before)
  })

  test('a retried request (same request id) records one visit', async () => {
    const a = await log(visit('e-telijie'), secretary, 'visit-retry-0001')
    const b = await log(visit('e-telijie'), secretary, 'visit-retry-0001')
    expect(b.id).toBe(a.id)
    const [{ n }] = await h.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM secretary_visits WHERE enterprise_id = 'e-telijie'`)
    expect(n).toBe(1)
  })

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['an enterprise not assigned to them', visit('e-murata'), 'FORBIDDEN', /只能记录您联系的企业/],
    ['an unknown enterprise', visit('e-nope'), 'NOT_FOUND', /企业不存在/],
    ['no enterprise', { note: '走访情况写得足够长。' }, 'VALIDATION', /请选择企业/],
    ['a note too short', visit('e-gaobao', { note: '走访' }), 'VALIDATION', /走访情况至少 5 个字/],
    ['latitude without longitude', visit('e-gaobao', { lat: 22.8 }), 'VALIDATION', /经纬度需同时提供/],
    ['a latitude off the globe', visit('e-gaobao', { lat: 91, lng: 113 }), 'VALIDATION', /纬度不正确/],
    ['an address too long', visit('e-gaobao', { address: '地'.repeat(121) }), 'VALIDATION', /地址不超过 120 个字/],
    ['ten photos', visit('e-gaobao', { photos: Array.from({ length: 10 }, (_, i) => `ph-${i}`) }), 'VALIDATION', /照片最多 9 张/],
    ['an unknown field', visit('e-gaobao', { when: '昨天' }), 'VALIDATION', /./]
  ])('refused: %s', async (_what, input, code, message) => {
    const r = await h.raw('secretaries', { action: 'logVisit', input }, { kind: 'token', token: secretary })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe(code)
      expect(r.error.message).toMatch(message)
    }
  })
})

describe('visits', () => {
  test("a secretary's own, newest first, optionally of one enterprise", async () => {
    h.clock.now = new Date(MONDAY.getTime() + 3600_000)
    const late = await log(visit('e-hongjinyuan'))
    await log(visit('e-murata'), other)
    const mine = unwrap(await h.call('secretaries', 'visits', {}, { as: secretary }))
    expect(mine[0].id).toBe(late.id)
    expect(mine.every((v) => v.secretaryName === '梁志宏')).toBe(true)
    expect(mine.map((v) => v.visitedAt)).toEqual([...mine.map((v) => v.visitedAt)].sort().reverse())
    const yongtong = unwrap(await h.call('secretaries', 'visits', { enterpriseId: 'e-yongtong' }, { as: secretary }))
    expect(yongtong).toHaveLength(1)
    expect(yongtong[0].photos).toHaveLength(1)
    // their own visits only: 村田 is another secretary's
    expect(unwrap(await h.call('secretaries', 'visits', { enterpriseId: 'e-murata' }, { as: secretary }))).toEqual([])
  })

  test("the dispatcher sees everyone's", async () => {
    const all = unwrap(await h.call('secretaries', 'visits', {}, { as: dispatcher }))
    expect(new Set(all.map((v) => v.secretaryName)).size).toBe(2)
    expect(unwrap(await h.call('secretaries', 'visits', { enterpriseId: 'e-murata' }, { as: dispatcher }))).toHaveLength(1)
  })

  test('refused: others, and an unknown enterprise', async () => {
    expect(await refusal(h.call('secretaries', 'visits', {}, { as: enterprise }))).toEqual({ code: 'FORBIDDEN', message: '走访记录仅第一书记和调度员可以查看' })
    expect((await refusal(h.call('secretaries', 'visits', { enterpriseId: 'e-nope' }, { as: secretary }))).code).toBe('NOT_FOUND')
  })
})

describe('week', () => {
  const file = async (enterpriseId: string, category: 'land' | 'recruitment', title: string): Promise<ProblemDetail> =>
    unwrap(
      await h.call(
        'problems',
        'file',
        { title, content: '企业反映的情况已核实，材料齐全，希望相关部门尽快协调办理。', category, enterpriseId },
        { as: secretary }
      )
    )
  const act = (as: string, id: string, action: Record<string, unknown>) => h.call('problems', 'act', { id, action } as never, { as }).then(unwrap)

  test('this week: visits, who is still to visit, problems filed on behalf, closed and overdue', async () => {
    h.clock.now = MONDAY
    // so far this week: 永通 (1), 高宝 (1), 特丽洁 (1), 鸿金源 (1); the refused ones left nothing
    const before = unwrap(await h.call('secretaries', 'week', {}, { as: secretary }))
    expect(before).toMatchObject({ weekOf: '2026-11-23', visits: 4, enterprisesVisited: 4, enterprisesNotVisited: [], problemsFiled: 0 })
    expect(before.text).toBe('本周走访 4 家企业 4 次，代企业提交诉求 0 件，办结 0 件，超期 0 件；联系的企业均已走访')

    // the week after: two problems filed on behalf, one solved, one left to run over its deadline
    h.clock.now = new Date('2026-11-30T02:00:00Z') // Monday 11-30, 10:00
    await signInAll()
    await log(visit('e-hongjinyuan'))
    await log(visit('e-hongjinyuan'))
    await log(visit('e-gaobao'))
    const solved = await file('e-hongjinyuan', 'land', '厂房改造报建需要协调')
    const late = await file('e-yongtong', 'recruitment', '急需招聘焊工三十名')
    const land = await h.person('handler', 'natural_resources')
    await act(land, solved.id, { type: 'accept' })
    for (const co of solved.coHandlers) {
      const unit = await h.person('handler', co.departmentId)
      await act(unit, solved.id, { type: 'co_accept' })
      await act(unit, solved.id, { type: 'co_reply', content: '已配合牵头单位完成相关核查，意见已反馈。' })
    }
    await act(land, solved.id, { type: 'reply', content: '已协调本周内完成报建材料预审，并安排专人跟进。' })
    await act(secretary, solved.id, { type: 'evaluate', solved: true, rating: 5 })
    // a problem of someone else is not the secretary's
    unwrap(
      await h.call(
        'problems',
        'file',
        { title: '村田的诉求不算在内', content: '企业联络员自己提交的诉求，不是第一书记代提的。', category: 'recruitment', enterpriseId: 'e-murata' },
        { as: enterprise }
      )
    )

    // Thursday: 永通's problem is past its acceptance deadline (the sweeper has not run)
    h.clock.now = new Date('2026-12-03T02:00:00Z')
    await signInAll()
    const week = unwrap(await h.call('secretaries', 'week', {}, { as: secretary }))
    expect(week).toEqual({
      weekOf: '2026-11-30',
      visits: 3,
      enterprisesVisited: 2,
      enterprisesNotVisited: ['广东特丽洁环境工程有限公司', '广东永通起重机械股份有限公司'],
      problemsFiled: 2,
      problemsClosed: 1,
      problemsOverdue: 1,
      text: '本周走访 2 家企业 3 次，代企业提交诉求 2 件，办结 1 件，超期 1 件；尚未走访：特丽洁、永通'
    })
    expect(late.id).toBeTruthy()

    // mine shows the same: one open problem of 永通, overdue
    const yongtong = unwrap(await h.call('secretaries', 'mine', {}, { as: secretary })).find((e) => e.enterpriseId === 'e-yongtong')!
    expect(yongtong).toMatchObject({ openProblems: 1, overdueProblems: 1 })
  })

  test('any day picks its week; a week gone by reads 上周 and counts overdue as of now', async () => {
    const last = unwrap(await h.call('secretaries', 'week', { weekOf: '2026-11-29' }, { as: secretary }))
    expect(last).toMatchObject({ weekOf: '2026-11-23', visits: 4, problemsFiled: 0, problemsClosed: 0, problemsOverdue: 1 })
    expect(last.text).toBe('上周走访 4 家企业 4 次，代企业提交诉求 0 件，办结 0 件，超期 1 件；联系的企业均已走访')
    const earlier = unwrap(await h.call('secretaries', 'week', { weekOf: '2026-11-11' }, { as: secretary }))
    expect(earlier.weekOf).toBe('2026-11-09')
    expect(earlier.text).toBe('11月9日—11月15日没有走访企业，代企业提交诉求 0 件，办结 0 件，超期 1 件；未走访：鸿金源、高宝、特丽洁、永通')
  })

  test.each<[string, unknown, RegExp]>([
    ['a week still ahead', '2026-12-07', /这一周还没到/],
    ['a day that does not exist', '2026-02-30', /日期不正确/],
    ['a malformed day', '2026/12/01', /日期格式应为 YYYY-MM-DD/]
  ])('refused: %s', async (_what, weekOf, message) => {
    const r = await h.raw('secretaries', { action: 'week', input: { weekOf } }, { kind: 'token', token: secretary })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION')
      expect(r.error.message).toMatch(message)
    }
  })
})
