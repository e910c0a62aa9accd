import { DispatcherAll } from '@/features/problems/DispatcherConsole'

export default function Page() {
  return <DispatcherAll />
}
