import { SimilarView } from '@/features/dispatch-tools/SimilarView'

export default function Page() {
  return <SimilarView />
}
