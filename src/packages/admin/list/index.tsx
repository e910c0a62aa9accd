import { useRouter } from '@tarojs/taro'
import { AdminListView } from '@/features/admin/AdminListView'

export default function Page() {
  const { params } = useRouter()
  return <AdminListView entity={params.entity} openId={params.id} />
}
