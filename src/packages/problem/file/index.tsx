import { FileProblemForm } from '@/features/problems/FileProblemForm'

export default function Page() {
  return <FileProblemForm />
}
