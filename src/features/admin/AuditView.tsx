import { useEffect, useState } from 'react'
import { View, Text, ScrollView } from '@tarojs/components'
import Taro, { usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { AUDIT_SUBJECTS, type AuditEntry, type AuditSubject } from '@contract/admin'
import { call, toCloudError } from '@/services/cloud'
import { hasRole } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { SUBJECT_LABELS, type NameLookup } from './audit-labels'
import { useOptionLists } from './useOptionLists'
import type { OptionSource } from './console-types'
import { AuditEntryCard } from './AuditEntryCard'
import { ConsoleNav } from './ConsoleNav'
import { ConsoleRefusal } from './ConsoleRefusal'
import { ExportButtons } from './ExportButtons'
import { Btn } from './parts'
import './styles.css'
import './console.css'

/** Records whose ids an entry may hold (a chain, a town, a station's manager): shown by name in the diff. */
const NAMED: OptionSource[] = ['departments', 'towns', 'chains', 'enterprises', 'stations', 'people']

/** Entries per page: a day's work for a busy administrator, small enough to come quickly. */
export const AUDIT_PAGE = 30

interface More {
  entries: AuditEntry[]
  loading: boolean
  error: string | null
  /** Older pages fetched so far. */
  pages: number
  /** The last page came short: there is nothing older. */
  done: boolean
}

const NO_MORE: More = { entries: [], loading: false, error: null, pages: 0, done: false }

/** packages/admin/audit: 操作日志 — who changed what and when, newest first, by type, page after page. */
export function AuditView() {
  const session = useSession()
  const admin = hasRole(session?.user, 'admin')
  const [subject, setSubject] = useState<AuditSubject | ''>('')
  const first = useRemote(() => call('admin', 'audit', { ...(subject ? { subject } : {}), limit: AUDIT_PAGE }), [subject, session?.token], {
    enabled: admin,
    refreshOnShow: true
  })
  const options = useOptionLists(NAMED, admin)
  const names: NameLookup = (source, id) => options.lists[source]?.find((o) => o.value === id)?.label ?? null
  const [more, setMore] = useState<More>(NO_MORE)
  // a new first page (another type, or a refresh) starts the paging again
  useEffect(() => setMore(NO_MORE), [first.data])

  const entries = [...(first.data ?? []), ...more.entries]
  const exhausted = more.pages ? more.done : (first.data?.length ?? 0) < AUDIT_PAGE

  const loadMore = async () => {
    const oldest = entries[entries.length - 1]
    if (!oldest || more.loading || exhausted) return
    setMore((m) => ({ ...m, loading: true, error: null }))
    try {
      const page = await call('admin', 'audit', { ...(subject ? { subject } : {}), before: oldest.id, limit: AUDIT_PAGE })
      setMore((m) => ({ entries: [...m.entries, ...page], loading: false, error: null, pages: m.pages + 1, done: page.length < AUDIT_PAGE }))
    } catch (e) {
      setMore((m) => ({ ...m, loading: false, error: toCloudError(e).message }))
    }
  }
  useReachBottom(() => void loadMore())
  usePullDownRefresh(() => {
    void first.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  const title = '操作日志'
  const subtitle = '谁在何时改了什么：基础数据、角色、邀请码与派单设置的每一次改动，新的在前'
  if (!session || !admin || first.error?.code === 'FORBIDDEN') {
    return (
      <View className='page adm-page adc-page'>
        <PageHeader title={title} subtitle={subtitle} />
        <ConsoleRefusal signedIn={!!session} />
      </View>
    )
  }

  return (
    <View className='page adm-page adc-page'>
      <ConsoleNav current='audit' />
      <PageHeader title={title} subtitle={subtitle} />
      <View className='adc-bar'>
        <ScrollView scrollX className='adc-filter-scroll'>
          <View className='adm-chips adc-filter' role='radiogroup' aria-label='按类型筛选'>
            {(['', ...AUDIT_SUBJECTS] as (AuditSubject | '')[]).map((s) => (
              <View
                key={s || 'all'}
                className={`adm-chip adc-chip${subject === s ? ' adm-chip--on' : ''}`}
                role='radio'
                aria-checked={subject === s}
                data-testid={`subject-${s || 'all'}`}
                onClick={() => setSubject(s)}
              >
                <Text>{s ? SUBJECT_LABELS[s] : '全部类型'}</Text>
              </View>
            ))}
          </View>
        </ScrollView>
        <ExportButtons entity='audit' what='操作日志' />
      </View>
      <StateView
        loading={first.loading}
        loadingText='正在读取操作日志…'
        error={first.error}
        onRetry={() => void first.reload()}
        empty={!!first.data && entries.length === 0}
        emptyTitle={subject ? `还没有“${SUBJECT_LABELS[subject]}”的操作记录` : '还没有操作记录'}
        emptyDescription='在管理后台新增、修改、删除、导入数据，授予或收回角色，签发邀请码，或修改派单规则与时限后，每一次改动都会记在这里，包括改前和改后的内容。'
      >
        <View data-testid='audit-list'>
          {entries.map((e) => (
            <AuditEntryCard key={e.id} entry={e} names={names} />
          ))}
        </View>
        {entries.length > 0 && (
          <View className='adc-more'>
            {more.error && (
              <Text className='adm-field__error' data-testid='more-error'>
                {more.error}
              </Text>
            )}
            {exhausted ? (
              <Text className='adc-more__end' data-testid='audit-end'>
                已显示全部 {entries.length} 条
              </Text>
            ) : (
              <Btn kind='plain' onClick={() => void loadMore()} busy={more.loading} testId='load-more'>
                {more.loading ? '正在读取…' : more.error ? '重试' : '加载更早的记录'}
              </Btn>
            )}
          </View>
        )}
      </StateView>
    </View>
  )
}

export default AuditView
