import { HandlerInbox } from '@/features/problems/HandlerInbox'

export default function Page() {
  return <HandlerInbox />
}
