import { useRouter } from '@tarojs/taro'
import { PairingDetailView } from '@/features/pairings/PairingDetailView'
import { param } from '@/features/pairings/shared'

export default function Page() {
  const { params } = useRouter()
  return <PairingDetailView id={param(params.id)} />
}
