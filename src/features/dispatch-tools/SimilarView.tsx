import { useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { categoryLabel } from '@contract/categories'
import type { ProblemSummary } from '@contract/problems'
import type { SimilarGroup } from '@contract/settings'
import { fieldErrors, LIMITS, mergeProblemsInput, type FieldErrors } from '@contract/schemas'
import { call, CloudError, newRequestId, toCloudError } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { StatusTag } from '@/components/StatusTag'
import { problemDetailUrl } from '@/utils/routes'
import { formatDate } from '@/utils/date'
import { Btn, EmptyState, useSubmit, FieldError, Help, MAYBE_STORED, NotAllowed, ToolsNav, canUse } from './common'
import './styles.css'

interface SimilarData {
  groups: SimilarGroup[]
  /** The problems named by the groups, as far as they could be read. */
  byId: Record<string, ProblemSummary>
}

/** The key of a group (its members do not change between loads unless the group does). */
export const groupKey = (g: SimilarGroup) => g.problemIds.join(',')

/**
 * The groups and the problems behind their ids: one `problems.list` for the newest 200, then
 * `problems.get` for any id it did not cover (older ones), four at a time.
 */
async function loadSimilar(): Promise<SimilarData> {
  const [groups, list] = await Promise.all([
    call('problems', 'similar', {}),
    // the titles are a help, not a must: the ids are shown if the list cannot be read
    call('problems', 'list', { limit: 200 }).catch((): ProblemSummary[] => [])
  ])
  const byId: Record<string, ProblemSummary> = {}
  for (const p of list) byId[p.id] = p
  const missing = [...new Set(groups.flatMap((g) => g.problemIds))].filter((id) => !byId[id])
  const worker = async () => {
    while (missing.length) {
      const id = missing.shift() as string
      try {
        byId[id] = await call('problems', 'get', { id })
      } catch {
        // shown by id
      }
    }
  }
  await Promise.all([worker(), worker(), worker(), worker()])
  return { groups, byId }
}

function MemberRow({
  id,
  problem,
  checked,
  onToggle
}: {
  id: string
  problem: ProblemSummary | undefined
  checked: boolean
  onToggle: () => void
}) {
  const open = () => void Taro.navigateTo({ url: problemDetailUrl(id) })
  return (
    <View className={`dt-member${checked ? ' dt-member--on' : ''}`} data-testid='member' data-id={id}>
      <View
        className={`dt-check${checked ? ' dt-check--on' : ''}`}
        role='checkbox'
        aria-checked={checked}
        aria-label={`选择 ${problem?.title ?? id}`}
        data-testid='member-check'
        onClick={onToggle}
      >
        <Text className='dt-check__mark'>{checked ? '✓' : ''}</Text>
      </View>
      <View className='dt-member__body' onClick={onToggle}>
        {problem ? (
          <>
            <Text className='dt-member__title'>{problem.title}</Text>
            <Text className='dt-member__enterprise'>{problem.enterpriseName}</Text>
            <Text className='dt-member__meta'>
              {categoryLabel(problem.category)} · {problem.leadDepartmentName ? `承办：${problem.leadDepartmentName}` : '待分派'} · {formatDate(problem.createdAt)}
            </Text>
          </>
        ) : (
          <Text className='dt-member__title dt-placeholder'>诉求 {id}（标题读取失败）</Text>
        )}
        <View className='dt-member__foot'>
          {problem && <StatusTag status={problem.status} />}
          <Text
            className='dt-member__open'
            onClick={(e) => {
              e.stopPropagation?.()
              open()
            }}
            data-testid='member-open'
          >
            {problem ? problem.number : '查看详情'} ›
          </Text>
        </View>
      </View>
    </View>
  )
}

function GroupCard({
  group,
  index,
  byId,
  chainName,
  selected,
  onSelect,
  onMerged
}: {
  group: SimilarGroup
  index: number
  byId: Record<string, ProblemSummary>
  chainName: string | null
  selected: string[]
  onSelect: (ids: string[]) => void
  onMerged: () => void
}) {
  const [title, setTitle] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const { busy: sending, run } = useSubmit()
  // one id per merge intent, kept across retries so a lost answer never merges twice
  const requestId = useRef<{ key: string; id: string } | null>(null)

  const all = group.problemIds
  const allOn = all.every((id) => selected.includes(id))
  const toggle = (id: string) => {
    setErrors((e) => {
      const next = { ...e }
      delete next.problemIds
      return next
    })
    onSelect(selected.includes(id) ? selected.filter((x) => x !== id) : all.filter((x) => x === id || selected.includes(x)))
  }
  const enterprises = new Set(selected.map((id) => byId[id]?.enterpriseId ?? id)).size

  const merge = () => {
    setFailure(null)
    const parsed = mergeProblemsInput.safeParse({ problemIds: selected, title })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setErrors({})
    // the same intent (same input) retried keeps its id, so a lost answer never does it twice
    const key = JSON.stringify(parsed.data)
    const rid = requestId.current?.key === key ? requestId.current.id : newRequestId()
    requestId.current = { key, id: rid }
    void run(async () => {
      try {
        const item = await call('problems', 'merge', parsed.data, { requestId: rid })
        requestId.current = null
        void Taro.showToast({ title: '已合并为链级问题', icon: 'success' })
        onMerged()
        void Taro.navigateTo({ url: problemDetailUrl(item.id) })
      } catch (e) {
        const err = toCloudError(e)
        if (!MAYBE_STORED.has(err.code)) requestId.current = null
        if (err.fields && Object.keys(err.fields).length) setErrors(err.fields)
        setFailure(err)
      }
    })
  }

  return (
    <View className='card dt-group' data-testid='similar-group' data-key={groupKey(group)}>
      <View className='dt-group__head'>
        <View className='dt-group__headline'>
          <Text className='dt-group__index'>第 {index + 1} 组</Text>
          <Text className='dt-group__count'>{group.enterprises} 家企业</Text>
          <Text className='dt-group__similarity'>相似度 {Math.round(group.similarity * 100)}%</Text>
        </View>
        <View className='dt-group__chips'>
          {chainName && <Text className='chip chip--red'>{chainName}</Text>}
          <Text className='chip'>{all.length} 条诉求</Text>
        </View>
      </View>
      <View className='dt-group__select'>
        <Text className='dt-action' onClick={() => onSelect(allOn ? [] : [...all])} data-testid='select-group'>
          {allOn ? '取消全选' : '全选本组'}
        </Text>
        <Text className='dt-group__picked'>{selected.length ? `已选 ${selected.length} 条 · ${enterprises} 家企业` : '勾选要合并的诉求'}</Text>
      </View>
      <View className='dt-members'>
        {all.map((id) => (
          <MemberRow key={id} id={id} problem={byId[id]} checked={selected.includes(id)} onToggle={() => toggle(id)} />
        ))}
      </View>
      {selected.length > 0 && (
        <View className='dt-merge' data-testid='merge-form'>
          <Text className='dt-field__label'>
            链级问题标题<Text className='dt-field__required'>*</Text>
          </Text>
          <Input
            className='dt-input'
            value={title}
            maxlength={LIMITS.titleMax + 20}
            placeholder='如：多家家电企业普工招聘难'
            onInput={(e) => {
              setTitle(e.detail.value)
              setErrors((x) => {
                const next = { ...x }
                delete next.title
                return next
              })
            }}
            aria-label='链级问题标题'
          />
          <FieldError message={errors.title} testId='error-title' />
          <FieldError message={errors.problemIds} testId='error-problemIds' />
          {failure && (
            <View className='dt-alert' data-testid='form-failure'>
              <Text>{failure.message}</Text>
              {MAYBE_STORED.has(failure.code) && <Text className='dt-alert__hint'>可直接再次合并，不会重复生成</Text>}
            </View>
          )}
          <Text className='dt-merge__note'>
            合并后：所选诉求离开各部门待办、停止计时和督办；生成的链级问题派给牵头部门统一办理，答复会送达每一家企业。
          </Text>
          <Btn block onClick={() => void merge()} disabled={sending}>
            {sending ? '正在合并…' : `合并为链级问题（${selected.length} 条）`}
          </Btn>
        </View>
      )}
    </View>
  )
}

/** 相似问题: problems several enterprises raised alike, merged into one chain-level item. */
export function SimilarView() {
  const session = useSession()
  const allowed = canUse(session?.user, 'similar')
  const data = useRemote(loadSimilar, [session?.token], { enabled: allowed, refreshOnShow: true })
  const chains = useRemote(() => call('catalog', 'bootstrap', {}).then((b) => b.chains), [], { enabled: allowed })
  const [selection, setSelection] = useState<{ key: string; ids: string[] }>({ key: '', ids: [] })
  usePullDownRefresh(() => {
    void data.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session || !allowed) {
    return (
      <NotAllowed
        title='相似问题'
        subtitle='多家企业反映的同类问题，合并后一次办好'
        signedIn={!!session}
        who='调度员'
        description='相似问题由调度员查看与合并：多家企业反映的同一问题合并为链级问题，牵头部门办一次、答复送达每家企业。请在「我的」以调度员身份登录。'
      />
    )
  }
  const groups = data.data?.groups ?? []
  const byId = data.data?.byId ?? {}
  const chainName = (id: string | null) => (id ? (chains.data?.find((c) => c.id === id)?.name ?? null) : null)
  return (
    <View className='page dt-page'>
      <PageHeader title='相似问题' subtitle='多家企业反映的同类问题，合并后一次办好' />
      <ToolsNav current='similar' user={session.user} />
      <Help testId='merge-help'>
        <Text className='dt-help__line'>
          这里按文字相似度，把近 90 天内不同企业反映、尚未办结的诉求分组（同一企业重复反映不算）。
        </Text>
        <Text className='dt-help__line'>
          <Text className='dt-help__strong'>合并为链级问题</Text>
          后，所选诉求离开各部门待办、停止计时与督办，详情中显示“已并入链级问题”；链级问题派给牵头部门统一办理，答复时每一家企业都会收到消息。
        </Text>
      </Help>
      <StateView
        loading={data.loading}
        loadingText='正在查找相似问题…'
        error={data.error}
        onRetry={() => void data.reload()}
      >
        {data.data && groups.length === 0 && (
          <EmptyState
            title='暂无相似问题'
            description='近 90 天内，没有两家以上企业反映文字相近、尚未办结的诉求。新的诉求提交后再来看看，下拉可刷新。'
            action={{ text: '刷新', onClick: () => void data.reload() }}
          />
        )}
        {groups.length > 0 && (
          <>
            <View className='section-title'>
              <Text>共 {groups.length} 组</Text>
              <Text className='section-title__extra'>企业多、相似度高的在前</Text>
            </View>
            <View className='dt-groups'>
              {groups.map((g, i) => {
                const key = groupKey(g)
                return (
                  <GroupCard
                    key={key}
                    group={g}
                    index={i}
                    byId={byId}
                    chainName={chainName(g.chainId)}
                    selected={selection.key === key ? selection.ids : []}
                    onSelect={(ids) => setSelection({ key, ids })}
                    onMerged={() => {
                      setSelection({ key: '', ids: [] })
                      void data.refresh()
                    }}
                  />
                )
              })}
            </View>
          </>
        )}
      </StateView>
    </View>
  )
}

export default SimilarView
