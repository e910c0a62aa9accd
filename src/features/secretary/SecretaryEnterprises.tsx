import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { AssignedEnterprise } from '@contract/secretaries'
import { call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { PAGE, fileProblemUrl, logVisitUrl } from '@/utils/routes'
import { formatDate } from '@/utils/date'
import { isRefusal, isSecretary } from './access'
import { lastVisitLabel, visitDue } from './days'
import { Refusal } from './Refusal'
import { WeekCard } from './WeekCard'
import './styles.css'

function EnterpriseCard({ e }: { e: AssignedEnterprise }) {
  const place = [e.chainName, e.townName].filter(Boolean).join(' · ')
  const due = visitDue(e.lastVisitAt)
  return (
    <View className='card sec-ent' data-testid='enterprise-card' data-id={e.enterpriseId}>
      <Text className='sec-ent__name'>{e.name}</Text>
      <Text className='muted sec-ent__place'>{place || '未登记产业链与镇街'}</Text>
      <View className='sec-ent__facts'>
        <View className='sec-ent__fact' data-testid='open-problems'>
          <Text className='sec-ent__value'>{e.openProblems}</Text>
          <Text className='sec-ent__label'>未办结诉求</Text>
        </View>
        <View className={`sec-ent__fact${e.overdueProblems ? ' sec-ent__fact--alert' : ''}`} data-testid='overdue-problems'>
          <Text className='sec-ent__value'>{e.overdueProblems}</Text>
          <Text className='sec-ent__label'>其中超期</Text>
        </View>
        <View className={`sec-ent__fact${due ? ' sec-ent__fact--warn' : ''}`} data-testid='last-visit'>
          <Text className='sec-ent__value sec-ent__value--text'>{lastVisitLabel(e.lastVisitAt)}</Text>
          <Text className='sec-ent__label'>{e.lastVisitAt ? `最近走访 ${formatDate(e.lastVisitAt)}` : '最近走访'}</Text>
        </View>
      </View>
      <View className='sec-ent__actions'>
        <View
          className='sec-btn sec-btn--primary'
          role='button'
          onClick={() => void Taro.navigateTo({ url: logVisitUrl(e.enterpriseId) })}
          data-testid='log-visit'
        >
          <Text>记录走访</Text>
        </View>
        <View className='sec-btn' role='button' onClick={() => void Taro.navigateTo({ url: fileProblemUrl(e.enterpriseId) })} data-testid='file-problem'>
          <Text>代企业提诉求</Text>
        </View>
      </View>
    </View>
  )
}

/** packages/secretary/enterprises: 我联系的企业 — the week at a glance, then each enterprise and what to do next. */
export function SecretaryEnterprises() {
  const session = useSession()
  const allowed = isSecretary(session?.user)
  const mine = useRemote(() => call('secretaries', 'mine', {}), [session?.token], { enabled: allowed, refreshOnShow: true })
  const week = useRemote(() => call('secretaries', 'week', {}), [session?.token], { enabled: allowed, refreshOnShow: true })
  usePullDownRefresh(() => {
    void Promise.all([mine.reload(), week.reload()]).finally(() => void Taro.stopPullDownRefresh())
  })

  const header = <PageHeader title='我联系的企业' subtitle='走访企业、了解难题，代企业反映诉求并跟踪落实' />
  if (!session || !allowed) {
    return (
      <View className='page sec-page'>
        {header}
        <Refusal signedIn={!!session} title={session ? '这里是第一书记的工作台' : '请先登录'} />
      </View>
    )
  }
  if (isRefusal(mine.error) || isRefusal(week.error)) {
    const error = isRefusal(mine.error) ? mine.error : week.error
    return (
      <View className='page sec-page'>
        {header}
        <Refusal title={error?.message ?? '当前身份无权查看'} />
      </View>
    )
  }

  const list = mine.data ?? []
  const overdue = list.reduce((n, e) => n + e.overdueProblems, 0)
  return (
    <View className='page sec-page'>
      {header}
      <WeekCard week={week} onOpenVisits={() => void Taro.navigateTo({ url: PAGE.secretaryVisits })} />
      <StateView
        loading={mine.loading}
        loadingText='正在读取联系的企业…'
        error={mine.error}
        onRetry={() => void mine.reload()}
        empty={!!mine.data && list.length === 0}
        emptyTitle='还没有分配联系的企业'
        emptyDescription='第一书记联系的企业由区委社会工作部分配，分配后会在这里显示，并可记录走访、代企业提诉求。'
        emptyAction={{ text: '刷新', onClick: () => void mine.reload() }}
      >
        <View className='section-title'>
          <Text>联系的企业</Text>
          <Text className='section-title__extra' data-testid='enterprise-count'>
            {list.length} 家{overdue ? ` · 超期诉求 ${overdue} 件` : ''}
          </Text>
        </View>
        {list.map((e) => (
          <EnterpriseCard key={e.enterpriseId} e={e} />
        ))}
      </StateView>
    </View>
  )
}

export default SecretaryEnterprises
