import { StationFeedback } from '@/features/stations/feedback/StationFeedback'

export default function Page() {
  return <StationFeedback />
}
