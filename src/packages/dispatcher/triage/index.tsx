import { DispatcherTriage } from '@/features/problems/DispatcherConsole'

export default function Page() {
  return <DispatcherTriage />
}
