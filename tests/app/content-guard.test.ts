import type { Result } from '@contract'
import type { ContentGuard } from '../../cloudfunctions/app/content-guard'
import { applyMediaVerdict, mediaPushOf } from '../../cloudfunctions/app/media-verdict'
import type { PhotoStore } from '../../cloudfunctions/app/storage'
import { openHarness, unwrap, type Harness } from '../support/harness'

let h: Harness
let enterprise: string // 陈晓敏, 村田's liaison and contact of pair-2-murata
let handler: string // 区民政和人力资源社会保障局: gets recruitment problems
let dispatcher: string

beforeAll(async () => {
  h = await openHarness()
  enterprise = await h.signIn('enterprise')
  handler = await h.signIn('handler')
  dispatcher = await h.signIn('dispatcher')
})
afterAll(() => h.close())
afterEach(() => {
  h.deps.contentGuard = undefined
  h.deps.photos = undefined
})

const problem = (extra: Record<string, unknown> = {}) => ({
  title: '急需招聘数控操作工',
  content: '新订单排产到明年三月，车间还缺 40 名数控操作工，希望人社部门帮忙对接招聘会。',
  category: 'recruitment' as const,
  enterpriseId: 'e-murata',
  ...extra
})

function refused<T>(r: Result<T>, code: string): { message: string; fields?: Record<string, string> } {
  if (r.ok) throw new Error(`expected ${code}, got ok`)
  expect(r.error.code).toBe(code)
  return r.error
}

const count = async (sql: string, params: unknown[] = []) => (await h.db.query(sql, params)).length

describe('the local word list, before anyone else sees the text', () => {
  test('a problem whose content carries a blocked word is refused naming the field, and nothing is stored', async () => {
    const before = await count('SELECT 1 FROM problems')
    const r = await h.call('problems', 'file', problem({ title: '出售物品', content: '本公司长期出售冰 毒，量大从优，欢迎联系。' }), { as: enterprise, requestId: 'req-guard-file-1' })
    const e = refused(r, 'VALIDATION')
    expect(e.message).toBe('内容含有不适宜公开的信息，请修改后再提交')
    expect(Object.keys(e.fields ?? {})).toEqual(['content'])
    expect(await count('SELECT 1 FROM problems')).toBe(before)
  })

  test('the title is checked too, full-width and spaced variants included', async () => {
    const e = refused(await h.call('problems', 'file', problem({ title: '代 开 发 票 税点低' }), { as: enterprise }), 'VALIDATION')
    expect(Object.keys(e.fields ?? {})).toEqual(['title'])
  })

  test('ordinary complaints about hiring and financing pass', async () => {
    unwrap(await h.call('problems', 'file', problem(), { as: enterprise }))
    unwrap(await h.call('problems', 'file', problem({ title: '融资难融资贵', content: '企业扩产需要融资，银行贷款审批慢，希望协调贴息和担保。', category: 'financing' }), { as: enterprise }))
  })

  test('a reply with a blocked word is refused (action.content) and the step is not taken', async () => {
    const filed = unwrap(await h.call('problems', 'file', problem({ title: '招工难需要对接' }), { as: enterprise }))
    unwrap(await h.call('problems', 'act', { id: filed.id, action: { type: 'accept' } }, { as: handler }))
    const events = await count('SELECT 1 FROM problem_events WHERE problem_id = $1', [filed.id])
    const r = await h.call('problems', 'act', { id: filed.id, action: { type: 'reply', content: '已经答复：可以来我们这里玩百家乐，包赢不输。' } }, { as: handler })
    expect(Object.keys(refused(r, 'VALIDATION').fields ?? {})).toEqual(['action.content'])
    expect(await count('SELECT 1 FROM problem_events WHERE problem_id = $1', [filed.id])).toBe(events)
    // a clean reply still goes through
    const replied = unwrap(await h.call('problems', 'act', { id: filed.id, action: { type: 'reply', content: '已联系区人才市场，本周六安排专场招聘会。' } }, { as: handler }))
    expect(replied.status).toBe('replied')
  })

  test('station feedback with a blocked word is refused', async () => {
    const before = await count(`SELECT 1 FROM problems WHERE category = 'station'`)
    const r = await h.call('stations', 'feedback', { stationId: 's-daliang-warm-1', content: '驿站门口有人兜售摇头丸' }, { as: enterprise })
    expect(Object.keys(refused(r, 'VALIDATION').fields ?? {})).toEqual(['content'])
    expect(await count(`SELECT 1 FROM problems WHERE category = 'station'`)).toBe(before)
  })

  test('an activity with a blocked word in its summary is refused and not recorded', async () => {
    const input = {
      pairingId: 'pair-2-murata',
      type: 'lecture' as const,
      title: '共建交流活动一次',
      heldOn: '2026-11-23',
      place: '企业党员活动室',
      summary: '活动结束后组织大家参与博彩，气氛热烈。'
    }
    const r = await h.call('pairings', 'postActivity', input, { as: enterprise })
    expect(Object.keys(refused(r, 'VALIDATION').fields ?? {})).toEqual(['summary'])
    expect(await count(`SELECT 1 FROM pairing_activities WHERE title = '共建交流活动一次'`)).toBe(0)
  })

  test("a first secretary's visit note is checked", async () => {
    const secretary = await h.signIn('secretary')
    const [{ scope_id: enterpriseId }] = await h.db.query<{ scope_id: string }>(`SELECT scope_id FROM person_roles WHERE person_id = 'p-demo-secretary' AND role = 'secretary' LIMIT 1`)
    const r = await h.call('secretaries', 'logVisit', { enterpriseId, note: '企业负责人说可以帮忙办假证。' }, { as: secretary })
    expect(Object.keys(refused(r, 'VALIDATION').fields ?? {})).toEqual(['note'])
    expect(await count(`SELECT 1 FROM secretary_visits WHERE note LIKE '%办假证%'`)).toBe(0)
  })

  test('a 吐槽大会 title is checked', async () => {
    const r = await h.call('sessions', 'open', { chainId: 'smart_appliance', title: '六合彩交流大会', startsOn: '2026-11-23', endsOn: '2026-11-24' }, { as: dispatcher })
    expect(Object.keys(refused(r, 'VALIDATION').fields ?? {})).toEqual(['title'])
  })
})

