import { HomeView } from '@/features/overview/HomeView'

export default function Page() {
  return <HomeView />
}
