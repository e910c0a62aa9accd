import type { ErrorCode, Role } from '@contract'
import { addDays, daysBetween, shanghaiDate } from '../calendar'
import { chinaDateText, chinaDateTimeText, chinaHm, durationText } from '../stations/time'

/**
 * Booking rules: who may book which sitting when, cancelling, the waitlist, no-shows and check-in
 * windows. Pure: `now` and every count come from the caller, which holds the slot row locked
 * (SELECT … FOR UPDATE) while it counts and inserts, so capacity is never exceeded.
 */

/** Who may book a service item (service_items.audience). Every booking needs a signed-in caller. */
export type Audience = 'anyone' | 'enterprise' | 'party_member'

export const AUDIENCE_LABELS: Record<Audience, string> = {
  anyone: '登录用户均可预约',
  enterprise: '仅限企业职工',
  party_member: '仅限党员'
}

/** bookings.status */
export type BookingStatus = 'confirmed' | 'waitlisted' | 'cancelled' | 'checked_in' | 'no_show'

export interface BookingCaller {
  signedIn: boolean
  roles?: readonly Role[]
  /** Enterprise staff; when absent, holding the 'enterprise' role counts. */
  enterpriseStaff?: boolean
  partyMember?: boolean
}

/** A refusal with its code, a Chinese message for the user, and the API error code to answer with. */
export interface BookingRefusal<C extends string = string> {
  ok: false
  code: C
  message: string
  error: ErrorCode
}

export type Allowed<T = unknown> = { ok: true } & T

function refuse<C extends string>(code: C, message: string, error: ErrorCode): BookingRefusal<C> {
  return { ok: false, code, message, error }
}

function ms(x: Date | string, what: string): number {
  const v = x instanceof Date ? x.getTime() : Date.parse(x)
  if (Number.isNaN(v)) throw new RangeError(`${what}不是有效时间`)
  return v
}