/** A stand-in for WeChat's checks (its servers cannot run here): records the calls, answers as told. */
function wechatDouble(answers: { text?: 'pass' | 'risky' | 'review' | 'throw'; image?: 'pending' | 'risky' | 'throw' } = {}) {
  const calls: { text: { text: string; openid?: string; scene: string }[]; images: { storageKey: string; openid?: string }[] } = { text: [], images: [] }
  let trace = 0
  const guard: ContentGuard = {
    async checkText(text, who) {
      calls.text.push({ text, ...who })
      if (answers.text === 'throw') throw new Error('errCode -1 system error')
      return answers.text ?? 'pass'
    },
    async checkImage(file) {
      calls.images.push({ storageKey: file.storageKey, openid: file.openid })
      if (answers.image === 'throw') throw new Error('errCode -1 system error')
      if (answers.image === 'risky') return { state: 'risky' }
      return { state: 'pending', traceId: `trace-${++trace}-${Math.random().toString(36).slice(2, 8)}` }
    }
  }
  return { guard, calls }
}

const wxPhotos: PhotoStore = { kind: 'wxcloud', url: async (key) => `https://tmp.example/${encodeURIComponent(key)}` }

const traceOf = async (photoId: string) =>
  (await h.db.query<{ moderation: string; moderation_trace: string | null }>('SELECT moderation, moderation_trace FROM files WHERE id = $1', [photoId]))[0]

