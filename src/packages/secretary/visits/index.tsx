import { useRouter } from '@tarojs/taro'
import { VisitList } from '@/features/secretary/VisitList'

function decode(value: string | undefined): string | undefined {
  if (!value) return undefined
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export default function Page() {
  const { params } = useRouter()
  return <VisitList enterpriseId={decode(params.enterpriseId)} />
}
