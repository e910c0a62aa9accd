import { AdminHome } from '@/features/admin/AdminHome'

export default function Page() {
  return <AdminHome />
}