describe('WeChat: photos wait for their asynchronous verdict', () => {
  test('a pending photo is shown to its owner only, until the verdict passes it', async () => {
    h.deps.contentGuard = wechatDouble().guard
    h.deps.photos = wxPhotos
    const photo = unwrap(await h.call('files', 'register', { fileId: 'cloud://env-1/problems/a.jpg' }, { as: enterprise }))
    const { moderation, moderation_trace: trace } = await traceOf(photo.id)
    expect(moderation).toBe('pending')
    expect(trace).toMatch(/^trace-/)
    expect(JSON.stringify(photo)).not.toContain(trace as string) // the trace id never reaches a client

    const filed = unwrap(await h.call('problems', 'file', problem({ title: '车间缺人附照片', photos: [photo.id] }), { as: enterprise }))
    expect(filed.photos.map((p) => p.id)).toEqual([photo.id])
    expect(unwrap(await h.call('problems', 'get', { id: filed.id }, { as: handler })).photos).toEqual([])

    expect(await applyMediaVerdict(h.deps, trace as string, 'pass')).toEqual({ updated: 1 })
    expect(unwrap(await h.call('problems', 'get', { id: filed.id }, { as: handler })).photos.map((p) => p.id)).toEqual([photo.id])
  })

  test('a risky verdict hides the photo from others for good and tells its owner, once', async () => {
    h.deps.contentGuard = wechatDouble().guard
    h.deps.photos = wxPhotos
    const photo = unwrap(await h.call('files', 'register', { fileId: 'cloud://env-1/problems/b.jpg' }, { as: enterprise }))
    const filed = unwrap(await h.call('problems', 'file', problem({ title: '车间缺人附照片二', photos: [photo.id] }), { as: enterprise }))
    const trace = (await traceOf(photo.id)).moderation_trace as string
    const noticesBefore = unwrap(await h.call('notices', 'list', {}, { as: enterprise })).length

    expect(await applyMediaVerdict(h.deps, trace, 'risky')).toEqual({ updated: 1 })
    expect(await applyMediaVerdict(h.deps, trace, 'risky')).toEqual({ updated: 0 }) // WeChat may push twice
    expect(unwrap(await h.call('problems', 'get', { id: filed.id }, { as: handler })).photos).toEqual([])
    expect(unwrap(await h.call('problems', 'get', { id: filed.id }, { as: dispatcher })).photos).toEqual([])
    expect(unwrap(await h.call('problems', 'get', { id: filed.id }, { as: enterprise })).photos.map((p) => p.id)).toEqual([photo.id])

    const notices = unwrap(await h.call('notices', 'list', {}, { as: enterprise }))
    expect(notices).toHaveLength(noticesBefore + 1)
    expect(notices.find((n) => n.title === '照片未通过内容安全检查')).toMatchObject({ problemId: filed.id })
  })

  test('an image judged risky at once is refused and not recorded', async () => {
    h.deps.contentGuard = wechatDouble({ image: 'risky' }).guard
    h.deps.photos = wxPhotos
    const e = refused(await h.call('files', 'register', { fileId: 'cloud://env-1/problems/c.jpg' }, { as: enterprise }), 'VALIDATION')
    expect(e.message).toBe('图片未通过内容安全检查，请更换')
    expect(e.fields).toEqual({ fileId: '图片未通过内容安全检查，请更换' })
    expect(await count(`SELECT 1 FROM files WHERE storage_key = 'cloud://env-1/problems/c.jpg'`)).toBe(0)
  })

  test('the check failing refuses with UNAVAILABLE (fail closed) and stores nothing', async () => {
    h.deps.contentGuard = wechatDouble({ text: 'throw', image: 'throw' }).guard
    h.deps.photos = wxPhotos
    const before = await count('SELECT 1 FROM problems')
    const r = await h.call('problems', 'file', problem({ title: '检查不可用时' }), { as: enterprise, requestId: 'req-guard-down-1' })
    expect(refused(r, 'UNAVAILABLE').message).toBe('内容安全检查暂不可用，请稍后再试')
    expect(await count('SELECT 1 FROM problems')).toBe(before)
    refused(await h.call('files', 'register', { fileId: 'cloud://env-1/problems/d.jpg' }, { as: enterprise }), 'UNAVAILABLE')
    expect(await count(`SELECT 1 FROM files WHERE storage_key = 'cloud://env-1/problems/d.jpg'`)).toBe(0)
  })

  test("'review' text passes (a person looks at it anyway); the writer's OPENID and the scene are passed on", async () => {
    const { guard, calls } = wechatDouble({ text: 'review' })
    h.deps.contentGuard = guard
    await h.db.query(`INSERT INTO people (id, name, openid) VALUES ('p-test-wx-guard', '微信用户', 'o-wx-guard-1')`)
    await h.db.query(`INSERT INTO person_roles (person_id, role, scope_id) VALUES ('p-test-wx-guard', 'enterprise', 'e-murata')`)
    const r = await h.raw('problems', { action: 'file', input: problem({ title: '复核也放行' }) }, { kind: 'openid', openid: 'o-wx-guard-1' })
    expect(r.ok).toBe(true)
    expect(calls.text).toEqual([
      { text: '复核也放行', openid: 'o-wx-guard-1', scene: 'forum' },
      { text: problem().content, openid: 'o-wx-guard-1', scene: 'forum' }
    ])
  })
})

describe("WeChat's message push", () => {
  test('only a wxa_media_check event with a trace id is read; a failed check carries no verdict', () => {
    expect(mediaPushOf({ Event: 'wxa_media_check', trace_id: 't-1', errcode: 0, result: { suggest: 'risky', label: 20002 } })).toEqual({
      traceId: 't-1',
      suggest: 'risky',
      errcode: 0
    })
    expect(mediaPushOf({ Event: 'wxa_media_check', trace_id: 't-2', errcode: -1008, detail: [] })).toEqual({ traceId: 't-2', suggest: null, errcode: -1008 })
    expect(mediaPushOf({ Event: 'user_enter_tempsession', trace_id: 't-3' })).toBeNull()
    expect(mediaPushOf({ Event: 'wxa_media_check' })).toBeNull()
    expect(mediaPushOf('nonsense')).toBeNull()
  })

  test('a verdict for an unknown trace id changes nothing', async () => {
    expect(await applyMediaVerdict(h.deps, 'trace-nobody-knows', 'risky')).toEqual({ updated: 0 })
  })
})
