import type { CalendarOverride } from '@contract'
import { makeCalendar } from '../../cloudfunctions/core/calendar'
import {
  DEFAULT_SLA,
  openProblem,
  transition,
  type FlowAction,
  type FlowActor,
  type FlowEnv,
  type FlowState,
  type Refusal,
  type RefusalCode
} from '../../cloudfunctions/core/problems/flow'

export const envWith = (overrides: CalendarOverride[] = []): FlowEnv => ({ calendar: makeCalendar(overrides) })
export const ENV = envWith()

/** Monday 2026-03-09 09:00 in China: an ordinary working week, no holiday until 清明 (04-04). */
export const T0 = new Date('2026-03-09T09:00:00+08:00')
export const at = (s: string) => new Date(s)
export const plusHours = (d: Date, h: number) => new Date(d.getTime() + h * 3600_000)

export const FILER: FlowActor = { kind: 'filer', personId: 'p-liaison', enterpriseId: 'ent-1' }
export const SAME_ENTERPRISE: FlowActor = { kind: 'filer', personId: 'p-other-liaison', enterpriseId: 'ent-1' }
export const OTHER_FILER: FlowActor = { kind: 'filer', personId: 'p-stranger', enterpriseId: 'ent-2' }
export const HR: FlowActor = { kind: 'unit', personId: 'p-hr', departmentId: 'hr' }
export const ECONOMY: FlowActor = { kind: 'unit', personId: 'p-econ', departmentId: 'economy' }
export const FINANCE: FlowActor = { kind: 'unit', personId: 'p-fin', departmentId: 'finance' }
export const TAX: FlowActor = { kind: 'unit', personId: 'p-tax', departmentId: 'tax' }
export const DISPATCHER: FlowActor = { kind: 'dispatcher', personId: 'p-dispatch' }
export const SYSTEM: FlowActor = { kind: 'system' }

export const CHINESE = /[\u4e00-\u9fff]/

export function open(lead: string | null = 'hr', now: Date = T0, env: FlowEnv = ENV): FlowState {
  const r = openProblem(
    { problemId: 'pb-1', category: 'recruitment', enterpriseId: 'ent-1', filer: { personId: 'p-liaison' }, limits: DEFAULT_SLA, leadDepartmentId: lead, routingReason: '按类别派至人社' },
    now,
    env
  )
  if (!r.ok) throw new Error(`${r.code} ${r.message}`)
  return r.next
}

export function step(s: FlowState, action: FlowAction, actor: FlowActor, now: Date = T0, env: FlowEnv = ENV): FlowState {
  const r = transition(s, action, actor, now, env)
  if (!r.ok) throw new Error(`expected ${action.type} by ${actor.kind} to pass: ${r.code} ${r.message}`)
  return r.next
}

export function refusal(s: FlowState, action: FlowAction, actor: FlowActor, now: Date = T0, env: FlowEnv = ENV): Refusal {
  const r = transition(s, action, actor, now, env)
  if (r.ok) throw new Error(`expected ${action.type} by ${actor.kind} to be refused, got ${r.events.map((e) => e.type).join(',')}`)
  return r
}

export function expectRefused(s: FlowState, action: FlowAction, actor: FlowActor, code: RefusalCode, now: Date = T0, env: FlowEnv = ENV): Refusal {
  const r = refusal(s, action, actor, now, env)
  expect({ code: r.code, message: r.message }).toEqual({ code, message: expect.stringMatching(CHINESE) })
  return r
}

export const types = (s: FlowState) => s.history.map((e) => e.type)
