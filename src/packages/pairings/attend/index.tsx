import { useRouter } from '@tarojs/taro'
import { AttendView } from '@/features/pairings/AttendView'
import { param } from '@/features/pairings/shared'

export default function Page() {
  const { params } = useRouter()
  return <AttendView code={param(params.code)} />
}
