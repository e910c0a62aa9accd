/**
 * Who may do what (issue 6): every function × action of the contract, for nobody signed in and for each
 * role over its own scope and over another one, is called with a valid input against the same fixtures,
 * and the answer must be the one the table below says — allowed (ok, or a business refusal such as
 * CONFLICT that proves the door was open) or refused (UNAUTHENTICATED, FORBIDDEN, or NOT_FOUND where
 * existence must not leak). Each call runs in a transaction that is rolled back, so cells never see each
 * other's writes. An action without a row fails, so a new action cannot slip through.
 *
 * Then the targeted proofs: enterprise A's problems never reach B or another chain member; a department
 * sees only what is routed to it; an anonymous filer's name and id appear in no answer (exports included)
 * that a department, another enterprise, a station or the administrator can get.
 *
 * docs/security.md shows the table; `POLICY_MATRIX_WRITE=1 npx jest tests/app/policy-matrix` rewrites it.
 */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { API, type ActionName, type ErrorCode, type FlowActionInput, type FnName, type Input, type ProblemDetail, type Result } from '@contract'
import { unwrap } from '../support/harness'
import { COLUMNS, memoryPhotos, ONE_PIXEL_PNG, openPolicyWorld, TODAY, type Col, type PolicyWorld } from '../support/policy-fixtures'

jest.setTimeout(60_000)
// the codes' pictures are not the subject here, and drawing them is slow under jest
jest.mock('../../cloudfunctions/app/qr', () => ({ qrDataUrl: async (text: string) => `data:text/plain,${encodeURIComponent(text)}` }))

type Denial = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND'
type Verdict = 'allowed' | Denial

interface Row<F extends FnName, A extends ActionName<F>> {
  /** A valid input for this caller; the resource it names belongs to the “own” scopes (A, X, S1). */
  input: (w: PolicyWorld, col: Col) => Input<F, A>
  /** The signed-in callers that get through: 'all', or these columns. (Nobody signed in follows `access`.) */
  allow: 'all' | Col[]
  /** How every other signed-in caller is refused; FORBIDDEN unless said. */
  deny?: Denial
  /** Callers refused otherwise than `deny`. */
  denyAs?: Partial<Record<Col, Denial>>
  /** Business refusals that still prove the door was open; CONFLICT unless said. */
  open?: ErrorCode[]
  /** Prepares the run (inside the rolled-back transaction); may return an undo for in-memory changes. */
  setup?: (w: PolicyWorld) => (() => void) | void
}

type Matrix = { [F in FnName]: { [A in ActionName<F>]: Row<F, A> } }

const none = () => ({})
const MATRIX_CSV = Buffer.from('\ufeff企业名称,统一社会信用代码\n矩阵导入企业有限公司,91440606MA4UJ8XE2L\n', 'utf8').toString('base64')
const roleOf = (col: Col) => COLUMNS.find((c) => c.key === col)?.role ?? null

// the step each caller would take on A's problem (routed to X, not yet accepted)
const ACT_BY: Record<string, FlowActionInput> = {
  enterprise: { type: 'evaluate', solved: false, comment: '问题还没有解决' },
  secretary: { type: 'evaluate', solved: false, comment: '问题还没有解决' },
  handler: { type: 'accept' },
  dispatcher: { type: 'supervise', reason: '请尽快签收并办理' },
  station: { type: 'accept' },
  admin: { type: 'accept' }
}

const STATION_RUNNERS: Col[] = ['sta.own', 'admin']
const DISTRICT: Col[] = ['dispatcher', 'admin']
const PAIR_RUNNERS: Col[] = ['ent.own', 'sec.own', 'dispatcher', 'admin']
const FIGURES: Col[] = ['hdl.own', 'hdl.other', 'dispatcher', 'admin']

