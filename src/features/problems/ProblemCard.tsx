import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProblemSummary } from '@contract/problems'
import { categoryLabel } from '@contract/categories'
import { StatusTag } from '@/components/StatusTag'
import { formatDateTime } from '@/utils/date'
import { problemDetailUrl } from '@/utils/routes'
import { SummaryDues } from './Due'

export const UNIT_ROLE_LABELS = { lead: '牵头', co_handler: '会办' } as const

interface ProblemCardProps {
  problem: ProblemSummary
  showEnterprise?: boolean
  /** A department's inbox: whether it leads or co-handles (牵头 / 会办). */
  showRole?: boolean
  /** Extra lines under the title, e.g. why it is in the dispatcher's queue. */
  children?: ReactNode
  /** False when this reader may not open the detail (another enterprise's problem on the chain board). */
  openable?: boolean
  /** The 我也遇到 count is shown elsewhere on the card (the chain board's button). */
  hideVotes?: boolean
}

/** One problem in a list: number, title, status, deadlines, department, time; tap for the detail page. */
export function ProblemCard({ problem, showEnterprise, showRole, children, openable = true, hideVotes }: ProblemCardProps) {
  const open = () => {
    if (openable) void Taro.navigateTo({ url: problemDetailUrl(problem.id) })
  }
  const role = showRole && problem.unitRole ? problem.unitRole : null
  return (
    <View className='problem-card card' onClick={open} data-testid='problem-card' data-id={problem.id}>
      <View className='problem-card__top'>
        <Text className='problem-card__number'>{problem.number}</Text>
        <StatusTag status={problem.status} />
      </View>
      <Text className='problem-card__title'>{problem.title}</Text>
      <View className='problem-card__meta'>
        {role && (
          <Text className={`chip chip--role chip--${role}`} data-testid='unit-role'>
            {UNIT_ROLE_LABELS[role]}
          </Text>
        )}
        <Text className='chip'>{categoryLabel(problem.category)}</Text>
        {showEnterprise && <Text className='chip'>{problem.station ? problem.station.name : problem.enterpriseName}</Text>}
        {problem.chainLevel && <Text className='chip chip--chain'>链级问题</Text>}
        {problem.mergedInto && <Text className='chip chip--chain-soft'>已并入链级问题</Text>}
        {problem.visibleToChain && !hideVotes && (
          <Text className='chip chip--vote' data-testid='card-votes'>
            我也遇到 {problem.votes}
          </Text>
        )}
        {problem.anonymous && <Text className='chip'>匿名</Text>}
        {problem.reopenCount > 0 && <Text className='chip chip--purple'>重办 {problem.reopenCount} 次</Text>}
      </View>
      <SummaryDues problem={problem} />
      {children}
      <View className='problem-card__foot'>
        <Text className='problem-card__dept'>
          {problem.leadDepartmentName ? `承办：${problem.leadDepartmentName}` : '承办：等待调度中心分派'}
        </Text>
        <Text className='problem-card__time'>{formatDateTime(problem.createdAt)}</Text>
      </View>
    </View>
  )
}
