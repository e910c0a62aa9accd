import { StationConsole } from '@/features/station-console/StationConsole'

export default function Page() {
  return <StationConsole />
}
