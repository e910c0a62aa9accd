import type { ProblemDetail, Role } from '@contract'
import type { Identity } from '../../cloudfunctions/app/context'
import type { PhotoStore } from '../../cloudfunctions/app/storage'
import { hashPassword } from '../../cloudfunctions/app/auth/passwords'
import type { Db, Queryable } from '../../cloudfunctions/db/client'
import { openPglite } from '../../cloudfunctions/db/pglite'
import { createPerson } from '../../cloudfunctions/db/repos/people'
import { openHarness, unwrap, type Harness } from './harness'

// --- a database whose changes can be thrown away -------------------------------------------------------

/**
 * The harness's database, wrapped so that work can run inside one transaction that is always rolled
 * back: a cell of the policy matrix may file, book, close a station or delete a rule, and the next
 * cell still finds the world as the fixtures left it. Inside such a run every query goes to that
 * transaction, and a handler's own transaction becomes a savepoint.
 */
export interface Sandbox {
  db: Db
  rolledBack<T>(work: () => Promise<T>): Promise<T>
}

const ROLLBACK = Symbol('rollback')

export function sandboxed(base: Db): Sandbox {
  let current: Queryable | null = null
  let savepoints = 0
  const target = (): Queryable => current ?? base
  const db: Db = {
    kind: base.kind,
    query: (sql, params) => target().query(sql, params),
    exec: (sql) => target().exec(sql),
    async tx(fn) {
      if (!current) return base.tx(fn)
      const q = current
      const name = `policy_sp_${++savepoints}`
      await q.exec(`SAVEPOINT ${name}`)
      try {
        const out = await fn(q)
        await q.exec(`RELEASE SAVEPOINT ${name}`)
        return out
      } catch (e) {
        await q.exec(`ROLLBACK TO SAVEPOINT ${name}`)
        await q.exec(`RELEASE SAVEPOINT ${name}`)
        throw e
      }
    },
    close: () => base.close()
  }
  async function rolledBack<T>(work: () => Promise<T>): Promise<T> {
    if (current) throw new Error('sandbox runs do not nest')
    type Outcome = { ok: true; value: T } | { ok: false; error: unknown }
    // assigned in the callback: the compiler must not narrow it to this first value
    let result = { ok: false, error: new Error('sandbox run did not finish') } as Outcome
    try {
      await base.tx(async (q) => {
        current = q
        try {
          result = { ok: true, value: await work() }
        } catch (error) {
          result = { ok: false, error }
        } finally {
          current = null
        }
        throw ROLLBACK
      })
    } catch (e) {
      if (e !== ROLLBACK) throw e
    }
    if (!result.ok) throw result.error
    return result.value
  }
  return { db, rolledBack }
}

// --- who calls -------------------------------------------------------------------------------------------

/**
 * The callers of the matrix: nobody signed in, then each role over the scope that owns the fixtures
 * (“own”: enterprise A, department X, station S1) and over another one (“other”: enterprise B on another
 * chain, department Y, station S2). The dispatcher and the administrator are district-wide.
 */
export const COLUMNS = [
  { key: 'anon', role: null, scope: null, label: '匿名' },
  { key: 'ent.own', role: 'enterprise', scope: 'own', label: '企业·本' },
  { key: 'ent.other', role: 'enterprise', scope: 'other', label: '企业·他' },
  { key: 'sec.own', role: 'secretary', scope: 'own', label: '书记·本' },
  { key: 'sec.other', role: 'secretary', scope: 'other', label: '书记·他' },
  { key: 'hdl.own', role: 'handler', scope: 'own', label: '部门·本' },
  { key: 'hdl.other', role: 'handler', scope: 'other', label: '部门·他' },
  { key: 'dispatcher', role: 'dispatcher', scope: null, label: '调度' },
  { key: 'sta.own', role: 'station', scope: 'own', label: '站点·本' },
  { key: 'sta.other', role: 'station', scope: 'other', label: '站点·他' },
  { key: 'admin', role: 'admin', scope: null, label: '管理员' }
] as const satisfies readonly { key: string; role: Role | null; scope: 'own' | 'other' | null; label: string }[]

export type Col = (typeof COLUMNS)[number]['key']

// --- the world the matrix runs in ----------------------------------------------------------------------

/** Monday 2026-11-23, 10:00 in China: the harness's clock. */
export const TODAY = '2026-11-23'
export const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='

/** Photo bytes are not the subject here: a store that keeps nothing and hands out plain addresses. */
export const memoryPhotos = (kind: PhotoStore['kind']): PhotoStore => ({
  kind,
  save: async () => undefined,
  url: async (_key, photoId) => `/photos/${photoId}`
})

