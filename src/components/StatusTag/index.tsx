import { Text } from '@tarojs/components'
import { PROBLEM_STATUS_LABELS, type ProblemStatus } from '@contract/problems'
import './index.css'

/**
 * A problem's status as a coloured tag. The React twin of the native `status-tag` component
 * (components/native/status-tag): same labels, same class names, same colours.
 */
export function StatusTag({ status, large }: { status: ProblemStatus; large?: boolean }) {
  const label = PROBLEM_STATUS_LABELS[status] ?? status
  return (
    <Text className={`status-tag status-tag--${status}${large ? ' status-tag--large' : ''}`} data-status={status}>
      {label}
    </Text>
  )
}

export default StatusTag