const MATRIX: Matrix = {
  accounts: {
    demoSignIn: { input: () => ({ role: 'enterprise' }), allow: 'all' },
    me: { input: none, allow: 'all' },
    signIn: { input: (w) => w.login, allow: 'all' },
    redeemInvite: { input: (w) => ({ code: w.invite.code, name: '新来的同事', login: 'matrix.newcomer', password: 'Newcomer-2026' }), allow: 'all' },
    // the demo and test people sign in by WeChat or demo: CONFLICT (no password) is the open door
    changePassword: { input: () => ({ current: 'old-password-1', next: 'Next-password-2026' }), allow: 'all' },
    issueInvite: { input: (w) => ({ role: 'handler', scopeId: w.departments.X }), allow: ['admin'] },
    invites: { input: none, allow: ['admin'] },
    revokeInvite: { input: (w) => ({ id: w.invite.id }), allow: ['admin'] },
    revokeRole: { input: (w) => w.revokable, allow: ['admin'] },
    exportMine: { input: none, allow: 'all' },
    // the administrator is the last one: CONFLICT is the open door
    eraseMe: { input: () => ({ confirm: '注销' }), allow: 'all' }
  },
  admin: {
    departments: { input: none, allow: ['admin'] },
    saveDepartment: { input: () => ({ name: '矩阵测试局', kind: 'district' }), allow: ['admin'] },
    towns: { input: none, allow: ['admin'] },
    saveTown: { input: () => ({ name: '矩阵镇' }), allow: ['admin'] },
    chains: { input: none, allow: ['admin'] },
    saveChain: { input: (w) => ({ name: '矩阵测试产业链', leadDepartmentId: w.departments.X }), allow: ['admin'] },
    enterprises: { input: none, allow: ['admin'] },
    saveEnterprise: { input: () => ({ name: '矩阵测试企业有限公司', creditCode: '91110000802100433B' }), allow: ['admin'] },
    people: { input: none, allow: ['admin'] },
    savePerson: { input: () => ({ name: '矩阵测试员' }), allow: ['admin'] },
    grantRole: { input: (w) => ({ personId: w.revokable.personId, role: 'handler', scopeId: w.departments.Y }), allow: ['admin'] },
    stations: { input: none, allow: ['admin'] },
    saveStation: {
      input: () => ({ name: '矩阵测试驿站', type: 'warm', address: '大良街道矩阵路 1 号', townId: 'daliang', lat: 22.84, lng: 113.25, hours: [null, null, null, null, null, null, null] }),
      allow: ['admin']
    },
    services: { input: (w) => ({ stationId: w.stations.S1 }), allow: ['admin'] },
    saveServiceItem: {
      input: (w) => ({ stationId: w.stations.S1, name: '矩阵测试服务', durationMinutes: 30, capacity: 5, audience: 'anyone' }),
      allow: ['admin']
    },
    pairings: { input: none, allow: ['admin'] },
    savePairing: { input: () => ({ kind: 'branch', phase: 3, agencyBranch: '矩阵机关党支部', enterpriseBranch: '矩阵企业党支部', startedOn: '2026-11-01' }), allow: ['admin'] },
    // a department still referred to: CONFLICT is the open door
    remove: { input: (w) => ({ entity: 'departments', id: w.departments.X }), allow: ['admin'] },
    import: { input: () => ({ entity: 'enterprises', fileName: 'matrix.csv', base64: MATRIX_CSV, dryRun: true }), allow: ['admin'] },
    export: { input: () => ({ entity: 'departments' }), allow: ['admin'] },
    audit: { input: none, allow: ['admin'] }
  },
  catalog: {
    bootstrap: { input: none, allow: 'all' },
    overview: { input: none, allow: 'all' },
    enterprises: { input: () => ({ chainId: 'smart_appliance' }), allow: 'all' }
  },
  problems: {
    file: {
      input: (w) => ({ title: '矩阵测试提交诉求', content: '矩阵测试：厂区门口道路积水，希望尽快疏通排水。', category: 'other', enterpriseId: w.enterprises.A }),
      allow: ['ent.own', 'sec.own']
    },
    mine: { input: none, allow: 'all' },
    get: { input: (w) => ({ id: w.problems.A.id }), allow: ['ent.own', 'sec.own', 'hdl.own', 'dispatcher'], deny: 'NOT_FOUND' },
    inbox: { input: () => ({ view: 'all' }), allow: ['hdl.own', 'hdl.other'] },
    act: {
      input: (w, col) => ({ id: w.problems.A.id, action: ACT_BY[roleOf(col) ?? 'handler'] }),
      allow: ['ent.own', 'hdl.own', 'dispatcher'],
      deny: 'NOT_FOUND',
      // the secretary may read A's problem but plays no part in its flow
      denyAs: { 'sec.own': 'FORBIDDEN' }
    },
    triage: { input: none, allow: ['dispatcher'] },
    list: { input: none, allow: ['dispatcher'] },
    chainBoard: { input: none, allow: 'all' },
    // A's own liaison may not +1 its own problem (CONFLICT); B is on another chain
    vote: { input: (w) => ({ id: w.problems.shared.id }), allow: ['ent.own'], deny: 'NOT_FOUND', denyAs: { 'sec.own': 'FORBIDDEN' } },
    similar: { input: none, allow: ['dispatcher'] },
    merge: { input: (w) => ({ problemIds: [w.problems.A.id, w.problems.B.id], title: '矩阵测试链级问题' }), allow: ['dispatcher'] }
  },
  sessions: {
    list: { input: none, allow: 'all' },
    open: { input: () => ({ chainId: 'robotics', title: '机器人链矩阵测试大会', startsOn: '2026-12-01', endsOn: '2026-12-02' }), allow: ['dispatcher'] },
    // open to every signed-in caller by design: what was raised, never by whom (docs/security.md)
    agenda: { input: (w) => ({ id: w.sessionId }), allow: 'all' }
  },
  reports: {
    figures: { input: () => ({ groupBy: 'department' }), allow: FIGURES },
    exportMonthly: { input: () => ({ month: '2026-11' }), allow: FIGURES }
  },
  settings: {
    get: { input: none, allow: DISTRICT },
    saveRule: { input: (w) => ({ phrase: '矩阵新关键词', departmentId: w.departments.Y, priority: 20 }), allow: DISTRICT },
    deleteRule: { input: (w) => ({ id: w.ruleId }), allow: DISTRICT },
    saveSla: { input: () => ({ category: 'recruitment', acceptDays: 2, replyDays: 10, extensionMaxDays: 10 }), allow: DISTRICT },
    saveCalendarDay: { input: () => ({ date: '2027-04-05', kind: 'holiday' }), allow: DISTRICT },
    deleteCalendarDay: { input: (w) => ({ date: w.calendarDate }), allow: DISTRICT },
    retrain: { input: none, allow: DISTRICT }
  },
  files: {
    upload: { input: () => ({ mimeType: 'image/png', base64: ONE_PIXEL_PNG }), allow: 'all' },
    register: {
      input: () => ({ fileId: 'cloud://matrix-env/photos/a.png' }),
      allow: 'all',
      setup: (w) => {
        const before = w.h.deps.photos
        w.h.deps.photos = memoryPhotos('wxcloud')
        return () => {
          w.h.deps.photos = before
        }
      }
    }
  },
  notices: {
    list: { input: none, allow: 'all' },
    markRead: { input: none, allow: 'all' }
  },
  stations: {
    list: { input: () => ({ townId: 'daliang' }), allow: 'all' },
    nearby: { input: () => ({ townId: 'daliang' }), allow: 'all' },
    get: { input: (w) => ({ id: w.stations.S1 }), allow: 'all' },
    savePhotos: { input: (w) => ({ stationId: w.stations.S1, photos: [] }), allow: STATION_RUNNERS },
    feedback: { input: (w) => ({ stationId: w.stations.S1, amenity: 'water', content: '没热水了' }), allow: 'all' },
    day: { input: (w) => ({ stationId: w.stations.S1 }), allow: STATION_RUNNERS },
    settings: { input: (w) => ({ id: w.stations.S1 }), allow: STATION_RUNNERS },
    saveService: {
      input: (w) => ({ serviceId: w.service.id, capacity: 6, schedule: [null, null, null, null, null, null, null], horizonDays: 7, minNoticeMinutes: 0, cancelCutoffMinutes: 0 }),
      allow: STATION_RUNNERS
    },
    setClosure: { input: (w) => ({ stationId: w.stations.S1, date: '2026-12-05', closed: true, reason: '设备检修' }), allow: STATION_RUNNERS },
    figures: { input: (w) => ({ stationId: w.stations.S1 }), allow: STATION_RUNNERS }
  },
  bookings: {
    slots: { input: (w) => ({ serviceId: w.service.id }), allow: 'all' },
    // ent.own already holds a place in this sitting: CONFLICT
    book: { input: (w) => ({ slotId: w.service.slotId }), allow: 'all' },
    cancel: { input: (w) => ({ id: w.booking.id }), allow: ['ent.own'], deny: 'NOT_FOUND' },
    mine: { input: none, allow: 'all' },
    code: { input: (w) => ({ id: w.booking.id }), allow: ['ent.own'], deny: 'NOT_FOUND' },
    checkIn: { input: (w) => ({ code: w.booking.code }), allow: STATION_RUNNERS },
    markArrived: { input: (w) => ({ id: w.booking.id }), allow: STATION_RUNNERS },
    walkIn: { input: (w) => ({ stationId: w.stations.S1 }), allow: STATION_RUNNERS }
  },
  pairings: {
    list: { input: none, allow: 'all' },
    get: { input: (w) => ({ id: w.pairingId }), allow: 'all' },
    activities: { input: (w) => ({ pairingId: w.pairingId }), allow: 'all' },
    activity: { input: (w) => ({ id: w.activity.id }), allow: 'all' },
    postActivity: {
      input: (w) => ({ pairingId: w.pairingId, type: 'lecture', title: '矩阵测试专题党课', heldOn: TODAY, place: '企业党员活动室', summary: '两支部党员共同学习，结合生产经营交流体会。' }),
      allow: PAIR_RUNNERS
    },
    attendanceCode: { input: (w) => ({ id: w.activity.id }), allow: PAIR_RUNNERS },
    attend: { input: (w) => ({ code: w.activity.code }), allow: 'all' },
    raiseProblem: {
      input: (w) => ({ activityId: w.activity.id, title: '会上梳理的配套难题', content: '会上梳理：园区配套的公交班线太少，员工通勤困难。', category: 'other' }),
      allow: PAIR_RUNNERS
    },
    plans: { input: () => ({ year: 2026 }), allow: DISTRICT },
    savePlan: { input: () => ({ year: 2026, required: [{ type: 'lecture', count: 3 }] }), allow: DISTRICT },
    oversight: { input: () => ({ year: 2026 }), allow: DISTRICT },
    exportOversight: { input: () => ({ year: 2026 }), allow: DISTRICT }
  },
  secretaries: {
    mine: { input: none, allow: ['sec.own', 'sec.other'] },
    logVisit: { input: (w) => ({ enterpriseId: w.enterprises.A, note: '走访了解用工与配套情况' }), allow: ['sec.own'] },
    visits: { input: none, allow: ['sec.own', 'sec.other', 'dispatcher', 'admin'] },
    week: { input: none, allow: ['sec.own', 'sec.other'] }
  }
}

