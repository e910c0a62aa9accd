import { NoticeList } from '@/features/notices/NoticeList'

export default function Page() {
  return <NoticeList />
}
