import { FLOW_ACTION_LABELS, type FlowActionType, type ProblemDetail } from '@contract/problems'
import { fieldErrors, flowActionInput, type FieldErrors, type FlowActionInput } from '@contract/schemas'

/**
 * A button of the action bar. Every flow action is one button, except 评价, which the filer meets as
 * two: 确认已解决并评价 and 未解决，申请重办 (one form, preset either way).
 */
export type ActionKey = Exclude<FlowActionType, 'evaluate'> | 'evaluate_solved' | 'evaluate_unsolved'

/** The order the bar shows them in: the step that moves the problem forward first. */
const ORDER: readonly ActionKey[] = [
  'evaluate_solved',
  'evaluate_unsolved',
  'accept',
  'co_accept',
  'reply',
  'co_reply',
  'route',
  'reroute',
  'insist',
  'approve_extension',
  'refuse_extension',
  'request_co',
  'request_extension',
  'return',
  'cancel_co',
  'supervise'
]

export const ACTION_LABELS: Record<ActionKey, string> = {
  ...(Object.fromEntries(Object.entries(FLOW_ACTION_LABELS).filter(([k]) => k !== 'evaluate')) as Record<
    Exclude<FlowActionType, 'evaluate'>,
    string
  >),
  evaluate_solved: '确认已解决并评价',
  evaluate_unsolved: '未解决，申请重办'
}

/** The buttons for what the server says this reader may do: exactly those, nothing derived here. */
export function actionKeys(actions: readonly FlowActionType[]): ActionKey[] {
  const keys = new Set<ActionKey>()
  for (const a of actions) {
    if (a === 'evaluate') {
      keys.add('evaluate_solved')
      keys.add('evaluate_unsolved')
    } else {
      keys.add(a)
    }
  }
  return ORDER.filter((k) => keys.has(k))
}

export const flowTypeOf = (key: ActionKey): FlowActionType =>
  key === 'evaluate_solved' || key === 'evaluate_unsolved' ? 'evaluate' : key

/** Everything any action form asks for; each action reads the fields it needs. */
export interface ActionForm {
  departmentId: string
  departmentIds: string[]
  reason: string
  content: string
  days: number
  requestId: string
  solved: boolean | null
  rating: number
  comment: string
}

export function initialForm(key: ActionKey, problem: ProblemDetail): ActionForm {
  const pending = problem.extensions.filter((x) => x.status === 'pending')
  const activeCo = problem.coHandlers.filter((c) => c.status === 'pending' || c.status === 'accepted')
  return {
    departmentId: key === 'cancel_co' && activeCo.length === 1 ? activeCo[0].departmentId : '',
    departmentIds: [],
    reason: '',
    content: '',
    days: key === 'approve_extension' && pending.length ? pending[0].days : key === 'request_extension' ? 3 : 0,
    requestId: pending.length ? pending[0].id : '',
    solved: key === 'evaluate_solved' ? true : key === 'evaluate_unsolved' ? false : null,
    rating: 0,
    comment: ''
  }
}

const opt = (s: string): string | undefined => (s.trim() ? s : undefined)

/** The action as the contract wants it (optional texts left out when empty). */
export function buildAction(key: ActionKey, f: ActionForm): unknown {
  switch (key) {
    case 'route':
    case 'reroute':
      return { type: key, departmentId: f.departmentId, reason: opt(f.reason) }
    case 'accept':
    case 'co_accept':
      return { type: key }
    case 'return':
    case 'insist':
    case 'supervise':
      return { type: key, reason: f.reason }
    case 'request_co':
      return { type: key, departmentIds: f.departmentIds, reason: opt(f.reason) }
    case 'co_reply':
    case 'reply':
      return { type: key, content: f.content }
    case 'cancel_co':
      return { type: key, departmentId: f.departmentId, reason: f.reason }
    case 'request_extension':
      return { type: key, days: f.days, reason: f.reason }
    case 'approve_extension':
      return { type: key, requestId: f.requestId, days: f.days || undefined, reason: opt(f.reason) }
    case 'refuse_extension':
      return { type: key, requestId: f.requestId, reason: f.reason }
    case 'evaluate_solved':
    case 'evaluate_unsolved':
      return {
        type: 'evaluate',
        solved: f.solved ?? undefined,
        rating: f.rating > 0 ? f.rating : undefined,
        comment: opt(f.comment)
      }
  }
}

export type Checked = { ok: true; action: FlowActionInput } | { ok: false; errors: FieldErrors }

/**
 * Validates with the shared schema (the one the server uses), plus the two rules of 评价 the schema does
 * not carry: 已解决 needs 1–5 stars, 未解决 needs a word on what is still wrong (docs/flow.md).
 */
export function checkAction(key: ActionKey, f: ActionForm): Checked {
  const parsed = flowActionInput.safeParse(buildAction(key, f))
  const errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
  if (key === 'evaluate_solved' || key === 'evaluate_unsolved') {
    if (f.solved === true && !(f.rating >= 1 && f.rating <= 5) && !errors.rating) errors.rating = '请给出 1–5 星的评价'
    if (f.solved === false && f.comment.trim().length < 2 && !errors.comment) errors.comment = '请说明尚未解决的情况'
  }
  if (parsed.success && Object.keys(errors).length === 0) return { ok: true, action: parsed.data }
  return { ok: false, errors }
}

/** The server keys its fields like the request ('action.reason'); the form keys them like the action. */
export function formFieldErrors(fields: Record<string, string> | undefined): FieldErrors {
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(fields ?? {})) out[k.replace(/^action\./, '')] = v
  return out
}