// --- running cells --------------------------------------------------------------------------------------

type AnyRow = Row<FnName, never>
const rowOf = (fn: string, action: string): AnyRow | undefined =>
  (MATRIX as unknown as Record<string, Record<string, AnyRow> | undefined>)[fn]?.[action]
const accessOf = (fn: string, action: string) => (API as unknown as Record<string, Record<string, { access: 'public' | 'user' }>>)[fn][action].access
const apiActions = (): [string, string][] => Object.entries(API).flatMap(([fn, actions]) => Object.keys(actions).map((a): [string, string] => [fn, a]))

function expected(fn: string, action: string, col: Col): Verdict {
  const row = rowOf(fn, action) as AnyRow
  if (col === 'anon') return accessOf(fn, action) === 'public' ? 'allowed' : 'UNAUTHENTICATED'
  if (row.allow === 'all' || row.allow.includes(col)) return 'allowed'
  return row.denyAs?.[col] ?? row.deny ?? 'FORBIDDEN'
}

function verdictOf(r: Result<unknown>, row: AnyRow): string {
  if (r.ok) return 'allowed'
  if ((row.open ?? ['CONFLICT']).includes(r.error.code)) return 'allowed'
  if (r.error.code === 'UNAUTHENTICATED' || r.error.code === 'FORBIDDEN' || r.error.code === 'NOT_FOUND') return r.error.code
  return `${r.error.code}（${r.error.message}）`
}

