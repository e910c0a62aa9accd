import type { CategoryId } from '@contract/categories'
import {
  PROBLEM_STATUS_LABELS,
  type CoHandlerAssignment,
  type ExtensionRequest,
  type LeadAssignment,
  type ProblemDeadline,
  type ProblemStatus,
  type SlaLimits
} from '@contract/problems'
import { addWorkdays } from '../calendar'
import { applyEvent, commit, replay } from './flow-events'
import {
  FLOW_ACTION_LABELS,
  FLOW_ACTION_TYPES,
  FLOW_ROLE_LABELS,
  type EventDraft,
  type FlowAction,
  type FlowActionType,
  type FlowActor,
  type FlowEnv,
  type FlowEvent,
  type FlowRole,
  type FlowState,
  type Refusal,
  type RefusalCode,
  type TransitionResult
} from './flow-types'
import { effectiveDeadline, extendDeadline, remainingExtensionDays, routingDeadlines } from './sla'

/**
 * The problem (ticket) flow, after 12345 hotline practice. Pure: time and the calendar are passed in.
 *
 *   triage ─派单→ routed ─签收→ accepted ─答复→ replied ─评价:已解决→ closed
 *                  │  ▲          │   ▲                    └─评价:未解决→ reopened ─答复→ replied
 *                退单  维持原派单/转办                      (重办, counted)
 *                  ▼  │          │
 *                returned ◀──────┘ 退单
 *
 * Checks run in this order, and the first failure is the answer:
 *   FORBIDDEN  the actor has no part in this action on this problem;
 *   CONFLICT   the action is not possible in the problem's current state (办结, 未签收, 会办未答复 …);
 *   VALIDATION the action's input is wrong (missing reason, rating outside 1–5, too many days …).
 * A refused action changes nothing.
 */

const OPEN_WITH_UNIT: readonly ProblemStatus[] = ['routed', 'accepted', 'reopened']
const HANDLING: readonly ProblemStatus[] = ['accepted', 'reopened']
const MAX_TEXT = 2000
const MAX_CO = 10

const refuse = (code: RefusalCode, message: string, field?: string): Refusal =>
  field ? { ok: false, code, message, field } : { ok: false, code, message }

const statusLabel = (s: ProblemStatus) => PROBLEM_STATUS_LABELS[s]

/** The actor's part in this problem. */
export function roleOf(s: FlowState, actor: FlowActor): FlowRole {
  switch (actor.kind) {
    case 'filer':
      return actor.enterpriseId === s.enterpriseId ? 'filer' : 'outsider'
    case 'dispatcher':
      return 'dispatcher'
    case 'system':
      return 'system'
    case 'unit':
      if (s.lead && s.lead.departmentId === actor.departmentId) return 'lead'
      if (s.coHandlers.some((c) => c.departmentId === actor.departmentId && c.status !== 'cancelled')) return 'co_handler'
      return 'outsider'
  }
}

function actorProblem(actor: unknown): string | null {
  const a = actor as Partial<Record<string, unknown>> | null
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== ''
  if (!a || typeof a !== 'object') return '无法识别操作人'
  switch (a.kind) {
    case 'system':
      return null
    case 'dispatcher':
      return nonEmpty(a.personId) ? null : '无法识别操作人'
    case 'filer':
      return nonEmpty(a.personId) && nonEmpty(a.enterpriseId) ? null : '无法识别操作人'
    case 'unit':
      return nonEmpty(a.personId) && nonEmpty(a.departmentId) ? null : '无法识别操作人所在单位'
    default:
      return '无法识别操作人'
  }
}

/** Who may take each action. */
const WHO: Record<FlowActionType, readonly FlowRole[]> = {
  route: ['dispatcher', 'system'],
  accept: ['lead'],
  return: ['lead'],
  reroute: ['dispatcher'],
  insist: ['dispatcher'],
  // system: co-handling the routing engine found in the text, asked for at filing
  request_co: ['lead', 'dispatcher', 'system'],
  co_accept: ['co_handler'],
  co_reply: ['co_handler'],
  cancel_co: ['dispatcher'],
  reply: ['lead'],
  request_extension: ['lead', 'co_handler'],
  approve_extension: ['dispatcher'],
  refuse_extension: ['dispatcher'],
  supervise: ['dispatcher'],
  evaluate: ['filer']
}