export interface PolicyWorld {
  h: Harness
  sandbox: Sandbox
  tokens: Record<Col, string | null>
  identity(col: Col): Identity
  /** A liaison of C, on A's chain: sees what A shared with the chain, nothing else. */
  chainPeer: string
  enterprises: { A: string; B: string; C: string }
  departments: { X: string; Y: string }
  stations: { S1: string; S2: string }
  problems: {
    /** A's problem, routed to X, not shared with the chain. */
    A: ProblemDetail
    /** A's problem, shared with the chain. */
    shared: ProblemDetail
    /** B's problem, routed to Y. */
    B: ProblemDetail
    /** Filed anonymously by a liaison of A, raised in the session, answered by X and reopened by the filer. */
    anon: ProblemDetail
    /** Filed anonymously by a first secretary of A on the enterprise's behalf. */
    anonBySecretary: ProblemDetail
  }
  /** The people whose names must never reach a department: their names and ids. */
  anonFilers: { id: string; name: string }[]
  sessionId: string
  service: { id: string; slotId: string }
  /** ent.own's booking at S1, starting in 10 minutes, and its check-in code. */
  booking: { id: string; code: string }
  pairingId: string
  /** A 共商发展难题 activity of A's pair held today, and its attendance code. */
  activity: { id: string; code: string }
  invite: { id: string; code: string }
  login: { login: string; password: string }
  ruleId: string
  calendarDate: string
  /** A person holding handler@X, whose role the administrator may take back. */
  revokable: { personId: string; role: Role; scopeId: string }
}

const A = 'e-murata' // 智能家电; p-demo-enterprise is its liaison and a contact of pair-2-murata
const B = 'e-kuka' // 机器人
const C = 'e-bear' // 智能家电, like A
const X = 'hr' // where recruitment problems go
const Y = 'education'
const S1 = 's-daliang-warm-1' // p-demo-station's
const S2 = 's-daliang-warm-2'

const recruitment = (title: string, enterpriseId: string) => ({
  title,
  content: `${title}：新厂区下月投产，缺口约五十人，希望对接招聘会并了解培训补贴。`,
  category: 'recruitment' as const,
  enterpriseId
})

async function namedPerson(h: Harness, id: string, name: string, role: Role, scopeId: string): Promise<string> {
  await h.db.query('INSERT INTO people (id, name) VALUES ($1, $2)', [id, name])
  await h.db.query('INSERT INTO person_roles (person_id, role, scope_id) VALUES ($1, $2, $3)', [id, role, scopeId])
  return h.deps.tokens.issue(id, h.clock.now)
}

/** Makes sure a problem is with `department` as lead, as the dispatcher would place it. */
async function leadTo(h: Harness, dispatcher: string, p: ProblemDetail, department: string): Promise<ProblemDetail> {
  if (p.leadDepartmentId === department) return p
  const type = p.status === 'triage' ? 'route' : 'reroute'
  return unwrap(await h.call('problems', 'act', { id: p.id, action: { type, departmentId: department, reason: '测试：指定承办单位' } }, { as: dispatcher }))
}