let w: PolicyWorld
/** Every answer got so far, by reader and action: the leak scans read the matrix's answers again. */
const answers = new Map<string, Result<unknown>>()

/** One call in a rolled-back transaction: `as` reads with the token of `as`, inputs as for column `inputsAs`. */
async function cell(fn: string, action: string, as: { key: string; token: string | null; inputsAs: Col }): Promise<Result<unknown>> {
  const key = `${as.key}|${fn}.${action}`
  const seen = answers.get(key)
  if (seen) return seen
  const row = rowOf(fn, action) as AnyRow
  const r = await w.sandbox.rolledBack(async () => {
    const undo = row.setup?.(w)
    try {
      return await w.h.raw(fn, { action, input: row.input(w, as.inputsAs) }, as.token ? { kind: 'token', token: as.token } : { kind: 'none' })
    } finally {
      undo?.()
    }
  })
  answers.set(key, r)
  return r
}
const column = (col: Col) => ({ key: col, token: w.tokens[col], inputsAs: col })

beforeAll(async () => {
  w = await openPolicyWorld()
})
afterAll(() => w.h.close())

describe('the expectations cover the contract', () => {
  test('every fn.action of API has a row, and every row is an action of API', () => {
    const missing = apiActions().filter(([fn, a]) => !rowOf(fn, a)).map(([fn, a]) => `${fn}.${a}`)
    const extra = Object.entries(MATRIX).flatMap(([fn, rows]) =>
      Object.keys(rows)
        .filter((a) => !(API as unknown as Record<string, Record<string, unknown> | undefined>)[fn]?.[a])
        .map((a) => `${fn}.${a}`)
    )
    expect({ missing, extra }).toEqual({ missing: [], extra: [] })
  })

  test('the columns are every role, plus nobody signed in', () => {
    const roles = new Set(COLUMNS.map((c) => c.role))
    expect([...roles].sort()).toEqual([null, 'admin', 'dispatcher', 'enterprise', 'handler', 'secretary', 'station'].sort())
  })
})

describe.each(Object.keys(API))('%s', (fn) => {
  test.each(Object.keys((API as unknown as Record<string, object>)[fn]))(`${fn}.%s: every caller gets what the table says`, async (action) => {
    const row = rowOf(fn, action)
    if (!row) throw new Error(`${fn}.${action} has no row in MATRIX: say who may call it`)
    const got: Record<string, string> = {}
    const want: Record<string, string> = {}
    for (const c of COLUMNS) {
      want[c.key] = expected(fn, action, c.key)
      got[c.key] = verdictOf(await cell(fn, action, column(c.key)), row)
    }
    expect(got).toEqual(want)
  })
})

// --- reading every answer --------------------------------------------------------------------------------

/** The text of an answer, with the cells of any .xlsx it carries. */
async function textOf(r: Result<unknown>): Promise<string> {
  const parts = [JSON.stringify(r)]
  if (r.ok && typeof r.data === 'object' && r.data && 'base64' in r.data && String((r.data as { fileName?: string }).fileName).endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(Buffer.from((r.data as { base64: string }).base64, 'base64') as unknown as ArrayBuffer)
    parts.push(JSON.stringify([wb.creator, wb.lastModifiedBy, wb.title, wb.subject, wb.description, wb.keywords, wb.category, wb.company]))
    wb.eachSheet((ws) => {
      parts.push(ws.name)
      ws.eachRow({ includeEmpty: false }, (row) => parts.push(JSON.stringify(row.values)))
    })
  }
  return parts.join('\n')
}

interface Reader {
  key: string
  token: string
  inputsAs: Col
}
const readerOf = (col: Col): Reader => ({ key: col, token: w.tokens[col] as string, inputsAs: col })

/** Every action of the contract as this reader (the matrix's inputs), then `extra` calls; every answer's text. */
async function everyAnswer(reader: Reader, extra: [string, string, unknown][] = []): Promise<{ where: string; text: string }[]> {
  const out: { where: string; text: string }[] = []
  for (const [fn, action] of apiActions()) out.push({ where: `${fn}.${action}`, text: await textOf(await cell(fn, action, reader)) })
  for (const [fn, action, input] of extra) {
    const r = await w.sandbox.rolledBack(() => w.h.raw(fn, { action, input }, { kind: 'token', token: reader.token }))
    out.push({ where: `${fn}.${action} ${JSON.stringify(input)}`, text: await textOf(r) })
  }
  return out
}

const leaksOf = (answers: { where: string; text: string }[], needles: string[]) =>
  answers.flatMap((a) => needles.filter((n) => a.text.includes(n)).map((n) => `${a.where} → ${n}`))

const needlesOf = (p: ProblemDetail) => [p.id, p.number, p.title]

