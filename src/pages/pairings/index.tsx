import { PairingList } from '@/features/pairings/PairingList'

export default function Page() {
  return <PairingList />
}
