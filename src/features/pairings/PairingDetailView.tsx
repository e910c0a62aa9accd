import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { activityTypeLabel, type PairingContact, type PairingDetail, type PlanLine, type PlanProgress } from '@contract/pairings'
import { call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PAGE, postActivityUrl, TAB } from '@/utils/routes'
import { dayText } from './dates'
import { ActivityCard, KIND_LABELS, PairSides, phaseLabel, sideLabels } from './shared'
import './list.css'
import './styles.css'

const percent = (share: number) => `${Math.round(share * 100)}%`

function PlanBar({ line }: { line: PlanLine }) {
  const share = line.required > 0 ? Math.min(1, line.done / line.required) : 1
  const met = line.done >= line.required
  return (
    <View className={`pa-plan__line${line.behind ? ' pa-plan__line--behind' : ''}`} data-testid='plan-line' data-type={line.type} data-behind={line.behind ? 'true' : 'false'}>
      <View className='pa-plan__head'>
        <Text className='pa-plan__type'>{activityTypeLabel(line.type)}</Text>
        {line.behind && (
          <Text className='pa-plan__behind' data-testid='plan-behind'>
            落后
          </Text>
        )}
        {met && line.required > 0 && <Text className='pa-plan__met'>已完成</Text>}
        <Text className='pa-plan__numbers' data-testid='plan-numbers'>
          {line.done}/{line.required} 次
        </Text>
      </View>
      <View className='pa-bar' aria-label={`${activityTypeLabel(line.type)} 完成 ${line.done} 次，要求 ${line.required} 次`}>
        <View className={`pa-bar__fill${line.behind ? ' pa-bar__fill--behind' : met ? ' pa-bar__fill--met' : ''}`} style={{ width: percent(share) }} />
      </View>
      {line.behind && <Text className='pa-plan__hint'>按时间进度此时应完成 {line.expected} 次</Text>}
    </View>
  )
}

function PlanCard({ plan }: { plan: PlanProgress | null }) {
  if (!plan) {
    return (
      <View className='card' data-testid='plan'>
        <Text className='pa-card-title'>年度计划</Text>
        <Text className='pa-note' data-testid='plan-none'>
          这个结对今年没有年度计划。年度计划由区委社会工作部制定，规定各类共建活动每年至少开展几次；制定后这里会按类型显示完成进度。
        </Text>
      </View>
    )
  }
  const lines = plan.lines.filter((l) => l.required > 0 || l.done > 0)
  const behind = lines.filter((l) => l.behind)
  return (
    <View className='card' data-testid='plan'>
      <View className='pa-card-head'>
        <Text className='pa-card-title'>{plan.year} 年度计划</Text>
        {plan.completion !== null && (
          <Text className={`pa-plan__completion${plan.behind ? ' pa-plan__completion--behind' : ''}`} data-testid='plan-completion'>
            完成 {percent(plan.completion)}
          </Text>
        )}
      </View>
      {behind.length > 0 && (
        <Text className='pa-alert' data-testid='plan-alert'>
          按全年均衡推进，{behind.map((l) => activityTypeLabel(l.type)).join('、')}进度落后，请尽快安排。
        </Text>
      )}
      {lines.map((l) => (
        <PlanBar key={l.type} line={l} />
      ))}
      <Text className='pa-note'>每类“已开展/要求”次数；按日期均衡推进，应完成而未完成的标为落后。</Text>
    </View>
  )
}

function Contacts({ contacts, kind }: { contacts: PairingContact[]; kind: PairingDetail['kind'] }) {
  const labels = sideLabels(kind)
  return (
    <View className='card'>
      <Text className='pa-card-title'>联系人</Text>
      {contacts.length === 0 && <Text className='pa-note'>暂未登记联系人。结对双方的联系人由区委社会工作部登记。</Text>}
      {contacts.map((c, i) => (
        <View key={`${c.side}-${i}`} className='pa-contact' data-testid='contact'>
          <Text className='pa-contact__side'>{c.side === 'agency' ? labels.agency : labels.enterprise}</Text>
          <Text className='pa-contact__name'>{c.name}</Text>
          <Text className='pa-contact__phone'>{c.phone ?? '未登记电话'}</Text>
        </View>
      ))}
    </View>
  )
}

