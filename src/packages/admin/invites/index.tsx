import { InvitesView } from '@/features/admin/InvitesView'

export default function Page() {
  return <InvitesView />
}
