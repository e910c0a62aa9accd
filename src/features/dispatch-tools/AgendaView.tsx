import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { categoryLabel } from '@contract/categories'
import type { ProblemSummary } from '@contract/problems'
import type { TucaoSession } from '@contract/sessions'
import { call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { StatusTag } from '@/components/StatusTag'
import { problemDetailUrl } from '@/utils/routes'
import { EmptyState, NotAllowed, ToolsNav } from './common'
import { PHASE_LABELS, sessionPhase } from './SessionsView'
import { TOOLS } from './routes'
import './styles.css'

/** How often the agenda of a shown page is read again: problems filed in the session appear live. */
export const AGENDA_REFRESH_MS = 30_000

const ANONYMOUS_ENTERPRISE = '匿名企业'

/** True while the page is on screen (and, in a browser, while its tab is visible). */
function usePageVisible(): boolean {
  const [shown, setShown] = useState(true)
  const [tabVisible, setTabVisible] = useState(true)
  useDidShow(() => setShown(true))
  useDidHide(() => setShown(false))
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return undefined
    const onChange = () => setTabVisible(document.visibilityState !== 'hidden')
    document.addEventListener('visibilitychange', onChange)
    return () => document.removeEventListener('visibilitychange', onChange)
  }, [])
  return shown && tabVisible
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