function Detail({ d }: { d: PairingDetail }) {
  const company = [d.enterpriseName, d.chainName ? `${d.chainName}链` : null].filter(Boolean).join(' · ')
  const post = () => void Taro.navigateTo({ url: postActivityUrl(d.id) })
  const more = d.activityCount > d.activities.length
  return (
    <>
      <View className='card pa-head' data-testid='pairing-head'>
        <View className='pa-head__tags'>
          <Text className='chip chip--red'>{KIND_LABELS[d.kind]}</Text>
          <Text className='chip'>{phaseLabel(d.phase)}</Text>
          {d.chainName && <Text className='chip'>{d.chainName}链</Text>}
        </View>
        <PairSides pairing={d} large />
        {company && <Text className='pa-head__company'>{company}</Text>}
        <Text className='pa-head__dates' data-testid='pairing-dates'>
          结对时间：{dayText(d.startedOn)} 至 {d.endsOn ? dayText(d.endsOn) : '今'}
        </Text>
        {d.goals && (
          <View className='pa-head__goals'>
            <Text className='pa-head__goals-label'>共建目标</Text>
            <Text className='pa-head__goals-text'>{d.goals}</Text>
          </View>
        )}
      </View>

      {d.canPost && (
        <View className='pa-btn pa-btn--primary pa-btn--block pa-post' role='button' data-testid='post-activity' onClick={post}>
          <Text>记录活动</Text>
        </View>
      )}

      <View className='pa-stats'>
        <View className='pa-stat'>
          <Text className='pa-stat__value' data-testid='activity-count'>
            {d.activityCount}
          </Text>
          <Text className='pa-stat__label'>共建活动（次）</Text>
        </View>
        <View className='pa-stat'>
          <Text className='pa-stat__value' data-testid='problems-raised'>
            {d.problemsRaised}
          </Text>
          <Text className='pa-stat__label'>提出问题（件）</Text>
        </View>
        <View className='pa-stat pa-stat--accent'>
          <Text className='pa-stat__value' data-testid='problems-solved'>
            {d.problemsSolved}
          </Text>
          <Text className='pa-stat__label'>解决问题（件）</Text>
        </View>
      </View>
      <Text className='pa-explain' data-testid='solved-explain'>
        解决问题：结对活动中提出的、或结对机关部门为结对企业办理的诉求，经企业确认已解决的件数，由系统按办理结果自动统计。
      </Text>

      <PlanCard plan={d.plan} />
      <Contacts contacts={d.contacts} kind={d.kind} />

      <View className='section-title'>
        <Text>共建活动</Text>
        {more ? (
          <Text className='section-title__extra link' data-testid='all-activities' onClick={() => void Taro.navigateTo({ url: `${PAGE.pairingFeed}?pairingId=${encodeURIComponent(d.id)}` })}>
            全部 {d.activityCount} 次 ›
          </Text>
        ) : (
          <Text className='section-title__extra'>{d.activityCount} 次</Text>
        )}
      </View>
      {d.activities.length === 0 ? (
        <StateView
          empty
          emptyTitle='还没有活动记录'
          emptyDescription={
            d.canPost
              ? '开展共建活动后点“记录活动”，上传现场照片和活动内容；党员签到和会上提出的问题都会记在这里。'
              : '结对双方开展共建活动并记录后，会在这里展示活动照片和签到情况。'
          }
          emptyAction={d.canPost ? { text: '记录活动', onClick: post } : undefined}
        />
      ) : (
        d.activities.map((a) => <ActivityCard key={a.id} activity={a} showPair={false} />)
      )}
    </>
  )
}

/** packages/pairings/detail?id=: a pair — both sides, goals, the year's plan, problems solved, contacts and activities. */
export function PairingDetailView({ id }: { id: string }) {
  const session = useSession()
  // canPost depends on who is looking; coming back from 记录活动 shows the new activity
  const detail = useRemote(() => call('pairings', 'get', { id }), [id, session?.user.id], { enabled: !!id, refreshOnShow: true })
  usePullDownRefresh(() => {
    void detail.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  if (!id) {
    return (
      <View className='page'>
        <StateView
          empty
          emptyTitle='没有指定结对'
          emptyDescription='请从“共建”的结对名录进入结对页面。'
          emptyAction={{ text: '去结对名录', onClick: () => void Taro.switchTab({ url: TAB.pairings }) }}
        />
      </View>
    )
  }
  return (
    <View className='page'>
      <StateView loading={detail.loading} error={detail.error} onRetry={() => void detail.reload()}>
        {detail.data && <Detail d={detail.data} />}
      </StateView>
    </View>
  )
}

export default PairingDetailView
