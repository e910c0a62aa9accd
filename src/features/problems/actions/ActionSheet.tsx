import { useRef, useState, type ReactNode } from 'react'
import { View, Text, Textarea, ScrollView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Department } from '@contract/catalog'
import { EXTENSION_STATUS_LABELS, type ProblemDetail } from '@contract/problems'
import { LIMITS, type FieldErrors } from '@contract/schemas'
import { call, CloudError, MAYBE_STORED, newRequestId, toCloudError } from '@/services/cloud'
import type { Remote } from '@/hooks/useRemote'
import { formatMonthDay } from '@/utils/date'
import { FormField } from '@/components/FormField'
import { ACTION_LABELS, checkAction, formFieldErrors, initialForm, type ActionForm, type ActionKey } from './forms'

const HINTS: Record<ActionKey, string> = {
  route: '选择承办单位，答复期限从派单时起算。',
  accept: '签收后由本单位办理，请在答复期限前答复企业。',
  return: '诉求不属于本单位职责时，退回调度中心重新分派，须说明理由。',
  reroute: '转给其他单位承办，新单位重新计时。',
  insist: '退单理由不成立时维持原派单：原单位、原期限不变。',
  request_co: '请其他单位协助办理。所有会办单位答复后，牵头单位才能答复企业。',
  co_accept: '签收会办后，请在期限内向牵头单位答复会办意见。',
  co_reply: '会办意见供牵头单位汇总答复企业。',
  cancel_co: '不再需要某个单位会办时撤销，须说明理由。',
  reply: '把办理结果答复企业；企业确认解决后诉求才办结。',
  request_extension: '按工作日计，由调度员审批；期限已过不能再申请。',
  approve_extension: '可以少批；答复期限按工作日顺延。',
  refuse_extension: '请说明不同意延期的理由，承办单位会看到。',
  supervise: '督办意见会通知承办单位。',
  evaluate_solved: '问题确已解决，请为办理情况打分；确认后诉求办结。',
  evaluate_unsolved: '请说明还有哪些没有解决，诉求将退回承办单位重办。'
}

const REASON_LABELS: Partial<Record<ActionKey, { label: string; required: boolean; placeholder: string }>> = {
  route: { label: '派单说明', required: false, placeholder: '可写明需要承办单位注意的地方' },
  reroute: { label: '转办说明', required: false, placeholder: '为什么转给这个单位' },
  return: { label: '退单理由', required: true, placeholder: '如：该事项属于区经济促进局职责，建议转办' },
  insist: { label: '维持原派单的理由', required: true, placeholder: '说明为什么仍由原单位承办' },
  request_co: { label: '会办事由', required: false, placeholder: '需要会办单位协助的内容' },
  cancel_co: { label: '撤销会办的理由', required: true, placeholder: '如：该单位无需参与' },
  request_extension: { label: '延期理由', required: true, placeholder: '说明需要更多时间的原因' },
  approve_extension: { label: '审批意见', required: false, placeholder: '选填' },
  refuse_extension: { label: '不同意的理由', required: true, placeholder: '说明不同意延期的原因' },
  supervise: { label: '督办意见', required: true, placeholder: '如：请于本周内答复企业' }
}

const SUBMIT_LABELS: Partial<Record<ActionKey, string>> = Object.fromEntries(
  (Object.keys(ACTION_LABELS) as ActionKey[])
    .filter((k) => k !== 'evaluate_solved' && k !== 'evaluate_unsolved')
    .map((k) => [k, `确认${ACTION_LABELS[k]}`])
)

/** What the toast says when it is done (short: WeChat cuts a success toast at 7 characters). */
function doneText(key: ActionKey, f: ActionForm): string {
  if (key === 'evaluate_solved' || key === 'evaluate_unsolved') return f.solved === false ? '已申请重办' : '已确认解决'
  return `已${ACTION_LABELS[key]}`
}

interface ChoiceProps {
  /** Several may be chosen (checkbox) or one (radio). */
  multi?: boolean
  selected: boolean
  onClick: () => void
  children: ReactNode
  testId: string
}

function Choice({ multi, selected, onClick, children, testId }: ChoiceProps) {
  return (
    <View
      className={`choice${selected ? ' choice--on' : ''}`}
      onClick={onClick}
      data-testid={testId}
      aria-checked={selected}
      role={multi ? 'checkbox' : 'radio'}
    >
      {children}
    </View>
  )
}

interface DepartmentsProps {
  multi?: boolean
  departments: Remote<Department[]>
  exclude: string[]
  suggestions?: ProblemDetail['suggestions']
  selected: string[]
  onToggle: (id: string) => void
}