// --- enterprise A's problems ---------------------------------------------------------------------------------

describe('enterprise A never reads B’s problems (nor B A’s)', () => {
  test('another enterprise, a peer on the same chain and another enterprise’s secretary are refused A’s private problem', async () => {
    const A = w.problems.A
    const outsiders = [w.tokens['ent.other'] as string, w.chainPeer, w.tokens['sec.other'] as string]
    for (const as of outsiders) {
      for (const action of [{ type: 'evaluate', solved: true, rating: 5 }, { type: 'accept' }, { type: 'reply', content: '这是一条不该被接受的答复内容。' }] as FlowActionInput[]) {
        const r = await w.sandbox.rolledBack(() => w.h.call('problems', 'act', { id: A.id, action }, { as }))
        expect(r.ok || r.error.code).toBe('NOT_FOUND')
      }
      const get = await w.h.call('problems', 'get', { id: A.id }, { as })
      expect(get.ok || get.error.code).toBe('NOT_FOUND')
      const vote = await w.h.call('problems', 'vote', { id: A.id }, { as })
      expect(vote.ok || vote.error.code).toBe('NOT_FOUND')
      expect(unwrap(await w.h.call('problems', 'mine', {}, { as })).map((p) => p.id)).not.toContain(A.id)
      expect(unwrap(await w.h.call('problems', 'chainBoard', {}, { as })).map((p) => p.id)).not.toContain(A.id)
      // asking for A's chain by name gives B nothing it does not already belong to
      expect(unwrap(await w.h.call('problems', 'chainBoard', { chainId: 'smart_appliance' }, { as })).map((p) => p.id)).not.toContain(A.id)
      for (const [fn, action, input] of [
        ['reports', 'figures', {}],
        ['reports', 'exportMonthly', { month: '2026-11' }],
        ['problems', 'list', {}],
        ['problems', 'triage', {}],
        ['problems', 'similar', {}],
        ['pairings', 'exportOversight', { year: 2026 }]
      ] as const) {
        const r = await w.h.raw(fn, { action, input }, { kind: 'token', token: as })
        expect(`${fn}.${action}: ${r.ok || r.error.code}`).toBe(`${fn}.${action}: FORBIDDEN`)
      }
    }
  })

  test('what A shares with its chain reaches the chain’s members only; A cannot +1 itself', async () => {
    const shared = w.problems.shared
    expect(unwrap(await w.h.call('problems', 'chainBoard', {}, { as: w.chainPeer })).map((p) => p.id)).toContain(shared.id)
    const peerVote = await w.sandbox.rolledBack(() => w.h.call('problems', 'vote', { id: shared.id }, { as: w.chainPeer }))
    expect(unwrap(peerVote).votes).toBe(1)
    // B's liaison (another chain) neither sees nor +1s it, even naming A's chain
    const b = w.tokens['ent.other'] as string
    expect(unwrap(await w.h.call('problems', 'chainBoard', { chainId: 'smart_appliance' }, { as: b })).map((p) => p.id)).not.toContain(shared.id)
    const bVote = await w.h.call('problems', 'vote', { id: shared.id }, { as: b })
    expect(bVote.ok || bVote.error.code).toBe('NOT_FOUND')
    // and a peer of the chain still cannot open it: sharing shows the title, not the thread
    const peerGet = await w.h.call('problems', 'get', { id: shared.id }, { as: w.chainPeer })
    expect(peerGet.ok || peerGet.error.code).toBe('NOT_FOUND')
    const own = await w.h.call('problems', 'vote', { id: shared.id }, { as: w.tokens['ent.own'] as string })
    expect(own.ok || own.error.code).toBe('CONFLICT')
  })

  test('a problem raised at A’s pair’s activity is counted for everybody, named only to those who may read it', async () => {
    await w.sandbox.rolledBack(async () => {
      const raised = unwrap(
        await w.h.call(
          'pairings',
          'raiseProblem',
          { activityId: w.activity.id, title: '会上提出的厂区配套难题', content: '会上提出：厂区附近缺少员工食堂和公交站点，通勤就餐不便。', category: 'other' },
          { as: w.tokens.dispatcher as string }
        )
      )
      for (const as of [w.tokens['ent.other'] as string, w.chainPeer, w.tokens['sta.own'] as string]) {
        const seen = unwrap(await w.h.call('pairings', 'activity', { id: w.activity.id }, { as }))
        expect(seen.problemsRaised).toBe(1)
        expect(seen.problems).toEqual([])
      }
      const anonymous = unwrap(await w.h.call('pairings', 'activity', { id: w.activity.id }))
      expect(anonymous.problems).toEqual([])
      const mine = unwrap(await w.h.call('pairings', 'activity', { id: w.activity.id }, { as: w.tokens['ent.own'] as string }))
      expect(mine.problems.map((p) => p.id)).toEqual([raised.id])
    })
  })

  test('no answer of any action that B, a chain peer, B’s secretary, another department, a station or the administrator gets names A’s private problem', async () => {
    const readers: Reader[] = [
      readerOf('ent.other'),
      { key: 'chain-peer', token: w.chainPeer, inputsAs: 'ent.other' },
      readerOf('sec.other'),
      readerOf('hdl.other'),
      readerOf('sta.own'),
      readerOf('sta.other'),
      readerOf('admin')
    ]
    const leaks: string[] = []
    for (const reader of readers) {
      const all = await everyAnswer(reader, [['problems', 'get', { id: w.problems.A.id }]])
      leaks.push(...leaksOf(all, needlesOf(w.problems.A)).map((l) => `${reader.key}: ${l}`))
    }
    expect(leaks).toEqual([])
    // the scan does find the problem where it belongs: in department X's answers
    expect(leaksOf(await everyAnswer(readerOf('hdl.own')), needlesOf(w.problems.A)).length).toBeGreaterThan(0)
  })

  test('and symmetrically, nothing A’s liaison or secretary or department X gets names B’s problem', async () => {
    const leaks: string[] = []
    for (const reader of [readerOf('ent.own'), readerOf('sec.own'), readerOf('hdl.own'), { key: 'chain-peer', token: w.chainPeer, inputsAs: 'ent.other' as Col }]) {
      // the matrix's merge input names B's problem; the dispatcher alone may merge, so the answer is a refusal
      const all = await everyAnswer(reader, [['problems', 'get', { id: w.problems.B.id }]])
      leaks.push(...leaksOf(all, needlesOf(w.problems.B)).map((l) => `${reader.key}: ${l}`))
    }
    expect(leaks).toEqual([])
  })
})

