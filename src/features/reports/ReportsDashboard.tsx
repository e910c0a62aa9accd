import { useMemo, useState } from 'react'
import { View, Text, Picker } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { FigureRow, FiguresGroupBy, FiguresReport } from '@contract/reports'
import type { FiguresInput } from '@contract/schemas'
import type { RoleGrant } from '@contract/roles'
import { call, CloudError } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { TAB } from '@/utils/routes'
import { DEFINITIONS, RATES, isEmptyRow, percent, tone, type RateSpec } from './figures'
import { currentMonth, monthLabel, pickableMonths, shiftMonth } from './month'
import { saveExportedFile } from '@/services/download'
import './styles.css'

const TABS: readonly { key: FiguresGroupBy; label: string; first: string }[] = [
  { key: 'department', label: '按部门', first: '部门' },
  { key: 'chain', label: '按产业链', first: '产业链' },
  { key: 'month', label: '按月', first: '月份' }
]

/** Who may read figures: the district (dispatcher, admin) or their own department(s) (handler). */
function audienceOf(roles: readonly RoleGrant[] | undefined): { allowed: boolean; scope: string } {
  const list = roles ?? []
  if (list.some((g) => g.role === 'dispatcher' || g.role === 'admin')) return { allowed: true, scope: '全区' }
  const departments = list.filter((g) => g.role === 'handler').map((g) => g.scopeName ?? g.scopeId ?? '')
  return departments.length ? { allowed: true, scope: departments.filter(Boolean).join('、') || '本部门' } : { allowed: false, scope: '' }
}

function inputFor(groupBy: FiguresGroupBy, month: string): FiguresInput {
  // 按月: the trend of the 12 months up to the chosen one
  return groupBy === 'month' ? { groupBy, from: shiftMonth(month, -11), to: month } : { groupBy, from: month, to: month }
}

function RateBar({ spec, row }: { spec: RateSpec; row: FigureRow }) {
  const value = row[spec.key]
  const t = tone(value)
  return (
    <View className='rp-rate' data-testid={`rate-${spec.key}`}>
      <Text className='rp-rate__name'>{spec.name}</Text>
      <View className='rp-rate__track' aria-hidden>
        {value !== null && <View className={`rp-rate__fill rp-rate__fill--${t}`} style={{ width: `${Math.max(value * 100, value > 0 ? 2 : 0)}%` }} />}
      </View>
      <Text className={`rp-rate__value rp-rate__value--${t}`}>{percent(value)}</Text>
    </View>
  )
}

function Counts({ row }: { row: FigureRow }) {
  return (
    <View className='rp-counts'>
      <Text className='rp-count' data-testid='accept-decided'>
        应签收 {row.acceptDecided}
      </Text>
      <Text className={`rp-count${row.overdue ? ' rp-count--alert' : ''}`} data-testid='overdue'>
        超期督办 {row.overdue}
      </Text>
      <Text className={`rp-count${row.returns ? ' rp-count--warn' : ''}`} data-testid='returns'>
        退单 {row.returns}
      </Text>
      <Text className='rp-count'>重办 {row.reopened}</Text>
      <Text className='rp-count'>{row.averageRating === null ? '平均评分 —' : `平均 ${row.averageRating.toFixed(1)} 星`}</Text>
    </View>
  )
}

/** The total of the period: the three rates large, with what they were computed from. */
function Summary({ total, title }: { total: FigureRow; title: string }) {
  return (
    <View className='card rp-summary' data-testid='summary'>
      <Text className='rp-summary__title'>{title}</Text>
      <View className='rp-summary__rates'>
        {RATES.map((spec) => {
          const value = total[spec.key]
          return (
            <View key={spec.key} className='rp-tile' data-testid={`total-${spec.key}`}>
              <Text className='rp-tile__name'>{spec.name}</Text>
              <Text className={`rp-tile__value rp-tile__value--${tone(value)}`}>{percent(value)}</Text>
              <Text className='rp-tile__basis'>{spec.basis(total)}</Text>
            </View>
          )
        })}
      </View>
      <View className='rp-summary__counts'>
        <Text>已派单 {total.routed}</Text>
        <Text data-testid='total-accept-decided'>应签收 {total.acceptDecided}</Text>
        <Text className={total.overdue ? 'rp-summary__alert' : ''}>超期督办 {total.overdue}</Text>
        <Text className={total.returns ? 'rp-summary__warn' : ''}>退单 {total.returns}</Text>
        <Text>重办 {total.reopened}</Text>
      </View>
    </View>
  )
}

