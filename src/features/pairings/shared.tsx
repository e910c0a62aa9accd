import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { activityTypeLabel, phaseLabel, type ActivitySummary, type Pairing, type PairingKind } from '@contract/pairings'
import { assetUrl } from '@/services/cloud'
import { StateView } from '@/components/StateView'
import { activityDetailUrl, TAB } from '@/utils/routes'
import { dayText } from './dates'

export { phaseLabel }

export const KIND_LABELS: Record<PairingKind, string> = { branch: '政企结对', mentoring: '青蓝结对' }

/** What each side of a pair is called: Party branches, or a mentor and the young entrepreneur. */
export function sideLabels(kind: PairingKind): { agency: string; enterprise: string } {
  return kind === 'mentoring' ? { agency: '导师', enterprise: '青年企业家' } : { agency: '机关支部', enterprise: '企业支部' }
}

/** A page parameter as given (Taro may hand it over still URL-encoded). */
export function param(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

/** The two sides of a pair, facing each other. */
export function PairSides({ pairing, large }: { pairing: Pick<Pairing, 'kind' | 'agencyBranch' | 'enterpriseBranch'>; large?: boolean }) {
  const labels = sideLabels(pairing.kind)
  return (
    <View className={`pa-sides${large ? ' pa-sides--large' : ''}`}>
      <View className='pa-sides__side'>
        <Text className='pa-sides__role'>{labels.agency}</Text>
        <Text className='pa-sides__name' data-testid='side-agency'>
          {pairing.agencyBranch}
        </Text>
      </View>
      <Text className='pa-sides__link'>⇄</Text>
      <View className='pa-sides__side'>
        <Text className='pa-sides__role'>{labels.enterprise}</Text>
        <Text className='pa-sides__name' data-testid='side-enterprise'>
          {pairing.enterpriseBranch}
        </Text>
      </View>
    </View>
  )
}

export function TypeTag({ type }: { type: string }) {
  return (
    <Text className={`pa-type pa-type--${type}`} data-testid='activity-type'>
      {activityTypeLabel(type)}
    </Text>
  )
}

/** One activity in a list: cover photo, type, title, pair, date and how many signed in. */
export function ActivityCard({ activity: a, showPair = true }: { activity: ActivitySummary; showPair?: boolean }) {
  return (
    <View className='card pa-activity' data-testid='activity-card' onClick={() => void Taro.navigateTo({ url: activityDetailUrl(a.id) })}>
      {a.cover ? (
        <View className='pa-activity__cover'>
          <Image className='pa-activity__img' src={assetUrl(a.cover.url)} mode='aspectFill' aria-label='活动照片' data-testid='activity-cover' />
          {a.photoCount > 1 && <Text className='pa-activity__count'>{a.photoCount} 张</Text>}
        </View>
      ) : (
        <View className={`pa-activity__cover pa-activity__cover--none pa-type-bg--${a.type}`}>
          <Text className='pa-activity__none'>{activityTypeLabel(a.type)}</Text>
          <Text className='pa-activity__none-hint'>未上传照片</Text>
        </View>
      )}
      <View className='pa-activity__body'>
        <View className='pa-activity__tags'>
          <TypeTag type={a.type} />
          <Text className='pa-activity__date'>{dayText(a.heldOn)}</Text>
        </View>
        <Text className='pa-activity__title' data-testid='activity-title'>
          {a.title}
        </Text>
        {showPair && (
          <Text className='pa-activity__pair' data-testid='activity-pair'>
            {a.pairingTitle}
          </Text>
        )}
        <View className='pa-activity__foot'>
          <Text className='pa-activity__place'>{a.place}</Text>
          <Text className='pa-activity__attend' data-testid='activity-attendance'>
            签到 {a.attendance} 人
          </Text>
        </View>
        {a.problemsRaised > 0 && <Text className='pa-activity__problems'>提出问题 {a.problemsRaised} 件</Text>}
      </View>
    </View>
  )
}

/** A page that needs a signed-in person: what for, and the way to 我的. */
export function SignInFirst({ title, description }: { title: string; description: string }) {
  return (
    <View className='page'>
      <StateView empty emptyTitle={title} emptyDescription={description} emptyAction={{ text: '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }} />
    </View>
  )
}