function forbidden(type: FlowActionType, role: FlowRole, actor: FlowActor): Refusal {
  if (role === 'outsider') {
    return refuse('FORBIDDEN', actor.kind === 'filer' ? '只能处理本企业提出的诉求' : '该诉求不由本单位办理')
  }
  const who = WHO[type].map((r) => FLOW_ROLE_LABELS[r]).join('或')
  return refuse('FORBIDDEN', `“${FLOW_ACTION_LABELS[type]}”只能由${who}操作`)
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '')

function requireText(v: unknown, field: string, missing: string): Refusal | string {
  const t = text(v)
  if (t.length < 2) return refuse('VALIDATION', missing, field)
  if (t.length > MAX_TEXT) return refuse('VALIDATION', `内容不能超过 ${MAX_TEXT} 字`, field)
  return t
}

function optionalText(v: unknown, field: string): Refusal | string | null {
  if (v === undefined || v === null) return null
  if (typeof v !== 'string') return refuse('VALIDATION', '应为文字', field)
  const t = v.trim()
  if (t.length > MAX_TEXT) return refuse('VALIDATION', `内容不能超过 ${MAX_TEXT} 字`, field)
  return t === '' ? null : t
}

const isRefusal = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && (x as Refusal).ok === false

const activeCo = (s: FlowState) => s.coHandlers.filter((c) => c.status === 'pending' || c.status === 'accepted')
const coOf = (s: FlowState, departmentId: string) => s.coHandlers.find((c) => c.departmentId === departmentId)
const pendingOf = (s: FlowState, departmentId: string) =>
  s.extensions.find((x) => x.status === 'pending' && x.departmentId === departmentId)

function newLead(departmentId: string, now: Date, limits: SlaLimits, env: FlowEnv): LeadAssignment {
  const { acceptDue, replyDue } = routingDeadlines(now, limits, env.calendar)
  return {
    departmentId,
    routedAt: now.toISOString(),
    acceptDue,
    replyDue,
    acceptedAt: null,
    repliedAt: null,
    reply: null,
    extensionDays: 0
  }
}

/** The unit's own assignment: its reply deadline and the days it has been granted. */
function partyOf(s: FlowState, actor: FlowActor): { departmentId: string; replyDue: ProblemDeadline; extensionDays: number } | null {
  if (actor.kind !== 'unit') return null
  if (s.lead && s.lead.departmentId === actor.departmentId) return s.lead
  return coOf(s, actor.departmentId) ?? null
}

type Guard = (s: FlowState, actor: FlowActor, role: FlowRole, now: Date, env: FlowEnv) => Refusal | null
type Run<A> = (s: FlowState, a: A, actor: FlowActor, role: FlowRole, now: Date, env: FlowEnv) => Refusal | EventDraft[]
type RuleFor<T extends FlowActionType> = { guard: Guard; run: Run<Extract<FlowAction, { type: T }>> }
type Rules = { [T in FlowActionType]: RuleFor<T> }

const conflict = (m: string) => refuse('CONFLICT', m)

