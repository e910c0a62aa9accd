import { StationFinder } from '@/features/stations/StationFinder'

export default function Page() {
  return <StationFinder />
}
