import { useRef, useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { Chain } from '@contract/catalog'
import type { TucaoSession } from '@contract/sessions'
import { fieldErrors, openSessionInput, type FieldErrors } from '@contract/schemas'
import { call, CloudError, newRequestId, toCloudError } from '@/services/cloud'
import { hasRole } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { Btn, EmptyState, useSubmit, DateField, FieldError, Help, MAYBE_STORED, NotAllowed, ToolsNav, todayInChina, weekdayOf } from './common'
import { agendaUrl } from './routes'
import './styles.css'

export type SessionPhase = 'open' | 'upcoming' | 'ended'

/** 进行中 (open for filing today), 未开始 or 已结束, by the China calendar day. */
export function sessionPhase(s: TucaoSession, today: string = todayInChina()): SessionPhase {
  if (s.open) return 'open'
  return s.startsOn > today ? 'upcoming' : 'ended'
}

export const PHASE_LABELS: Record<SessionPhase, string> = { open: '进行中', upcoming: '未开始', ended: '已结束' }

const PHASE_ORDER: Record<SessionPhase, number> = { open: 0, upcoming: 1, ended: 2 }

/** 进行中 first, then 未开始 (soonest first), then 已结束 (newest first, as the server lists them). */
export function orderSessions(list: readonly TucaoSession[], today: string = todayInChina()): TucaoSession[] {
  return list
    .map((s, i) => ({ s, i, phase: sessionPhase(s, today) }))
    .sort((a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || (a.phase === 'upcoming' ? a.s.startsOn.localeCompare(b.s.startsOn) : 0) || a.i - b.i)
    .map((x) => x.s)
}

function dateRange(s: TucaoSession): string {
  return s.startsOn === s.endsOn ? `${s.startsOn}（${weekdayOf(s.startsOn)}）` : `${s.startsOn} 至 ${s.endsOn}`
}

function OpenSessionForm({ chains, onOpened, onCancel }: { chains: { list: Chain[]; loading: boolean; error: CloudError | undefined; reload: () => void }; onOpened: (s: TucaoSession) => void; onCancel: () => void }) {
  const today = todayInChina()
  const [chainId, setChainId] = useState('')
  const [title, setTitle] = useState('')
  const [startsOn, setStartsOn] = useState(today)
  const [endsOn, setEndsOn] = useState(today)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const { busy: sending, run } = useSubmit()
  const requestId = useRef<{ key: string; id: string } | null>(null)

  const clear = (key: string) =>
    setErrors((e) => {
      if (!(key in e)) return e
      const next = { ...e }
      delete next[key]
      return next
    })

  const list = chains.list
  const index = list.findIndex((c) => c.id === chainId)
  const chosen = index >= 0 ? list[index] : null

  const submit = () => {
    setFailure(null)
    const parsed = openSessionInput.safeParse({ chainId: chainId || undefined, title, startsOn, endsOn })
    if (!parsed.success) {
      const found = fieldErrors(parsed.error)
      // the schema compares the dates only once everything else is right: say it at once
      if (!found.startsOn && !found.endsOn && endsOn < startsOn) found.endsOn = '结束日期不能早于开始日期'
      setErrors(found)
      return
    }
    setErrors({})
    // the same intent (same input) retried keeps its id, so a lost answer never does it twice
    const key = JSON.stringify(parsed.data)
    const rid = requestId.current?.key === key ? requestId.current.id : newRequestId()
    requestId.current = { key, id: rid }
    void run(async () => {
      try {
        const session = await call('sessions', 'open', parsed.data, { requestId: rid })
        requestId.current = null
        void Taro.showToast({ title: '已召开', icon: 'success' })
        onOpened(session)
      } catch (e) {
        const err = toCloudError(e)
        if (!MAYBE_STORED.has(err.code)) requestId.current = null
        if (err.fields && Object.keys(err.fields).length) setErrors(err.fields)
        setFailure(err)
      }
    })
  }

  let chainField
  if (chains.loading) chainField = <Text className='dt-static dt-placeholder'>正在加载产业链…</Text>
  else if (chains.error) {
    chainField = (
      <View className='dt-picker' onClick={chains.reload}>
        <Text className='dt-placeholder'>{chains.error.message}</Text>
        <Text className='link'>重试</Text>
      </View>
    )
  } else {
    chainField = (
      <Picker
        mode='selector'
        range={list.map((c) => c.name)}
        value={index < 0 ? 0 : index}
        onChange={(e) => {
          const picked = list[Number(e.detail.value)]
          if (picked) {
            setChainId(picked.id)
            clear('chainId')
          }
        }}
        aria-label='产业链'
      >
        <View className='dt-picker'>
          {chosen ? <Text>{chosen.name}</Text> : <Text className='dt-placeholder'>选择召开大会的产业链</Text>}
          <Text className='dt-picker__arrow'>选择 ›</Text>
        </View>
      </Picker>
    )
  }

  return (
    <View className='dt-form card' data-testid='session-form'>
      <Text className='dt-form__title'>召开吐槽大会</Text>
      <View className='dt-field'>
        <Text className='dt-field__label'>
          产业链<Text className='dt-field__required'>*</Text>
        </Text>
        {chainField}
        {chosen?.leader && <Text className='dt-field__hint'>链长：{chosen.leader}</Text>}
        <FieldError message={errors.chainId} testId='error-chainId' />
      </View>
      <View className='dt-field'>
        <Text className='dt-field__label'>
          会议名称<Text className='dt-field__required'>*</Text>
        </Text>
        <Input
          className='dt-input'
          value={title}
          maxlength={80}
          placeholder='如：智能家电产业链第四季度吐槽大会'
          onInput={(e) => {
            setTitle(e.detail.value)
            clear('title')
          }}
          aria-label='会议名称'
        />
        <FieldError message={errors.title} testId='error-title' />
      </View>
      <View className='dt-field dt-field--pair'>
        <View className='dt-field__half'>
          <Text className='dt-field__label'>
            开始日期<Text className='dt-field__required'>*</Text>
          </Text>
          <DateField
            value={startsOn}
            label='开始日期'
            onChange={(v) => {
              setStartsOn(v)
              clear('startsOn')
              clear('endsOn')
            }}
          />
          <FieldError message={errors.startsOn} testId='error-startsOn' />
        </View>
        <View className='dt-field__half'>
          <Text className='dt-field__label'>
            结束日期<Text className='dt-field__required'>*</Text>
          </Text>
          <DateField
            value={endsOn}
            label='结束日期'
            start={/^\d{4}-\d{2}-\d{2}$/.test(startsOn) ? startsOn : undefined}
            onChange={(v) => {
              setEndsOn(v)
              clear('endsOn')
            }}
          />
          <FieldError message={errors.endsOn} testId='error-endsOn' />
        </View>
      </View>
      <Text className='dt-field__hint dt-form__hint'>按北京时间的日期计，起止当天都算在会期内。会期内该链企业提出的问题会列入议程。</Text>
      {failure && (
        <View className='dt-alert' data-testid='form-failure'>
          <Text>{failure.message}</Text>
          {MAYBE_STORED.has(failure.code) && <Text className='dt-alert__hint'>可直接再次提交，不会重复召开</Text>}
        </View>
      )}
      <View className='dt-form__buttons'>
        <Btn kind='plain' onClick={onCancel} disabled={sending}>
          取消
        </Btn>
        <Btn onClick={() => void submit()} disabled={sending}>
          {sending ? '正在提交…' : '召开'}
        </Btn>
      </View>
    </View>
  )
}

function SessionCard({ session, fresh }: { session: TucaoSession; fresh: boolean }) {
  const phase = sessionPhase(session)
  return (
    <View
      className={`card dt-session${fresh ? ' dt-session--fresh' : ''}`}
      data-testid='session-card'
      data-id={session.id}
      onClick={() => void Taro.navigateTo({ url: agendaUrl(session.id) })}
    >
      <View className='dt-session__top'>
        <Text className='chip chip--red dt-session__chain'>{session.chainName}</Text>
        <Text className={`dt-phase dt-phase--${phase}`} data-testid='session-phase'>
          {PHASE_LABELS[phase]}
        </Text>
      </View>
      <Text className='dt-session__title'>{session.title}</Text>
      <View className='dt-session__foot'>
        <Text className='dt-session__dates'>{dateRange(session)}</Text>
        <Text className='dt-session__count'>
          <Text className='dt-session__num'>{session.problemCount}</Text> 条问题 ›
        </Text>
      </View>
    </View>
  )
}

/** 吐槽大会: the sessions, newest first; dispatchers open new ones. Tap one for its agenda. */
export function SessionsView() {
  const session = useSession()
  const signedIn = !!session
  const isDispatcher = hasRole(session?.user, 'dispatcher')
  const list = useRemote(() => call('sessions', 'list', {}), [session?.token], { enabled: signedIn, refreshOnShow: true })
  const boot = useRemote(() => call('catalog', 'bootstrap', {}).then((b) => b.chains), [], { enabled: isDispatcher })
  const [formOpen, setFormOpen] = useState(false)
  const [freshId, setFreshId] = useState<string | null>(null)
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session) {
    return (
      <NotAllowed
        title='吐槽大会'
        subtitle='企业当面提问题，按“我也遇到”排议程'
        signedIn={false}
        who='调度员'
        description='吐槽大会的列表和议程需要登录后查看，调度员还可以在这里召开大会。请在「我的」选择身份登录。'
      />
    )
  }
  const items = orderSessions(list.data ?? [])
  const chains = { list: boot.data ?? [], loading: boot.loading, error: boot.error, reload: () => void boot.reload() }
  const opened = (s: TucaoSession) => {
    setFormOpen(false)
    setFreshId(s.id)
    list.mutate([s, ...items.filter((x) => x.id !== s.id)])
    void list.refresh()
  }
  const running = items.filter((s) => s.open).length
  return (
    <View className='page dt-page'>
      <PageHeader
        title='吐槽大会'
        subtitle='企业当面提问题，按“我也遇到”排议程'
        extra={
          isDispatcher && !formOpen ? (
            <Btn onClick={() => setFormOpen(true)} testId='open-session'>
              召开大会
            </Btn>
          ) : undefined
        }
      />
      <ToolsNav current='sessions' user={session.user} />
      <Help>
        <Text className='dt-help__line'>
          吐槽大会按产业链召开。会期内，该链企业提出的问题向全链公开，其他企业可以点“我也遇到”；议程按“我也遇到”的企业数排序，会上逐条转办。
        </Text>
      </Help>
      {isDispatcher && formOpen && <OpenSessionForm chains={chains} onOpened={opened} onCancel={() => setFormOpen(false)} />}
      <StateView
        loading={list.loading}
        loadingText='正在读取吐槽大会…'
        error={list.error}
        onRetry={() => void list.reload()}
      >
        {list.data && items.length === 0 && (
          <EmptyState
            title='还没有召开过吐槽大会'
            description={
              isDispatcher
                ? '为一条产业链召开吐槽大会后，会期内该链企业提出的问题会列在这场大会的议程里。'
                : '调度中心为产业链召开吐槽大会后，会列在这里，点开可看议程。'
            }
            action={isDispatcher && !formOpen ? { text: '召开吐槽大会', onClick: () => setFormOpen(true) } : undefined}
          />
        )}
        {items.length > 0 && (
          <>
            <View className='section-title'>
              <Text>全部大会</Text>
              <Text className='section-title__extra'>
                共 {items.length} 场{running ? ` · 进行中 ${running}` : ''}
              </Text>
            </View>
            <View className='dt-sessions'>
              {items.map((s) => (
                <SessionCard key={s.id} session={s} fresh={s.id === freshId} />
              ))}
            </View>
          </>
        )}
      </StateView>
    </View>
  )
}

export default SessionsView