const RULES: Rules = {
  route: {
    guard: (s) => {
      if (s.status === 'triage') return null
      if (s.status === 'returned') return conflict('退单件请转办或维持原派单')
      return conflict(`诉求${statusLabel(s.status)}，不能再派单`)
    },
    run: (s, a, _actor, _role, now, env) => {
      const dept = text(a.departmentId)
      if (!dept) return refuse('VALIDATION', '请选择承办单位', 'departmentId')
      const reason = optionalText(a.reason, 'reason')
      if (isRefusal(reason)) return reason
      return [{ type: 'routed', reason, data: { lead: newLead(dept, now, s.limits, env) } }]
    }
  },

  accept: {
    guard: (s) => {
      if (s.status === 'routed') return null
      if (HANDLING.includes(s.status)) return conflict('本单位已签收')
      return conflict(`诉求${statusLabel(s.status)}，不能签收`)
    },
    run: (s) => [{ type: 'accepted', reason: null, data: { departmentId: s.lead!.departmentId } }]
  },

  return: {
    guard: (s) => {
      if (s.status === 'routed' || s.status === 'accepted') return null
      if (s.status === 'reopened') return conflict('重办件不能退单，如需调整请联系调度员')
      if (s.status === 'returned') return conflict('已退单，等待调度员处理')
      return conflict(`诉求${statusLabel(s.status)}，不能退单`)
    },
    run: (s, a) => {
      const reason = requireText(a.reason, 'reason', '退单须说明理由')
      if (isRefusal(reason)) return reason
      return [{ type: 'returned', reason, data: { departmentId: s.lead!.departmentId } }]
    }
  },

  reroute: {
    guard: (s) => {
      if (s.status === 'triage') return conflict('尚未派单，请直接派单')
      if (s.status === 'routed' || s.status === 'accepted' || s.status === 'returned' || s.status === 'reopened') return null
      return conflict(`诉求${statusLabel(s.status)}，不能转办`)
    },
    run: (s, a, _actor, _role, now, env) => {
      const dept = text(a.departmentId)
      if (!dept) return refuse('VALIDATION', '请选择转办单位', 'departmentId')
      const from = s.lead!.departmentId
      if (dept === from) return refuse('VALIDATION', '已由该单位承办；如退单理由不成立，请选择“维持原派单”', 'departmentId')
      if (activeCo(s).some((c) => c.departmentId === dept)) {
        return refuse('VALIDATION', '该单位正在会办，请先撤销其会办再转办给它', 'departmentId')
      }
      const reason = optionalText(a.reason, 'reason')
      if (isRefusal(reason)) return reason
      return [{ type: 'rerouted', reason, data: { from, lead: newLead(dept, now, s.limits, env) } }]
    }
  },

  insist: {
    guard: (s) => (s.status === 'returned' ? null : conflict('只有退单件可以维持原派单')),
    run: (s, a) => {
      const reason = requireText(a.reason, 'reason', '维持原派单须说明理由')
      if (isRefusal(reason)) return reason
      return [{ type: 'insisted', reason, data: { departmentId: s.lead!.departmentId } }]
    }
  },

  request_co: {
    guard: (s, _actor, role) => {
      if (s.coHandlers.filter((c) => c.status !== 'cancelled').length >= MAX_CO) {
        return conflict(`会办单位已达上限 ${MAX_CO} 个`)
      }
      if (role === 'lead') {
        if (HANDLING.includes(s.status)) return null
        if (s.status === 'routed') return conflict('请先签收，再发起会办')
        return conflict(`诉求${statusLabel(s.status)}，不能发起会办`)
      }
      return OPEN_WITH_UNIT.includes(s.status) ? null : conflict(`诉求${statusLabel(s.status)}，不能发起会办`)
    },
    run: (s, a, _actor, _role, now, env) => {
      if (!Array.isArray(a.departmentIds) || a.departmentIds.length === 0) {
        return refuse('VALIDATION', '请选择会办单位', 'departmentIds')
      }
      const ids = a.departmentIds.map(text)
      if (ids.some((d) => !d)) return refuse('VALIDATION', '会办单位不能为空', 'departmentIds')
      if (new Set(ids).size !== ids.length) return refuse('VALIDATION', '会办单位有重复', 'departmentIds')
      if (ids.includes(s.lead!.departmentId)) return refuse('VALIDATION', '牵头单位不能同时作为会办单位', 'departmentIds')
      if (ids.some((d) => activeCo(s).some((c) => c.departmentId === d))) {
        return refuse('VALIDATION', '所选单位已在会办中', 'departmentIds')
      }
      const kept = s.coHandlers.filter((c) => !ids.includes(c.departmentId) && c.status !== 'cancelled').length
      if (kept + ids.length > MAX_CO) return refuse('VALIDATION', `会办单位最多 ${MAX_CO} 个`, 'departmentIds')
      const reason = optionalText(a.reason, 'reason')
      if (isRefusal(reason)) return reason
      const { acceptDue, replyDue } = routingDeadlines(now, s.limits, env.calendar)
      const assignments: CoHandlerAssignment[] = ids.map((departmentId) => ({
        departmentId,
        status: 'pending',
        requestedAt: now.toISOString(),
        acceptDue,
        replyDue,
        acceptedAt: null,
        repliedAt: null,
        reply: null,
        extensionDays: 0
      }))
      return [{ type: 'co_requested', reason, data: { assignments } }]
    }
  },

  co_accept: {
    guard: (s, actor) => {
      const c = coOf(s, (actor as { departmentId: string }).departmentId)!
      if (c.status === 'pending') return null
      return conflict(c.status === 'accepted' ? '本单位已签收会办' : '本单位已答复会办')
    },
    run: (_s, _a, actor) => [{ type: 'co_accepted', reason: null, data: { departmentId: (actor as { departmentId: string }).departmentId } }]
  },

  co_reply: {
    guard: (s, actor) => {
      const c = coOf(s, (actor as { departmentId: string }).departmentId)!
      if (c.status === 'accepted') return null
      return conflict(c.status === 'pending' ? '请先签收会办，再答复' : '本单位已答复会办')
    },
    run: (_s, a, actor) => {
      const content = requireText(a.content, 'content', '请填写会办意见')
      if (isRefusal(content)) return content
      return [{ type: 'co_replied', reason: null, data: { departmentId: (actor as { departmentId: string }).departmentId, content } }]
    }
  },

  cancel_co: {
    guard: (s) => {
      if (s.status === 'replied') return conflict('诉求已答复，不能撤销会办')
      return activeCo(s).length > 0 ? null : conflict('没有正在会办的单位')
    },
    run: (s, a) => {
      const dept = text(a.departmentId)
      if (!activeCo(s).some((c) => c.departmentId === dept)) return refuse('VALIDATION', '该单位不在会办中', 'departmentId')
      const reason = requireText(a.reason, 'reason', '撤销会办须说明理由')
      if (isRefusal(reason)) return reason
      return [{ type: 'co_cancelled', reason, data: { departmentId: dept } }]
    }
  },

  reply: {
    guard: (s) => {
      if (s.status === 'routed') return conflict('请先签收，再答复')
      if (!HANDLING.includes(s.status)) return conflict(`诉求${statusLabel(s.status)}，不能答复`)
      const waiting = activeCo(s)
      if (waiting.length) return conflict(`会办单位尚未全部答复（${waiting.map((c) => c.departmentId).join('、')}），暂不能答复`)
      return null
    },
    run: (s, a) => {
      const content = requireText(a.content, 'content', '请填写答复内容')
      if (isRefusal(content)) return content
      return [{ type: 'replied', reason: null, data: { departmentId: s.lead!.departmentId, content } }]
    }
  },

  request_extension: {
    guard: (s, actor, role, now, env) => {
      if (role === 'lead') {
        if (s.status === 'routed') return conflict('请先签收，再申请延期')
        if (!HANDLING.includes(s.status)) return conflict(`诉求${statusLabel(s.status)}，不能申请延期`)
      } else {
        const c = coOf(s, (actor as { departmentId: string }).departmentId)!
        if (c.status === 'pending') return conflict('请先签收会办，再申请延期')
        if (c.status !== 'accepted') return conflict('本单位已答复会办，不能申请延期')
      }
      const party = partyOf(s, actor)!
      if (pendingOf(s, party.departmentId)) return conflict('已有待审批的延期申请')
      if (remainingExtensionDays(party.extensionDays, s.limits) === 0) {
        return conflict(`延期已达上限 ${s.limits.extensionMaxDays} 个工作日`)
      }
      if (now.getTime() > Date.parse(effectiveDeadline(party.replyDue, env.calendar).at)) {
        return conflict('答复期限已过，不能再申请延期')
      }
      return null
    },
    run: (s, a, actor, _role, now) => {
      const party = partyOf(s, actor)!
      const left = remainingExtensionDays(party.extensionDays, s.limits)
      if (typeof a.days !== 'number' || !Number.isInteger(a.days) || a.days < 1 || a.days > left) {
        return refuse('VALIDATION', `延期天数应为 1–${left} 个工作日`, 'days')
      }
      const reason = requireText(a.reason, 'reason', '申请延期须说明理由')
      if (isRefusal(reason)) return reason
      const request: ExtensionRequest = {
        id: `ext-${s.history.length + 1}`,
        departmentId: party.departmentId,
        days: a.days,
        reason,
        requestedAt: now.toISOString(),
        status: 'pending',
        decidedAt: null,
        grantedDays: null,
        decisionReason: null
      }
      return [{ type: 'extension_requested', reason, data: { request } }]
    }
  },

  approve_extension: {
    guard: (s) => (s.extensions.some((x) => x.status === 'pending') ? null : conflict('没有待审批的延期申请')),
    run: (s, a, _actor, _role, _now, env) => {
      const req = findRequest(s, a.requestId)
      if (isRefusal(req)) return req
      const party = s.lead && s.lead.departmentId === req.departmentId ? s.lead : coOf(s, req.departmentId)
      if (!party) return conflict('该单位已不在办理中')
      const days = a.days === undefined ? req.days : a.days
      if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > req.days) {
        return refuse('VALIDATION', `同意的天数应为 1–${req.days} 个工作日`, 'days')
      }
      if (days > remainingExtensionDays(party.extensionDays, s.limits)) {
        return conflict(`延期已达上限 ${s.limits.extensionMaxDays} 个工作日`)
      }
      const reason = optionalText(a.reason, 'reason')
      if (isRefusal(reason)) return reason
      const replyDue = extendDeadline(party.replyDue, days, party.extensionDays, s.limits, env.calendar)
      return [{ type: 'extension_approved', reason, data: { requestId: req.id, departmentId: req.departmentId, days, replyDue } }]
    }
  },

  refuse_extension: {
    guard: (s) => (s.extensions.some((x) => x.status === 'pending') ? null : conflict('没有待审批的延期申请')),
    run: (s, a) => {
      const req = findRequest(s, a.requestId)
      if (isRefusal(req)) return req
      const reason = requireText(a.reason, 'reason', '不同意延期须说明理由')
      if (isRefusal(reason)) return reason
      return [{ type: 'extension_refused', reason, data: { requestId: req.id, departmentId: req.departmentId } }]
    }
  },

  supervise: {
    guard: (s) => (OPEN_WITH_UNIT.includes(s.status) ? null : conflict(`诉求${statusLabel(s.status)}，无需督办`)),
    run: (s, a, _actor, _role, now) => {
      const reason = requireText(a.reason, 'reason', '请填写督办意见')
      if (isRefusal(reason)) return reason
      const record = {
        key: `manual:${s.history.length + 1}`,
        kind: 'manual' as const,
        departmentId: s.lead!.departmentId,
        dueAt: null,
        at: now.toISOString(),
        note: reason
      }
      return [{ type: 'supervised', reason, data: { record } }]
    }
  },

  evaluate: {
    guard: (s) => {
      if (s.status === 'replied') return null
      return conflict('承办单位答复后才能评价')
    },
    run: (s, a, _actor, _role, now, env) => {
      if (typeof a.solved !== 'boolean') return refuse('VALIDATION', '请选择问题是否已解决', 'solved')
      const rating = a.rating
      const ratingOk = typeof rating === 'number' && Number.isInteger(rating) && rating >= 1 && rating <= 5
      if (a.solved) {
        if (!ratingOk) return refuse('VALIDATION', '请给出 1–5 星的评价', 'rating')
        const comment = optionalText(a.comment, 'comment')
        if (isRefusal(comment)) return comment
        return [
          { type: 'confirmed', reason: null, data: { solved: true } },
          { type: 'rated', reason: comment, data: { rating, comment } },
          { type: 'closed', reason: null, data: {} }
        ]
      }
      if (rating !== undefined && rating !== null && !ratingOk) return refuse('VALIDATION', '评价应为 1–5 星', 'rating')
      const comment = requireText(a.comment, 'comment', '请说明尚未解决的情况')
      if (isRefusal(comment)) return comment
      const drafts: EventDraft[] = []
      if (ratingOk) drafts.push({ type: 'rated', reason: comment, data: { rating, comment } })
      const replyDue = addWorkdays(now, s.limits.replyDays, env.calendar)
      drafts.push({ type: 'reopened', reason: comment, data: { reopenCount: s.reopenCount + 1, replyDue } })
      return drafts
    }
  }
}

