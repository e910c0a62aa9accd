import type { BookingStatus } from './bookings'
import type { ProblemSummary } from './problems'

/** Who may book a service. */
export type Audience = 'anyone' | 'enterprise' | 'party_member'

export const AUDIENCE_LABELS: Record<Audience, string> = {
  anyone: '登录用户均可预约',
  enterprise: '仅企业人员',
  party_member: '仅党员'
}

/** One person's booking as the station manager sees it on the day list. */
export interface ConsoleBooking {
  id: string
  personName: string
  /** Masked (138****0000): enough to tell two people of one name apart at the door. */
  phone: string | null
  status: BookingStatus
  /** 1-based place on the waitlist while waitlisted. */
  waitlistPosition: number | null
  checkedInAt: string | null
}

export interface ConsoleSitting {
  slotId: string
  serviceId: string
  serviceName: string
  startsAt: string
  endsAt: string
  capacity: number
  /** Places held: confirmed plus checked in. */
  taken: number
  checkedIn: number
  waitlisted: number
  noShows: number
  bookings: ConsoleBooking[]
}

/** The manager's day: every sitting with its people, walk-ins, who is here now, open feedback. */
export interface StationDay {
  stationId: string
  stationName: string
  /** China date, YYYY-MM-DD. */
  date: string
  /** Closed that day by the manager (a closure date). */
  closed: boolean
  sittings: ConsoleSitting[]
  walkIns: number
  onSite: number
  /** Feedback on the station not yet confirmed solved. */
  openFeedback: ProblemSummary[]
}

/** A service as its manager edits it. */
export interface ManagedService {
  id: string
  name: string
  audience: Audience
  durationMinutes: number
  capacity: number
  /** Seven entries, Sunday first: that weekday's sittings, or null when none. */
  schedule: ({ start: string; end: string }[] | null)[]
  horizonDays: number
  minNoticeMinutes: number
  cancelCutoffMinutes: number
}

export interface StationSettings {
  stationId: string
  stationName: string
  services: ManagedService[]
  /** Closure dates from today on, ascending. */
  closures: string[]
}

export interface ClosureResult extends StationSettings {
  /** Bookings cancelled because the day was closed (their people were told). */
  cancelled: number
}

export interface StationFigureDay {
  date: string
  /** Bookings for sittings that day that were not cancelled. */
  booked: number
  checkedIn: number
  noShows: number
  cancelled: number
  walkIns: number
}

export interface StationFigures {
  stationId: string
  from: string
  to: string
  days: StationFigureDay[]
  totals: Omit<StationFigureDay, 'date'>
  /** No-shows over sittings already decided (checked in + no-show); null before any. */
  noShowRate: number | null
}
