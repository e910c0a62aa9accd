import { useEffect, useMemo, useState } from 'react'
import { View, Text, ScrollView } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { Visit } from '@contract/secretaries'
import { call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { logVisitUrl } from '@/utils/routes'
import { formatDateTime } from '@/utils/date'
import { isDistrict, isRefusal, isSecretary } from './access'
import { PhotoThumbs } from './PhotoThumbs'
import { Refusal } from './Refusal'
import { WeekCard } from './WeekCard'
import './styles.css'

interface Option {
  id: string
  name: string
}

const newestFirst = (a: Visit, b: Visit) => Date.parse(b.visitedAt) - Date.parse(a.visitedAt)

function place(v: Visit): string {
  if (v.address) return v.address
  return v.lat !== null && v.lng !== null ? '已定位（未填写地点）' : '未记录位置'
}

function VisitCard({ visit, showSecretary }: { visit: Visit; showSecretary: boolean }) {
  return (
    <View className='card sec-visit' data-testid='visit' data-id={visit.id}>
      <View className='sec-visit__head'>
        <Text className='sec-visit__enterprise'>{visit.enterpriseName}</Text>
        <Text className='muted' data-testid='visit-time'>
          {formatDateTime(visit.visitedAt)}
        </Text>
      </View>
      <Text className='sec-visit__meta' data-testid='visit-place'>
        {showSecretary ? `${visit.secretaryName} · ` : ''}
        {place(visit)}
      </Text>
      <Text className='sec-visit__note'>{visit.note}</Text>
      <PhotoThumbs photos={visit.photos} />
    </View>
  )
}

/**
 * packages/secretary/visits: 走访记录 — the week's summary and the visits, newest first, for one enterprise
 * or all. A secretary sees their own; the district (dispatcher, admin) sees every secretary's.
 */
export function VisitList({ enterpriseId: initial }: { enterpriseId?: string }) {
  const session = useSession()
  const secretary = isSecretary(session?.user)
  const district = isDistrict(session?.user)
  const allowed = secretary || district
  const [filter, setFilter] = useState(initial ?? '')
  const visits = useRemote(() => call('secretaries', 'visits', filter ? { enterpriseId: filter } : {}), [session?.token, filter], {
    enabled: allowed,
    refreshOnShow: true
  })
  const week = useRemote(() => call('secretaries', 'week', {}), [session?.token], { enabled: secretary, refreshOnShow: true })
  // a secretary filters by the enterprises they hold; the district by those seen in the full list
  const mine = useRemote(() => call('secretaries', 'mine', {}), [session?.token], { enabled: secretary })
  const [seen, setSeen] = useState<Option[]>([])
  useEffect(() => {
    if (filter || !visits.data) return
    const byId = new Map<string, string>()
    for (const v of visits.data) if (!byId.has(v.enterpriseId)) byId.set(v.enterpriseId, v.enterpriseName)
    setSeen([...byId].map(([id, name]) => ({ id, name })))
  }, [filter, visits.data])
  usePullDownRefresh(() => {
    void Promise.all([visits.reload(), secretary ? week.reload() : Promise.resolve()]).finally(() => void Taro.stopPullDownRefresh())
  })

  const options: Option[] = useMemo(() => {
    const list = secretary && mine.data ? mine.data.map((e) => ({ id: e.enterpriseId, name: e.name })) : seen
    // the enterprise in the link stays pickable even before its name is known
    return filter && !list.some((o) => o.id === filter) ? [...list, { id: filter, name: visits.data?.[0]?.enterpriseName ?? '所选企业' }] : list
  }, [secretary, mine.data, seen, filter, visits.data])

  const header = (
    <PageHeader
      title='走访记录'
      subtitle={district && !secretary ? '全区第一书记的企业走访情况' : '我的企业走访，最新的在前'}
      extra={
        secretary ? (
          <View className='sec-btn sec-btn--primary sec-btn--small' role='button' onClick={() => void Taro.navigateTo({ url: logVisitUrl(filter || undefined) })} data-testid='new-visit'>
            <Text>记录走访</Text>
          </View>
        ) : undefined
      }
    />
  )
  if (!session || !allowed) {
    return (
      <View className='page sec-page'>
        {header}
        <Refusal
          signedIn={!!session}
          title={session ? '当前身份无权查看走访记录' : '请先登录'}
          description='走访记录对第一书记（本人的走访）和区委社会工作部调度员、管理员（全区）开放。请在「我的」切换身份登录。'
        />
      </View>
    )
  }
  if (isRefusal(visits.error)) {
    return (
      <View className='page sec-page'>
        {header}
        <Refusal title={visits.error.message} />
      </View>
    )
  }

  const list = [...(visits.data ?? [])].sort(newestFirst)
  const filterName = options.find((o) => o.id === filter)?.name
  return (
    <View className='page sec-page'>
      {header}
      {secretary && !isRefusal(week.error) && <WeekCard week={week} />}
      {options.length > 1 || filter ? (
        <ScrollView scrollX className='sec-filter' data-testid='visit-filter'>
          <View className={`sec-chip${!filter ? ' sec-chip--on' : ''}`} role='button' aria-pressed={!filter} onClick={() => setFilter('')} data-testid='filter-all'>
            <Text>全部企业</Text>
          </View>
          {options.map((o) => (
            <View
              key={o.id}
              className={`sec-chip${filter === o.id ? ' sec-chip--on' : ''}`}
              role='button'
              aria-pressed={filter === o.id}
              onClick={() => setFilter(o.id)}
              data-testid='filter-enterprise'
            >
              <Text>{o.name}</Text>
            </View>
          ))}
        </ScrollView>
      ) : null}
      <StateView
        loading={visits.loading}
        loadingText='正在读取走访记录…'
        error={visits.error}
        onRetry={() => void visits.reload()}
        empty={!!visits.data && list.length === 0}
        emptyTitle={filter ? `${filterName ?? '这家企业'}还没有走访记录` : '还没有走访记录'}
        emptyDescription={
          secretary
            ? '到企业走访后，点“记录走访”写下情况，可附现场照片和位置；记录会计入每周小结。'
            : '第一书记记录的企业走访会在这里汇总。'
        }
        emptyAction={secretary ? { text: '记录走访', onClick: () => void Taro.navigateTo({ url: logVisitUrl(filter || undefined) }) } : undefined}
      >
        <View className='section-title'>
          <Text>{filterName ?? '全部企业'}</Text>
          <Text className='section-title__extra' data-testid='visit-count'>
            共 {list.length} 次
          </Text>
        </View>
        {list.map((v) => (
          <VisitCard key={v.id} visit={v} showSecretary={!secretary} />
        ))}
      </StateView>
    </View>
  )
}

export default VisitList
