import { StationDetail } from '@/features/stations/bookings/StationDetail'

export default function Page() {
  return <StationDetail />
}