function DepartmentChoices({ multi, departments, exclude, suggestions = [], selected, onToggle }: DepartmentsProps) {
  if (departments.loading) return <Text className='muted'>正在加载部门…</Text>
  if (departments.error) {
    return (
      <View className='form-field__picker' onClick={() => void departments.reload()}>
        <Text className='form-field__placeholder'>{departments.error.message}</Text>
        <Text className='link'>重试</Text>
      </View>
    )
  }
  const all = (departments.data ?? []).filter((d) => !exclude.includes(d.id))
  const suggested = suggestions.filter((s) => !exclude.includes(s.departmentId))
  const rest = all.filter((d) => !suggested.some((s) => s.departmentId === d.id))
  // a box of its own, so the reason below stays in sight while ~30 units are browsed
  return (
    <ScrollView className='dept-box' scrollY>
      {suggested.length > 0 && (
        <>
          <Text className='sheet__group'>分派建议</Text>
          <View className='choices'>
            {suggested.map((s) => (
              <Choice
                key={s.departmentId}
                multi={multi}
                testId={`dept-${s.departmentId}`}
                selected={selected.includes(s.departmentId)}
                onClick={() => onToggle(s.departmentId)}
              >
                <Text>{s.departmentName}</Text>
                <Text className='choice__extra'>{Math.round(s.confidence * 100)}%</Text>
              </Choice>
            ))}
          </View>
          <Text className='sheet__group'>全部单位</Text>
        </>
      )}
      <View className='choices'>
        {rest.map((d) => (
          <Choice key={d.id} multi={multi} testId={`dept-${d.id}`} selected={selected.includes(d.id)} onClick={() => onToggle(d.id)}>
            <Text>{d.name}</Text>
          </Choice>
        ))}
      </View>
    </ScrollView>
  )
}

function Stepper({ value, min, max, onChange }: { value: number; min: number; max: number; onChange: (n: number) => void }) {
  return (
    <View className='stepper'>
      <View
        className={`stepper__btn${value <= min ? ' stepper__btn--off' : ''}`}
        onClick={() => value > min && onChange(value - 1)}
        aria-label='减少'
        data-testid='days-minus'
      >
        <Text>−</Text>
      </View>
      <Text className='stepper__value' data-testid='days-value'>
        {value}
      </Text>
      <View
        className={`stepper__btn${value >= max ? ' stepper__btn--off' : ''}`}
        onClick={() => value < max && onChange(value + 1)}
        aria-label='增加'
        data-testid='days-plus'
      >
        <Text>+</Text>
      </View>
      <Text className='stepper__unit'>个工作日</Text>
    </View>
  )
}

