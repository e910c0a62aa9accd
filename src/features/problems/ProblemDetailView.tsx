import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { PROBLEM_EVENT_LABELS, type ProblemDetail, type ProblemEvent } from '@contract/problems'
import { categoryLabel } from '@contract/categories'
import { assetUrl, call, CloudError } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { useSession } from '@/hooks/useSession'
import { StateView } from '@/components/StateView'
import { PhotoGrid } from '@/components/PhotoGrid'
import { formatDateTime } from '@/utils/date'
import { TAB, activityDetailUrl, problemDetailUrl } from '@/utils/routes'
import { DetailStatus } from './DetailStatus'
import { DueLabel } from './Due'
import { Extensions, leadDues, Supervision, Units, Verdict } from './DetailSections'
import { ActionBar } from './actions/ActionBar'
import { ActionSheet, toastDone } from './actions/ActionSheet'
import { actionKeys, type ActionKey } from './actions/forms'
import './list.css'
import './styles.css'

/** Actions whose forms pick a department from the catalogue. */
const NEEDS_DEPARTMENTS = new Set(['route', 'reroute', 'request_co'])

function Row({ label, value, onClick, testId }: { label: string; value: string | null | undefined; onClick?: () => void; testId?: string }) {
  return (
    <View className='detail-row' onClick={onClick} data-testid={testId}>
      <Text className='detail-row__label'>{label}</Text>
      <Text className={`detail-row__value${onClick ? ' detail-row__value--link' : ''}`}>{value || '—'}</Text>
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
        <View
          key={ev.id}
          className={`timeline__item timeline__item--${ev.type}${i === 0 ? ' timeline__item--latest' : ''}`}
          data-testid='timeline-item'
          data-type={ev.type}
        >
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

/** The problem's photos; a tap opens them full screen, swiping through all of them. */
function Photos({ problem }: { problem: ProblemDetail }) {
  const photos = problem.photos.map((p) => ({ key: p.id, url: assetUrl(p.url) }))
  return <PhotoGrid photos={photos} className='detail-photos' testId='detail-photos' itemTestId='detail-photo' />
}

function Head({ problem }: { problem: ProblemDetail }) {
  const dues = leadDues(problem)
  const supervised = Math.max(problem.supervisionLevel, problem.supervision.length)
  return (
    <View className='card detail-head'>
      <View className='detail-head__number'>
        <Text>{problem.number}</Text>
        <DetailStatus status={problem.status} />
      </View>
      <Text className='detail-head__title'>{problem.title}</Text>
      {problem.mergedInto && (
        <View
          className='detail-merged'
          data-testid='merged-into'
          onClick={() => void Taro.navigateTo({ url: problemDetailUrl(problem.mergedInto as string) })}
        >
          <Text className='detail-merged__go'>已并入链级问题 →</Text>
          <Text className='detail-merged__note'>同类问题由牵头部门统一办理，结果会送达每家企业</Text>
        </View>
      )}
      {(problem.chainLevel || problem.visibleToChain || problem.sessionId || problem.anonymous || problem.onBehalf || problem.reopenCount > 0 || problem.returnCount > 0) && (
        <View className='problem-card__meta detail-head__chips'>
          {problem.chainLevel && (
            <Text className='chip chip--chain' data-testid='chain-level'>
              链级问题
            </Text>
          )}
          {problem.visibleToChain && (
            <Text className='chip chip--vote' data-testid='detail-votes'>
              我也遇到 {problem.votes}
            </Text>
          )}
          {problem.sessionId && <Text className='chip'>吐槽大会上提出</Text>}
          {problem.anonymous && (
            <Text className='chip' data-testid='anonymous'>
              匿名
            </Text>
          )}
          {problem.onBehalf && <Text className='chip'>第一书记代企业提交</Text>}
          {problem.reopenCount > 0 && <Text className='chip chip--purple'>重办 {problem.reopenCount} 次</Text>}
          {problem.returnCount > 0 && <Text className='chip chip--red'>退单 {problem.returnCount} 次</Text>}
        </View>
      )}
      {(dues.length > 0 || supervised > 0 || problem.overdue) && (
        <View className='dues detail-head__dues' data-testid='detail-dues'>
          {dues.map((d) => (
            <DueLabel key={d.kind} item={d} />
          ))}
          {problem.overdue && !dues.length && <Text className='due due--overdue'>已超期</Text>}
          {supervised > 0 && (
            <Text className='due due--supervised' data-testid='supervised-count'>
              已督办 {supervised} 次
            </Text>
          )}
        </View>
      )}
    </View>
  )
}

function Detail({ problem }: { problem: ProblemDetail }) {
  const showSuggestions = problem.suggestions.length > 0 && (problem.status === 'triage' || problem.status === 'returned')
  return (
    <View>
      <Head problem={problem} />
      {problem.actions.includes('evaluate') && (
        <View className='detail-prompt' data-testid='evaluate-prompt'>
          <Text>承办单位已答复。问题解决了吗？请确认并评价；没有解决可以申请重办。</Text>
        </View>
      )}
      <Units problem={problem} />
      <Verdict problem={problem} />
      <Extensions problem={problem} />
      <Supervision problem={problem} />

      <View className='section-title'>
        <Text>办理信息</Text>
      </View>
      <View className='card detail-rows'>
        <Row label='类别' value={categoryLabel(problem.category)} />
        {problem.station ? <Row label='站点' value={problem.station.name} /> : <Row label='企业' value={problem.enterpriseName} />}
        <Row label='提交人' value={problem.anonymous ? `${problem.filerName}（匿名提交）` : problem.filerName} />
        {problem.raisedAt && (
          <Row
            label='提出于'
            value={`${problem.raisedAt.pairingTitle}「${problem.raisedAt.activityTitle}」`}
            onClick={() => void Taro.navigateTo({ url: activityDetailUrl((problem.raisedAt as NonNullable<typeof problem.raisedAt>).activityId) })}
            testId='raised-at'
          />
        )}
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
        {showSuggestions && (
          <View className='detail-reason' data-testid='suggestions'>
            <Text>
              分派建议：{problem.suggestions.map((s) => `${s.departmentName} ${Math.round(s.confidence * 100)}%`).join('、')}
            </Text>
          </View>
        )}
      </View>

      <View className='section-title'>
        <Text>问题描述</Text>
      </View>
      <View className='card'>
        <Text className='detail-content'>{problem.content}</Text>
        <Photos problem={problem} />
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

/** 诉求详情: the one thread about a problem for everybody, with what this reader may do now. */
export function ProblemDetailView({ id }: { id: string | undefined }) {
  const session = useSession()
  const token = session?.token
  const remote = useRemote(
    () => (id ? call('problems', 'get', { id }) : Promise.reject(new CloudError('NOT_FOUND', '没有指定要查看的诉求'))),
    [id, token],
    { enabled: !!token, refreshOnShow: true }
  )
  const [sheet, setSheet] = useState<ActionKey | null>(null)
  const wantsDepartments = !!remote.data?.actions.some((a) => NEEDS_DEPARTMENTS.has(a))
  const departments = useRemote(() => call('catalog', 'bootstrap', {}).then((b) => b.departments), [], {
    enabled: wantsDepartments
  })
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
  const problem = remote.data
  const hasBar = !!problem && actionKeys(problem.actions).length > 0
  return (
    <View className={`page${hasBar ? ' page--with-bar' : ''}`}>
      <StateView loading={remote.loading} error={remote.error} onRetry={() => void remote.reload()}>
        {problem && <Detail problem={problem} />}
      </StateView>
      {problem && <ActionBar actions={problem.actions} onPick={setSheet} />}
      {problem && sheet && (
        <ActionSheet
          key={sheet}
          actionKey={sheet}
          problem={problem}
          departments={departments}
          onDone={(detail, toast) => {
            remote.mutate(detail)
            setSheet(null)
            toastDone(toast)
          }}
          onStale={() => void remote.refresh()}
          onClose={() => setSheet(null)}
        />
      )}
    </View>
  )
}

export default ProblemDetailView
