import type { Queryable } from '../db/client'
import { newId } from './ids'

/** The WeChat subscribe-message templates a notice can echo to (ids configured per deployment). */
export type SubscribeTemplate = 'problem_update' | 'problem_todo' | 'booking_reminder'

export interface NoticeDraft {
  person: string
  title: string
  body: string
  problemId?: string | null
  /** Also queue a WeChat subscribe message; `label` is its short first field (a number or a time). */
  subscribe?: { template: SubscribeTemplate; label: string; title?: string }
}

/**
 * Writes one in-app notice — the source of truth — in the caller's transaction, and, when asked, queues
 * its WeChat echo in the outbox so a failed send never loses or repeats the notice itself.
 */
export async function addNotice(q: Queryable, n: NoticeDraft, now: Date): Promise<void> {
  const id = newId('nt')
  await q.query('INSERT INTO notices (id, person_id, title, body, problem_id, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    n.person,
    n.title,
    n.body,
    n.problemId ?? null,
    now
  ])
  if (!n.subscribe) return
  await q.query('INSERT INTO outbox (id, notice_id, channel, template, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    newId('ob'),
    id,
    'wechat_subscribe',
    n.subscribe.template,
    JSON.stringify({ number: n.subscribe.label, title: n.subscribe.title ?? n.title, body: n.body }),
    now
  ])
}
