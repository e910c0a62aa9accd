import { useRouter } from '@tarojs/taro'
import { PostActivityForm } from '@/features/pairings/PostActivityForm'
import { param } from '@/features/pairings/shared'

export default function Page() {
  const { params } = useRouter()
  return <PostActivityForm pairingId={param(params.pairingId)} />
}
