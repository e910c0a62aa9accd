import { MyBookings } from '@/features/stations/bookings/MyBookings'

export default function Page() {
  return <MyBookings />
}
