import { useRouter } from '@tarojs/taro'
import { ActivityFeed } from '@/features/pairings/ActivityFeed'
import { param } from '@/features/pairings/shared'

export default function Page() {
  const { params } = useRouter()
  return <ActivityFeed pairingId={param(params.pairingId)} />
}