export async function openPolicyWorld(): Promise<PolicyWorld> {
  const sandbox = sandboxed(await openPglite())
  const h = await openHarness({ db: sandbox.db })
  h.deps.photos = memoryPhotos('local')
  const personOf = (token: string) => h.deps.tokens.verify(token, h.clock.now) as string

  const tokens: Record<Col, string | null> = {
    anon: null,
    'ent.own': await h.signIn('enterprise'),
    'ent.other': await h.person('enterprise', B),
    'sec.own': await h.person('secretary', A),
    'sec.other': await h.person('secretary', B),
    'hdl.own': await h.signIn('handler'),
    'hdl.other': await h.person('handler', Y),
    dispatcher: await h.signIn('dispatcher'),
    'sta.own': await h.signIn('station'),
    'sta.other': await h.person('station', S2),
    admin: await h.signIn('admin')
  }
  const as = (col: Col) => tokens[col] as string
  const chainPeer = await h.person('enterprise', C)

  // a 吐槽大会 of A's chain, running this week
  const session = unwrap(
    await h.call('sessions', 'open', { chainId: 'smart_appliance', title: '智能家电链矩阵测试吐槽大会', startsOn: '2026-11-20', endsOn: '2026-11-30' }, { as: as('dispatcher') })
  )

  // problems: A's private one and a shared one at X, B's at Y
  const pA = await leadTo(h, as('dispatcher'), unwrap(await h.call('problems', 'file', recruitment('村田私密诉求焊工缺口', A), { as: as('ent.own') })), X)
  const shared = await leadTo(
    h,
    as('dispatcher'),
    unwrap(await h.call('problems', 'file', { ...recruitment('村田公开诉求普工难招', A), visibleToChain: true }, { as: as('ent.own') })),
    X
  )
  const pB = await leadTo(
    h,
    as('dispatcher'),
    unwrap(
      await h.call(
        'problems',
        'file',
        { title: '库卡员工子女入学难', content: '库卡新引进的工程师子女入学积分不够，希望教育局协调学位。', category: 'schooling', enterpriseId: B },
        { as: as('ent.other') }
      )
    ),
    Y
  )

  // the anonymous filers, with names and ids found nowhere else
  const anonFilers = [
    { id: 'p-hidden-filer-qian', name: '钱隐名' },
    { id: 'p-hidden-secretary-sun', name: '孙代提' }
  ]
  const hiddenLiaison = await namedPerson(h, anonFilers[0].id, anonFilers[0].name, 'enterprise', A)
  const hiddenSecretary = await namedPerson(h, anonFilers[1].id, anonFilers[1].name, 'secretary', A)
  let anon = await leadTo(
    h,
    as('dispatcher'),
    unwrap(await h.call('problems', 'file', { ...recruitment('匿名反映夜班补贴拖欠', A), anonymous: true, sessionId: session.id }, { as: hiddenLiaison })),
    X
  )
  // a history in which the filer acts too: accepted, answered, then reopened by the filer with a comment
  unwrap(await h.call('problems', 'act', { id: anon.id, action: { type: 'accept' } }, { as: as('hdl.own') }))
  unwrap(await h.call('problems', 'act', { id: anon.id, action: { type: 'reply', content: '已约谈企业人事负责人，督促本月内补发夜班补贴。' } }, { as: as('hdl.own') }))
  anon = unwrap(await h.call('problems', 'act', { id: anon.id, action: { type: 'evaluate', solved: false, rating: 2, comment: '补贴还没有发到位' } }, { as: hiddenLiaison }))
  const anonBySecretary = await leadTo(
    h,
    as('dispatcher'),
    unwrap(await h.call('problems', 'file', { ...recruitment('匿名代提技工流失', A), anonymous: true }, { as: hiddenSecretary })),
    X
  )

  // a service at S1 with a sitting in 10 minutes (check-in opens 30 minutes before), booked by ent.own
  const serviceId = 'svc-policy-matrix'
  await h.db.query(
    `INSERT INTO service_items (id, station_id, name, duration_minutes, capacity, audience, min_notice_minutes, cancel_cutoff_minutes)
     VALUES ($1, $2, '矩阵测试服务', 30, 5, 'anyone', 0, 0)`,
    [serviceId, S1]
  )
  const startsAt = new Date(h.clock.now.getTime() + 10 * 60_000)
  const slotId = `${serviceId}-slot`
  await h.db.query('INSERT INTO slots (id, service_item_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, 5)', [
    slotId,
    serviceId,
    startsAt,
    new Date(startsAt.getTime() + 30 * 60_000)
  ])
  const booked = unwrap(await h.call('bookings', 'book', { slotId }, { as: as('ent.own') }))
  const checkIn = unwrap(await h.call('bookings', 'code', { id: booked.id }, { as: as('ent.own') }))

  // A's pair: a 共商发展难题 today, and its attendance code
  const pairingId = 'pair-2-murata'
  const activity = unwrap(
    await h.call(
      'pairings',
      'postActivity',
      { pairingId, type: 'development', title: '矩阵测试共商发展难题', heldOn: TODAY, place: '企业会议室', summary: '两支部共同梳理企业用工与配套难题。' },
      { as: as('dispatcher') }
    )
  )
  const attendance = unwrap(await h.call('pairings', 'attendanceCode', { id: activity.id }, { as: as('dispatcher') }))

  const invite = unwrap(await h.call('accounts', 'issueInvite', { role: 'enterprise', scopeId: A, note: '矩阵测试' }, { as: as('admin') }))

  const login = { login: 'matrix.console', password: 'Matrix-pass-2026' }
  await createPerson(h.db, { id: 'p-matrix-console', name: '控制台用户', login: login.login, passwordHash: await hashPassword(login.password), at: h.clock.now })

  const rules = unwrap(await h.call('settings', 'saveRule', { phrase: '矩阵测试关键词', departmentId: X, priority: 10 }, { as: as('dispatcher') }))
  const ruleId = rules.rules.find((r) => r.phrase === '矩阵测试关键词')?.id as string
  const calendarDate = '2027-03-01'
  unwrap(await h.call('settings', 'saveCalendarDay', { date: calendarDate, kind: 'holiday', note: '矩阵测试' }, { as: as('dispatcher') }))

  const revokable = { personId: personOf(await h.person('handler', X)), role: 'handler' as const, scopeId: X }

  return {
    h,
    sandbox,
    tokens,
    identity: (col) => (tokens[col] ? { kind: 'token', token: tokens[col] as string } : { kind: 'none' }),
    chainPeer,
    enterprises: { A, B, C },
    departments: { X, Y },
    stations: { S1, S2 },
    problems: { A: pA, shared, B: pB, anon, anonBySecretary },
    anonFilers,
    sessionId: session.id,
    service: { id: serviceId, slotId },
    booking: { id: booked.id, code: checkIn.token },
    pairingId,
    activity: { id: activity.id, code: attendance.token },
    invite: { id: invite.id, code: invite.code },
    login,
    ruleId,
    calendarDate,
    revokable
  }
}