function nonNegativeInt(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what}应为非负整数：${n}`)
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

// --- no-shows ---------------------------------------------------------------------------------------

/** N no-shows within D days block new bookings for B days. */
export interface NoShowPolicy {
  n: number
  d: number
  b: number
}

export const DEFAULT_NO_SHOW_POLICY: Readonly<NoShowPolicy> = { n: 3, d: 30, b: 14 }

export interface NoShowBlock {
  /** ISO instant until which new bookings are refused (the n-th no-show + b days). */
  until: string
  /** ISO instant of the no-show that set the block off. */
  since: string
  policy: NoShowPolicy
  /** '近 30 天内 3 次预约未到场，2026年3月15日 10:00 前不能新预约' */
  message: string
}

export function validateNoShowPolicy(p: NoShowPolicy): string[] {
  const errors: string[] = []
  if (!Number.isInteger(p?.n) || p.n < 1 || p.n > 100) errors.push('未到次数应为 1–100 的整数')
  if (!Number.isInteger(p?.d) || p.d < 1 || p.d > 366) errors.push('统计天数应为 1–366 的整数')
  if (!Number.isInteger(p?.b) || p.b < 1 || p.b > 366) errors.push('限制天数应为 1–366 的整数')
  return errors
}

function blockMessage(p: NoShowPolicy, until: Date): string {
  return `近 ${p.d} 天内有 ${p.n} 次预约未到场，${chinaDateTimeText(until)} 前不能新预约`
}

/**
 * Whether a person's no-shows block new bookings at `now`: the block that is still running, or null.
 *
 * The no-shows (instants they were marked; those after `now` are ignored) are read in time order. When
 * the n-th no-show within a rolling window of d days — (t − d days, t] — is reached at t, bookings are
 * blocked until t + b days, and the no-shows counted so far are used up: they never count towards a
 * second block. So 3 no-shows in 30 days block 14 days once, not again on each later no-show.
 */
export function noShowBlock(history: readonly (Date | string)[], now: Date, policy: NoShowPolicy = DEFAULT_NO_SHOW_POLICY): NoShowBlock | null {
  const errors = validateNoShowPolicy(policy)
  if (errors.length) throw new RangeError(errors.join('；'))
  const at = ms(now, '当前时间')
  const times = history
    .map((h) => (h instanceof Date ? h.getTime() : Date.parse(h)))
    .filter((t) => !Number.isNaN(t) && t <= at)
    .sort((a, b) => a - b)
  let pending: number[] = []
  let block: { since: number; until: number } | null = null
  for (const t of times) {
    pending.push(t)
    pending = pending.filter((p) => p > t - policy.d * DAY)
    if (pending.length >= policy.n) {
      block = { since: t, until: t + policy.b * DAY }
      pending = []
    }
  }
  if (!block || block.until <= at) return null
  const until = new Date(block.until)
  return { until: until.toISOString(), since: new Date(block.since).toISOString(), policy: { ...policy }, message: blockMessage(policy, until) }
}

/** A booking still confirmed (not checked in) once its grace period has ended is a no-show: at or after start + grace. */
export function noShowDue(booking: { status: BookingStatus; startsAt: Date | string }, now: Date, graceMinutes = DEFAULT_GRACE_MINUTES): boolean {
  nonNegativeInt(graceMinutes, '签到宽限分钟数')
  return booking.status === 'confirmed' && ms(now, '当前时间') >= ms(booking.startsAt, '开始时间') + graceMinutes * MINUTE
}

// --- booking ----------------------------------------------------------------------------------------

export type BookRefusalCode = 'SIGN_IN_REQUIRED' | 'AUDIENCE' | 'NO_SHOW_BLOCKED' | 'SLOT_STARTED' | 'TOO_LATE' | 'BEYOND_HORIZON' | 'CLOSED'

export interface CanBookInput {
  slot: { startsAt: Date | string }
  now: Date
  audience: Audience
  caller: BookingCaller
  /** Bookings close this many minutes before the start; exactly at the limit is still in time. */
  minNoticeMinutes: number
  /** The sitting's China day may be at most this many days after today's. */
  horizonDays: number
  /** The caller's running no-show block (noShowBlock), if any. */
  noShowBlock?: NoShowBlock | null
  /** The station's closure dates (China days); a sitting on one cannot be booked. */
  closures?: readonly string[]
}

/** Whether the caller may book the audience's services. */
export function audienceAllows(audience: Audience, caller: BookingCaller): boolean {
  if (!caller.signedIn) return false
  if (audience === 'anyone') return true
  if (audience === 'enterprise') return caller.enterpriseStaff ?? (caller.roles ?? []).includes('enterprise')
  return caller.partyMember === true
}

/**
 * Whether a booking may be made, checked in this order: signed in, audience, no-show block, the sitting
 * has not started, the station is not closed that day, minimum notice, horizon. Capacity is not checked here: see placeOrWaitlist.
 */
export function canBook(input: CanBookInput): Allowed | BookingRefusal<BookRefusalCode> {
  const { caller, audience, now } = input
  nonNegativeInt(input.minNoticeMinutes, '最少提前分钟数')
  nonNegativeInt(input.horizonDays, '可预约天数')
  const at = ms(now, '当前时间')
  const start = ms(input.slot.startsAt, '时段开始时间')
  if (!caller.signedIn) return refuse('SIGN_IN_REQUIRED', '请先登录再预约', 'UNAUTHENTICATED')
  if (!audienceAllows(audience, caller))
    return refuse('AUDIENCE', audience === 'enterprise' ? '该服务仅限企业职工预约' : '该服务仅限党员预约', 'FORBIDDEN')
  const block = input.noShowBlock
  if (block && ms(block.until, '限制截止时间') > at) return refuse('NO_SHOW_BLOCKED', block.message, 'FORBIDDEN')
  if (start <= at) return refuse('SLOT_STARTED', '该时段已开始或已结束，请选择其他时段', 'CONFLICT')
  if (input.closures?.includes(shanghaiDate(new Date(start)))) return refuse('CLOSED', '站点当天闭站，请选择其他日期', 'CONFLICT')
  if (start - at < input.minNoticeMinutes * MINUTE)
    return refuse('TOO_LATE', `需至少提前 ${durationText(input.minNoticeMinutes)}预约，请选择其他时段`, 'CONFLICT')
  const today = shanghaiDate(new Date(at))
  const slotDay = shanghaiDate(new Date(start))
  if (daysBetween(today, slotDay) > input.horizonDays) {
    const last = addDays(today, input.horizonDays)
    return refuse('BEYOND_HORIZON', `只能预约 ${input.horizonDays} 天内的时段（最晚 ${chinaDateText(last)}）`, 'CONFLICT')
  }
  return { ok: true }
}

// --- capacity and the waitlist ---------------------------------------------------------------------

/**
 * A new booking for a sitting with `confirmedCount` confirmed (or checked-in) bookings: confirmed while a
 * place is left, otherwise on the waitlist. Never confirms beyond capacity, whatever the numbers.
 */
export function placeOrWaitlist(confirmedCount: number, capacity: number): 'confirmed' | 'waitlisted' {
  return Number.isFinite(confirmedCount) && Number.isFinite(capacity) && confirmedCount >= 0 && confirmedCount + 1 <= capacity ? 'confirmed' : 'waitlisted'
}

/** Places left (never negative). */
export function remainingPlaces(confirmedCount: number, capacity: number): number {
  if (!Number.isFinite(confirmedCount) || !Number.isFinite(capacity)) return 0
  return Math.max(0, Math.floor(capacity) - Math.max(0, Math.ceil(confirmedCount)))
}

export interface WaitlistEntry {
  id: string
  /** When the person joined the waitlist. */
  createdAt: Date | string
}

function lineOrder(a: WaitlistEntry, b: WaitlistEntry): number {
  const ta = a.createdAt instanceof Date ? a.createdAt.getTime() : Date.parse(a.createdAt)
  const tb = b.createdAt instanceof Date ? b.createdAt.getTime() : Date.parse(b.createdAt)
  const byTime = (Number.isNaN(ta) ? Infinity : ta) - (Number.isNaN(tb) ? Infinity : tb)
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The waitlist in line order: earliest first, ties by id. */
export function waitlistOrder<T extends WaitlistEntry>(waitlist: readonly T[]): T[] {
  return [...waitlist].sort(lineOrder)
}

/** First in line, or null for an empty waitlist. */
export function promoteNext<T extends WaitlistEntry>(waitlist: readonly T[]): T | null {
  return waitlist.length ? waitlistOrder(waitlist)[0] : null
}

/** 1-based place in line ('您排在第 2 位'), or null when not on the waitlist. */
export function waitlistPosition(waitlist: readonly WaitlistEntry[], id: string): number | null {
  const i = waitlistOrder(waitlist).findIndex((w) => w.id === id)
  return i < 0 ? null : i + 1
}

/**
 * Who moves up after a cancellation (or a capacity increase): the first in line, one per free place,
 * while the sitting has not started. Run it in the same transaction as the cancellation.
 */
export function promotions<T extends WaitlistEntry>(args: { confirmedCount: number; capacity: number; waitlist: readonly T[]; slotStartsAt: Date | string; now: Date }): T[] {
  if (ms(args.now, '当前时间') >= ms(args.slotStartsAt, '开始时间')) return []
  return waitlistOrder(args.waitlist).slice(0, remainingPlaces(args.confirmedCount, args.capacity))
}

// --- cancelling -------------------------------------------------------------------------------------

export type CancelRefusalCode = 'NOT_CANCELLABLE' | 'CUTOFF_PASSED'

const STATUS_TEXT: Record<BookingStatus, string> = {
  confirmed: '已确认',
  waitlisted: '候补中',
  cancelled: '已取消',
  checked_in: '已签到',
  no_show: '已记为未到'
}

/**
 * A confirmed booking may be cancelled until `cutoffMinutes` before the start (exactly at the cutoff
 * still may); a waitlisted one may leave the line until the start.
 */
export function canCancel(booking: { status: BookingStatus; startsAt: Date | string }, now: Date, cutoffMinutes: number): Allowed | BookingRefusal<CancelRefusalCode> {
  nonNegativeInt(cutoffMinutes, '取消截止分钟数')
  const at = ms(now, '当前时间')
  const start = ms(booking.startsAt, '开始时间')
  if (booking.status !== 'confirmed' && booking.status !== 'waitlisted')
    return refuse('NOT_CANCELLABLE', `预约${STATUS_TEXT[booking.status] ?? '状态异常'}，不能取消`, 'CONFLICT')
  if (booking.status === 'waitlisted') return at < start ? { ok: true } : refuse('CUTOFF_PASSED', '该时段已开始，候补已失效', 'CONFLICT')
  if (at > start - cutoffMinutes * MINUTE) {
    const text = cutoffMinutes === 0 ? '时段开始后不能取消' : `开始前 ${durationText(cutoffMinutes)}内不能取消（截止 ${chinaDateTimeText(new Date(start - cutoffMinutes * MINUTE))}）`
    return refuse('CUTOFF_PASSED', text, 'CONFLICT')
  }
  return { ok: true }
}

// --- check-in ---------------------------------------------------------------------------------------

/** Minutes after the start during which a booking may still check in; then it is a no-show. */
export const DEFAULT_GRACE_MINUTES = 15
/** Minutes before the start from which check-in opens. */
export const DEFAULT_EARLY_CHECK_IN_MINUTES = 30

export type CheckInRefusalCode = 'CANCELLED' | 'WAITLISTED' | 'NO_SHOW' | 'TOO_EARLY' | 'TOO_LATE'

/**
 * Whether a scanned booking checks in now: from `earlyMinutes` before the start until (not including)
 * start + grace. Scanning an already checked-in booking is harmless: ok with alreadyCheckedIn.
 */
export function checkInOutcome(
  booking: { status: BookingStatus; startsAt: Date | string },
  now: Date,
  opts: { graceMinutes?: number; earlyMinutes?: number } = {}
): Allowed<{ alreadyCheckedIn: boolean }> | BookingRefusal<CheckInRefusalCode> {
  const grace = opts.graceMinutes ?? DEFAULT_GRACE_MINUTES
  const early = opts.earlyMinutes ?? DEFAULT_EARLY_CHECK_IN_MINUTES
  nonNegativeInt(grace, '签到宽限分钟数')
  nonNegativeInt(early, '提前签到分钟数')
  const at = ms(now, '当前时间')
  const start = ms(booking.startsAt, '开始时间')
  switch (booking.status) {
    case 'checked_in':
      return { ok: true, alreadyCheckedIn: true }
    case 'cancelled':
      return refuse('CANCELLED', '该预约已取消，不能签到', 'CONFLICT')
    case 'waitlisted':
      return refuse('WAITLISTED', '该预约仍在候补中，尚未获得名额', 'CONFLICT')
    case 'no_show':
      return refuse('NO_SHOW', '已超过签到时间，该预约已记为未到', 'CONFLICT')
    case 'confirmed':
      if (at < start - early * MINUTE) {
        const opens = new Date(start - early * MINUTE)
        const when = shanghaiDate(opens) === shanghaiDate(new Date(at)) ? chinaHm(opens) : chinaDateTimeText(opens)
        return refuse('TOO_EARLY', `签到尚未开始，请于 ${when} 后签到`, 'CONFLICT')
      }
      if (at >= start + grace * MINUTE) return refuse('TOO_LATE', '已超过签到时间', 'CONFLICT')
      return { ok: true, alreadyCheckedIn: false }
    default:
      return refuse('CANCELLED', '预约状态异常，不能签到', 'CONFLICT')
  }
}

/** When a booking's QR code should expire: the end of its check-in window (start + grace). */
export function checkInExpiry(startsAt: Date | string, graceMinutes = DEFAULT_GRACE_MINUTES): Date {
  nonNegativeInt(graceMinutes, '签到宽限分钟数')
  return new Date(ms(startsAt, '开始时间') + graceMinutes * MINUTE)
}