// --- departments ---------------------------------------------------------------------------------------------

const EVERY_STEP: FlowActionInput[] = [
  { type: 'route', departmentId: 'hr' },
  { type: 'accept' },
  { type: 'return', reason: '不属于本单位职责' },
  { type: 'reroute', departmentId: 'hr' },
  { type: 'insist', reason: '维持原派单' },
  { type: 'request_co', departmentIds: ['health'] },
  { type: 'co_accept' },
  { type: 'co_reply', content: '本单位会办意见：同意牵头单位方案。' },
  { type: 'cancel_co', departmentId: 'health', reason: '无需会办' },
  { type: 'reply', content: '已协调解决，请企业确认是否满意。' },
  { type: 'request_extension', days: 3, reason: '需要协调多个部门' },
  { type: 'approve_extension', requestId: 'x-1' },
  { type: 'refuse_extension', requestId: 'x-1', reason: '理由不充分' },
  { type: 'supervise', reason: '请尽快办理' },
  { type: 'evaluate', solved: true, rating: 5 }
]

describe('a department sees only what was routed to it', () => {
  test('each inbox holds its own problems; the other department is refused every step and the thread (NOT_FOUND)', async () => {
    const { A, B } = w.problems
    const x = w.tokens['hdl.own'] as string
    const y = w.tokens['hdl.other'] as string
    const inboxX = unwrap(await w.h.call('problems', 'inbox', { view: 'all' }, { as: x })).map((p) => p.id)
    const inboxY = unwrap(await w.h.call('problems', 'inbox', { view: 'all' }, { as: y })).map((p) => p.id)
    expect(inboxX).toEqual(expect.arrayContaining([A.id, w.problems.shared.id, w.problems.anon.id]))
    expect(inboxX).not.toContain(B.id)
    expect(inboxY).toContain(B.id)
    expect(inboxY).not.toContain(A.id)
    for (const [as, other] of [
      [x, B],
      [y, A]
    ] as const) {
      const get = await w.h.call('problems', 'get', { id: other.id }, { as })
      expect(get.ok || get.error.code).toBe('NOT_FOUND')
      for (const action of EVERY_STEP) {
        const r = await w.sandbox.rolledBack(() => w.h.call('problems', 'act', { id: other.id, action }, { as }))
        expect(`${action.type}: ${r.ok || r.error.code}`).toBe(`${action.type}: NOT_FOUND`)
      }
    }
  })

  test('access follows the problem: re-routed X → Y, X loses it and Y gets it; a co-handler reads it until released', async () => {
    const { A } = w.problems
    const x = w.tokens['hdl.own'] as string
    const y = w.tokens['hdl.other'] as string
    const dispatcher = w.tokens.dispatcher as string
    await w.sandbox.rolledBack(async () => {
      unwrap(await w.h.call('problems', 'act', { id: A.id, action: { type: 'reroute', departmentId: w.departments.Y, reason: '属于教育局职责' } }, { as: dispatcher }))
      const gone = await w.h.call('problems', 'get', { id: A.id }, { as: x })
      expect(gone.ok || gone.error.code).toBe('NOT_FOUND')
      expect(unwrap(await w.h.call('problems', 'inbox', { view: 'all' }, { as: x })).map((p) => p.id)).not.toContain(A.id)
      expect(unwrap(await w.h.call('problems', 'get', { id: A.id }, { as: y })).leadDepartmentId).toBe(w.departments.Y)
      expect(unwrap(await w.h.call('problems', 'inbox', { view: 'all' }, { as: y })).map((p) => p.id)).toContain(A.id)
    })
    await w.sandbox.rolledBack(async () => {
      unwrap(await w.h.call('problems', 'act', { id: A.id, action: { type: 'request_co', departmentIds: [w.departments.Y], reason: '涉及员工子女入学' } }, { as: dispatcher }))
      expect(unwrap(await w.h.call('problems', 'get', { id: A.id }, { as: y })).id).toBe(A.id)
      unwrap(await w.h.call('problems', 'act', { id: A.id, action: { type: 'cancel_co', departmentId: w.departments.Y, reason: '无需教育局会办' } }, { as: dispatcher }))
      const released = await w.h.call('problems', 'get', { id: A.id }, { as: y })
      expect(released.ok || released.error.code).toBe('NOT_FOUND')
      expect(unwrap(await w.h.call('problems', 'inbox', { view: 'all' }, { as: y })).map((p) => p.id)).not.toContain(A.id)
    })
  })

  test('a department’s figures and monthly report cover its own department only', async () => {
    const y = w.tokens['hdl.other'] as string
    const r = unwrap(await w.h.call('reports', 'figures', { groupBy: 'department' }, { as: y }))
    expect(r.rows.map((row) => row.key)).toEqual([w.departments.Y])
    const file = unwrap(await w.h.call('reports', 'exportMonthly', { month: '2026-11' }, { as: y }))
    const text = await textOf({ ok: true, data: file })
    expect(text).toContain('区教育局')
    expect(text).not.toContain('区民政和人力资源社会保障局')
  })
})

