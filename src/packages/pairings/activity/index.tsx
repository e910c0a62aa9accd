import { useRouter } from '@tarojs/taro'
import { ActivityView } from '@/features/pairings/ActivityView'
import { param } from '@/features/pairings/shared'

export default function Page() {
  const { params } = useRouter()
  return <ActivityView id={param(params.id)} />
}
