import { SignInView } from '@/features/account/SignInView'

export default function Page() {
  return <SignInView />
}
