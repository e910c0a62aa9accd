import { useMemo, useRef, useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { activityTypeLabel, type ActivityType, type PlanSettings } from '@contract/pairings'
import { fieldErrors, savePlanInput, type FieldErrors } from '@contract/schemas'
import { call, CloudError, MAYBE_STORED, newRequestId, toCloudError } from '@/services/cloud'
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

function draftOf(settings: PlanSettings): Draft {
  const out: Draft = {}
  for (const type of REQUIRED) out[type] = settings.defaults.find((d) => d.type === type)?.count ?? 0
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

function DefaultsEditor({ year, settings, onSaved }: { year: number; settings: PlanSettings; onSaved: (s: PlanSettings) => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const [saving, setSaving] = useState(false)
  // one id per save, kept across retries so a lost answer is not applied twice
  const requestId = useRef<string | null>(null)
  const saved = draftOf(settings)
  const extras = settings.defaults.filter((d) => !REQUIRED.includes(d.type))
  const dirty = REQUIRED.some((t) => draft[t] !== saved[t])
  const unset = settings.defaults.length === 0

  const set = (type: ActivityType, v: number | '') => {
    setDraft((d) => ({ ...d, [type]: v }))
    setErrors({})
    setFailure(null)
    requestId.current = null
  }

  const save = async () => {
    if (saving) return
    setFailure(null)
    const parsed = savePlanInput.safeParse({
      year,
      // '' is not a count: the contract's message (请填写次数) says so
      required: [
        ...REQUIRED.map((type) => ({ type, count: draft[type] === '' ? undefined : draft[type] })),
        // lines this page does not edit (e.g. 自选动作) are kept: saving replaces the whole default
        ...extras
      ]
    })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setErrors({})
    if (!requestId.current) requestId.current = newRequestId()
    setSaving(true)
    try {
      const next = await call('pairings', 'savePlan', parsed.data, { requestId: requestId.current })
      requestId.current = null
      onSaved(next)
      setDraft(draftOf(next))
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      const err = toCloudError(e)
      if (!MAYBE_STORED.has(err.code)) requestId.current = null
      setFailure(err)
    } finally {
      setSaving(false)
    }
  }

  const total = REQUIRED.reduce((n, t) => n + (draft[t] === '' ? 0 : (draft[t] as number)), 0)
  const lineError = (i: number) => errors[`required.${i}.count`] ?? errors[`required.${i}`]
  const otherError = Object.entries(errors).find(([k]) => !/^required\.\d+/.test(k))?.[1]
  return (
    <View className='card po-plan' data-testid='defaults'>
      <View className='po-plan__head'>
        <Text className='po-plan__title'>{year}年区默认计划</Text>
        <Text className='muted' data-testid='plan-total'>
          每个结对全年至少 {total} 次
        </Text>
      </View>
      <Text className='po-plan__intro'>
        {unset ? `${year}年尚未设置区默认计划，保存后各结对按此计算完成率。` : '没有单独设置计划的结对，都按这里的次数计算完成率。'}
      </Text>
      {REQUIRED.map((type, i) => (
        <Stepper key={type} type={type} value={draft[type]} onChange={(v) => set(type, v)} error={lineError(i)} />
      ))}
      {extras.length > 0 && (
        <Text className='muted po-plan__extras' data-testid='plan-extras'>
          另有 {extras.map((d) => `${activityTypeLabel(d.type)} ${d.count} 次`).join('、')}，保存时保留不变。
        </Text>
      )}
      {otherError && <Text className='po-error'>{otherError}</Text>}
      {failure && (
        <View className='po-failure' data-testid='plan-failure'>
          <Text className='po-failure__title'>{failure.message}</Text>
          {MAYBE_STORED.has(failure.code) && <Text className='po-failure__text'>可能已经保存。再点一次“重新保存”不会重复生效。</Text>}
        </View>
      )}
      <View className='po-plan__foot'>
        <Text className={`po-plan__state${dirty ? ' po-plan__state--dirty' : ''}`} data-testid='plan-state'>
          {dirty ? '有未保存的修改' : unset ? '尚未设置' : '已保存'}
        </Text>
        <View
          className={`po-btn po-btn--primary${saving || (!dirty && !unset && !failure) ? ' po-btn--busy' : ''}`}
          role='button'
          aria-disabled={saving}
          onClick={() => void save()}
          data-testid='save-plan'
        >
          <Text>{saving ? '正在保存…' : failure && MAYBE_STORED.has(failure.code) ? '重新保存' : '保存默认计划'}</Text>
        </View>
      </View>
    </View>
  )
}

function OwnPlans({ settings }: { settings: PlanSettings }) {
  if (!settings.pairs.length) {
    return (
      <StateView
        empty
        emptyTitle='没有结对单独设置计划'
        emptyDescription={`${settings.year}年所有结对都按区默认计划计算完成率。`}
      />
    )
  }
  return (
    <View data-testid='own-plans'>
      {settings.pairs.map((p) => (
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
        </View>
      ))}
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
            <DefaultsEditor key={data.year} year={data.year} settings={data} onSaved={plans.mutate} />
            <View className='section-title'>
              <Text>单独设置计划的结对</Text>
              <Text className='section-title__extra'>{data.pairs.length} 对</Text>
            </View>
            <OwnPlans settings={data} />
          </>
        )}
      </StateView>
    </View>
  )
}

export default PlanSettingsView
