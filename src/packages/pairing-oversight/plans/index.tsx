import { useRouter } from '@tarojs/taro'
import { PlanSettingsView } from '@/features/pairing-oversight/PlanSettingsView'
import { parseYear } from '@/features/pairing-oversight/years'

export default function Page() {
  const { params } = useRouter()
  return <PlanSettingsView year={parseYear(params.year)} />
}
