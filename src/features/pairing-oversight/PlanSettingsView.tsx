import { useMemo, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { activityTypeLabel, type ActivityType, type Pairing, type PlanSettings } from '@contract/pairings'
import { savePlanInput } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { pairingDetailUrl } from '@/utils/routes'
import { isDistrict, isRefusal } from './access'
import { Refusal } from './Refusal'
import { REQUIRED } from './types'
import { currentYear, pickableYears } from './years'
import { YearPicker } from './YearPicker'
import './styles.css'

/** types/schemas.ts savePlanInput: 0…52 a year. */
const MAX_COUNT = 52

/** What is typed: a number, or '' while the box is being cleared. */
type Draft = Record<string, number | ''>

type Line = { type: ActivityType; count: number }

function draftOf(lines: readonly Line[]): Draft {
  const out: Draft = {}
  for (const type of REQUIRED) out[type] = lines.find((d) => d.type === type)?.count ?? 0
  return out
}

function Stepper({ type, value, onChange, error }: { type: ActivityType; value: number | ''; onChange: (v: number | '') => void; error?: string }) {
  const n = value === '' ? 0 : value
  const label = activityTypeLabel(type)
  return (
    <View className='po-plan-line' data-testid={`plan-${type}`}>
      <View className='po-plan-line__main'>
        <Text className='po-plan-line__label'>{label}</Text>
        <View className='po-stepper'>
          <Text
            className={`po-stepper__btn${n <= 0 ? ' po-stepper__btn--off' : ''}`}
            aria-label={`${label}减一次`}
            onClick={() => n > 0 && onChange(Math.min(MAX_COUNT, n - 1))}
            data-testid={`minus-${type}`}
          >
            −
          </Text>
          <Input
            className='po-stepper__input'
            type='number'
            value={value === '' ? '' : String(value)}
            onInput={(e) => {
              const raw = String(e.detail.value).trim()
              onChange(raw === '' ? '' : Number(raw))
            }}
            aria-label={`${label}每年次数`}
            data-testid={`count-${type}`}
          />
          <Text
            className={`po-stepper__btn${n >= MAX_COUNT ? ' po-stepper__btn--off' : ''}`}
            aria-label={`${label}加一次`}
            onClick={() => n < MAX_COUNT && onChange(Math.max(0, n + 1))}
            data-testid={`plus-${type}`}
          >
            ＋
          </Text>
          <Text className='po-stepper__unit'>次/年</Text>
        </View>
      </View>
      {error && (
        <Text className='po-error' data-testid={`error-${type}`}>
          {error}
        </Text>
      )}
    </View>
  )
}

interface PlanTarget {
  /** Omitted: the district's default. */
  pairingId?: string
  title: string
  intro: string
  lines: readonly Line[]
}

/** One plan (the district default, or one pair's own): a stepper per required kind, saved whole. */
function PlanEditor({ year, target, onSaved, onCancel }: { year: number; target: PlanTarget; onSaved: (s: PlanSettings) => void; onCancel?: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(target.lines))
  const form = useFormSubmit()
  const saved = draftOf(target.lines)
  // lines this page does not edit (e.g. 自选动作) are kept: saving replaces the whole plan
  const extras = target.lines.filter((d) => !REQUIRED.includes(d.type))
  const dirty = REQUIRED.some((t) => draft[t] !== saved[t])
  const unset = target.lines.length === 0
  const testId = target.pairingId ? `plan-editor-${target.pairingId}` : 'defaults'

  const set = (type: ActivityType, v: number | '') => {
    setDraft((d) => ({ ...d, [type]: v }))
    form.clearError('required')
  }

  const send = async (required: unknown[]) => {
    const checked = savePlanInput.safeParse({ ...(target.pairingId ? { pairingId: target.pairingId } : {}), year, required })
    const next = await form.submit(checked, (data, requestId) => call('pairings', 'savePlan', data, { requestId }))
    if (!next) return
    onSaved(next)
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }
  // '' is not a count: the contract's message (请填写次数) says so
  const save = () => send([...REQUIRED.map((type) => ({ type, count: draft[type] === '' ? undefined : draft[type] })), ...extras])

  const total = REQUIRED.reduce((n, t) => n + (draft[t] === '' ? 0 : (draft[t] as number)), 0)
  const lineError = (i: number) => form.errors[`required.${i}.count`] ?? form.errors[`required.${i}`]
  const otherError = Object.entries(form.errors).find(([k]) => !/^required\.\d+/.test(k))?.[1]
  return (
    <View className='card po-plan' data-testid={testId}>
      <View className='po-plan__head'>
        <Text className='po-plan__title'>{target.title}</Text>
        <Text className='muted' data-testid='plan-total'>
          全年至少 {total} 次
        </Text>
      </View>
      <Text className='po-plan__intro'>{target.intro}</Text>
      {REQUIRED.map((type, i) => (
        <Stepper key={type} type={type} value={draft[type]} onChange={(v) => set(type, v)} error={lineError(i)} />
      ))}
      {extras.length > 0 && (
        <Text className='muted po-plan__extras' data-testid='plan-extras'>
          另有 {extras.map((d) => `${activityTypeLabel(d.type)} ${d.count} 次`).join('、')}，保存时保留不变。
        </Text>
      )}
      {otherError && <Text className='po-error'>{otherError}</Text>}
      {form.failure && (
        <View className='po-failure' data-testid='plan-failure'>
          <Text className='po-failure__title'>{form.failure.message}</Text>
          {form.retrying && <Text className='po-failure__text'>可能已经保存。再点一次“重新保存”不会重复生效。</Text>}
        </View>
      )}
      <View className='po-plan__foot'>
        <Text className={`po-plan__state${dirty ? ' po-plan__state--dirty' : ''}`} data-testid='plan-state'>
          {dirty ? '有未保存的修改' : unset ? '尚未设置' : '已保存'}
        </Text>
        {target.pairingId && (
          <Text className='po-link' onClick={() => void send([])} data-testid='plan-use-default'>
            恢复按区默认
          </Text>
        )}
        {onCancel && (
          <Text className='po-link' onClick={onCancel}>
            取消
          </Text>
        )}
        <View
          className={`po-btn po-btn--primary${form.sending || (!dirty && !unset && !form.failure) ? ' po-btn--busy' : ''}`}
          role='button'
          aria-disabled={form.sending}
          onClick={() => void save()}
          data-testid='save-plan'
        >
          <Text>{form.sending ? '正在保存…' : form.retrying ? '重新保存' : target.pairingId ? '保存本结对计划' : '保存默认计划'}</Text>
        </View>
      </View>
    </View>
  )
}

const titleOf = (p?: Pick<Pairing, 'agencyBranch' | 'enterpriseBranch'>) => (p ? `${p.agencyBranch}与${p.enterpriseBranch}` : '')

/** The pairs with a plan of their own, each editable; and any other branch pair can be given one. */
function OwnPlans({ settings, onSaved }: { settings: PlanSettings; onSaved: (s: PlanSettings) => void }) {
  const [editing, setEditing] = useState<string | null>(null)
  const [adding, setAdding] = useState(false)
  const branch = useRemote(() => call('pairings', 'list', { kind: 'branch' }), [], { enabled: adding })
  const own = new Set(settings.pairs.map((p) => p.pairingId))
  const candidates = (branch.data ?? []).filter((p) => !own.has(p.id))
  const saved = (next: PlanSettings) => {
    setEditing(null)
    onSaved(next)
  }
  const editorFor = (pairingId: string, title: string, lines: readonly Line[]) => (
    <PlanEditor
      key={pairingId}
      year={settings.year}
      target={{ pairingId, title, intro: `只对这个结对生效；${settings.year}年它不再按区默认计划计算完成率。`, lines }}
      onSaved={saved}
      onCancel={() => setEditing(null)}
    />
  )
  return (
    <View data-testid='own-plans'>
      {settings.pairs.length === 0 && !editing && (
        <StateView empty emptyTitle='没有结对单独设置计划' emptyDescription={`${settings.year}年所有结对都按区默认计划计算完成率。`} />
      )}
      {settings.pairs.map((p) =>
        editing === p.pairingId ? (
          editorFor(p.pairingId, p.title, p.required)
        ) : (
          <View key={p.pairingId} className='card po-own' data-testid='own-plan'>
            <Text className='po-own__title' onClick={() => void Taro.navigateTo({ url: pairingDetailUrl(p.pairingId) })}>
              {p.title}
            </Text>
            <View className='po-own__lines'>
              {p.required.length === 0 && <Text className='muted'>计划为空（各类均不作要求）</Text>}
              {p.required.map((r) => (
                <Text key={r.type} className='chip'>
                  {activityTypeLabel(r.type)} {r.count} 次
                </Text>
              ))}
            </View>
            <Text className='po-link' onClick={() => setEditing(p.pairingId)} data-testid='edit-own-plan'>
              修改
            </Text>
          </View>
        )
      )}
      {editing && !own.has(editing) && editorFor(editing, titleOf(candidates.find((c) => c.id === editing)), settings.defaults)}
      {!editing && (
        <View className='card po-add-own'>
          {!adding ? (
            <Text className='po-link' onClick={() => setAdding(true)} data-testid='add-own-plan'>
              ＋ 为某个结对单独设置计划
            </Text>
          ) : (
            <StateView loading={branch.loading} error={branch.error} onRetry={() => void branch.reload()}>
              {candidates.length === 0 ? (
                <Text className='muted'>所有结对都已单独设置计划。</Text>
              ) : (
                candidates.map((c) => (
                  <Text key={c.id} className='po-pick' onClick={() => setEditing(c.id)} data-testid='pick-own-plan'>
                    {titleOf(c)}
                  </Text>
                ))
              )}
            </StateView>
          )}
        </View>
      )}
    </View>
  )
}

/** packages/pairing-oversight/plans: 年度计划 — the district's default count per required kind, and the pairs with their own. */
export function PlanSettingsView({ year: initial }: { year?: number }) {
  const session = useSession()
  const allowed = isDistrict(session?.user)
  // plans are set ahead: next year is pickable too
  const latest = useMemo(() => currentYear() + 1, [])
  const years = useMemo(() => pickableYears(latest), [latest])
  const [year, setYear] = useState(initial && years.includes(initial) ? initial : latest - 1)
  const plans = useRemote(() => call('pairings', 'plans', { year }), [session?.token, year], { enabled: allowed })

  const header = <PageHeader title='年度计划' subtitle='六类规定动作每年至少开展几次：区默认计划与结对自己的计划' />
  if (!session || !allowed) {
    return (
      <View className='page po-page po-page--narrow'>
        {header}
        <Refusal signedIn={!!session} title={session ? '当前身份无权设置年度计划' : '请先登录'} />
      </View>
    )
  }
  if (isRefusal(plans.error)) {
    return (
      <View className='page po-page po-page--narrow'>
        {header}
        <Refusal title={plans.error.message} />
      </View>
    )
  }
  const data = plans.data
  return (
    <View className='page po-page po-page--narrow'>
      {header}
      <View className='po-toolbar'>
        <YearPicker years={years} value={year} onChange={setYear} />
      </View>
      <StateView loading={plans.loading} loadingText='正在读取年度计划…' error={plans.error} onRetry={() => void plans.reload()}>
        {data && (
          <>
            <PlanEditor
              key={`${data.year}-${data.defaults.map((d) => `${d.type}${d.count}`).join()}`}
              year={data.year}
              target={{
                title: `${data.year}年区默认计划`,
                intro: data.defaults.length === 0 ? `${data.year}年尚未设置区默认计划，保存后各结对按此计算完成率。` : '没有单独设置计划的结对，都按这里的次数计算完成率。',
                lines: data.defaults
              }}
              onSaved={plans.mutate}
            />
            <View className='section-title'>
              <Text>单独设置计划的结对</Text>
              <Text className='section-title__extra'>{data.pairs.length} 对</Text>
            </View>
            <OwnPlans key={data.year} settings={data} onSaved={plans.mutate} />
          </>
        )}
      </StateView>
    </View>
  )
}

export default PlanSettingsView