// --- anonymous filers ------------------------------------------------------------------------------------

describe('an anonymous filer’s identity never reaches a department or any other reader', () => {
  const needles = () => w.anonFilers.flatMap((p) => [p.id, p.name])

  test('the dispatcher and the filer’s enterprise see who filed; department X sees the enterprise, not the person, nor that a secretary filed it', async () => {
    const { anon, anonBySecretary } = w.problems
    const dispatcher = w.tokens.dispatcher as string
    expect(unwrap(await w.h.call('problems', 'get', { id: anon.id }, { as: dispatcher })).filerName).toBe(w.anonFilers[0].name)
    const bySecretary = unwrap(await w.h.call('problems', 'get', { id: anonBySecretary.id }, { as: dispatcher }))
    expect(bySecretary).toMatchObject({ filerName: w.anonFilers[1].name, onBehalf: true })
    expect(unwrap(await w.h.call('problems', 'get', { id: anon.id }, { as: w.tokens['ent.own'] as string })).filerName).toBe(w.anonFilers[0].name)

    const x = w.tokens['hdl.own'] as string
    for (const p of [anon, anonBySecretary]) {
      const seen = unwrap(await w.h.call('problems', 'get', { id: p.id }, { as: x }))
      expect(seen).toMatchObject({ anonymous: true, filerName: '匿名', enterpriseId: w.enterprises.A, onBehalf: false })
      const actors = new Set(seen.events.map((e) => e.actor))
      expect([...actors].filter((a) => !['系统', '调度中心', '区民政和人力资源社会保障局', '企业用户（匿名）'].includes(a))).toEqual([])
    }
    // the filer's own steps (提交, 评价, 重办) are on the thread, unnamed
    const thread = unwrap(await w.h.call('problems', 'get', { id: anon.id }, { as: x }))
    expect(thread.events.filter((e) => e.actor === '企业用户（匿名）').map((e) => e.type)).toEqual(expect.arrayContaining(['filed', 'rated', 'reopened']))
  })

  test('no answer of any action — exports read cell by cell — names the filer to a department, another enterprise, a chain peer, a station or the administrator', async () => {
    const { anon, anonBySecretary } = w.problems
    const onAnon: [string, string, unknown][] = [
      ['problems', 'get', { id: anon.id }],
      ['problems', 'get', { id: anonBySecretary.id }],
      ['problems', 'act', { id: anon.id, action: { type: 'accept' } }],
      ['problems', 'act', { id: anon.id, action: { type: 'reply', content: '补贴已于本周补发到位，请企业确认。' } }],
      ['problems', 'act', { id: anon.id, action: { type: 'request_extension', days: 3, reason: '需要协调财政拨付' } }],
      ['problems', 'act', { id: anonBySecretary.id, action: { type: 'accept' } }],
      ['problems', 'act', { id: anonBySecretary.id, action: { type: 'return', reason: '不属于本单位职责范围' } }],
      ['problems', 'inbox', { view: 'all' }],
      ['problems', 'chainBoard', { chainId: 'smart_appliance' }],
      ['sessions', 'agenda', { id: w.sessionId }],
      ['reports', 'figures', { groupBy: 'chain' }],
      ['reports', 'figures', { groupBy: 'month' }],
      ['reports', 'exportMonthly', { month: '2026-11' }],
      ['pairings', 'exportOversight', { year: 2026 }]
    ]
    const readers: Reader[] = [
      readerOf('hdl.own'),
      readerOf('hdl.other'),
      readerOf('ent.other'),
      { key: 'chain-peer', token: w.chainPeer, inputsAs: 'ent.other' },
      readerOf('sec.other'),
      readerOf('sta.own'),
      readerOf('sta.other'),
      readerOf('admin')
    ]
    const leaks: string[] = []
    let exports = 0
    for (const reader of readers) {
      const all = await everyAnswer(reader, onAnon)
      exports += all.filter((a) => a.text.includes('"fileName"') && a.text.includes('.xlsx')).length
      // the administrator's directory of people names everybody, filers included — as people, never
      // beside a problem: it must hold none of the anonymous problems' ids, numbers or titles
      const directory = all.filter((a) => reader.key === 'admin' && a.where === 'admin.people')
      expect(directory).toHaveLength(reader.key === 'admin' ? 1 : 0)
      expect(leaksOf(directory, [anon, anonBySecretary].flatMap(needlesOf))).toEqual([])
      leaks.push(...leaksOf(all.filter((a) => !directory.includes(a)), needles()).map((l) => `${reader.key}: ${l}`))
    }
    expect(leaks).toEqual([])
    // the exports really were read: the departments' monthly reports, the administrator's two files
    expect(exports).toBeGreaterThanOrEqual(4)
    // and the scan does find the names where they belong: in the dispatcher's answers
    const district = await everyAnswer(readerOf('dispatcher'), onAnon.slice(0, 2))
    expect(new Set(leaksOf(district, needles()).map((l) => l.split(' → ')[1]))).toEqual(new Set(w.anonFilers.map((p) => p.name)))
  })

  test('merged into a chain-level item, the anonymous member still names nobody to the lead department', async () => {
    await w.sandbox.rolledBack(async () => {
      const chain = unwrap(
        await w.h.call('problems', 'merge', { problemIds: [w.problems.anonBySecretary.id, w.problems.B.id], title: '多家企业技工与子女入学问题' }, { as: w.tokens.dispatcher as string })
      )
      const lead = chain.leadDepartmentId
      expect(lead).toBe(w.departments.X)
      const x = w.tokens['hdl.own'] as string
      const texts = [
        JSON.stringify(await w.h.call('problems', 'get', { id: chain.id }, { as: x })),
        JSON.stringify(await w.h.call('problems', 'inbox', { view: 'all' }, { as: x })),
        JSON.stringify(await w.h.call('problems', 'act', { id: chain.id, action: { type: 'accept' } }, { as: x })),
        JSON.stringify(await w.h.call('notices', 'list', {}, { as: x }))
      ]
      expect(leaksOf(texts.map((text, i) => ({ where: String(i), text })), needles())).toEqual([])
    })
  })
})

