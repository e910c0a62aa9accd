import { MyDataView } from '@/features/account/MyDataView'

export default function Page() {
  return <MyDataView />
}
