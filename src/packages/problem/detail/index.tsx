import { useRouter } from '@tarojs/taro'
import { ProblemDetailView } from '@/features/problems/ProblemDetailView'

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
  return <ProblemDetailView id={decode(params.id)} />
}
