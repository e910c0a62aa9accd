import { MeView } from '@/features/account/MeView'

export default function Page() {
  return <MeView />
}