function Stars({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  return (
    <View className='stars' role='radiogroup' aria-label='评分'>
      {[1, 2, 3, 4, 5].map((n) => (
        <View
          key={n}
          className={`stars__star${n <= value ? ' stars__star--on' : ''}`}
          onClick={() => onChange(n)}
          role='radio'
          aria-checked={n === value}
          aria-label={`${n} 星`}
          data-testid={`star-${n}`}
        >
          <Text>★</Text>
        </View>
      ))}
      <Text className='stars__text'>{value ? `${value} 星` : '请打分'}</Text>
    </View>
  )
}

interface ActionSheetProps {
  actionKey: ActionKey
  problem: ProblemDetail
  departments: Remote<Department[]>
  /** The action was done: the server's new view of the problem. */
  onDone: (detail: ProblemDetail, toast: string) => void
  /** The server says the problem moved on (CONFLICT): reload it behind the sheet. */
  onStale: () => void
  onClose: () => void
}

/** The small form of one action: what it needs, checked with the shared schema, sent once per submission. */
export function ActionSheet({ actionKey, problem, departments, onDone, onStale, onClose }: ActionSheetProps) {
  const [form, setForm] = useState<ActionForm>(() => initialForm(actionKey, problem))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const [sending, setSending] = useState(false)
  // one id per submission, kept across retries after a lost answer so the step is never done twice
  const requestId = useRef<string | null>(null)

  const set = <K extends keyof ActionForm>(key: K, value: ActionForm[K], ...clears: string[]) => {
    setForm((f) => ({ ...f, [key]: value }))
    setErrors((e) => {
      const drop = [key as string, ...clears].filter((k) => k in e)
      if (!drop.length) return e
      const next = { ...e }
      for (const k of drop) delete next[k]
      return next
    })
  }

  const submit = async () => {
    if (sending) return
    setFailure(null)
    const checked = checkAction(actionKey, form)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setErrors({})
    if (!requestId.current) requestId.current = newRequestId()
    setSending(true)
    try {
      const detail = await call('problems', 'act', { id: problem.id, action: checked.action }, { requestId: requestId.current })
      requestId.current = null
      onDone(detail, doneText(actionKey, form))
    } catch (e) {
      const err = toCloudError(e)
      if (!MAYBE_STORED.has(err.code)) requestId.current = null
      if (err.fields && Object.keys(err.fields).length) setErrors(formFieldErrors(err.fields))
      setFailure(err)
      if (err.code === 'CONFLICT') onStale()
    } finally {
      setSending(false)
    }
  }

  const close = () => {
    if (!sending) onClose()
  }

  const lead = problem.lead?.departmentId ?? problem.leadDepartmentId
  const nameOf = (id: string) =>
    departments.data?.find((d) => d.id === id)?.name ?? problem.suggestions.find((s) => s.departmentId === id)?.departmentName ?? id
  const activeCo = problem.coHandlers.filter((c) => c.status === 'pending' || c.status === 'accepted')
  const pending = problem.extensions.filter((x) => x.status === 'pending')
  const chosenRequest = pending.find((x) => x.id === form.requestId)
  const reasonSpec = REASON_LABELS[actionKey]
  const retrying = !!failure && MAYBE_STORED.has(failure.code)
  const showDays = actionKey === 'request_extension' || (actionKey === 'approve_extension' && !!chosenRequest)
  const daysMax = actionKey === 'approve_extension' && chosenRequest ? chosenRequest.days : LIMITS.extensionDaysMax
  const shown = new Set<string>()
  const err = (k: string) => {
    shown.add(k)
    return errors[k]
  }

  let body: ReactNode = null
  switch (actionKey) {
    case 'route':
    case 'reroute':
      body = (
        <FormField label={actionKey === 'route' ? '承办单位' : '转办给'} required error={err('departmentId')}>
          {actionKey === 'reroute' && problem.lead && <Text className='form-field__hint'>现承办：{problem.lead.departmentName}</Text>}
          <Text className='form-field__hint sheet__picked' data-testid='picked'>
            {form.departmentId ? `已选：${nameOf(form.departmentId)}` : '请在下面选择一个单位'}
          </Text>
          <DepartmentChoices
            departments={departments}
            exclude={actionKey === 'reroute' && lead ? [lead] : []}
            suggestions={problem.suggestions}
            selected={form.departmentId ? [form.departmentId] : []}
            onToggle={(id) => set('departmentId', id)}
          />
        </FormField>
      )
      break
    case 'request_co':
      body = (
        <FormField label={`会办单位（最多 ${LIMITS.coHandlersMax} 个）`} required error={err('departmentIds')}>
          <Text className='form-field__hint sheet__picked' data-testid='picked'>
            {form.departmentIds.length ? `已选：${form.departmentIds.map(nameOf).join('、')}` : '可选多个单位'}
          </Text>
          <DepartmentChoices
            multi
            departments={departments}
            exclude={[...(lead ? [lead] : []), ...activeCo.map((c) => c.departmentId)]}
            selected={form.departmentIds}
            onToggle={(id) =>
              set('departmentIds', form.departmentIds.includes(id) ? form.departmentIds.filter((d) => d !== id) : [...form.departmentIds, id])
            }
          />
        </FormField>
      )
      break
    case 'cancel_co':
      body = (
        <FormField label='撤销哪个单位的会办' required error={err('departmentId')}>
          <View className='choices'>
            {activeCo.map((c) => (
              <Choice
                key={c.departmentId}
                testId={`dept-${c.departmentId}`}
                selected={form.departmentId === c.departmentId}
                onClick={() => set('departmentId', c.departmentId)}
              >
                <Text>{c.departmentName}</Text>
              </Choice>
            ))}
          </View>
        </FormField>
      )
      break
    case 'approve_extension':
    case 'refuse_extension':
      body = (
        <FormField label='延期申请' required error={err('requestId')}>
          {pending.map((x) => (
            <View
              key={x.id}
              className={`ext-choice${form.requestId === x.id ? ' ext-choice--on' : ''}`}
              onClick={() => {
                set('requestId', x.id)
                if (actionKey === 'approve_extension') set('days', x.days)
              }}
              data-testid={`ext-${x.id}`}
            >
              <Text className='ext-choice__head'>
                {x.departmentName} 申请延期 {x.days} 个工作日 · {EXTENSION_STATUS_LABELS[x.status]}
              </Text>
              <Text className='ext-choice__reason'>{x.reason}</Text>
            </View>
          ))}
        </FormField>
      )
      break
    case 'co_reply':
    case 'reply':
      body = (
        <FormField label={actionKey === 'reply' ? '答复内容' : '会办答复'} required error={err('content')}>
          <Textarea
            className='form-field__textarea'
            value={form.content}
            maxlength={LIMITS.replyMax + 200}
            fixed
            placeholder={actionKey === 'reply' ? '办理情况与结果，企业会看到' : '本单位的会办意见'}
            onInput={(e) => set('content', e.detail.value)}
            aria-label={actionKey === 'reply' ? '答复内容' : '会办答复'}
          />
        </FormField>
      )
      break
    case 'evaluate_solved':
    case 'evaluate_unsolved':
      body = (
        <>
          <FormField label='问题是否已解决' required error={err('solved')}>
            <View className='choices'>
              <Choice testId='solved-yes' selected={form.solved === true} onClick={() => set('solved', true, 'comment')}>
                <Text>已解决</Text>
              </Choice>
              <Choice testId='solved-no' selected={form.solved === false} onClick={() => set('solved', false, 'rating')}>
                <Text>未解决，申请重办</Text>
              </Choice>
            </View>
          </FormField>
          {form.solved !== false && (
            <FormField label='办理评分' required error={err('rating')}>
              <Stars value={form.rating} onChange={(n) => set('rating', n)} />
            </FormField>
          )}
          <FormField label={form.solved === false ? '尚未解决的情况' : '评价'} required={form.solved === false} optional error={err('comment')}>
            <Textarea
              className='form-field__textarea form-field__textarea--short'
              value={form.comment}
              maxlength={LIMITS.commentMax + 100}
              fixed
              placeholder={form.solved === false ? '还有哪些问题没有解决' : '对办理过程的意见和建议'}
              onInput={(e) => set('comment', e.detail.value)}
              aria-label={form.solved === false ? '尚未解决的情况' : '评价'}
            />
          </FormField>
        </>
      )
      break
    default:
      body = null
  }

  const daysError = showDays ? err('days') : undefined
  const reasonError = reasonSpec ? err('reason') : undefined
  const unshown = Object.entries(errors).filter(([k]) => !shown.has(k))
  const evaluating = actionKey === 'evaluate_solved' || actionKey === 'evaluate_unsolved'
  const title = evaluating ? ACTION_LABELS[form.solved === false ? 'evaluate_unsolved' : 'evaluate_solved'] : ACTION_LABELS[actionKey]
  const hint = evaluating ? HINTS[form.solved === false ? 'evaluate_unsolved' : 'evaluate_solved'] : HINTS[actionKey]
  const submitLabel = SUBMIT_LABELS[actionKey] ?? (form.solved === false ? '申请重办' : '提交评价')

  return (
    <View className='sheet-root' data-testid='action-sheet' data-action={actionKey}>
      <View className='sheet-mask' onClick={close} />
      <View className='sheet'>
        <View className='sheet__head'>
          <Text className='sheet__title'>{title}</Text>
          <Text className='sheet__close' onClick={close} data-testid='sheet-close'>
            关闭
          </Text>
        </View>
        <ScrollView className='sheet__body' scrollY>
          <Text className='sheet__hint'>{hint}</Text>
          {actionKey === 'accept' && problem.lead && (
            <Text className='sheet__hint'>签收期限 {formatMonthDay(problem.lead.acceptDue.date)}，答复期限 {formatMonthDay(problem.lead.replyDue.date)}。</Text>
          )}
          {body}
          {showDays && (
            <FormField label={actionKey === 'approve_extension' ? '同意延期' : '延期天数'} required error={daysError}>
              <Stepper value={form.days} min={1} max={daysMax} onChange={(n) => set('days', n)} />
            </FormField>
          )}
          {reasonSpec && (
            <FormField label={reasonSpec.label} required={reasonSpec.required} optional error={reasonError}>
              <Textarea
                className='form-field__textarea form-field__textarea--short'
                value={form.reason}
                maxlength={LIMITS.reasonMax + 100}
                fixed
                placeholder={reasonSpec.placeholder}
                onInput={(e) => set('reason', e.detail.value)}
                aria-label={reasonSpec.label}
              />
            </FormField>
          )}
          {(failure || unshown.length > 0) && (
            <View className='form-alert' data-testid='action-failure'>
              {failure && <Text>{failure.message}</Text>}
              {unshown.map(([k, m]) => (
                <Text key={k} className='form-alert__line'>
                  {m}
                </Text>
              ))}
              {retrying && <Text className='form-alert__hint'>可直接再次提交，不会重复办理</Text>}
              {failure?.code === 'CONFLICT' && <Text className='form-alert__hint'>诉求状态已变化，页面已刷新，请关闭后查看</Text>}
            </View>
          )}
        </ScrollView>
        <View className='sheet__foot'>
          <View className='sheet__cancel'>
            <Button block onClick={close} disabled={sending}>
              取消
            </Button>
          </View>
          <View className='sheet__submit' data-testid='sheet-submit'>
            <Button type='primary' block disabled={sending} onClick={() => void submit()}>
              {sending ? '正在提交…' : retrying ? '重新提交' : submitLabel}
            </Button>
          </View>
        </View>
      </View>
    </View>
  )
}

/** A short toast after an action is done. */
export function toastDone(text: string): void {
  void Taro.showToast({ title: text, icon: 'success' })
}