function findRequest(s: FlowState, id: unknown): Refusal | ExtensionRequest {
  const req = s.extensions.find((x) => x.id === id)
  if (!req) return refuse('VALIDATION', '找不到该延期申请', 'requestId')
  if (req.status !== 'pending') return conflict(req.status === 'lapsed' ? '该延期申请已失效' : '该延期申请已处理')
  return req
}

function precheck(s: FlowState, type: unknown, actor: FlowActor, now: Date, env: FlowEnv): Refusal | { type: FlowActionType; role: FlowRole } {
  if (!(FLOW_ACTION_TYPES as readonly unknown[]).includes(type)) return refuse('VALIDATION', '未知的操作', 'type')
  const t = type as FlowActionType
  const bad = actorProblem(actor)
  if (bad) return refuse('FORBIDDEN', bad)
  const role = roleOf(s, actor)
  if (!WHO[t].includes(role)) return forbidden(t, role, actor)
  if (s.status === 'closed') return conflict('诉求已办结，不能再操作')
  const g = RULES[t].guard(s, actor, role, now, env)
  return g ?? { type: t, role }
}

function checkNow(now: Date) {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new RangeError('now 应为有效时间')
}

/**
 * One step of the flow. On success: the new state and the events appended (the history grows by
 * exactly these). On refusal: a typed code and a Chinese message; the state is untouched.
 */
