import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ProblemSummary } from '@contract/problems'
import { categoryLabel } from '@contract/categories'
import { StatusTag } from '@/components/StatusTag'
import { formatDateTime } from '@/utils/date'
import { problemDetailUrl } from '@/utils/routes'

/** One problem in a list: number, title, status, department, time; tap for the detail page. */
export function ProblemCard({ problem, showEnterprise }: { problem: ProblemSummary; showEnterprise?: boolean }) {
  const open = () => void Taro.navigateTo({ url: problemDetailUrl(problem.id) })
  return (
    <View className='problem-card card' onClick={open} data-testid='problem-card'>
      <View className='problem-card__top'>
        <Text className='problem-card__number'>{problem.number}</Text>
        <StatusTag status={problem.status} />
      </View>
      <Text className='problem-card__title'>{problem.title}</Text>
      <View className='problem-card__meta'>
        <Text className='chip'>{categoryLabel(problem.category)}</Text>
        {showEnterprise && <Text className='chip'>{problem.enterpriseName}</Text>}
      </View>
      <View className='problem-card__foot'>
        <Text className='problem-card__dept'>
          {problem.leadDepartmentName ? `承办：${problem.leadDepartmentName}` : '承办：等待调度中心分派'}
        </Text>
        <Text className='problem-card__time'>{formatDateTime(problem.createdAt)}</Text>
      </View>
    </View>
  )
}
