import type { FlowEvent, FlowState } from '../core'
import type { Queryable } from '../db/client'
import { addNotice } from './notice'

interface Draft {
  to: { role: 'handler'; departmentId: string } | { role: 'dispatcher' } | { person: string }
  title: string
  body: string
  /** The WeChat subscribe-message template this notice echoes to (ids configured per deployment). */
  template: 'problem_update' | 'problem_todo'
}

/** Who should hear about what just happened. Silence is a choice too (有求必应、无事不扰). */
function draftsFor(e: FlowEvent, s: FlowState, label: string): Draft[] {
  const lead = s.lead?.departmentId
  const filer = { person: s.filedBy }
  const units = (text: string): Draft[] => (lead ? [{ to: { role: 'handler', departmentId: lead }, title: `诉求 ${label}`, body: text, template: 'problem_todo' }] : [])
  const dispatcher = (text: string): Draft[] => [{ to: { role: 'dispatcher' }, title: `诉求 ${label}`, body: text, template: 'problem_todo' }]
  const toFiler = (text: string): Draft[] => [{ to: filer, title: `您的诉求 ${label}`, body: text, template: 'problem_update' }]
  switch (e.type) {
    case 'routed':
    case 'rerouted':
      return [...units('有新派单，请在时限内签收'), ...toFiler('已派至承办部门办理')]
    case 'triaged':
      return dispatcher('系统无法确定承办部门，请分派')
    case 'returned':
      return dispatcher(`承办单位退单：${e.reason ?? ''}`)
    case 'insisted':
      return units(`调度中心维持原派单：${e.reason ?? ''}`)
    case 'co_requested':
      return e.data.assignments.map((a) => ({
        to: { role: 'handler', departmentId: a.departmentId },
        title: `诉求 ${label}`,
        body: '请会办，签收后在时限内答复',
        template: 'problem_todo'
      }))
    case 'replied':
      return toFiler('承办部门已答复，请确认是否解决并评价')
    case 'extension_requested':
      return dispatcher(`申请延期 ${e.data.request.days} 个工作日：${e.data.request.reason}`)
    case 'extension_approved':
    case 'extension_refused':
      return [{ to: { role: 'handler', departmentId: e.data.departmentId }, title: `诉求 ${label}`, body: e.type === 'extension_approved' ? '延期申请已同意' : '延期申请未同意', template: 'problem_todo' }]
    case 'supervised': {
      const dept = e.data.record.departmentId
      const to: Draft[] = dept ? [{ to: { role: 'handler', departmentId: dept }, title: `督办：${label}`, body: e.data.record.note, template: 'problem_todo' }] : []
      return [...to, ...dispatcher(`已督办：${e.data.record.note}`)]
    }
    case 'reopened':
      return units('企业反馈问题未解决，已重办，请重新办理')
    case 'closed':
      return units('企业确认已解决，诉求办结')
    default:
      return []
  }
}

async function recipients(q: Queryable, to: Draft['to']): Promise<string[]> {
  if ('person' in to) return [to.person]
  if (to.role === 'dispatcher') {
    return (await q.query<{ person_id: string }>(`SELECT person_id FROM person_roles WHERE role = 'dispatcher'`)).map((r) => r.person_id)
  }
  return (await q.query<{ person_id: string }>(`SELECT person_id FROM person_roles WHERE role = 'handler' AND scope_id = $1`, [to.departmentId])).map((r) => r.person_id)
}

/**
 * Records the notices of these events in the same transaction as the events: the in-app list is the
 * source of truth, and each notice also waits in the outbox for WeChat's subscribe-message sender.
 */
export async function notify(q: Queryable, problemId: string, number: string, state: FlowState, events: readonly FlowEvent[], now: Date): Promise<void> {
  if (!events.length) return
  const [{ title }] = await q.query<{ title: string }>('SELECT title FROM problems WHERE id = $1', [problemId])
  // the number identifies, the title reminds: 「SD20261123-0001 新厂区急需招聘焊工」
  const label = `${number} ${title.length > 16 ? `${title.slice(0, 15)}…` : title}`
  for (const e of events) {
    for (const d of draftsFor(e, state, label)) {
      for (const person of new Set(await recipients(q, d.to))) {
        if (e.actor.kind !== 'system' && e.actor.personId === person) continue
        await addNotice(q, { person, title: d.title, body: d.body, problemId, subscribe: { template: d.template, label: number } }, now)
      }
    }
  }
}
