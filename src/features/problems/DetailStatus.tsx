import type { ProblemStatus } from '@contract/problems'
import { StatusTag } from '@/components/StatusTag'

/**
 * The detail page's status tag. On weapp it is the hand-written native component `status-tag`
 * (registered in packages/problem/detail/index.config.ts → usingComponents); native components do
 * not run on H5 (or in jest), where the React twin with the same labels and colours is used.
 */
export function DetailStatus({ status }: { status: ProblemStatus }) {
  if (process.env.TARO_ENV === 'weapp') {
    return <status-tag status={status} large />
  }
  return <StatusTag status={status} large />
}
