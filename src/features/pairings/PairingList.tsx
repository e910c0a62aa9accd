import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ACTIVITY_TYPES, type Pairing } from '@contract/pairings'
import { call } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { formatDate } from '@/utils/date'
import './styles.css'

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十']

/** 2 → 第二期 (phases are small numbers; larger ones keep their digits). */
export function phaseLabel(phase: number): string {
  return `第${DIGITS[phase] ?? String(phase)}期`
}

function PairingCard({ pairing }: { pairing: Pairing }) {
  return (
    <View className='pairing-card card' data-testid='pairing-card'>
      <View className='pairing-card__top'>
        <Text className='pairing-card__phase'>{phaseLabel(pairing.phase)}</Text>
        <Text className='muted'>{formatDate(pairing.startedOn)} 起</Text>
      </View>
      <View className='pairing-card__pair'>
        <View className='pairing-card__side'>
          <Text className='pairing-card__role'>机关支部</Text>
          <Text className='pairing-card__name'>{pairing.agencyBranch}</Text>
        </View>
        <Text className='pairing-card__link'>⇄</Text>
        <View className='pairing-card__side'>
          <Text className='pairing-card__role'>企业支部</Text>
          <Text className='pairing-card__name'>{pairing.enterpriseBranch}</Text>
        </View>
      </View>
      <View className='pairing-card__foot'>
        <Text>共建活动</Text>
        <Text className='pairing-card__count'>{pairing.activityCount}</Text>
        <Text>次</Text>
      </View>
    </View>
  )
}

/** 共建: the agency–enterprise Party branch pairs (政企共建) and how active each pair is. */
export function PairingList() {
  const list = useRemote(() => call('pairings', 'list', {}), [])
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  const pairings = list.data ?? []
  const activities = pairings.reduce((n, p) => n + p.activityCount, 0)
  return (
    <View className='page'>
      <PageHeader title='结对共建' subtitle='机关党支部与企业党支部结对，政企共建促发展' />
      <View className='card pairing-intro'>
        <Text className='pairing-intro__title'>六个共建</Text>
        <View className='pairing-intro__items'>
          {ACTIVITY_TYPES.filter((a) => a.id !== 'custom').map((a) => (
            <Text key={a.id} className='chip chip--red'>
              {a.label}
            </Text>
          ))}
        </View>
        <Text className='muted'>规定动作之外，各结对还可开展自选动作。</Text>
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={pairings.length === 0}
        emptyTitle='暂无结对名录'
        emptyDescription='结对名单由区委社会工作部录入，公布后会在这里展示各结对的共建情况。'
        emptyAction={{ text: '刷新', onClick: () => void list.reload() }}
      >
        <View className='section-title'>
          <Text>结对名录</Text>
          <Text className='section-title__extra'>
            {pairings.length} 对 · 活动 {activities} 次
          </Text>
        </View>
        {pairings.map((p) => (
          <PairingCard key={p.id} pairing={p} />
        ))}
      </StateView>
    </View>
  )
}

export default PairingList
