import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { ActivityDetail } from '@contract/pairings'
import { PROBLEM_STATUS_LABELS, type ProblemDetail, type ProblemStatus } from '@contract/problems'
import { assetUrl, call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { StatusTag } from '@/components/StatusTag'
import { PAGE, pairingDetailUrl, problemDetailUrl, TAB } from '@/utils/routes'
import { dayText } from './dates'
import { AttendanceCodePanel, RaiseProblemForm } from './ActivityTools'
import { TypeTag } from './shared'
import './list.css'
import './styles.css'

type RaisedProblem = ActivityDetail['problems'][number]

function Status({ status }: { status: string }) {
  return status in PROBLEM_STATUS_LABELS ? <StatusTag status={status as ProblemStatus} /> : <Text className='chip'>{status}</Text>
}

function Problems({ a, canRaise, onRaise }: { a: ActivityDetail; canRaise: boolean; onRaise: () => void }) {
  return (
    <>
      <View className='section-title'>
        <Text>提出的问题</Text>
        <Text className='section-title__extra' data-testid='problem-count'>
          {a.problems.length} 件
        </Text>
      </View>
      {a.problems.length === 0 && (
        <View className='card'>
          <Text className='pa-note' data-testid='problems-none'>
            {a.canManage
              ? '还没有提出问题。把会上梳理的企业难题逐条提出，系统按类别派给承办部门，办理进展可在这里跟踪。'
              : '会上梳理的企业难题提出后，会在这里展示办理状态。'}
          </Text>
        </View>
      )}
      {a.problems.map((p) => (
        <View key={p.id} className='card pa-problem' role='link' data-testid='raised-problem' onClick={() => void Taro.navigateTo({ url: problemDetailUrl(p.id) })}>
          <View className='pa-problem__top'>
            <Text className='pa-problem__number'>{p.number}</Text>
            <View className='pa-problem__tags'>
              <Status status={p.status} />
              {p.solved === true && <Text className='pa-solved pa-solved--yes'>已解决</Text>}
              {p.solved === false && <Text className='pa-solved'>未解决</Text>}
            </View>
          </View>
          <Text className='pa-problem__title'>{p.title}</Text>
          <Text className='pa-problem__more'>查看办理进展 ›</Text>
        </View>
      ))}
      {canRaise && (
        <View className='pa-btn pa-btn--block' role='button' data-testid='raise-problem' onClick={onRaise}>
          <Text>＋ 提出问题</Text>
        </View>
      )}
    </>
  )
}

function Detail({ a, onChange, refresh }: { a: ActivityDetail; onChange: (a: ActivityDetail) => void; refresh: () => Promise<void> }) {
  const [raising, setRaising] = useState(false)
  const development = a.type === 'development'
  const urls = a.photos.map((p) => assetUrl(p.url))
  const preview = (url: string) => void Taro.previewImage({ current: url, urls }).catch(() => undefined)
  const raised = (p: ProblemDetail) => {
    const row: RaisedProblem = { id: p.id, number: p.number, title: p.title, status: p.status, solved: p.solved }
    onChange({ ...a, problems: [...a.problems.filter((x) => x.id !== p.id), row], problemsRaised: a.problemsRaised + 1 })
    setRaising(false)
  }
  return (
    <>
      {a.photos.length > 0 && (
        <View className='pa-photos' data-testid='activity-photos'>
          {a.photos.map((p, i) => (
            <Image
              key={p.id}
              className={`pa-photos__img${i === 0 ? ' pa-photos__img--first' : ''}`}
              src={assetUrl(p.url)}
              mode='aspectFill'
              aria-label={`活动照片 ${i + 1}`}
              data-testid='activity-photo'
              onClick={() => preview(assetUrl(p.url))}
            />
          ))}
        </View>
      )}
      <View className='card pa-info' data-testid='activity-info'>
        <View className='pa-info__tags'>
          <TypeTag type={a.type} />
        </View>
        <Text className='pa-info__title'>{a.title}</Text>
        <View className='pa-info__pair' role='link' data-testid='activity-pair' onClick={() => void Taro.navigateTo({ url: pairingDetailUrl(a.pairingId) })}>
          <Text className='link'>{a.pairingTitle} ›</Text>
        </View>
        <View className='pa-info__rows'>
          <View className='pa-info__row'>
            <Text className='pa-info__key'>日期</Text>
            <Text className='pa-info__value' data-testid='activity-date'>
              {dayText(a.heldOn)}
            </Text>
          </View>
          <View className='pa-info__row'>
            <Text className='pa-info__key'>地点</Text>
            <Text className='pa-info__value'>{a.place}</Text>
          </View>
          {a.createdByName && (
            <View className='pa-info__row'>
              <Text className='pa-info__key'>记录人</Text>
              <Text className='pa-info__value'>{a.createdByName}</Text>
            </View>
          )}
        </View>
        <Text className='pa-info__summary'>{a.summary}</Text>
      </View>

      <View className='card pa-attendance'>
        <View>
          <Text className='pa-attendance__label'>签到</Text>
          <Text className='pa-attendance__value' data-testid='attendance'>
            {a.attendance}
          </Text>
          <Text className='pa-attendance__label'>人</Text>
        </View>
        <Text className='pa-attendance__hint'>按扫码签到自动统计</Text>
      </View>

      {a.canManage ? (
        <AttendanceCodePanel activityId={a.id} onRefreshCount={refresh} />
      ) : a.attended ? (
        <View className='pa-attended' data-testid='attended'>
          <Text className='pa-attended__mark'>✓</Text>
          <Text>您已签到</Text>
        </View>
      ) : (
        <View className='card'>
          <Text className='pa-note'>参加了这次活动？请扫描组织者出示的签到码签到（仅活动当天有效）。</Text>
          <View className='pa-btn pa-btn--primary pa-btn--block' role='button' data-testid='go-attend' onClick={() => void Taro.navigateTo({ url: PAGE.pairingAttend })}>
            <Text>我要签到</Text>
          </View>
        </View>
      )}

      {(development || a.problems.length > 0) && <Problems a={a} canRaise={development && a.canManage && !raising} onRaise={() => setRaising(true)} />}
      {raising && <RaiseProblemForm activityId={a.id} onRaised={raised} onCancel={() => setRaising(false)} />}
    </>
  )
}

/** packages/pairings/activity?id=: one activity — photos, what and where, sign-ins; the organiser's 签到码 and 提出问题. */
export function ActivityView({ id }: { id: string }) {
  const session = useSession()
  // canManage and attended depend on who is looking; back from 签到 the count and the mark refresh
  const activity = useRemote(() => call('pairings', 'activity', { id }), [id, session?.user.id], { enabled: !!id, refreshOnShow: true })
  usePullDownRefresh(() => {
    void activity.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  if (!id) {
    return (
      <View className='page'>
        <StateView
          empty
          emptyTitle='没有指定活动'
          emptyDescription='请从共建动态或结对页面进入活动。'
          emptyAction={{ text: '去共建', onClick: () => void Taro.switchTab({ url: TAB.pairings }) }}
        />
      </View>
    )
  }
  return (
    <View className='page'>
      <StateView loading={activity.loading} error={activity.error} onRetry={() => void activity.reload()}>
        {activity.data && <Detail a={activity.data} onChange={activity.mutate} refresh={activity.refresh} />}
      </StateView>
    </View>
  )
}

export default ActivityView