// --- holes this matrix found ----------------------------------------------------------------------------------

describe('holes found by the matrix stay closed', () => {
  test('a chain-level item is evaluated by the dispatcher who merged it, not by the first member enterprise’s staff', async () => {
    await w.sandbox.rolledBack(async () => {
      const dispatcher = w.tokens.dispatcher as string
      const x = w.tokens['hdl.own'] as string
      const a = w.tokens['ent.own'] as string
      const chain = unwrap(await w.h.call('problems', 'merge', { problemIds: [w.problems.A.id, w.problems.B.id], title: '链级测试：多家企业反映的问题' }, { as: dispatcher }))
      expect(chain.enterpriseId).toBe(w.enterprises.A)
      unwrap(await w.h.call('problems', 'act', { id: chain.id, action: { type: 'accept' } }, { as: x }))
      unwrap(await w.h.call('problems', 'act', { id: chain.id, action: { type: 'reply', content: '已协调召开专场对接会，请各企业参加。' } }, { as: x }))
      // A's liaison reads it (a member's enterprise) but has no say in closing it for every member
      const seen = unwrap(await w.h.call('problems', 'get', { id: chain.id }, { as: a }))
      expect(seen.actions).toEqual([])
      const r = await w.h.call('problems', 'act', { id: chain.id, action: { type: 'evaluate', solved: true, rating: 5 } }, { as: a })
      expect(r.ok || r.error.code).toBe('FORBIDDEN')
      expect(unwrap(await w.h.call('problems', 'get', { id: chain.id }, { as: dispatcher })).actions).toContain('evaluate')
      expect(unwrap(await w.h.call('problems', 'act', { id: chain.id, action: { type: 'evaluate', solved: true, rating: 4 } }, { as: dispatcher })).status).toBe('closed')
    })
  })

  test('a walk-in at a station that does not exist is NOT_FOUND, not a server error', async () => {
    const r = await w.h.call('bookings', 'walkIn', { stationId: 's-nowhere' }, { as: w.tokens.admin as string })
    expect(r.ok || r.error.code).toBe('NOT_FOUND')
  })
})

// --- the table in docs/security.md ---------------------------------------------------------------------------

const SYMBOL: Record<Verdict, string> = { allowed: '✓', UNAUTHENTICATED: '401', FORBIDDEN: '403', NOT_FOUND: '404' }

function matrixMarkdown(): string {
  const head = `| 操作 | ${COLUMNS.map((c) => c.label).join(' | ')} |`
  const rule = `| --- | ${COLUMNS.map(() => ':-:').join(' | ')} |`
  const rows = apiActions().map(([fn, a]) => `| \`${fn}.${a}\` | ${COLUMNS.map((c) => SYMBOL[expected(fn, a, c.key)]).join(' | ')} |`)
  return [head, rule, ...rows].join('\n')
}

describe('docs/security.md', () => {
  const START = '<!-- policy-matrix:start -->'
  const END = '<!-- policy-matrix:end -->'
  test('shows exactly the table this file proves', () => {
    const file = path.resolve(__dirname, '../../docs/security.md')
    const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : ''
    const from = doc.indexOf(START)
    const to = doc.indexOf(END)
    if (from < 0 || to < from) throw new Error(`docs/security.md needs the markers ${START} … ${END} around the policy matrix`)
    const table = matrixMarkdown()
    const shown = doc.slice(from + START.length, to).trim()
    if (process.env.POLICY_MATRIX_WRITE === '1' && shown !== table) {
      fs.writeFileSync(file, `${doc.slice(0, from + START.length)}\n${table}\n${doc.slice(to)}`)
      return
    }
    expect(shown).toBe(table)
  })
})
