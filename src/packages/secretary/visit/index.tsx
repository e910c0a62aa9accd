import { useRouter } from '@tarojs/taro'
import { LogVisitForm } from '@/features/secretary/LogVisitForm'

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
  return <LogVisitForm enterpriseId={decode(params.enterpriseId)} />
}
