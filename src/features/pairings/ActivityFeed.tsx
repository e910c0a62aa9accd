import { useState } from 'react'
import { View, Text, Picker, ScrollView } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ACTIVITY_TYPES, type ActivitySummary, type ActivityType } from '@contract/pairings'
import type { ActivityFeedInput } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { periodRange, PERIODS, type Period } from './dates'
import { ActivityCard, phaseLabel } from './shared'
import './list.css'
import './styles.css'

/** The most the feed asks for at once (the contract's limit). */
export const FEED_LIMIT = 100

interface Filters {
  pairingId: string
  type: ActivityType | ''
  phase: number | null
  chainId: string
  period: Period
}

/** The feed's input for the filters; the period becomes China dates. */
export function feedInput(f: Filters, now: Date = new Date()): ActivityFeedInput {
  return {
    limit: FEED_LIMIT,
    ...(f.pairingId ? { pairingId: f.pairingId } : {}),
    ...(f.type ? { type: f.type } : {}),
    ...(f.phase !== null ? { phase: f.phase } : {}),
    ...(f.chainId ? { chainId: f.chainId } : {}),
    ...periodRange(f.period, now)
  }
}

/** Newest first (by the day held; the server's order among a day's activities is kept). */
function newestFirst(list: ActivitySummary[]): ActivitySummary[] {
  return list
    .map((a, i) => ({ a, i }))
    .sort((x, y) => y.a.heldOn.localeCompare(x.a.heldOn) || x.i - y.i)
    .map((x) => x.a)
}

function Chip({ on, label, onClick, testId }: { on: boolean; label: string; onClick: () => void; testId: string }) {
  return (
    <View className={`pa-chip${on ? ' pa-chip--on' : ''}`} role='radio' aria-checked={on} data-testid={testId} onClick={onClick}>
      <Text>{label}</Text>
    </View>
  )
}

function ChainPicker({ value, onPick }: { value: string; onPick: (id: string) => void }) {
  const bootstrap = useRemote(() => call('catalog', 'bootstrap', {}), [])
  if (bootstrap.loading) return <Text className='pa-picker pa-picker--placeholder'>产业链加载中…</Text>
  if (bootstrap.error) {
    return (
      <View className='pa-picker' onClick={() => void bootstrap.reload()} data-testid='retry-chains'>
        <Text className='pa-picker__text pa-picker--placeholder'>产业链未能加载</Text>
        <Text className='link'>重试</Text>
      </View>
    )
  }
  const chains = bootstrap.data?.chains ?? []
  const options = [{ id: '', name: '全部产业链' }, ...chains.map((c) => ({ id: c.id, name: `${c.name}链` }))]
  const index = Math.max(0, options.findIndex((o) => o.id === value))
  return (
    <Picker mode='selector' range={options.map((o) => o.name)} value={index} onChange={(e) => onPick(options[Number(e.detail.value)]?.id ?? '')} aria-label='产业链'>
      <View className={`pa-picker${value ? ' pa-picker--on' : ''}`}>
        <Text className='pa-picker__text'>{options[index].name}</Text>
        <Text className='pa-picker__arrow'>▾</Text>
      </View>
    </Picker>
  )
}

