import { StationList } from '@/features/stations/StationList'

export default function Page() {
  return <StationList />
}
