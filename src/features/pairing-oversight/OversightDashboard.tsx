import { useMemo, useState, type ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { activityTypeLabel, phaseLabel, type Oversight, type OversightRow } from '@contract/pairings'
import { call, CloudError } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { PAGE, pairingDetailUrl } from '@/utils/routes'
import { formatDate } from '@/utils/date'
import { isDistrict, isRefusal } from './access'
import { saveExportedFile } from '@/services/download'
import { Refusal } from './Refusal'
import { REQUIRED, shortLabel } from './types'
import { currentYear, pickableYears, yearElapsed } from './years'
import { YearPicker } from './YearPicker'
import './styles.css'

type SortKey = 'default' | 'completion' | 'inactivity'

const percent = (v: number | null) => (v === null ? '未定计划' : `${Math.round(v * 100)}%`)

/** Against the pace of the year: on pace (good), half of it (fair), behind (poor); none without a plan. */
function tone(completion: number | null, pace: number): 'good' | 'fair' | 'poor' | 'none' {
  if (completion === null) return 'none'
  if (completion >= pace - 0.001) return 'good'
  return completion >= pace / 2 ? 'fair' : 'poor'
}

const byCompletion = (dir: 1 | -1) => (a: OversightRow, b: OversightRow) => {
  // pairs without a plan last, whichever way
  if (a.completion === null || b.completion === null) return a.completion === null ? (b.completion === null ? 0 : 1) : -1
  return dir * (a.completion - b.completion)
}

/** Inactive first; then the longest without an activity (never counts as longest). */
const byInactivity = (a: OversightRow, b: OversightRow) => {
  if (a.inactive !== b.inactive) return a.inactive ? -1 : 1
  const at = a.lastActivityOn ?? ''
  const bt = b.lastActivityOn ?? ''
  return at.localeCompare(bt)
}

function Totals({ data }: { data: Oversight }) {
  const t = data.totals
  const tiles = [
    { key: 'pairs', name: '结对', value: t.pairs, unit: '对' },
    { key: 'activities', name: '共建活动', value: t.activities, unit: '次' },
    { key: 'attendance', name: '签到', value: t.attendance, unit: '人次' },
    { key: 'solved', name: '解决问题', value: t.problemsSolved, unit: '件' },
    { key: 'inactive', name: '60 天未活动', value: t.inactive, unit: '对', alert: t.inactive > 0 }
  ]
  return (
    <View className='card po-totals' data-testid='totals'>
      {tiles.map((tile) => (
        <View key={tile.key} className={`po-tile${tile.alert ? ' po-tile--alert' : ''}`} data-testid={`total-${tile.key}`}>
          <Text className='po-tile__name'>{tile.name}</Text>
          <Text className='po-tile__value'>{tile.value}</Text>
          <Text className='po-tile__unit'>{tile.unit}</Text>
        </View>
      ))}
    </View>
  )
}

/** 青蓝 mentoring pairs have no annual plan by design: they say so instead of 未定计划. */
function CompletionBar({ value, pace, planned = true }: { value: number | null; pace: number; planned?: boolean }) {
  const t = tone(value, pace)
  return (
    <View className='po-bar' data-testid='completion'>
      <View className='po-bar__track' aria-hidden>
        {value !== null && <View className={`po-bar__fill po-bar__fill--${t}`} style={{ width: `${Math.min(100, Math.max(value * 100, value > 0 ? 2 : 0))}%` }} />}
      </View>
      <Text className={`po-bar__value po-bar__value--${t}`}>{planned ? percent(value) : '不设计划'}</Text>
    </View>
  )
}

function Row({ row, pace }: { row: OversightRow; pace: number }) {
  const meta = [row.kind === 'mentoring' ? '青蓝结对' : '政企结对', phaseLabel(row.phase), row.chainName].filter(Boolean).join(' · ')
  // 自选动作 and 青蓝结对交流 have no column of their own: 其他 makes the row add up to 合计
  const other = row.activities - REQUIRED.reduce((n, t) => n + (row.activitiesByType[t] ?? 0), 0)
  return (
    <View className={`po-row${row.inactive ? ' po-row--inactive' : ''}`} data-testid='pair-row' data-id={row.pairingId} data-inactive={row.inactive}>
      <View className='po-col po-col--title'>
        <Text className='po-row__title' onClick={() => void Taro.navigateTo({ url: pairingDetailUrl(row.pairingId) })}>
          {row.title}
        </Text>
        <Text className='po-row__meta'>{meta}</Text>
        {row.inactive && (
          <Text className='po-flag' data-testid='inactive-flag'>
            60 天未活动
          </Text>
        )}
      </View>
      <View className='po-row__types'>
        {REQUIRED.map((type) => {
          const n = row.activitiesByType[type] ?? 0
          return (
            <View key={type} className={`po-col po-col--num po-type${n ? '' : ' po-type--zero'}`} data-testid={`type-${type}`}>
              <Text className='po-type__label'>{shortLabel(type)}</Text>
              <Text className='po-type__value'>{n}</Text>
            </View>
          )
        })}
        <View className={`po-col po-col--num po-type${other ? '' : ' po-type--zero'}`} data-testid='type-other'>
          <Text className='po-type__label'>其他</Text>
          <Text className='po-type__value'>{other}</Text>
        </View>
        <View className='po-col po-col--num po-type po-type--total' data-testid='activities'>
          <Text className='po-type__label'>合计</Text>
          <Text className='po-type__value'>{row.activities}</Text>
        </View>
      </View>
      <View className='po-col po-col--bar'>
        <Text className='po-row__caption'>计划完成率</Text>
        <CompletionBar value={row.completion} pace={pace} planned={row.kind === 'branch'} />
      </View>
      <View className='po-row__facts'>
        <View className='po-col po-col--num po-fact' data-testid='solved'>
          <Text className='po-fact__label'>解决问题</Text>
          <Text className='po-fact__value'>{row.problemsSolved}</Text>
        </View>
        <View className='po-col po-col--num po-fact' data-testid='attendance'>
          <Text className='po-fact__label'>签到人次</Text>
          <Text className='po-fact__value'>{row.attendance}</Text>
        </View>
        <View className={`po-col po-col--date po-fact${row.inactive ? ' po-fact--alert' : ''}`} data-testid='last-activity'>
          <Text className='po-fact__label'>最近活动</Text>
          <Text className='po-fact__value'>{row.lastActivityOn ? formatDate(row.lastActivityOn) : '尚无活动'}</Text>
        </View>
      </View>
    </View>
  )
}

function Table({ rows, pace }: { rows: OversightRow[]; pace: number }) {
  return (
    <View className='po-table' data-testid='pairs'>
      <View className='po-table__head'>
        <Text className='po-col po-col--title'>结对</Text>
        <View className='po-row__types'>
          {REQUIRED.map((type) => (
            <Text key={type} className='po-col po-col--num' aria-label={activityTypeLabel(type)}>
              {shortLabel(type)}
            </Text>
          ))}
          <Text className='po-col po-col--num' aria-label='自选动作与青蓝结对交流'>
            其他
          </Text>
          <Text className='po-col po-col--num'>合计</Text>
        </View>
        <Text className='po-col po-col--bar'>计划完成率</Text>
        <View className='po-row__facts'>
          <Text className='po-col po-col--num'>解决问题</Text>
          <Text className='po-col po-col--num'>签到人次</Text>
          <Text className='po-col po-col--date'>最近活动</Text>
        </View>
      </View>
      {rows.map((row) => (
        <Row key={row.pairingId} row={row} pace={pace} />
      ))}
    </View>
  )
}

const NOTES = [
  { name: '计划完成率', text: '六类规定动作按年度计划（区默认计划或结对自己的计划）计，每类超出计划的次数不计入；未定计划的结对不计算。颜色对照时间进度：跟上进度为绿，不到一半为红。' },
  { name: '60 天未活动', text: '最近 60 天没有记录任何共建活动（含自选动作），或从未记录活动。' },
  { name: '签到人次', text: '党员在活动现场扫码签到的人次，由系统统计，不可手填。' },
  { name: '解决问题', text: '结对在活动中梳理提出、或机关部门为结对企业办理，并经企业确认解决的诉求数。' }
]

/** packages/pairing-oversight/dashboard: 结对共建督导 — every pair's activities, plan completion, problems solved, attendance. */
export function OversightDashboard() {
  const session = useSession()
  const allowed = isDistrict(session?.user)
  const latest = useMemo(() => currentYear(), [])
  const years = useMemo(() => pickableYears(latest), [latest])
  const [year, setYear] = useState(latest)
  const [sort, setSort] = useState<SortKey>('default')
  const [ascending, setAscending] = useState(true)
  const [exporting, setExporting] = useState(false)
  const oversight = useRemote(() => call('pairings', 'oversight', { year }), [session?.token, year], { enabled: allowed, refreshOnShow: true })
  usePullDownRefresh(() => {
    void oversight.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const rows = useMemo(() => {
    const list = [...(oversight.data?.rows ?? [])]
    if (sort === 'completion') list.sort(byCompletion(ascending ? 1 : -1))
    else if (sort === 'inactivity') list.sort(byInactivity)
    return list
  }, [oversight.data, sort, ascending])

  const header = (extra?: ReactNode) => <PageHeader title='结对共建督导' subtitle='各结对的共建活动、年度计划完成率、解决问题与签到' extra={extra} />
  if (!session || !allowed) {
    return (
      <View className='page po-page'>
        {header()}
        <Refusal signedIn={!!session} title={session ? '当前身份无权查看结对共建督导' : '请先登录'} />
      </View>
    )
  }
  if (isRefusal(oversight.error)) {
    return (
      <View className='page po-page'>
        {header()}
        <Refusal title={oversight.error.message} />
      </View>
    )
  }

  const exportExcel = async () => {
    if (exporting) return
    setExporting(true)
    try {
      const file = await call('pairings', 'exportOversight', { year })
      const saved = await saveExportedFile(file)
      void Taro.showToast({ title: saved === 'downloaded' ? '已下载 Excel' : 'Excel 已生成', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: e instanceof CloudError ? e.message : '导出失败，请稍后重试', icon: 'none' })
    } finally {
      setExporting(false)
    }
  }

  const pickSort = (key: SortKey) => {
    if (key === 'completion' && sort === 'completion') setAscending((a) => !a)
    else {
      setSort(key)
      setAscending(true)
    }
  }
  const pace = yearElapsed(year)
  const data = oversight.data
  const SORTS: { key: SortKey; label: string }[] = [
    { key: 'default', label: '默认顺序' },
    { key: 'completion', label: sort === 'completion' ? (ascending ? '完成率 低→高' : '完成率 高→低') : '按完成率' },
    { key: 'inactivity', label: '未活动在前' }
  ]

  return (
    <View className='page po-page'>
      {header(
        <View className={`po-btn po-btn--primary${exporting ? ' po-btn--busy' : ''}`} role='button' aria-disabled={exporting} onClick={() => void exportExcel()} data-testid='export'>
          <Text>{exporting ? '正在导出…' : '导出 Excel'}</Text>
        </View>
      )}
      <View className='po-toolbar'>
        <YearPicker years={years} value={year} onChange={setYear} />
        <View className='po-btn' role='link' onClick={() => void Taro.navigateTo({ url: `${PAGE.pairingPlans}?year=${year}` })} data-testid='open-plans'>
          <Text>{year}年度计划 ›</Text>
        </View>
      </View>
      <StateView
        loading={oversight.loading}
        loadingText='正在统计各结对…'
        error={oversight.error}
        onRetry={() => void oversight.reload()}
        empty={!!data && data.rows.length === 0}
        emptyTitle={`${year}年没有结对`}
        emptyDescription='这一年没有处于结对期的政企结对或青蓝结对。结对名单由区委社会工作部录入；换一个年份看看。'
        emptyAction={year > years[years.length - 1] ? { text: '看上一年', onClick: () => setYear(year - 1) } : undefined}
      >
        {data && (
          <>
            <Totals data={data} />
            <View className='section-title'>
              <Text>各结对情况</Text>
              <View className='po-sorts' role='group' aria-label='排序'>
                {SORTS.map((s) => (
                  <View
                    key={s.key}
                    className={`po-sort${sort === s.key ? ' po-sort--on' : ''}`}
                    role='button'
                    aria-pressed={sort === s.key}
                    onClick={() => pickSort(s.key)}
                    data-testid={`sort-${s.key}`}
                  >
                    <Text>{s.label}</Text>
                  </View>
                ))}
              </View>
            </View>
            <Table rows={rows} pace={pace} />
          </>
        )}
      </StateView>
      <View className='card po-notes' data-testid='notes'>
        <Text className='po-notes__title'>指标说明</Text>
        {NOTES.map((n) => (
          <View key={n.name} className='po-notes__item'>
            <Text className='po-notes__name'>{n.name}</Text>
            <Text className='po-notes__text'>{n.text}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export default OversightDashboard
