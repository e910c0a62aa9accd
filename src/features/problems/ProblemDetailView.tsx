import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { PROBLEM_EVENT_LABELS, type ProblemDetail, type ProblemEvent } from '@contract/problems'
import { categoryLabel } from '@contract/categories'
import { call, CloudError } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { useSession } from '@/hooks/useSession'
import { StateView } from '@/components/StateView'
import { formatDateTime } from '@/utils/date'
import { TAB } from '@/utils/routes'
import { DetailStatus } from './DetailStatus'
import './styles.css'

function Row({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <View className='detail-row'>
      <Text className='detail-row__label'>{label}</Text>
      <Text className='detail-row__value'>{value || '—'}</Text>
    </View>
  )
}

function Timeline({ events }: { events: ProblemEvent[] }) {
  // newest first: what happened last is what the reader wants to know. Events come oldest first;
  // reversing before the (stable) sort keeps same-instant events in reverse order too.
  const ordered = [...events].reverse().sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
  if (!ordered.length) return <Text className='muted'>暂无处理记录</Text>
  return (
    <View className='timeline'>
      {ordered.map((ev, i) => (
        <View key={ev.id} className={`timeline__item${i === 0 ? ' timeline__item--latest' : ''}`} data-testid='timeline-item'>
          <View className='timeline__rail'>
            <View className='timeline__dot' />
            {i < ordered.length - 1 && <View className='timeline__line' />}
          </View>
          <View className='timeline__body'>
            <View className='timeline__head'>
              <Text className='timeline__type'>{PROBLEM_EVENT_LABELS[ev.type] ?? ev.type}</Text>
              <Text className='timeline__time'>{formatDateTime(ev.at)}</Text>
            </View>
            <Text className='timeline__actor'>{ev.actor}</Text>
            {ev.note && <Text className='timeline__note'>{ev.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  )
}

function Detail({ problem }: { problem: ProblemDetail }) {
  return (
    <View>
      <View className='card'>
        <View className='detail-head__number'>
          <Text>{problem.number}</Text>
          <DetailStatus status={problem.status} />
        </View>
        <Text className='detail-head__title'>{problem.title}</Text>
      </View>

      <View className='section-title'>
        <Text>办理信息</Text>
      </View>
      <View className='card detail-rows'>
        <Row label='类别' value={categoryLabel(problem.category)} />
        <Row label='企业' value={problem.enterpriseName} />
        {problem.chainName && <Row label='产业链' value={problem.chainName} />}
        {problem.townName && <Row label='镇街' value={problem.townName} />}
        <Row label='承办部门' value={problem.leadDepartmentName ?? '等待调度中心分派'} />
        <Row label='提交时间' value={formatDateTime(problem.createdAt)} />
        <Row label='最近更新' value={formatDateTime(problem.updatedAt)} />
        {problem.routingReason && (
          <View className='detail-reason'>
            <Text>派单依据：{problem.routingReason}</Text>
          </View>
        )}
      </View>

      <View className='section-title'>
        <Text>问题描述</Text>
      </View>
      <View className='card'>
        <Text className='detail-content'>{problem.content}</Text>
      </View>

      <View className='section-title'>
        <Text>处理记录</Text>
        <Text className='section-title__extra'>{problem.events.length} 条</Text>
      </View>
      <View className='card'>
        <Timeline events={problem.events} />
      </View>
    </View>
  )
}

/** 诉求详情: everything about one problem and what has happened to it. */
export function ProblemDetailView({ id }: { id: string | undefined }) {
  const session = useSession()
  const token = session?.token
  const remote = useRemote(
    () => (id ? call('problems', 'get', { id }) : Promise.reject(new CloudError('NOT_FOUND', '没有指定要查看的诉求'))),
    [id, token],
    { enabled: !!token, refreshOnShow: true }
  )
  usePullDownRefresh(() => {
    void remote.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session) {
    return (
      <View className='page'>
        <StateView
          empty
          emptyTitle='请先登录'
          emptyDescription='诉求详情只对提交的企业和承办部门可见。请在「我的」登录后查看。'
          emptyAction={{ text: '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }
  return (
    <View className='page'>
      <StateView loading={remote.loading} error={remote.error} onRetry={() => void remote.reload()}>
        {remote.data && <Detail problem={remote.data} />}
      </StateView>
    </View>
  )
}

export default ProblemDetailView
