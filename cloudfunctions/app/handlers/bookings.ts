import type { BookingView, CheckInCode, SlotView } from '@contract'
import {
  canBook,
  canCancel,
  checkInExpiry,
  checkInOutcome,
  decodeCheckIn,
  encodeCheckIn,
  generateSlots,
  noShowBlock,
  placeOrWaitlist,
  shanghaiDate,
  type BookingCaller
} from '../../core'
import type { Caller, Ctx } from '../context'
import { AppError, forbidden, notFound } from '../errors'
import { newId } from '../ids'
import { qrDataUrl } from '../qr'
import { canManageStation, requireCaller } from '../policy'
import * as repo from '../../db/repos/bookings'
import { findStation, onSiteCounts } from '../../db/repos/stations'
import { loadFlowSettings } from '../flow-env'
import { promoteWaitlist } from '../waitlist'
import type { Queryable } from '../../db/client'

const CHECK_IN = 'check-in'

async function bookingCaller(q: Queryable, caller: Caller | null): Promise<BookingCaller> {
  if (!caller) return { signedIn: false }
  const [p] = await q.query<{ party_member: boolean }>('SELECT party_member FROM people WHERE id = $1', [caller.personId])
  return { signedIn: true, roles: caller.roles.map((g) => g.role), partyMember: p?.party_member ?? false }
}

async function slots(ctx: Ctx, input: { serviceId: string; days?: number }): Promise<SlotView[]> {
  const service = await repo.findService(ctx.q, input.serviceId)
  if (!service) throw notFound('该服务')
  const { env } = await loadFlowSettings(ctx.q)
  const days = Math.min(input.days ?? service.horizon_days, service.horizon_days)
  const generated = generateSlots({
    schedule: service.schedule,
    from: ctx.now,
    horizonDays: days,
    closures: service.station_closures,
    closedOnHolidays: service.closed_on_holidays,
    calendar: env.calendar
  })
  await repo.ensureSlots(ctx.q, service, generated)
  const rows = await repo.slotsWithCounts(ctx.q, service.id, ctx.now, new Date(ctx.now.getTime() + (days + 1) * 86_400_000))
  const who = await bookingCaller(ctx.q, ctx.caller)
  const block = ctx.caller ? noShowBlock(await repo.noShowHistory(ctx.q, ctx.caller.personId), ctx.now) : null
  // sittings somebody had booked before the day was closed still exist: they are not offered
  const open = rows.filter((r) => !service.station_closures.includes(shanghaiDate(r.starts_at)))
  return open.map((r) => {
    const verdict = canBook({
      slot: { startsAt: r.starts_at },
      now: ctx.now,
      audience: service.audience,
      caller: who,
      minNoticeMinutes: service.min_notice_minutes,
      horizonDays: service.horizon_days,
      noShowBlock: block,
      closures: service.station_closures
    })
    return {
      id: r.id,
      serviceId: service.id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      capacity: r.capacity,
      remaining: Math.max(0, r.capacity - r.taken),
      waitlisted: r.waitlisted,
      bookable: verdict.ok,
      reason: verdict.ok ? null : verdict.message
    }
  })
}

/**
 * Books a place, or a place on the waitlist when the slot is full. The slot row is locked while
 * counting and inserting, so however many people press at once, no more than its capacity get in.
 */
async function book(ctx: Ctx, input: { slotId: string }): Promise<BookingView> {
  const caller = requireCaller(ctx.caller)
  const slot = await repo.lockSlot(ctx.q, input.slotId)
  if (!slot) throw notFound('该时段')
  const service = await repo.findService(ctx.q, slot.service_item_id)
  if (!service) throw notFound('该服务')
  const verdict = canBook({
    slot: { startsAt: slot.starts_at },
    now: ctx.now,
    audience: service.audience,
    caller: await bookingCaller(ctx.q, caller),
    minNoticeMinutes: service.min_notice_minutes,
    horizonDays: service.horizon_days,
    noShowBlock: noShowBlock(await repo.noShowHistory(ctx.q, caller.personId), ctx.now),
    closures: service.station_closures
  })
  if (!verdict.ok) throw new AppError(verdict.error, verdict.message)
  const live = await ctx.q.query(
    `SELECT 1 FROM bookings WHERE slot_id = $1 AND person_id = $2 AND status IN ('confirmed', 'waitlisted', 'checked_in')`,
    [slot.id, caller.personId]
  )
  if (live.length) throw new AppError('CONFLICT', '您已预约或候补了这个时段')
  const status = placeOrWaitlist(await repo.countTaken(ctx.q, slot.id), slot.capacity)
  const id = newId('bk')
  await ctx.q.query(
    'INSERT INTO bookings (id, slot_id, person_id, status, created_at, waitlisted_at) VALUES ($1, $2, $3, $4, $5, $6)',
    [id, slot.id, caller.personId, status, ctx.now, status === 'waitlisted' ? ctx.now : null]
  )
  return ((await repo.findBooking(ctx.q, id)) as repo.BookingRecord).view
}

