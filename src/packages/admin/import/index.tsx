import { ImportView } from '@/features/admin/ImportView'

export default function Page() {
  return <ImportView />
}
