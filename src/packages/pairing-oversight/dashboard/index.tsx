import { OversightDashboard } from '@/features/pairing-oversight/OversightDashboard'

export default function Page() {
  return <OversightDashboard />
}
