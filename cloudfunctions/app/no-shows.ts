import { DEFAULT_GRACE_MINUTES } from '../core'
import type { Deps } from './context'
import { overdueConfirmed } from '../db/repos/bookings'
import { addNotice } from './notice'

/** How long before a sitting its booker is reminded. */
export const REMINDER_MINUTES = 120

/**
 * The booking side of the sweeper: reminders before a sitting (an in-app notice, echoed to WeChat
 * through the outbox) and no-shows after its grace period. Each row moves once (reminded_at, status),
 * so running it again does nothing twice.
 */
export async function runBookingSweep(deps: Deps): Promise<{ noShows: number; reminders: number }> {
  const now = deps.now()
  return deps.db.tx(async (q) => {
    const soon = await q.query<{ id: string; person_id: string; starts_at: Date; service: string; station: string }>(
      `SELECT b.id, b.person_id, sl.starts_at, i.name AS service, s.name AS station
         FROM bookings b JOIN slots sl ON sl.id = b.slot_id JOIN service_items i ON i.id = sl.service_item_id JOIN stations s ON s.id = i.station_id
        WHERE b.status = 'confirmed' AND b.reminded_at IS NULL AND sl.starts_at > $1 AND sl.starts_at <= $2
        ORDER BY sl.starts_at LIMIT 500 FOR UPDATE OF b SKIP LOCKED`,
      [now, new Date(now.getTime() + REMINDER_MINUTES * 60_000)]
    )
    for (const b of soon) {
      const hhmm = new Date(b.starts_at.getTime() + 8 * 3600_000).toISOString().slice(11, 16)
      const body = `${b.station}「${b.service}」${hhmm} 开始，请按时到场出示签到码`
      await addNotice(q, { person: b.person_id, title: '预约提醒', body, subscribe: { template: 'booking_reminder', label: hhmm, title: b.service } }, now)
      await q.query('UPDATE bookings SET reminded_at = $2 WHERE id = $1', [b.id, now])
    }
    const due = await overdueConfirmed(q, new Date(now.getTime() - DEFAULT_GRACE_MINUTES * 60_000))
    for (const b of due) await q.query(`UPDATE bookings SET status = 'no_show', no_show_at = $2 WHERE id = $1 AND status = 'confirmed'`, [b.id, now])
    return { noShows: due.length, reminders: soon.length }
  })
}
