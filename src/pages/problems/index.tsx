import { MyProblems } from '@/features/problems/MyProblems'

export default function Page() {
  return <MyProblems />
}
