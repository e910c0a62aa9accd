/** Pages of the stations and bookings subpackages (kept here, beside the features that open them). */
export const STATION_PAGE = {
  bookings: '/packages/stations/bookings/index'
} as const

export function stationFeedbackUrl(id: string): string {
  return `/packages/stations/feedback/index?id=${encodeURIComponent(id)}`
}

export function stationDetailUrl(id: string): string {
  return `/packages/stations/detail/index?id=${encodeURIComponent(id)}`
}
