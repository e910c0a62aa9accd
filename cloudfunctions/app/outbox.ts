import type { Deps } from './context'

/** WeChat's subscribe-message API, as the outbox needs it (openapi.subscribeMessage.send on WeChat). */
export interface SubscribeSender {
  send(message: { touser: string; templateId: string; page: string; data: Record<string, { value: string }> }): Promise<void>
}

/** Template ids per notice kind, configured per deployment (LST_TEMPLATE_PROBLEM_UPDATE, _PROBLEM_TODO, _BOOKING_REMINDER). */
export type TemplateIds = Partial<Record<'problem_update' | 'problem_todo' | 'booking_reminder', string>>

const OUTBOX_LOCK = 7_204_314
const BATCH = 100

export interface OutboxReport {
  sent: number
  /** No template configured, or the person has no WeChat identity: the in-app notice stands alone. */
  skipped: number
  failed: number
}

// WeChat limits a `thing` field to 20 characters
const clip = (s: string, n = 20) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/**
 * Sends waiting outbox rows as WeChat subscribe messages. A row is marked once handled — sent, or
 * skipped because it cannot be sent — so a rerun never sends it twice; a failed send (the user
 * declined the subscription, WeChat unavailable) is marked too: the in-app notice is the record.
 */
export async function drainOutbox(deps: Deps, sender: SubscribeSender, templates: TemplateIds): Promise<OutboxReport> {
  const report: OutboxReport = { sent: 0, skipped: 0, failed: 0 }
  await deps.db.tx(async (q) => {
    const [{ locked }] = await q.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [OUTBOX_LOCK])
    if (!locked) return
    const rows = await q.query<{ id: string; template: keyof TemplateIds; payload: { number: string; title: string; body: string }; openid: string | null; problem_id: string | null }>(
      `SELECT o.id, o.template, o.payload, p.openid, n.problem_id
         FROM outbox o JOIN notices n ON n.id = o.notice_id JOIN people p ON p.id = n.person_id
        WHERE o.sent_at IS NULL ORDER BY o.created_at LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
      [BATCH]
    )
    for (const r of rows) {
      const templateId = templates[r.template]
      if (!templateId || !r.openid) {
        report.skipped++
      } else {
        try {
          await sender.send({
            touser: r.openid,
            templateId,
            page: r.problem_id ? `packages/problem/detail/index?id=${r.problem_id}` : 'pages/me/index',
            data: { character_string1: { value: r.payload.number }, thing2: { value: clip(r.payload.title) }, thing3: { value: clip(r.payload.body) } }
          })
          report.sent++
        } catch (e) {
          deps.log('subscribe message failed', e)
          report.failed++
        }
      }
      await q.query('UPDATE outbox SET sent_at = $2 WHERE id = $1', [r.id, deps.now()])
    }
  })
  return report
}