function clock(d: Date): string {
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

function AgendaItem({ problem, rank }: { problem: ProblemSummary; rank: number }) {
  const hidden = problem.enterpriseName === ANONYMOUS_ENTERPRISE
  return (
    <View
      className={`dt-agenda-item${rank <= 3 ? ' dt-agenda-item--top' : ''}`}
      data-testid='agenda-item'
      data-id={problem.id}
      onClick={() => void Taro.navigateTo({ url: problemDetailUrl(problem.id) })}
    >
      <Text className='dt-agenda-item__rank'>{rank}</Text>
      <View className='dt-agenda-item__body'>
        <Text className='dt-agenda-item__title'>{problem.title}</Text>
        <View className='dt-agenda-item__meta'>
          <Text className={`dt-agenda-item__enterprise${hidden ? ' dt-agenda-item__enterprise--anon' : ''}`} data-testid='agenda-enterprise'>
            {problem.enterpriseName || ANONYMOUS_ENTERPRISE}
          </Text>
          {problem.anonymous && !hidden && <Text className='chip'>匿名</Text>}
          <Text className='chip'>{categoryLabel(problem.category)}</Text>
          {problem.mergedInto && <Text className='chip chip--red'>已并入链级问题</Text>}
        </View>
        <View className='dt-agenda-item__foot'>
          <Text className='dt-agenda-item__number'>{problem.number}</Text>
          <StatusTag status={problem.status} />
        </View>
      </View>
      <View className='dt-votes' data-testid='agenda-votes' aria-label={`我也遇到 ${problem.votes} 家`}>
        <Text className={`dt-votes__num${problem.votes ? '' : ' dt-votes__num--zero'}`}>{problem.votes}</Text>
        <Text className='dt-votes__label'>我也遇到</Text>
      </View>
    </View>
  )
}

/** 吐槽大会议程: what was raised in the session, the most shared first; read again every 30 s while shown. */
export function AgendaView({ id }: { id: string | undefined }) {
  const session = useSession()
  const signedIn = !!session
  const enabled = signedIn && !!id
  const agenda = useRemote(() => call('sessions', 'agenda', { id: id as string }), [session?.token, id], { enabled, refreshOnShow: true })
  // the session's title and dates; the agenda stands without them
  const meta = useRemote(
    () => call('sessions', 'list', {}).then((all): TucaoSession | null => all.find((s) => s.id === id) ?? null),
    [session?.token, id],
    { enabled }
  )
  const visible = usePageVisible()
  const [updatedAt, setUpdatedAt] = useState<Date | null>(null)
  const { refresh } = agenda

  useEffect(() => {
    if (agenda.data) setUpdatedAt(new Date())
  }, [agenda.data])

  useEffect(() => {
    if (!enabled || !visible) return undefined
    const timer = setInterval(() => void refresh(), AGENDA_REFRESH_MS)
    return () => clearInterval(timer)
  }, [enabled, visible, refresh])

  usePullDownRefresh(() => {
    void Promise.all([agenda.reload(), meta.refresh()]).finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session) {
    return (
      <NotAllowed
        title='吐槽大会议程'
        subtitle='按“我也遇到”的企业数排序'
        signedIn={false}
        who='调度员'
        description='议程需要登录后查看。请在「我的」选择身份登录。'
      />
    )
  }
  const toList = () => void Taro.redirectTo({ url: TOOLS.sessions })
  if (!id) {
    return (
      <View className='page dt-page'>
        <PageHeader title='吐槽大会议程' subtitle='按“我也遇到”的企业数排序' />
        <StateView
          empty
          emptyTitle='没有指定吐槽大会'
          emptyDescription='请从吐槽大会列表中点选一场大会查看议程。'
          emptyAction={{ text: '查看吐槽大会', onClick: toList }}
        />
      </View>
    )
  }
  const s = meta.data ?? null
  const items = agenda.data ?? []
  const phase = s ? sessionPhase(s) : null
  return (
    <View className='page dt-page'>
      <PageHeader title={s?.title ?? '吐槽大会议程'} subtitle={s ? `${s.chainName} · ${s.startsOn === s.endsOn ? s.startsOn : `${s.startsOn} 至 ${s.endsOn}`}` : '按“我也遇到”的企业数排序'} />
      <ToolsNav current='agenda' user={session.user} />
      {agenda.error?.code === 'NOT_FOUND' && (
        <EmptyState mark='!' title={agenda.error.message} description='这场大会可能已被删除，或链接有误。请从吐槽大会列表重新进入。' action={{ text: '查看吐槽大会', onClick: toList }} />
      )}
      <StateView
        loading={agenda.loading}
        loadingText='正在读取议程…'
        error={agenda.error?.code === 'NOT_FOUND' ? undefined : agenda.error}
        onRetry={() => void agenda.reload()}
      >
        {agenda.data && (
          <>
            <View className='section-title'>
              <Text>议程 · {items.length} 条</Text>
              {phase && (
                <Text className={`dt-phase dt-phase--${phase}`} data-testid='agenda-phase'>
                  {PHASE_LABELS[phase]}
                </Text>
              )}
            </View>
            <View className='dt-live' data-testid='agenda-live'>
              <Text>
                {phase === 'ended' ? '大会已结束' : '每 30 秒自动刷新'}
                {updatedAt ? ` · 更新于 ${clock(updatedAt)}` : ''}
              </Text>
              <Text className='dt-action dt-live__refresh' onClick={() => void agenda.refresh()} data-testid='agenda-refresh'>
                刷新
              </Text>
            </View>
            {items.length === 0 ? (
              <EmptyState
                title='还没有人提出问题'
                description={
                  phase === 'ended'
                    ? '这场大会已经结束，会期内没有企业提出问题。'
                    : '会期内该链企业提出的问题会实时出现在这里，按“我也遇到”的企业数排序；页面每 30 秒自动刷新。'
                }
                action={{ text: '返回吐槽大会列表', onClick: toList }}
              />
            ) : (
              <>
                <View className='card dt-agenda' data-testid='agenda'>
                  {items.map((p, i) => (
                    <AgendaItem key={p.id} problem={p} rank={i + 1} />
                  ))}
                </View>
                <Text className='dt-foot-note'>
                  “我也遇到”是提出者之外、同链其他企业的 +1，每家企业一次。匿名提出的问题，除调度员外都显示为“匿名企业”。点开可看办理进度。
                </Text>
              </>
            )}
          </>
        )}
      </StateView>
    </View>
  )
}

export default AgendaView
