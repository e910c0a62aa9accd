import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ACTIVITY_TYPES, type Pairing, type PairingKind } from '@contract/pairings'
import { call } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { Tabs } from '@/components/Tabs'
import { formatMonthDay } from '@/utils/date'
import { PAGE, pairingDetailUrl } from '@/utils/routes'
import { dayText } from './dates'
import { KIND_LABELS, PairSides, phaseLabel } from './shared'
import './list.css'

function PairingCard({ pairing: p }: { pairing: Pairing }) {
  const company = [p.enterpriseName, p.chainName ? `${p.chainName}链` : null].filter(Boolean).join(' · ')
  return (
    <View className='pairing-card card' data-testid='pairing-card' onClick={() => void Taro.navigateTo({ url: pairingDetailUrl(p.id) })}>
      <View className='pairing-card__top'>
        <Text className='pairing-card__phase'>{phaseLabel(p.phase)}</Text>
        <Text className='muted'>{dayText(p.startedOn)} 起</Text>
      </View>
      <PairSides pairing={p} />
      {company && (
        <Text className='pairing-card__company' data-testid='pairing-company'>
          {company}
        </Text>
      )}
      <View className='pairing-card__foot'>
        <Text>共建活动</Text>
        <Text className='pairing-card__count'>{p.activityCount}</Text>
        <Text>次</Text>
        <Text className='pairing-card__last' data-testid='pairing-last'>
          {p.lastActivityOn ? `最近 ${formatMonthDay(p.lastActivityOn)}` : '尚无活动记录'}
        </Text>
        <Text className='pairing-card__arrow'>›</Text>
      </View>
    </View>
  )
}

const EMPTY: Record<PairingKind, { title: string; description: string }> = {
  branch: {
    title: '暂无政企结对',
    description: '机关党支部与企业党支部的结对名单由区委社会工作部录入，公布后会在这里展示各结对的共建情况。'
  },
  mentoring: {
    title: '暂无青蓝结对',
    description: '“红色顺企青蓝工程”中党员企业家与青年企业家的结对名单公布后，会在这里展示。'
  }
}

function Intro({ kind }: { kind: PairingKind }) {
  if (kind === 'mentoring') {
    return (
      <View className='card pairing-intro'>
        <Text className='pairing-intro__title'>红色顺企青蓝工程</Text>
        <Text className='pairing-intro__text'>党员企业家结对青年企业家，以老带新、传帮带，定期开展青蓝结对交流。</Text>
      </View>
    )
  }
  return (
    <View className='card pairing-intro'>
      <Text className='pairing-intro__title'>六个共建</Text>
      <View className='pairing-intro__items'>
        {ACTIVITY_TYPES.filter((a) => a.id !== 'custom' && a.id !== 'mentoring').map((a) => (
          <Text key={a.id} className='chip chip--red'>
            {a.label}
          </Text>
        ))}
      </View>
      <Text className='muted'>规定动作之外，各结对还可开展自选动作。</Text>
    </View>
  )
}

/** Pairs of one kind, a section per phase (newest phase first). */
function byPhase(pairings: Pairing[]): { phase: number; pairs: Pairing[] }[] {
  const phases = [...new Set(pairings.map((p) => p.phase))].sort((a, b) => b - a)
  return phases.map((phase) => ({ phase, pairs: pairings.filter((p) => p.phase === phase) }))
}

/** 共建 tab: the directory of 政企结对 and 青蓝结对, the way to the activity feed and to 活动签到. */
export function PairingList() {
  const list = useRemote(() => call('pairings', 'list', {}), [], { refreshOnShow: true })
  const [kind, setKind] = useState<PairingKind>('branch')
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  const all = list.data ?? []
  const count = (k: PairingKind) => all.filter((p) => p.kind === k).length
  const pairings = all.filter((p) => p.kind === kind)
  const tabs = (['branch', 'mentoring'] as const).map((k) => ({ key: k, label: list.data ? `${KIND_LABELS[k]} ${count(k)}` : KIND_LABELS[k] }))

  return (
    <View className='page'>
      <PageHeader title='结对共建' subtitle='机关与企业党支部结对、党员企业家带青年企业家，共建促发展' />
      <View className='pa-entries'>
        <View className='pa-entry' role='button' data-testid='open-feed' onClick={() => void Taro.navigateTo({ url: PAGE.pairingFeed })}>
          <Text className='pa-entry__title'>共建动态</Text>
          <Text className='pa-entry__text'>各结对的活动照片与签到</Text>
        </View>
        <View className='pa-entry' role='button' data-testid='open-attend' onClick={() => void Taro.navigateTo({ url: PAGE.pairingAttend })}>
          <Text className='pa-entry__title'>活动签到</Text>
          <Text className='pa-entry__text'>扫描组织者出示的签到码</Text>
        </View>
      </View>
      <Tabs items={tabs} value={kind} onChange={setKind} />
      <Intro kind={kind} />
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={pairings.length === 0}
        emptyTitle={EMPTY[kind].title}
        emptyDescription={EMPTY[kind].description}
        emptyAction={{ text: '刷新', onClick: () => void list.reload() }}
      >
        {byPhase(pairings).map(({ phase, pairs }) => (
          <View key={phase} data-testid='pairing-phase'>
            <View className='section-title'>
              <Text>
                {phaseLabel(phase)} · {pairs.length} 对
              </Text>
              <Text className='section-title__extra'>活动 {pairs.reduce((n, p) => n + p.activityCount, 0)} 次</Text>
            </View>
            {pairs.map((p) => (
              <PairingCard key={p.id} pairing={p} />
            ))}
          </View>
        ))}
      </StateView>
    </View>
  )
}

export default PairingList