/** The counts as table columns on a PC (short headers: the 指标说明 below spells them out). */
const NUMBER_COLUMNS: readonly { name: string; value: (r: FigureRow) => string; tone: (r: FigureRow) => 'alert' | 'warn' | '' }[] = [
  { name: '超期', value: (r) => String(r.overdue), tone: (r) => (r.overdue ? 'alert' : '') },
  { name: '退单', value: (r) => String(r.returns), tone: (r) => (r.returns ? 'warn' : '') },
  { name: '重办', value: (r) => String(r.reopened), tone: () => '' },
  { name: '评分', value: (r) => (r.averageRating === null ? '—' : r.averageRating.toFixed(1)), tone: () => '' }
]

function Rows({ report, first }: { report: FiguresReport; first: string }) {
  // newest month first; departments and chains in the server's order (busiest first)
  const rows = report.groupBy === 'month' ? [...report.rows].reverse() : report.rows
  return (
    <View className='rp-table' data-testid='rows'>
      <View className='rp-table__head'>
        <Text className='rp-col rp-col--label'>{first}</Text>
        <Text className='rp-col rp-col--routed'>已派单</Text>
        <Text className='rp-col rp-col--routed'>应签收</Text>
        {RATES.map((r) => (
          <Text key={r.key} className='rp-col rp-col--rate'>
            {r.name}
          </Text>
        ))}
        {NUMBER_COLUMNS.map((c) => (
          <Text key={c.name} className='rp-col rp-col--num'>
            {c.name}
          </Text>
        ))}
      </View>
      {rows.map((row) => (
        <View key={row.key || '_none'} className={`rp-row${isEmptyRow(row) ? ' rp-row--quiet' : ''}`} data-testid='row' data-key={row.key}>
          <View className='rp-row__head rp-col rp-col--label'>
            <Text className='rp-row__label'>{row.label}</Text>
            <Text className='rp-row__routed'>已派单 {row.routed}</Text>
          </View>
          <Text className='rp-col rp-col--routed rp-row__routed-col'>{row.routed}</Text>
          {/* 响应率's denominator: accepted, or past the accept deadline unaccepted (a chip on a phone) */}
          <Text className='rp-col rp-col--routed rp-row__n' data-testid='accept-decided-col'>
            {row.acceptDecided}
          </Text>
          {RATES.map((spec) => (
            <View key={spec.key} className='rp-col rp-col--rate'>
              <RateBar spec={spec} row={row} />
            </View>
          ))}
          {/* on a PC: one column per count; on a phone: the chips below */}
          {NUMBER_COLUMNS.map((c) => (
            <Text key={c.name} className={`rp-col rp-col--num rp-row__n${c.tone(row) ? ` rp-row__n--${c.tone(row)}` : ''}`}>
              {c.value(row)}
            </Text>
          ))}
          <View className='rp-row__chips'>
            <Counts row={row} />
          </View>
        </View>
      ))}
    </View>
  )
}

function Definitions() {
  return (
    <View className='card rp-defs' data-testid='definitions'>
      <Text className='rp-defs__title'>指标说明</Text>
      {DEFINITIONS.map((d) => (
        <View key={d.name} className='rp-defs__item'>
          <Text className='rp-defs__name'>{d.name}</Text>
          <Text className='rp-defs__text'>{d.text}</Text>
        </View>
      ))}
    </View>
  )
}