export function transition(state: FlowState, action: FlowAction, actor: FlowActor, now: Date, env: FlowEnv): TransitionResult {
  checkNow(now)
  const pre = precheck(state, (action as { type?: unknown } | null)?.type, actor, now, env)
  if (isRefusal(pre)) return pre
  const rule = RULES[pre.type] as RuleFor<FlowActionType>
  const drafts = rule.run(state, action as never, actor, pre.role, now, env)
  if (isRefusal(drafts)) return drafts
  const { next, events } = commit(state, drafts, actor, now)
  return { ok: true, next, events }
}

/** The actions this actor could take now (their input still to be checked): for showing buttons. */
export function availableActions(state: FlowState, actor: FlowActor, now: Date, env: FlowEnv): FlowActionType[] {
  checkNow(now)
  return FLOW_ACTION_TYPES.filter((t) => !isRefusal(precheck(state, t, actor, now, env)))
}

export interface OpenProblemInput {
  problemId: string
  category: CategoryId
  enterpriseId: string
  /** The person filing: an enterprise liaison, or a first secretary on the enterprise's behalf. */
  filer: { personId: string }
  limits: SlaLimits
  /** Where the routing rules placed it; null → triage (the dispatcher places it). */
  leadDepartmentId: string | null
  /** Why it went there, in Chinese. */
  routingReason?: string | null
}

