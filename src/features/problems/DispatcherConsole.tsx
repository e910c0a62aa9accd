import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { PROBLEM_STATUS_LABELS, type ProblemDetail, type ProblemStatus, type ProblemSummary } from '@contract/problems'
import type { ListProblemsInput } from '@contract/schemas'
import { call } from '@/services/cloud'
import { hasRole } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { PAGE, TAB } from '@/utils/routes'
import { ProblemCard } from './ProblemCard'
import { summaryDues } from './Due'
import { dueTone } from '@/utils/date'
import './list.css'
import './styles.css'

function NotDispatcher({ title, signedIn }: { title: string; signedIn: boolean }) {
  return (
    <View className='page'>
      <PageHeader title={title} subtitle='调度中心：分派、转办、延期审批与督办' />
      <StateView
        empty
        emptyTitle={signedIn ? '当前身份不是调度员' : '请先登录'}
        emptyDescription='调度台只对调度员开放：分派规则无法确定承办单位的诉求、被退回的诉求、延期申请和超期事项都在这里处理。请在「我的」以调度员身份登录。'
        emptyAction={{ text: '去「我的」', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
      />
    </View>
  )
}

type Loaded = ProblemDetail | 'error'

/**
 * The details behind the queue's cards (suggestions, the unit's 退单 reason, pending extensions are not in
 * a summary), four at a time; fetched again when a summary changes.
 */
function useDetails(items: ProblemSummary[]): Record<string, Loaded> {
  const [map, setMap] = useState<Record<string, Loaded>>({})
  const key = items.map((p) => `${p.id}@${p.updatedAt}`).join(',')
  useEffect(() => {
    let alive = true
    const queue = items.map((p) => p.id)
    const worker = async () => {
      while (alive && queue.length) {
        const id = queue.shift() as string
        try {
          const d = await call('problems', 'get', { id })
          if (alive) setMap((m) => ({ ...m, [id]: d }))
        } catch {
          if (alive) setMap((m) => ({ ...m, [id]: 'error' }))
        }
      }
    }
    void Promise.all([worker(), worker(), worker(), worker()])
    return () => {
      alive = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return map
}

export interface Why {
  kind: 'triage' | 'returned' | 'extension' | 'overdue'
  label: string
  text: string
}

/** Why a problem is in the dispatcher's queue, in Chinese; the detail adds the specifics when loaded. */
export function whyInQueue(p: ProblemSummary, detail: ProblemDetail | undefined): Why[] {
  const out: Why[] = []
  if (p.status === 'triage') {
    const s = detail?.suggestions ?? []
    out.push({
      kind: 'triage',
      label: '待分派',
      text: s.length
        ? `分派规则无法确定承办单位。建议：${s.map((x) => `${x.departmentName}（${Math.round(x.confidence * 100)}%）`).join('、')}`
        : '分派规则无法确定承办单位，请选择承办单位派单'
    })
  }
  if (p.status === 'returned') {
    const ev = detail ? [...detail.events].reverse().find((e) => e.type === 'returned') : undefined
    const unit = ev?.actor ?? p.leadDepartmentName ?? '承办单位'
    out.push({
      kind: 'returned',
      label: '退单',
      text: ev ? `${unit}退单：${ev.note ?? '（未说明理由）'}` : `${unit}退回了这件诉求，请转办或维持原派单`
    })
  }
  for (const x of detail?.extensions ?? []) {
    if (x.status !== 'pending') continue
    out.push({ kind: 'extension', label: '待审批延期', text: `${x.departmentName}申请延期 ${x.days} 个工作日：${x.reason}` })
  }
  if (p.overdue) {
    const late = summaryDues(p).filter((d) => dueTone(d.at) === 'overdue')
    const what = late.some((d) => d.kind === 'accept') ? '超期未签收' : late.length ? '超期未答复' : '有单位超过期限'
    out.push({
      kind: 'overdue',
      label: '超期',
      text: `${p.leadDepartmentName ?? ''}${what}${p.supervisionLevel > 0 ? `，已督办 ${p.supervisionLevel} 次` : ''}`
    })
  }
  return out
}

function WhyBlock({ problem, loaded }: { problem: ProblemSummary; loaded: Loaded | undefined }) {
  const detail = loaded && loaded !== 'error' ? loaded : undefined
  const why = whyInQueue(problem, detail)
  const tone = why[0]?.kind ?? 'extension'
  return (
    <View className={`why why--${tone}`} data-testid='why'>
      {why.map((w, i) => (
        <Text key={`${w.kind}-${i}`} className='why__line' data-kind={w.kind}>
          <Text className='why__label'>{w.label}</Text>
          {w.text}
        </Text>
      ))}
      {!why.length && !detail && (
        <Text className='why__line why__muted'>{loaded === 'error' ? '详情读取失败，点开查看' : '正在读取原因…'}</Text>
      )}
      {!why.length && detail && <Text className='why__line why__muted'>待调度处理</Text>}
    </View>
  )
}

/** 调度台: the queue — to place, returned, extensions to decide, overdue to supervise. */
export function DispatcherTriage() {
  const session = useSession()
  const isDispatcher = hasRole(session?.user, 'dispatcher')
  const queue = useRemote(() => call('problems', 'triage', {}), [session?.token], { enabled: isDispatcher, refreshOnShow: true })
  usePullDownRefresh(() => {
    void queue.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  const items = queue.data ?? []
  const details = useDetails(items)

  if (!session || !isDispatcher) return <NotDispatcher title='调度台' signedIn={!!session} />
  const count = (s: ProblemStatus) => items.filter((p) => p.status === s).length
  return (
    <View className='page'>
      <PageHeader
        title='调度台'
        subtitle='待分派、退单、延期审批与超期督办'
        extra={
          <Text className='link' onClick={() => void Taro.navigateTo({ url: PAGE.dispatcherAll })} data-testid='go-all'>
            全部诉求 ›
          </Text>
        }
      />
      <StateView
        loading={queue.loading}
        error={queue.error}
        onRetry={() => void queue.reload()}
        empty={items.length === 0}
        emptyTitle='调度台已清空'
        emptyDescription='没有待分派、被退回、待审批延期或超期的诉求。新情况出现时会在这里列出，下拉可刷新。'
        emptyAction={{ text: '查看全部诉求', onClick: () => void Taro.navigateTo({ url: PAGE.dispatcherAll }) }}
      >
        <View className='section-title'>
          <Text>待处理</Text>
          <Text className='section-title__extra'>
            共 {items.length} 条 · 待分派 {count('triage')} · 退单 {count('returned')} · 超期 {items.filter((p) => p.overdue).length}
          </Text>
        </View>
        {items.map((p) => (
          <ProblemCard key={p.id} problem={p} showEnterprise>
            <WhyBlock problem={p} loaded={details[p.id]} />
          </ProblemCard>
        ))}
      </StateView>
    </View>
  )
}

const STATUS_FILTERS: readonly ProblemStatus[] = ['triage', 'returned', 'routed', 'accepted', 'reopened', 'replied', 'closed']

/** 全部诉求: every problem, filtered by status and overdue. */
export function DispatcherAll() {
  const session = useSession()
  const isDispatcher = hasRole(session?.user, 'dispatcher')
  const [status, setStatus] = useState<ProblemStatus | null>(null)
  const [overdue, setOverdue] = useState(false)
  const input: ListProblemsInput = { ...(status ? { status } : {}), ...(overdue ? { overdue: true } : {}), limit: 200 }
  const list = useRemote(() => call('problems', 'list', input), [session?.token, status, overdue], {
    enabled: isDispatcher,
    refreshOnShow: true
  })
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session || !isDispatcher) return <NotDispatcher title='全部诉求' signedIn={!!session} />
  const items = list.data ?? []
  const filtered = status || overdue
  return (
    <View className='page'>
      <PageHeader
        title='全部诉求'
        subtitle='按状态和是否超期查看'
        extra={
          <Text className='link' onClick={() => void Taro.navigateTo({ url: PAGE.dispatcherTriage })}>
            调度台 ›
          </Text>
        }
      />
      <View className='filters' data-testid='filters'>
        <Text className={`filter${status === null ? ' filter--on' : ''}`} onClick={() => setStatus(null)} data-testid='filter-all'>
          全部
        </Text>
        {STATUS_FILTERS.map((s) => (
          <Text key={s} className={`filter${status === s ? ' filter--on' : ''}`} onClick={() => setStatus(s)} data-testid={`filter-${s}`}>
            {PROBLEM_STATUS_LABELS[s]}
          </Text>
        ))}
        <Text className={`filter filter--toggle${overdue ? ' filter--on' : ''}`} onClick={() => setOverdue((v) => !v)} data-testid='filter-overdue'>
          {overdue ? '✓ ' : ''}仅看超期
        </Text>
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={items.length === 0}
        emptyTitle={filtered ? '没有符合条件的诉求' : '还没有诉求'}
        emptyDescription={filtered ? '换个状态，或取消“仅看超期”看看。' : '企业提交诉求后会出现在这里。'}
        emptyAction={
          filtered
            ? {
                text: '清除筛选',
                onClick: () => {
                  setStatus(null)
                  setOverdue(false)
                }
              }
            : undefined
        }
      >
        <View className='section-title'>
          <Text>{status ? PROBLEM_STATUS_LABELS[status] : '全部'}</Text>
          <Text className='section-title__extra'>共 {items.length} 条</Text>
        </View>
        {items.map((p) => (
          <ProblemCard key={p.id} problem={p} showEnterprise />
        ))}
      </StateView>
    </View>
  )
}
