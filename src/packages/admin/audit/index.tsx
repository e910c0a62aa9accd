import { AuditView } from '@/features/admin/AuditView'

export default function Page() {
  return <AuditView />
}