/** A new problem: `filed`, then `routed` by the routing rules (the clock starts now) or `triaged`. */
export function openProblem(input: OpenProblemInput, now: Date, env: FlowEnv): TransitionResult {
  checkNow(now)
  const need = (v: unknown, field: string, m: string) => (text(v) ? null : refuse('VALIDATION', m, field))
  const bad =
    need(input.problemId, 'problemId', '缺少诉求编号') ??
    need(input.enterpriseId, 'enterpriseId', '缺少企业') ??
    need(input.filer?.personId, 'filer', '缺少提出人')
  if (bad) return bad
  const l = input.limits
  const whole = (v: unknown, min: number) => typeof v === 'number' && Number.isInteger(v) && v >= min
  if (!l || !whole(l.acceptDays, 1) || !whole(l.replyDays, 1) || !whole(l.extensionMaxDays, 0)) {
    return refuse('VALIDATION', '时限配置无效', 'limits')
  }
  const filer: FlowActor = { kind: 'filer', personId: input.filer.personId, enterpriseId: input.enterpriseId }
  const filed: FlowEvent = {
    seq: 1,
    type: 'filed',
    at: now.toISOString(),
    actor: filer,
    reason: null,
    data: { problemId: input.problemId, category: input.category, enterpriseId: input.enterpriseId, filedBy: input.filer.personId, limits: { ...l } }
  }
  const start = replay([filed])
  const system: FlowActor = { kind: 'system' }
  const reason = text(input.routingReason) || null
  const next = input.leadDepartmentId
    ? transition(start, { type: 'route', departmentId: input.leadDepartmentId, ...(reason ? { reason } : {}) }, system, now, env)
    : { ok: true as const, ...commit(start, [{ type: 'triaged', reason, data: {} }], system, now) }
  if (!next.ok) return next
  return { ok: true, next: next.next, events: [filed, ...next.events] }
}