async function ownBooking(ctx: Ctx, id: string): Promise<repo.BookingRecord> {
  const caller = requireCaller(ctx.caller)
  const found = await repo.findBooking(ctx.q, id)
  if (!found || found.personId !== caller.personId) throw notFound('该预约')
  return found
}

/** Cancels, then gives the freed place to the first in line, who is told at once. */
async function cancel(ctx: Ctx, input: { id: string }): Promise<BookingView> {
  const mine = await ownBooking(ctx, input.id)
  const slot = await repo.lockSlot(ctx.q, mine.view.slotId)
  if (!slot) throw notFound('该时段')
  const fresh = (await repo.findBooking(ctx.q, input.id)) as repo.BookingRecord
  const verdict = canCancel({ status: fresh.view.status, startsAt: slot.starts_at }, ctx.now, fresh.cutoffMinutes)
  if (!verdict.ok) throw new AppError(verdict.error, verdict.message)
  await ctx.q.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`, [input.id, ctx.now])
  await promoteWaitlist(ctx.q, slot, fresh.view, ctx.now)
  return ((await repo.findBooking(ctx.q, input.id)) as repo.BookingRecord).view
}

async function mine(ctx: Ctx): Promise<BookingView[]> {
  return repo.bookingsOf(ctx.q, requireCaller(ctx.caller).personId)
}

/** The QR code's content: the booking id and an expiry, signed; nothing about the person. */
async function code(ctx: Ctx, input: { id: string }): Promise<CheckInCode> {
  const mineRecord = await ownBooking(ctx, input.id)
  if (mineRecord.view.status !== 'confirmed' && mineRecord.view.status !== 'checked_in') throw new AppError('CONFLICT', '只有已预约的时段才有签到码')
  const exp = checkInExpiry(mineRecord.view.startsAt)
  const token = encodeCheckIn(input.id, exp, (d) => ctx.deps.tokens.sign(CHECK_IN, d))
  // the token stays in the answer as text too: managers on H5 type it
  return { token, qrImage: await qrDataUrl(token), expiresAt: exp.toISOString() }
}

function requireManagerOf(caller: Caller, stationId: string): void {
  if (!canManageStation(caller, stationId)) throw forbidden('只有本站点的管理员可以签到')
}

/** The manager scans (or types) the code. A second scan of the same code is harmless. */
async function checkIn(ctx: Ctx, input: { code: string }): Promise<BookingView> {
  const caller = requireCaller(ctx.caller)
  const decoded = decodeCheckIn(input.code, ctx.now, (d, sig) => ctx.deps.tokens.verifySignature(CHECK_IN, d, sig))
  if (!decoded.ok) throw new AppError(decoded.error, decoded.message, { code: decoded.message })
  return recordArrival(ctx, caller, decoded.bookingId)
}

/**
 * The manager ticks a name on the day's list: the person is in front of them but cannot show the code
 * (flat phone, no signal). Same window and same harmless repeat as a scan.
 */
async function markArrived(ctx: Ctx, input: { id: string }): Promise<BookingView> {
  return recordArrival(ctx, requireCaller(ctx.caller), input.id)
}

async function recordArrival(ctx: Ctx, caller: Caller, bookingId: string): Promise<BookingView> {
  const found = await repo.findBooking(ctx.q, bookingId)
  if (!found) throw notFound('该预约')
  requireManagerOf(caller, found.view.stationId)
  const outcome = checkInOutcome({ status: found.view.status, startsAt: found.view.startsAt }, ctx.now)
  if (!outcome.ok) throw new AppError(outcome.error, outcome.message)
  if (!outcome.alreadyCheckedIn) {
    await ctx.q.query(`UPDATE bookings SET status = 'checked_in', checked_in_at = $2 WHERE id = $1`, [found.view.id, ctx.now])
    await ctx.q.query(
      `INSERT INTO station_check_ins (id, station_id, booking_id, recorded_by, at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (booking_id) DO NOTHING`,
      [newId('ci'), found.view.stationId, found.view.id, caller.personId, ctx.now]
    )
  }
  return ((await repo.findBooking(ctx.q, found.view.id)) as repo.BookingRecord).view
}

async function walkIn(ctx: Ctx, input: { stationId: string }): Promise<{ onSite: number }> {
  const caller = requireCaller(ctx.caller)
  requireManagerOf(caller, input.stationId)
  // an administrator may stand in anywhere: an unknown station is NOT_FOUND, not a failed insert
  if (!(await findStation(ctx.q, input.stationId))) throw notFound('该站点')
  await ctx.q.query('INSERT INTO station_check_ins (id, station_id, recorded_by, at) VALUES ($1, $2, $3, $4)', [
    newId('ci'),
    input.stationId,
    caller.personId,
    ctx.now
  ])
  return { onSite: (await onSiteCounts(ctx.q, [input.stationId], ctx.now)).get(input.stationId) ?? 0 }
}

export const bookings = { slots, book, cancel, mine, code, checkIn, markArrived, walkIn }
