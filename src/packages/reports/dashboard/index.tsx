import { ReportsDashboard } from '@/features/reports/ReportsDashboard'

export default function Page() {
  return <ReportsDashboard />
}