/** packages/pairings/feed: every pair's activities, newest first, by type, phase, chain and period. */
export function ActivityFeed({ pairingId: initialPairing = '' }: { pairingId?: string }) {
  const [filters, setFilters] = useState<Filters>({ pairingId: initialPairing, type: '', phase: null, chainId: '', period: 'all' })
  const set = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }))
  const input = feedInput(filters)
  const feed = useRemote(() => call('pairings', 'activities', input), [JSON.stringify(input)], { refreshOnShow: true })
  // the phases to pick from come from the directory; without it the filter is simply not offered
  const directory = useRemote(() => call('pairings', 'list', {}), [])
  usePullDownRefresh(() => {
    void feed.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  const phases = [...new Set((directory.data ?? []).map((p) => p.phase))].sort((a, b) => b - a)
  const pair = directory.data?.find((p) => p.id === filters.pairingId)
  const pairTitle = feed.data?.[0]?.pairingTitle ?? (pair ? `${pair.agencyBranch} ⇄ ${pair.enterpriseBranch}` : undefined)
  const filtered = !!(filters.pairingId || filters.type || filters.phase !== null || filters.chainId || filters.period !== 'all')
  const clear = () => setFilters({ pairingId: '', type: '', phase: null, chainId: '', period: 'all' })
  const list = newestFirst(feed.data ?? [])

  return (
    <View className='page'>
      <View className='card pa-filters' data-testid='feed-filters'>
        {filters.pairingId && (
          <View className='pa-filters__pair'>
            <Text className='pa-filters__pair-text'>只看：{pairTitle ?? '这个结对'}</Text>
            <Text className='link pa-filters__pair-clear' data-testid='clear-pair' onClick={() => set({ pairingId: '' })}>
              看全部结对
            </Text>
          </View>
        )}
        <ScrollView scrollX className='pa-filters__row' enhanced showScrollbar={false}>
          <Chip on={!filters.type} label='全部类型' onClick={() => set({ type: '' })} testId='type-all' />
          {ACTIVITY_TYPES.map((t) => (
            <Chip key={t.id} on={filters.type === t.id} label={t.label} onClick={() => set({ type: t.id })} testId={`type-${t.id}`} />
          ))}
        </ScrollView>
        <View className='pa-filters__row pa-filters__row--wrap'>
          {PERIODS.map((p) => (
            <Chip key={p.key} on={filters.period === p.key} label={p.label} onClick={() => set({ period: p.key })} testId={`period-${p.key}`} />
          ))}
        </View>
        <View className='pa-filters__row pa-filters__row--wrap pa-filters__row--last'>
          {phases.length > 1 && (
            <>
              <Chip on={filters.phase === null} label='全部期数' onClick={() => set({ phase: null })} testId='phase-all' />
              {phases.map((p) => (
                <Chip key={p} on={filters.phase === p} label={phaseLabel(p)} onClick={() => set({ phase: p })} testId={`phase-${p}`} />
              ))}
            </>
          )}
          <ChainPicker value={filters.chainId} onPick={(chainId) => set({ chainId })} />
        </View>
      </View>

      <StateView
        loading={feed.loading}
        error={feed.error}
        onRetry={() => void feed.reload()}
        empty={list.length === 0}
        emptyTitle={filtered ? '没有符合条件的活动' : '还没有共建活动'}
        emptyDescription={
          filtered
            ? '换个类型、期数、产业链或时间范围试试，或清除筛选查看全部活动。'
            : '各结对开展六个共建、自选动作和青蓝结对交流后，活动照片和签到情况会按时间在这里展示。'
        }
        emptyAction={filtered ? { text: '清除筛选', onClick: clear } : { text: '刷新', onClick: () => void feed.reload() }}
      >
        <View className='section-title'>
          <Text>共建动态</Text>
          <View className='pa-feed__extra'>
            <Text className='section-title__extra' data-testid='feed-count'>
              {list.length} 条
            </Text>
            {filtered && (
              <Text className='section-title__extra link pa-feed__clear' data-testid='clear-filters' onClick={clear}>
                清除筛选
              </Text>
            )}
          </View>
        </View>
        {list.map((a) => (
          <ActivityCard key={a.id} activity={a} showPair={!filters.pairingId} />
        ))}
        {list.length >= FEED_LIMIT && (
          <Text className='pa-note pa-note--center' data-testid='feed-limit'>
            只显示最近 {FEED_LIMIT} 条，可按类型、产业链或时间缩小范围查看更早的活动。
          </Text>
        )}
      </StateView>
    </View>
  )
}

export default ActivityFeed