/**
 * Violations of the flow's invariants, in Chinese; empty for a sound state. Used by the property tests,
 * and usable by a backend as a guard before it persists a state.
 */
export function checkInvariants(s: FlowState): string[] {
  const v: string[] = []
  if (!(s.status in PROBLEM_STATUS_LABELS)) v.push(`未知状态 ${s.status}`)
  if ((s.status === 'triage') !== (s.lead === null)) v.push('待分派与“无承办单位”应一致')
  s.history.forEach((e, i) => {
    if (e.seq !== i + 1) v.push(`事件序号不连续：${e.seq}`)
  })
  if (s.history[0]?.type !== 'filed') v.push('历史应以提交诉求开始')
  const count = (t: FlowEvent['type']) => s.history.filter((e) => e.type === t).length
  if (s.status === 'closed') {
    if (s.solved !== true) v.push('办结须经企业确认已解决')
    if (!(s.rating !== null && s.rating >= 1 && s.rating <= 5)) v.push('办结须有 1–5 星评价')
    const last = [...s.history].reverse().find((e) => e.type === 'confirmed')
    if (!last || last.actor.kind !== 'filer' || last.actor.enterpriseId !== s.enterpriseId) v.push('确认解决的应是提出诉求的企业')
  }
  if (count('closed') > 1 || (count('closed') === 1 && s.status !== 'closed')) v.push('办结只能发生一次且为终态')
  if ((s.status === 'replied' || s.status === 'closed') && activeCo(s).length) v.push('会办单位未全部答复却已答复/办结')
  // walk the history once: at every 答复 and 办结, no co-handler may still be waiting
  if (s.history[0]?.type === 'filed') {
    let before = replay([s.history[0]])
    for (const e of s.history.slice(1)) {
      if ((e.type === 'replied' || e.type === 'closed') && activeCo(before).length) v.push(`事件 ${e.seq}（${e.type}）发生时仍有会办单位未答复`)
      before = applyEvent(before, e)
    }
  }
  if (s.reopenCount !== count('reopened')) v.push('重办次数与历史不符')
  if (s.returnCount !== count('returned')) v.push('退单次数与历史不符')
  if (s.supervision.level !== s.supervision.records.length || s.supervision.level !== count('supervised')) v.push('督办次数与历史不符')
  if (new Set(s.supervision.records.map((r) => r.key)).size !== s.supervision.records.length) v.push('同一事项被重复督办')
  const pendingDepts = s.extensions.filter((x) => x.status === 'pending').map((x) => x.departmentId)
  if (new Set(pendingDepts).size !== pendingDepts.length) v.push('同一单位有多个待审批的延期申请')
  const parties = [...(s.lead ? [s.lead] : []), ...s.coHandlers]
  for (const p of parties) {
    if (p.extensionDays < 0 || p.extensionDays > s.limits.extensionMaxDays) v.push(`${p.departmentId} 延期超过上限`)
  }
  if (s.lead && activeCo(s).some((c) => c.departmentId === s.lead!.departmentId)) v.push('牵头单位同时在会办')
  if (new Set(s.coHandlers.map((c) => c.departmentId)).size !== s.coHandlers.length) v.push('会办单位重复')
  if (s.rating !== null && !(Number.isInteger(s.rating) && s.rating >= 1 && s.rating <= 5)) v.push('评价应为 1–5 星')
  return v
}
