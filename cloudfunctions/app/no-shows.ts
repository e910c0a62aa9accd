import { DEFAULT_GRACE_MINUTES } from '../core'
import type { Deps } from './context'
import { overdueConfirmed } from '../db/repos/bookings'

/** Marks bookings not checked in by the end of their grace period as no-shows (repeatable: only 'confirmed' rows move). */
export async function runBookingSweep(deps: Deps): Promise<{ noShows: number }> {
  const now = deps.now()
  return deps.db.tx(async (q) => {
    const due = await overdueConfirmed(q, new Date(now.getTime() - DEFAULT_GRACE_MINUTES * 60_000))
    for (const b of due) await q.query(`UPDATE bookings SET status = 'no_show', no_show_at = $2 WHERE id = $1 AND status = 'confirmed'`, [b.id, now])
    return { noShows: due.length }
  })
}
