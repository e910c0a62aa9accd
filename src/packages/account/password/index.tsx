import { PasswordView } from '@/features/account/PasswordView'

export default function Page() {
  return <PasswordView />
}
