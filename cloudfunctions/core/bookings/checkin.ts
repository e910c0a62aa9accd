import type { ErrorCode } from '@contract'
import type { BookingRefusal } from './rules'

/**
 * The check-in QR payload: `bookingId.exp.sig`.
 *
 * - bookingId: the booking's opaque id ([A-Za-z0-9_-], at most 64 characters). Nothing else about the
 *   booking or the person is in the code: a photo of it reveals no name, phone or service.
 * - exp: when the code stops working, whole seconds since the epoch (decimal).
 * - sig: `sign('bookingId.exp')`, computed by the caller (core has no crypto): e.g. an HMAC-SHA256 with
 *   a server secret, base64url without padding. It must use [A-Za-z0-9_-] only.
 *
 * decodeCheckIn checks the form, then the signature through the caller's `verify` (which should compare
 * in constant time), then the expiry. Scanning a valid code twice decodes the same booking both times;
 * checking in twice is harmless (checkInOutcome). Any other text is refused, never thrown on.
 */

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/
const SIG_RE = /^[A-Za-z0-9_-]{1,512}$/
const EXP_RE = /^[1-9]\d{0,11}$/
/** Longer than any code encodeCheckIn makes: read no further. */
export const CHECK_IN_TOKEN_MAX_LENGTH = 64 + 1 + 12 + 1 + 512

export type CheckInTokenRefusalCode = 'MALFORMED' | 'FORGED' | 'EXPIRED'

const MESSAGES: Record<CheckInTokenRefusalCode, [string, ErrorCode]> = {
  MALFORMED: ['无法识别的签到码', 'VALIDATION'],
  FORGED: ['签到码无效，请在“我的预约”中重新打开', 'FORBIDDEN'],
  EXPIRED: ['签到码已过期，请在“我的预约”中重新打开', 'CONFLICT']
}

function refuse(code: CheckInTokenRefusalCode): BookingRefusal<CheckInTokenRefusalCode> {
  const [message, error] = MESSAGES[code]
  return { ok: false, code, message, error }
}

/** The signed payload for a booking, valid until `exp` (rounded down to the second). RangeError on bad input. */
export function encodeCheckIn(bookingId: string, exp: Date, sign: (data: string) => string): string {
  if (typeof bookingId !== 'string' || !ID_RE.test(bookingId)) throw new RangeError('预约编号只能由字母、数字、- 和 _ 组成（至多 64 位）')
  const seconds = Math.floor(exp.getTime() / 1000)
  if (!Number.isFinite(seconds) || !EXP_RE.test(String(seconds))) throw new RangeError('签到码的有效期无效')
  const data = `${bookingId}.${seconds}`
  const sig = sign(data)
  if (typeof sig !== 'string' || !SIG_RE.test(sig)) throw new RangeError('签名只能由字母、数字、- 和 _ 组成（如 base64url）')
  return `${data}.${sig}`
}

export type DecodedCheckIn = { ok: true; bookingId: string; exp: Date } | BookingRefusal<CheckInTokenRefusalCode>

/**
 * Reads a scanned code: ok with the booking id, or MALFORMED / FORGED / EXPIRED with a Chinese message.
 * Expired when `now` is at or after exp. A verify that throws counts as a forged code.
 */
export function decodeCheckIn(text: unknown, now: Date, verify: (data: string, sig: string) => boolean): DecodedCheckIn {
  if (typeof text !== 'string' || text.length > CHECK_IN_TOKEN_MAX_LENGTH) return refuse('MALFORMED')
  const parts = text.split('.')
  if (parts.length !== 3) return refuse('MALFORMED')
  const [bookingId, expText, sig] = parts
  if (!ID_RE.test(bookingId) || !EXP_RE.test(expText) || !SIG_RE.test(sig)) return refuse('MALFORMED')
  let genuine = false
  try {
    genuine = verify(`${bookingId}.${expText}`, sig) === true
  } catch {
    genuine = false
  }
  if (!genuine) return refuse('FORGED')
  const exp = new Date(Number(expText) * 1000)
  const at = now instanceof Date ? now.getTime() : Number.NaN
  if (Number.isNaN(at) || at >= exp.getTime()) return refuse('EXPIRED')
  return { ok: true, bookingId, exp }
}
