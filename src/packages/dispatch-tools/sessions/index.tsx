import { SessionsView } from '@/features/dispatch-tools/SessionsView'

export default function Page() {
  return <SessionsView />
}
