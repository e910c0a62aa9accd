import { InviteView } from '@/features/account/InviteView'

export default function Page() {
  return <InviteView />
}
