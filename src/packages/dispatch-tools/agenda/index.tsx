import { useRouter } from '@tarojs/taro'
import { AgendaView } from '@/features/dispatch-tools/AgendaView'

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
  return <AgendaView id={decode(params.id)} />
}