/** 数据看板: 响应率, 解决率, 满意率, overdue and 退单 counts by department, chain and month; the monthly report. */
export function ReportsDashboard() {
  const session = useSession()
  const audience = audienceOf(session?.user.roles)
  const latest = useMemo(() => currentMonth(), [])
  const months = useMemo(() => pickableMonths(latest), [latest])
  const [month, setMonth] = useState(latest)
  const [groupBy, setGroupBy] = useState<FiguresGroupBy>('department')
  const [exporting, setExporting] = useState(false)
  const figures = useRemote(() => call('reports', 'figures', inputFor(groupBy, month)), [session?.token, month, groupBy], {
    enabled: audience.allowed,
    refreshOnShow: true
  })
  usePullDownRefresh(() => {
    void figures.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session || !audience.allowed) {
    return (
      <View className='page rp-page'>
        <PageHeader title='数据看板' subtitle='响应率、解决率、满意率与超期、退单' />
        <StateView
          empty
          emptyTitle={session ? '当前身份无权查看数据看板' : '请先登录'}
          emptyDescription='数据看板对调度员、管理员开放（全区数据），部门经办人可查看本部门的数据。请在「我的」切换身份登录。'
          emptyAction={{ text: '去「我的」', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }

  const exportReport = async () => {
    if (exporting) return
    setExporting(true)
    try {
      const file = await call('reports', 'exportMonthly', { month })
      const saved = await saveExportedFile(file)
      void Taro.showToast({ title: saved === 'downloaded' ? '月报已下载' : '月报已生成', icon: 'success' })
    } catch (e) {
      const message = e instanceof CloudError ? e.message : '导出失败，请稍后重试'
      void Taro.showToast({ title: message, icon: 'none' })
    } finally {
      setExporting(false)
    }
  }

  const tab = TABS.find((t) => t.key === groupBy) ?? TABS[0]
  const report = figures.data
  const period = groupBy === 'month' ? `${monthLabel(shiftMonth(month, -11))}—${monthLabel(month)}` : monthLabel(month)
  const index = Math.max(0, months.indexOf(month))
  const empty = !!report && report.rows.every(isEmptyRow)

  return (
    <View className='page rp-page'>
      <PageHeader
        title='数据看板'
        subtitle={`${audience.scope} · 诉求按提交月份（北京时间）统计`}
        extra={
          <View
            className={`rp-export${exporting ? ' rp-export--busy' : ''}`}
            role='button'
            aria-disabled={exporting}
            onClick={() => void exportReport()}
            data-testid='export'
          >
            <Text>{exporting ? '正在导出…' : '导出月报'}</Text>
          </View>
        }
      />

      <View className='rp-toolbar'>
        <View className='rp-month' data-testid='month-picker'>
          <Text
            className={`rp-month__step${index >= months.length - 1 ? ' rp-month__step--off' : ''}`}
            onClick={() => index < months.length - 1 && setMonth(months[index + 1])}
            data-testid='month-prev'
            aria-label='上个月'
          >
            ‹
          </Text>
          <Picker mode='selector' range={months.map(monthLabel)} value={index} onChange={(e) => setMonth(months[Number(e.detail.value)])} aria-label='统计月份'>
            <Text className='rp-month__label' data-testid='month-label'>
              {monthLabel(month)} ▾
            </Text>
          </Picker>
          <Text
            className={`rp-month__step${index === 0 ? ' rp-month__step--off' : ''}`}
            onClick={() => index > 0 && setMonth(months[index - 1])}
            data-testid='month-next'
            aria-label='下个月'
          >
            ›
          </Text>
        </View>
        <View className='rp-tabs' role='tablist'>
          {TABS.map((t) => (
            <View
              key={t.key}
              className={`rp-tabs__tab${t.key === groupBy ? ' rp-tabs__tab--on' : ''}`}
              role='tab'
              aria-selected={t.key === groupBy}
              data-testid={`tab-${t.key}`}
              onClick={() => t.key !== groupBy && setGroupBy(t.key)}
            >
              <Text>{t.label}</Text>
            </View>
          ))}
        </View>
      </View>

      <StateView
        loading={figures.loading}
        loadingText='正在统计…'
        error={figures.error}
        onRetry={() => void figures.reload()}
        empty={empty}
        emptyTitle={`${period}没有诉求数据`}
        emptyDescription='这段时间没有派单、评价或退单。换一个月份看看；新提交的诉求派单后就会计入。'
        emptyAction={index < months.length - 1 ? { text: '看上个月', onClick: () => setMonth(months[index + 1]) } : undefined}
      >
        {report && (
          <>
            <Summary total={report.total} title={`${period} · ${audience.scope}`} />
            <View className='section-title'>
              <Text>{tab.label}</Text>
              <Text className='section-title__extra'>共 {report.rows.length} 项</Text>
            </View>
            <Rows report={report} first={tab.first} />
          </>
        )}
      </StateView>
      <Definitions />
    </View>
  )
}
