import type { Session } from '@contract/accounts'
import type { ProblemDetail, ProblemSummary } from '@contract/problems'
import { request, resetTaroStub } from '../stubs/taro'
import { clearSession, saveSession } from '@/services/session'

type Globals = { LST_TRANSPORT?: string; LST_API_BASE?: string; LST_CLOUD_ENV?: string; LST_SUBSCRIBE_TEMPLATES?: string }

/** Sets the build-time constants the way webpack's DefinePlugin would. */
export function setBuildConstants(values: Globals): void {
  const g = globalThis as unknown as Globals
  g.LST_TRANSPORT = values.LST_TRANSPORT
  g.LST_API_BASE = values.LST_API_BASE
  g.LST_CLOUD_ENV = values.LST_CLOUD_ENV
  g.LST_SUBSCRIBE_TEMPLATES = values.LST_SUBSCRIBE_TEMPLATES
}

export function resetAll(): void {
  resetTaroStub()
  clearSession()
  setBuildConstants({ LST_TRANSPORT: 'http', LST_API_BASE: '', LST_CLOUD_ENV: '', LST_SUBSCRIBE_TEMPLATES: '[]' })
}

export const enterpriseSession: Session = {
  token: 'tok-enterprise',
  user: {
    id: 'u-ent',
    name: '李联络',
    roles: [{ role: 'enterprise', scopeId: 'ent-midea', scopeName: '美的集团' }]
  }
}

export function signIn(session: Session = enterpriseSession): void {
  saveSession(session)
}

/** Answers of the HTTP host: `{ ok: true, data }` or `{ ok: false, error }` with the status it maps to. */
export const okBody = (data: unknown) => ({ statusCode: 200, data: { ok: true, data } })
export const errorBody = (statusCode: number, code: string, message: string, fields?: Record<string, string>) => ({
  statusCode,
  data: { ok: false, error: fields ? { code, message, fields } : { code, message } }
})

/** The body the client posted in the n-th Taro.request call. */
export function postedBody(n = 0): { action: string; input: unknown; requestId?: string } {
  return request.mock.calls[n][0].data
}

const deadline = (date: string, at: string, start = '2026-11-25') => ({ date, at, uncertain: false, basis: { start, workdays: 1 } })

export const sampleDetail: ProblemDetail = {
  id: 'p-1',
  number: 'SD20261125-0001',
  title: '新厂区急需招聘焊工',
  category: 'recruitment',
  status: 'routed',
  enterpriseId: 'ent-midea',
  enterpriseName: '美的集团',
  station: null,
  raisedAt: null,
  leadDepartmentId: 'hr',
  leadDepartmentName: '区民政和人力资源社会保障局',
  createdAt: '2026-11-25T01:30:00.000Z',
  updatedAt: '2026-11-25T01:30:00.000Z',
  acceptDue: '2026-11-26T15:59:59.999Z',
  replyDue: '2026-12-02T15:59:59.999Z',
  overdue: false,
  reopenCount: 0,
  supervisionLevel: 0,
  anonymous: false,
  votes: 0,
  visibleToChain: false,
  chainLevel: false,
  mergedInto: null,
  sessionId: null,
  content: '新厂区下月投产，焊工缺口 50 人，希望对接招聘会与技能培训补贴。',
  chainId: 'appliance',
  chainName: '智能家电',
  townId: 'beijiao',
  townName: '北滘',
  routingReason: '类别“用工招聘”由区民政和人力资源社会保障局承办',
  routingConfidence: null,
  suggestions: [],
  filerName: '李联络',
  onBehalf: false,
  lead: {
    departmentId: 'hr',
    departmentName: '区民政和人力资源社会保障局',
    routedAt: '2026-11-25T01:30:01.000Z',
    acceptDue: deadline('2026-11-26', '2026-11-26T15:59:59.999Z'),
    replyDue: deadline('2026-12-02', '2026-12-02T15:59:59.999Z'),
    acceptedAt: null,
    repliedAt: null,
    reply: null,
    extensionDays: 0
  },
  coHandlers: [],
  extensions: [],
  supervision: [],
  returnCount: 0,
  solved: null,
  rating: null,
  photos: [],
  actions: [],
  events: [
    { id: 'e1', type: 'filed', actor: '企业用户', note: null, at: '2026-11-25T01:30:00.000Z' },
    { id: 'e2', type: 'routed', actor: '系统', note: '派单至区民政和人力资源社会保障局', at: '2026-11-25T01:30:01.000Z' }
  ]
}

/** The sample problem with some fields changed. */
export function detailWith(changes: Partial<ProblemDetail>): ProblemDetail {
  return { ...sampleDetail, ...changes }
}

/** An ISO instant `hours` from now (negative: in the past). */
/** A summary row cut from sampleDetail (deadlines cleared), with the given changes. */
export function summaryWith(changes: Partial<ProblemSummary>): ProblemSummary {
  const { id, number, title, category, status, enterpriseId, enterpriseName, leadDepartmentId, leadDepartmentName, createdAt, updatedAt } = sampleDetail
  return {
    id,
    number,
    title,
    category,
    status,
    enterpriseId,
    enterpriseName,
    station: null,
    leadDepartmentId,
    leadDepartmentName,
    createdAt,
    updatedAt,
    acceptDue: null,
    replyDue: null,
    overdue: false,
    reopenCount: 0,
    supervisionLevel: 0,
    anonymous: false,
    votes: 0,
    visibleToChain: false,
    chainLevel: false,
    mergedInto: null,
    sessionId: null,
    ...changes
  }
}

export const hoursFromNow = (hours: number): string => new Date(Date.now() + hours * 3600_000).toISOString()

type Answer = { statusCode: number; data: unknown }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the posted input freely
type Posted = { action: string; input: any; requestId?: string }
type Handler = Answer | ((input: Posted['input'], body: { action: string; input: unknown; requestId?: string }) => Answer)

/**
 * Answers Taro.request by `<fn>.<action>` (e.g. 'problems.get'); anything not listed fails the test loudly
 * with a 404-like answer naming what was asked.
 */
export function answerBy(handlers: Record<string, Handler>): void {
  request.mockImplementation(async (opts) => {
    const fn = String(opts.url).replace(/^.*\/api\//, '')
    const body = opts.data as { action: string; input: unknown; requestId?: string }
    const h = handlers[`${fn}.${body.action}`]
    if (!h) return errorBody(404, 'NOT_FOUND', `测试未准备 ${fn}.${body.action}`)
    return typeof h === 'function' ? h(body.input, body) : h
  })
}

/** The bodies posted so far for one `<fn>.<action>`. */
export function postedTo(key: string): Posted[] {
  const [fn, action] = key.split('.')
  return request.mock.calls
    .filter((c) => String(c[0].url).endsWith(`/api/${fn}`) && (c[0].data as { action: string }).action === action)
    .map((c) => c[0].data as Posted)
}
