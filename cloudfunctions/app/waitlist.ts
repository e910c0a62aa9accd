import { promotions } from '../core'
import type { Queryable } from '../db/client'
import { countTaken, waitlistOf, type LockedSlot } from '../db/repos/bookings'
import { addNotice } from './notice'

/**
 * Gives the slot's free places to its waitlist, first in line first, and tells each person promoted.
 * The caller holds the slot row locked (lockSlot), so nobody books the same place meanwhile.
 */
export async function promoteWaitlist(q: Queryable, slot: LockedSlot, what: { serviceName: string; stationName: string }, now: Date): Promise<number> {
  const promoted = promotions({
    confirmedCount: await countTaken(q, slot.id),
    capacity: slot.capacity,
    waitlist: await waitlistOf(q, slot.id),
    slotStartsAt: slot.starts_at,
    now
  })
  for (const p of promoted) {
    await q.query(`UPDATE bookings SET status = 'confirmed', promoted_at = $2 WHERE id = $1`, [p.id, now])
    await addNotice(
      q,
      {
        person: p.person_id,
        title: `候补成功：${what.serviceName}`,
        body: `${what.stationName}空出了名额，您候补的时段已为您预约成功，请按时到场签到`
      },
      now
    )
  }
  return promoted.length
}
