import { SecretaryEnterprises } from '@/features/secretary/SecretaryEnterprises'

export default function Page() {
  return <SecretaryEnterprises />
}
