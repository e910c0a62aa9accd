import { CheckInConsole } from '@/features/stations/bookings/CheckInConsole'

export default function Page() {
  return <CheckInConsole />
}
