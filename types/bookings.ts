import type { Amenity, Station } from './stations'
import type { Photo } from './problems'

export type BookingStatus = 'confirmed' | 'waitlisted' | 'cancelled' | 'checked_in' | 'no_show'

export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  confirmed: '已预约',
  waitlisted: '候补中',
  cancelled: '已取消',
  checked_in: '已签到',
  no_show: '未到场'
}

/** A station in the finder: how far, whether it is open now, what it has, how busy it is. */
export interface NearbyStation extends Station {
  /** Metres from the asked position; null when no position was given (a town was picked instead). */
  distanceM: number | null
  distanceText: string | null
  open: boolean
  /** e.g. 营业至 21:00 · 明天 08:00 开门 · 24 小时营业 */
  openLabel: string
  /** People checked in during the last hour (在站人数), never typed by hand. */
  onSite: number
}

/** A station's own page: what the finder shows, plus its photos and who runs it. */
export interface StationPage extends NearbyStation {
  photos: Photo[]
  /** The station manager's name, shown so a visitor knows whom to ask. */
  managerName: string | null
}

export interface SlotView {
  id: string
  serviceId: string
  startsAt: string
  endsAt: string
  capacity: number
  remaining: number
  waitlisted: number
  /** Whether the caller may book it now; when not, why (Chinese). */
  bookable: boolean
  reason: string | null
}

export interface BookingView {
  id: string
  status: BookingStatus
  /** 1-based place on the waitlist while waitlisted. */
  waitlistPosition: number | null
  slotId: string
  startsAt: string
  endsAt: string
  serviceId: string
  serviceName: string
  stationId: string
  stationName: string
  stationAddress: string
  /** Until when it can still be cancelled (ISO); null when it cannot. */
  cancellableUntil: string | null
  createdAt: string
  checkedInAt: string | null
}

export interface CheckInCode {
  /** What the QR code holds: signed, time-limited, no personal data. */
  token: string
  /**
   * The same token as a QR code: a `data:image/png;base64,…` URL of a PNG that encodes exactly `token`.
   * Drawn on the server so that WeChat and H5 show the same picture with a plain image, without a canvas.
   */
  qrImage: string
  expiresAt: string
}

export interface NearbyQuery {
  lat?: number
  lng?: number
  townId?: string
  openNow?: boolean
  amenities?: Amenity[]
}
