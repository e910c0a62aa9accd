import { useCallback, useEffect, useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { ROLE_LABELS } from '@contract/roles'
import { call, MAYBE_STORED, newRequestId, toCloudError } from '@/services/cloud'
import { hasRole } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView, type StateViewProps } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import type { CellContext, Draft, EntityDef, ListQuery, OptionSource } from './console-types'
import { useOptionLists } from './useOptionLists'
import { useDebounced } from './useDebounced'
import { ConsoleNav } from './ConsoleNav'
import { ConsoleRefusal } from './ConsoleRefusal'
import { ExportButtons } from './ExportButtons'
import { ListCount, ListToolbar } from './ListToolbar'
import { RecordTable, type RowState } from './RecordTable'
import { RecordForm } from './RecordForm'
import { Btn } from './parts'

interface Editing<R> {
  record: R | null
  draft: Draft
}

/** The page title: people come with their roles. */
export const listTitle = (def: { entity: string; noun: string }) => (def.entity === 'people' ? '人员与角色' : def.noun)

/**
 * One list of the console: search, the list's filter, the table, 新增/编辑 in a panel, 删除 after
 * confirming (the server's reason shown in the row when it refuses), and 导出. `openId` opens one record.
 */
export function EntityList<R extends { id: string }>({ def, openId }: { def: EntityDef<R>; openId?: string }) {
  const session = useSession()
  const admin = hasRole(session?.user, 'admin')
  const [query, setQuery] = useState<ListQuery>({ q: '', stationId: '', role: '' })
  const typed = useDebounced(query.q.trim(), 300)
  // lists the server cannot search are filtered here, so their search is not sent
  const serverQ = def.matches ? '' : typed
  const list = useRemote(() => def.load({ ...query, q: serverQ }), [serverQ, query.stationId, query.role, session?.token], {
    enabled: admin,
    refreshOnShow: true
  })
  const sources: OptionSource[] = def.filter === 'station' && !def.sources.includes('stations') ? [...def.sources, 'stations'] : def.sources
  const options = useOptionLists(sources, admin)
  const [editing, setEditing] = useState<Editing<R> | null>(null)
  const [rowState, setRowState] = useState<RowState>({ removing: null, errors: {}, fresh: null })
  const removeIds = useRef(new Map<string, string>())
  const opened = useRef(false)
  usePullDownRefresh(() => {
    void Promise.all([list.reload(), options.remote.refresh()]).finally(() => void Taro.stopPullDownRefresh())
  })

  // a new search shows the last rows (dimmed) until its answer comes, instead of a blank page per keystroke
  const last = useRef<R[] | undefined>(undefined)
  if (list.data) last.current = list.data
  const data = list.data ?? (list.loading ? last.current : undefined)
  const q = query.q.trim()
  const rows = data && def.matches && q ? data.filter((r) => def.matches?.(r, q)) : data

  const replace = useCallback(
    (record: R) => {
      const current = list.data ?? []
      list.mutate(current.some((r) => r.id === record.id) ? current.map((r) => (r.id === record.id ? record : r)) : [record, ...current])
    },
    [list]
  )
  const ctx: CellContext<R> = { nameOf: options.nameOf, replace }

  const startEdit = useCallback(
    (record: R | null) => {
      setEditing({ record, draft: record ? def.toDraft(record) : def.blank(query) })
    },
    [def, query]
  )

  // the page config can only say 基础数据: the title bar (and the browser's tab) names the list
  useEffect(() => {
    Taro.setNavigationBarTitle?.({ title: listTitle(def) })?.catch(() => undefined)
  }, [def])

  // opened on one record (from 操作日志): its editor once the list is in
  useEffect(() => {
    if (opened.current || !openId || !list.data) return
    opened.current = true
    const found = list.data.find((r) => r.id === openId)
    if (!found) {
      void Taro.showToast({ title: '没有找到这条记录，可能已删除', icon: 'none' })
      return
    }
    setRowState((s) => ({ ...s, fresh: found.id }))
    if (!def.locked?.(found)) startEdit(found)
  }, [openId, list.data, def, startEdit])

  const onSaved = (saved: R, created: boolean) => {
    setEditing(null)
    replace(saved)
    setRowState((s) => ({ ...s, fresh: saved.id }))
    void Taro.showToast({ title: created ? '已新增' : '已保存', icon: 'success' })
    void list.refresh()
  }

  const remove = async (record: R) => {
    if (rowState.removing) return
    const answer = await Taro.showModal({
      title: `删除这个${def.noun}？`,
      content: `“${def.title(record)}”将被删除，不能恢复。如果它仍被其他数据使用，系统会拒绝删除并说明原因。`,
      confirmText: '删除',
      confirmColor: '#c8161d',
      cancelText: '不删除'
    })
    if (!answer.confirm) return
    const requestId = removeIds.current.get(record.id) ?? newRequestId()
    removeIds.current.set(record.id, requestId)
    setRowState((s) => ({ ...s, removing: record.id, errors: { ...s.errors, [record.id]: '' } }))
    try {
      await call('admin', 'remove', { entity: def.entity, id: record.id }, { requestId })
      removeIds.current.delete(record.id)
      list.mutate((list.data ?? []).filter((r) => r.id !== record.id))
      setRowState((s) => ({ ...s, removing: null }))
      void Taro.showToast({ title: '已删除', icon: 'success' })
      void list.refresh()
    } catch (e) {
      const err = toCloudError(e)
      if (!MAYBE_STORED.has(err.code)) removeIds.current.delete(record.id)
      setRowState((s) => ({ ...s, removing: null, errors: { ...s.errors, [record.id]: err.message } }))
      if (err.code === 'NOT_FOUND') void list.refresh()
    }
  }

  const header = <PageHeader title={listTitle(def)} subtitle={def.description} extra={admin && <Btn onClick={() => startEdit(null)} testId='add-record'>{`新增${def.noun}`}</Btn>} />
  if (!session || !admin || list.error?.code === 'FORBIDDEN') {
    return (
      <View className='page adm-page adc-page'>
        <PageHeader title={listTitle(def)} subtitle={def.description} />
        <ConsoleRefusal signedIn={!!session} />
      </View>
    )
  }

  const stationName = query.stationId ? options.nameOf('stations', query.stationId) : ''
  let empty: Pick<StateViewProps, 'emptyTitle' | 'emptyDescription' | 'emptyAction'>
  if (q) {
    empty = { emptyTitle: `没有找到含“${q}”的${def.noun}`, emptyDescription: '换个关键词试试，或清除搜索查看全部。', emptyAction: { text: '清除搜索', onClick: () => setQuery((s) => ({ ...s, q: '' })) } }
  } else if (query.role) {
    empty = {
      emptyTitle: `还没有人担任${ROLE_LABELS[query.role]}`,
      emptyDescription: '可以在“全部人员”中找到此人后授予角色，或在“邀请码”中签发邀请码，由对方自行开通。',
      emptyAction: { text: '查看全部人员', onClick: () => setQuery((s) => ({ ...s, role: '' })) }
    }
  } else {
    empty = {
      emptyTitle: stationName ? `${stationName}还没有${def.noun}` : `还没有${def.noun}`,
      emptyDescription: def.emptyDescription,
      emptyAction: { text: `新增${def.noun}`, onClick: () => startEdit(null) }
    }
  }
  const listState = { loading: options.remote.loading, failed: options.remote.error?.message, onRetry: () => void options.remote.reload() }

  return (
    <View className='page adm-page adc-page'>
      <ConsoleNav current={def.entity} />
      {header}
      <View className='adc-bar'>
        <ListToolbar
          def={def}
          query={query}
          onQuery={(change) => setQuery((s) => ({ ...s, ...change }))}
          stations={options.lists.stations ?? []}
          stationState={listState}
        />
        <View className='adc-bar__end'>
          <ListCount count={rows ? rows.length : null} unit={def.unit} searching={!!q} />
          <ExportButtons entity={def.entity} what={def.noun} />
        </View>
      </View>
      {options.remote.error && (
        <View className='adm-alert adc-notice' data-testid='options-failure'>
          <Text className='adm-alert__title'>部分名称未能读取：{options.remote.error.message}</Text>
          <Text className='link' onClick={() => void options.remote.reload()}>
            重试
          </Text>
        </View>
      )}
      <View className={list.loading && rows ? 'adc-dim' : ''}>
        <StateView
          loading={list.loading && !rows}
          loadingText={`正在读取${def.noun}…`}
          error={list.error}
          onRetry={() => void list.reload()}
          empty={!!rows && rows.length === 0}
          {...empty}
        >
          {rows && rows.length > 0 && (
            <RecordTable def={def} rows={rows} ctx={ctx} state={rowState} onEdit={startEdit} onRemove={(r) => void remove(r)} />
          )}
        </StateView>
      </View>
      {editing && (
        <RecordForm
          def={def}
          record={editing.record}
          initial={editing.draft}
          lists={options.lists}
          listState={listState}
          onSaved={onSaved}
          onClose={() => setEditing(null)}
        />
      )}
    </View>
  )
}
