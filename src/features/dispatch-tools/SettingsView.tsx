import { useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { categoryLabel } from '@contract/categories'
import type { Department } from '@contract/catalog'
import type { CalendarCoverage, CalendarOverride } from '@contract/problems'
import type { FlowSettingsDto, RoutingRuleDto } from '@contract/settings'
import {
  calendarOverrideInput,
  fieldErrors,
  saveRuleInput,
  saveSlaInput,
  type FieldErrors
} from '@contract/schemas'
import { call, CloudError, toCloudError } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote, type Remote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { formatDateTime } from '@/utils/date'
import { Btn, EmptyState, useSubmit, DateField, FieldError, Help, NotAllowed, Switch, ToolsNav, canUse, weekdayOf } from './common'
import './styles.css'

type SectionKey = 'rules' | 'sla' | 'calendar' | 'model'

/** '12' → 12, '' → undefined (the schema then asks for it), anything else → NaN (the schema refuses it). */
function toNumber(text: string): number | undefined {
  const t = text.trim()
  return t === '' ? undefined : Number(t)
}

function withoutKey(errors: FieldErrors, key: string): FieldErrors {
  if (!(key in errors)) return errors
  const next = { ...errors }
  delete next[key]
  return next
}

/** The words of a rule phrase: `A+B` needs both. */
export function phraseWords(phrase: string): string[] {
  return phrase
    .split(/[+＋]/)
    .map((w) => w.trim())
    .filter(Boolean)
}

/** How the engine compares phrases (case, width, spaces, quotes and brackets do not matter), roughly. */
function normalPhrase(phrase: string): string {
  return phraseWords(
    phrase
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\s"'“”‘’「」『』()（）【】[\]《》<>]/g, '')
  )
    .sort()
    .join('+')
}

/**
 * Checks beyond the shared schema: every word of `A+B` at least 2 characters (the engine ignores a
 * rule otherwise), and no second rule with the same words.
 */
function phraseProblem(phrase: string, others: readonly RoutingRuleDto[]): string | null {
  const parts = phrase.trim().split(/[+＋]/).map((w) => w.trim())
  if (parts.length > 1 && parts.some((w) => w.length < 2)) return '用“+”连接的每个词都至少 2 个字，如“驿站+充电”'
  const same = others.find((r) => normalPhrase(r.phrase) === normalPhrase(phrase))
  if (same) return `已有相同关键词的规则（→${same.departmentName}），请直接修改那一条`
  return null
}

function Phrase({ phrase }: { phrase: string }) {
  const words = phraseWords(phrase)
  return (
    <View className='dt-phrase'>
      {words.map((w, i) => (
        <View key={`${w}-${i}`} className='dt-phrase__part'>
          {i > 0 && <Text className='dt-phrase__plus'>+</Text>}
          <Text className='dt-word'>{w}</Text>
        </View>
      ))}
    </View>
  )
}

function FormAlert({ error }: { error: CloudError | null }) {
  return error ? (
    <View className='dt-alert' data-testid='form-failure'>
      <Text>{error.message}</Text>
    </View>
  ) : null
}

interface DepartmentsState {
  list: Department[]
  loading: boolean
  error: CloudError | undefined
  reload: () => void
}

// ---------------------------------------------------------------------------------------------------
// 派单规则

function RuleForm({
  rule,
  others,
  departments,
  onSaved,
  onCancel
}: {
  rule: RoutingRuleDto | null
  /** The other rules, to catch a duplicate. */
  others: readonly RoutingRuleDto[]
  departments: DepartmentsState
  onSaved: (dto: FlowSettingsDto) => void
  onCancel: () => void
}) {
  const [phrase, setPhrase] = useState(rule?.phrase ?? '')
  const [departmentId, setDepartmentId] = useState(rule?.departmentId ?? '')
  const [priority, setPriority] = useState(String(rule?.priority ?? 60))
  const [enabled, setEnabled] = useState(rule?.enabled ?? true)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const { busy: sending, run } = useSubmit()

  const list = departments.list
  const index = list.findIndex((d) => d.id === departmentId)
  const chosen = index >= 0 ? list[index] : null

  const save = () => {
    setFailure(null)
    const parsed = saveRuleInput.safeParse({
      ...(rule ? { id: rule.id } : {}),
      phrase,
      departmentId: departmentId || undefined,
      priority: toNumber(priority),
      enabled
    })
    const found: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error)
    const extra = phraseProblem(phrase, others)
    if (extra && !found.phrase) found.phrase = extra
    if (!parsed.success || Object.keys(found).length) {
      setErrors(found)
      return
    }
    setErrors({})
    void run(async () => {
      try {
        const dto = await call('settings', 'saveRule', parsed.data)
        void Taro.showToast({ title: rule ? '规则已保存' : '规则已添加', icon: 'success' })
        onSaved(dto)
      } catch (e) {
        const err = toCloudError(e)
        if (err.fields && Object.keys(err.fields).length) setErrors(err.fields)
        setFailure(err)
      }
    })
  }

  let departmentField
  if (departments.loading) {
    departmentField = <Text className='dt-static dt-placeholder'>正在加载部门…</Text>
  } else if (departments.error) {
    departmentField = (
      <View className='dt-picker' onClick={departments.reload}>
        <Text className='dt-placeholder'>{departments.error.message}</Text>
        <Text className='link'>重试</Text>
      </View>
    )
  } else {
    departmentField = (
      <Picker
        mode='selector'
        range={list.map((d) => d.name)}
        value={index < 0 ? 0 : index}
        onChange={(e) => {
          const picked = list[Number(e.detail.value)]
          if (picked) {
            setDepartmentId(picked.id)
            setErrors((x) => withoutKey(x, 'departmentId'))
          }
        }}
        aria-label='承办部门'
      >
        <View className='dt-picker'>
          {chosen ? <Text>{chosen.name}</Text> : <Text className='dt-placeholder'>选择命中后派给的部门</Text>}
          <Text className='dt-picker__arrow'>选择 ›</Text>
        </View>
      </Picker>
    )
  }

  return (
    <View className='dt-form card' data-testid='rule-form'>
      <Text className='dt-form__title'>{rule ? '修改派单规则' : '新增派单规则'}</Text>
      <View className='dt-field'>
        <Text className='dt-field__label'>
          关键词<Text className='dt-field__required'>*</Text>
        </Text>
        <Input
          className='dt-input'
          value={phrase}
          maxlength={60}
          placeholder='如：出口退税，或 驿站+充电（两词都出现）'
          onInput={(e) => {
            setPhrase(e.detail.value)
            setErrors((x) => withoutKey(x, 'phrase'))
          }}
          aria-label='关键词'
        />
        <Text className='dt-field__hint'>“A+B”表示 A 和 B 两个词都出现才算命中；每个词至少 2 个字，不区分全半角、大小写和引号。</Text>
        <FieldError message={errors.phrase} testId='error-phrase' />
      </View>
      <View className='dt-field'>
        <Text className='dt-field__label'>
          承办部门<Text className='dt-field__required'>*</Text>
        </Text>
        {departmentField}
        {chosen?.matters && <Text className='dt-field__hint'>主管：{chosen.matters}</Text>}
        <FieldError message={errors.departmentId} testId='error-departmentId' />
      </View>
      <View className='dt-field dt-field--row'>
        <View className='dt-field__grow'>
          <Text className='dt-field__label'>
            优先级<Text className='dt-field__required'>*</Text>
          </Text>
          <Input
            className='dt-input dt-input--short'
            type='number'
            value={priority}
            maxlength={3}
            placeholder='0–100'
            onInput={(e) => {
              setPriority(e.detail.value)
              setErrors((x) => withoutKey(x, 'priority'))
            }}
            aria-label='优先级'
          />
          <Text className='dt-field__hint'>0–100，大者优先。系统内置规则为 30–50，要压过它们请用 60 以上。</Text>
          <FieldError message={errors.priority} testId='error-priority' />
        </View>
        <View className='dt-field__side'>
          <Text className='dt-field__label'>启用</Text>
          <Switch on={enabled} onChange={setEnabled} label='启用规则' testId='rule-enabled' />
        </View>
      </View>
      <FormAlert error={failure} />
      <View className='dt-form__buttons'>
        <Btn kind='plain' onClick={onCancel} disabled={sending}>
          取消
        </Btn>
        <Btn onClick={() => void save()} disabled={sending}>
          {sending ? '正在保存…' : '保存规则'}
        </Btn>
      </View>
    </View>
  )
}

function RuleRow({ rule, onEdit, onSaved }: { rule: RoutingRuleDto; onEdit: () => void; onSaved: (dto: FlowSettingsDto) => void }) {
  const [busy, setBusy] = useState(false)

  const remove = async () => {
    if (busy) return
    const answer = await Taro.showModal({
      title: '删除派单规则',
      content: `删除“${rule.phrase}”→${rule.departmentName}？之后提交的诉求不再按这条规则派单，已派出的不受影响。`,
      confirmText: '删除',
      confirmColor: '#c8161d'
    })
    if (!answer.confirm) return
    setBusy(true)
    try {
      onSaved(await call('settings', 'deleteRule', { id: rule.id }))
      void Taro.showToast({ title: '已删除', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const toggle = async (enabled: boolean) => {
    if (busy) return
    setBusy(true)
    try {
      onSaved(
        await call('settings', 'saveRule', { id: rule.id, phrase: rule.phrase, departmentId: rule.departmentId, priority: rule.priority, enabled })
      )
      void Taro.showToast({ title: enabled ? '已启用' : '已停用', icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`dt-row dt-rule${rule.enabled ? '' : ' dt-rule--off'}`} data-testid='rule-row' data-id={rule.id}>
      <View className='dt-rule__main'>
        <Phrase phrase={rule.phrase} />
        <View className='dt-rule__target'>
          <Text className='dt-rule__arrow'>→</Text>
          <Text className='dt-rule__dept'>{rule.departmentName}</Text>
        </View>
      </View>
      <View className='dt-rule__side'>
        <Text className='dt-rule__priority'>优先级 {rule.priority}</Text>
        <View className='dt-rule__toggle'>
          <Text className={`dt-rule__state${rule.enabled ? ' dt-rule__state--on' : ''}`}>{rule.enabled ? '启用' : '停用'}</Text>
          <Switch on={rule.enabled} onChange={(on) => void toggle(on)} label={`启用“${rule.phrase}”`} />
        </View>
        <View className='dt-actions'>
          <Text className='dt-action' onClick={onEdit} data-testid='rule-edit'>
            编辑
          </Text>
          <Text className='dt-action dt-action--danger' onClick={() => void remove()} data-testid='rule-delete'>
            删除
          </Text>
        </View>
      </View>
    </View>
  )
}

function RulesSection({ data, departments, onSaved }: { data: FlowSettingsDto; departments: DepartmentsState; onSaved: (dto: FlowSettingsDto) => void }) {
  // null: no form; 'new': the form for a new rule; otherwise the id of the rule being edited
  const [editing, setEditing] = useState<string | null>(null)
  const saved = (dto: FlowSettingsDto) => {
    setEditing(null)
    onSaved(dto)
  }
  return (
    <View data-testid='section-rules'>
      <Help>
        <Text className='dt-help__line'>
          诉求的标题或描述中出现关键词，就直接派给所选部门，优先于派单模型的判断。用“+”连接表示几个词都要出现：如“驿站+充电”。
        </Text>
        <Text className='dt-help__line dt-help__muted'>
          只把“无论上下文都归这个部门”的词设为规则；说不准的交给模型，由退单、转办后的签收结果去学习。规则只影响之后提交的诉求。
        </Text>
      </Help>
      <View className='section-title'>
        <Text>派单规则</Text>
        {editing !== 'new' && (
          <Text className='link dt-title-action' onClick={() => setEditing('new')} data-testid='rule-add'>
            + 新增规则
          </Text>
        )}
      </View>
      {editing === 'new' && <RuleForm rule={null} others={data.rules} departments={departments} onSaved={saved} onCancel={() => setEditing(null)} />}
      {data.rules.length === 0 && editing !== 'new' ? (
        <EmptyState
          title='还没有自定义派单规则'
          description='目前按系统内置规则和派单模型派单。发现某类诉求总被派错、而关键词足以判断部门时，可以加一条规则。'
          action={{ text: '新增规则', onClick: () => setEditing('new') }}
        />
      ) : (
        data.rules.length > 0 && (
          <View className='card dt-list'>
            {data.rules.map((r) =>
              editing === r.id ? (
                <RuleForm key={r.id} rule={r} others={data.rules.filter((x) => x.id !== r.id)} departments={departments} onSaved={saved} onCancel={() => setEditing(null)} />
              ) : (
                <RuleRow key={r.id} rule={r} onEdit={() => setEditing(r.id)} onSaved={onSaved} />
              )
            )}
          </View>
        )
      )}
    </View>
  )
}

// ---------------------------------------------------------------------------------------------------
// 时限

type SlaEntry = FlowSettingsDto['sla'][number]

function SlaEditor({ entry, onSaved, onCancel }: { entry: SlaEntry; onSaved: (dto: FlowSettingsDto) => void; onCancel: () => void }) {
  const [values, setValues] = useState({
    acceptDays: String(entry.limits.acceptDays),
    replyDays: String(entry.limits.replyDays),
    extensionMaxDays: String(entry.limits.extensionMaxDays)
  })
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const { busy: sending, run } = useSubmit()

  const save = () => {
    setFailure(null)
    const parsed = saveSlaInput.safeParse({
      category: entry.category,
      acceptDays: toNumber(values.acceptDays),
      replyDays: toNumber(values.replyDays),
      extensionMaxDays: toNumber(values.extensionMaxDays)
    })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    if (parsed.data.acceptDays > parsed.data.replyDays) {
      setErrors({ acceptDays: '签收时限不能长于答复时限' })
      return
    }
    setErrors({})
    void run(async () => {
      try {
        const dto = await call('settings', 'saveSla', parsed.data)
        void Taro.showToast({ title: '时限已保存', icon: 'success' })
        onSaved(dto)
      } catch (e) {
        const err = toCloudError(e)
        if (err.fields && Object.keys(err.fields).length) setErrors(err.fields)
        setFailure(err)
      }
    })
  }

  const fields: { key: keyof typeof values; label: string }[] = [
    { key: 'acceptDays', label: '签收' },
    { key: 'replyDays', label: '答复' },
    { key: 'extensionMaxDays', label: '延期上限' }
  ]
  return (
    <View className='dt-row dt-sla dt-sla--editing' data-testid='sla-editor'>
      <Text className='dt-sla__name'>{categoryLabel(entry.category)}</Text>
      <View className='dt-sla__inputs'>
        {fields.map((f) => (
          <View key={f.key} className='dt-sla__input'>
            <Text className='dt-field__label'>{f.label}</Text>
            <View className='dt-days'>
              <Input
                className='dt-input dt-input--days'
                type='number'
                value={values[f.key]}
                maxlength={2}
                onInput={(e) => {
                  const v = e.detail.value
                  setValues((x) => ({ ...x, [f.key]: v }))
                  setErrors((x) => withoutKey(x, f.key))
                }}
                aria-label={`${f.label}（工作日）`}
              />
              <Text className='dt-days__unit'>个工作日</Text>
            </View>
            <FieldError message={errors[f.key]} testId={`error-${f.key}`} />
          </View>
        ))}
      </View>
      <FormAlert error={failure} />
      <View className='dt-form__buttons'>
        <Btn kind='plain' onClick={onCancel} disabled={sending}>
          取消
        </Btn>
        <Btn onClick={() => void save()} disabled={sending}>
          {sending ? '正在保存…' : '保存'}
        </Btn>
      </View>
    </View>
  )
}

function SlaSection({ data, onSaved }: { data: FlowSettingsDto; onSaved: (dto: FlowSettingsDto) => void }) {
  const [editing, setEditing] = useState<string | null>(null)
  return (
    <View data-testid='section-sla'>
      <Help>
        <Text className='dt-help__line'>
          时限按工作日计，签收和答复都从派单（或转办给该单位）时起算，不等签收；延期上限是一个单位在一件诉求上累计可获批的延期天数。
        </Text>
        <Text className='dt-help__line dt-help__muted'>诉求提交时记下当时的时限，改动只影响之后提交的诉求。未改过的类别用默认值：签收 1、答复 5、延期上限 10 个工作日。</Text>
      </Help>
      <View className='section-title'>
        <Text>各类诉求的时限</Text>
        <Text className='section-title__extra'>单位：工作日</Text>
      </View>
      <View className='card dt-list'>
        <View className='dt-sla-head'>
          <Text className='dt-sla-head__name'>类别</Text>
          <Text className='dt-sla-head__num'>签收</Text>
          <Text className='dt-sla-head__num'>答复</Text>
          <Text className='dt-sla-head__num'>延期上限</Text>
          <Text className='dt-sla-head__act' />
        </View>
        {data.sla.map((entry) =>
          editing === entry.category ? (
            <SlaEditor
              key={entry.category}
              entry={entry}
              onCancel={() => setEditing(null)}
              onSaved={(dto) => {
                setEditing(null)
                onSaved(dto)
              }}
            />
          ) : (
            <View key={entry.category} className='dt-row dt-sla' data-testid='sla-row' data-category={entry.category}>
              <View className='dt-sla__name'>
                <Text>{categoryLabel(entry.category)}</Text>
                {entry.custom ? <Text className='dt-tag dt-tag--custom'>自定义</Text> : <Text className='dt-tag'>默认</Text>}
              </View>
              <Text className='dt-sla__num'>
                <Text className='dt-sla__label'>签收 </Text>
                {entry.limits.acceptDays}
              </Text>
              <Text className='dt-sla__num'>
                <Text className='dt-sla__label'>答复 </Text>
                {entry.limits.replyDays}
              </Text>
              <Text className='dt-sla__num'>
                <Text className='dt-sla__label'>延期上限 </Text>
                {entry.limits.extensionMaxDays}
              </Text>
              <Text className='dt-action dt-sla__act' onClick={() => setEditing(entry.category)} data-testid='sla-edit'>
                修改
              </Text>
            </View>
          )
        )}
      </View>
    </View>
  )
}

// ---------------------------------------------------------------------------------------------------
// 节假日调整

export function warningText(w: CalendarCoverage): string {
  return w.warning ?? `${w.year} 年节假日安排尚未录入`
}

/** The years whose official holiday notice is missing: deadlines crossing them are only estimates. */
function CalendarWarnings({ warnings, onGo }: { warnings: CalendarCoverage[]; onGo?: () => void }) {
  if (!warnings.length) return null
  return (
    <View className='dt-warning' data-testid='calendar-warnings' role='alert'>
      <View className='dt-warning__text'>
        {warnings.map((w) => (
          <Text key={w.year} className='dt-warning__title' data-testid='calendar-warning'>
            {warningText(w)}
          </Text>
        ))}
        <Text className='dt-warning__desc'>
          未录入前，期限只按周末和法定节日推算，跨入该年的期限会标注“以放假安排公布为准”。国务院放假通知公布后，请把放假日和调休上班日一次录入完整。
        </Text>
      </View>
      {onGo && (
        <Text className='dt-warning__go' onClick={onGo} data-testid='warning-go'>
          去录入 ›
        </Text>
      )}
    </View>
  )
}

function CalendarForm({ onSaved }: { onSaved: (dto: FlowSettingsDto) => void }) {
  const [date, setDate] = useState('')
  const [kind, setKind] = useState<CalendarOverride['kind'] | ''>('')
  const [note, setNote] = useState('')
  const [errors, setErrors] = useState<FieldErrors>({})
  const [failure, setFailure] = useState<CloudError | null>(null)
  const { busy: sending, run } = useSubmit()

  const save = () => {
    setFailure(null)
    const parsed = calendarOverrideInput.safeParse({ date, kind: kind || undefined, ...(note.trim() ? { note } : {}) })
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error))
      return
    }
    setErrors({})
    void run(async () => {
      try {
        const dto = await call('settings', 'saveCalendarDay', parsed.data)
        void Taro.showToast({ title: '已录入', icon: 'success' })
        setDate('')
        setNote('')
        onSaved(dto)
      } catch (e) {
        const err = toCloudError(e)
        if (err.fields && Object.keys(err.fields).length) setErrors(err.fields)
        setFailure(err)
      }
    })
  }

  const kinds: { key: CalendarOverride['kind']; label: string; hint: string }[] = [
    { key: 'holiday', label: '放假', hint: '这天不上班' },
    { key: 'workday', label: '调休上班', hint: '周末也上班' }
  ]
  return (
    <View className='dt-form card' data-testid='calendar-form'>
      <Text className='dt-form__title'>录入一天</Text>
      <View className='dt-field'>
        <Text className='dt-field__label'>
          日期<Text className='dt-field__required'>*</Text>
        </Text>
        <DateField
          value={date}
          label='日期'
          onChange={(v) => {
            setDate(v)
            setErrors((x) => withoutKey(x, 'date'))
          }}
        />
        <FieldError message={errors.date} testId='error-date' />
      </View>
      <View className='dt-field'>
        <Text className='dt-field__label'>
          这一天<Text className='dt-field__required'>*</Text>
        </Text>
        <View className='dt-choices' role='radiogroup' aria-label='放假或调休上班'>
          {kinds.map((k) => (
            <View
              key={k.key}
              className={`dt-choice${kind === k.key ? ' dt-choice--on' : ''}`}
              role='radio'
              aria-checked={kind === k.key}
              data-testid={`kind-${k.key}`}
              onClick={() => {
                setKind(k.key)
                setErrors((x) => withoutKey(x, 'kind'))
              }}
            >
              <Text>{k.label}</Text>
              <Text className='dt-choice__hint'>{k.hint}</Text>
            </View>
          ))}
        </View>
        <FieldError message={errors.kind} testId='error-kind' />
      </View>
      <View className='dt-field'>
        <Text className='dt-field__label'>
          说明<Text className='dt-field__optional'>（选填）</Text>
        </Text>
        <Input
          className='dt-input'
          value={note}
          maxlength={60}
          placeholder='如：元旦；春节调休'
          onInput={(e) => {
            setNote(e.detail.value)
            setErrors((x) => withoutKey(x, 'note'))
          }}
          aria-label='说明'
        />
        <Text className='dt-field__hint'>同一日期再次录入会覆盖原来的。</Text>
        <FieldError message={errors.note} testId='error-note' />
      </View>
      <FormAlert error={failure} />
      <View className='dt-form__buttons'>
        <Btn onClick={() => void save()} disabled={sending}>
          {sending ? '正在保存…' : '保存'}
        </Btn>
      </View>
    </View>
  )
}

function CalendarRow({ day, onSaved }: { day: CalendarOverride; onSaved: (dto: FlowSettingsDto) => void }) {
  const [busy, setBusy] = useState(false)
  const remove = async () => {
    if (busy) return
    const answer = await Taro.showModal({
      title: '删除节假日调整',
      content: `删除 ${day.date} 的“${day.kind === 'holiday' ? '放假' : '调休上班'}”？之后这一天按默认日历判定，在办诉求的期限随之重算。`,
      confirmText: '删除',
      confirmColor: '#c8161d'
    })
    if (!answer.confirm) return
    setBusy(true)
    try {
      onSaved(await call('settings', 'deleteCalendarDay', { date: day.date }))
      void Taro.showToast({ title: '已删除', icon: 'success' })
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='dt-row dt-day' data-testid='calendar-row' data-date={day.date}>
      <View className='dt-day__date'>
        <Text className='dt-day__ymd'>{day.date}</Text>
        <Text className='dt-day__weekday'>{weekdayOf(day.date)}</Text>
      </View>
      <Text className={`dt-tag dt-tag--${day.kind}`}>{day.kind === 'holiday' ? '放假' : '调休上班'}</Text>
      <Text className='dt-day__note'>{day.note || ''}</Text>
      <Text className='dt-action dt-action--danger' onClick={() => void remove()} data-testid='calendar-delete'>
        删除
      </Text>
    </View>
  )
}

function CalendarSection({ data, onSaved }: { data: FlowSettingsDto; onSaved: (dto: FlowSettingsDto) => void }) {
  const days = [...data.calendarOverrides].sort((a, b) => a.date.localeCompare(b.date))
  const years = [...new Set(days.map((d) => d.date.slice(0, 4)))]
  return (
    <View data-testid='section-calendar'>
      <Help>
        <Text className='dt-help__line'>
          期限按工作日计。判定某天是否上班时，这里的录入优先，其次是已收录的国务院放假安排（至 2026 年），再次是法定节日，其余按周一至周五上班。
        </Text>
        <Text className='dt-help__muted dt-help__line'>某年只要录入了一条就视为“已录入”，所以请把一年的放假日和调休上班日一次录完。录入后，在办诉求的期限会随之顺延，不会在假日里督办。</Text>
      </Help>
      <CalendarForm onSaved={onSaved} />
      <View className='section-title'>
        <Text>已录入的调整</Text>
        <Text className='section-title__extra'>共 {days.length} 天</Text>
      </View>
      {days.length === 0 ? (
        <EmptyState
          title='尚未录入任何调整'
          description='目前按已收录的放假安排和法定节日计算工作日。次年放假通知公布后（通常在 11 月），请在上方逐日录入。'
        />
      ) : (
        years.map((y) => (
          <View key={y} className='card dt-list' data-testid='calendar-year'>
            <Text className='dt-list__head'>
              {y} 年 · {days.filter((d) => d.date.startsWith(y)).length} 天
            </Text>
            {days
              .filter((d) => d.date.startsWith(y))
              .map((d) => (
                <CalendarRow key={d.date} day={d} onSaved={onSaved} />
              ))}
          </View>
        ))
      )}
    </View>
  )
}

// ---------------------------------------------------------------------------------------------------
// 派单模型

function ModelSection({ data, onSaved }: { data: FlowSettingsDto; onSaved: (dto: FlowSettingsDto) => void }) {
  const { busy: training, run } = useSubmit()
  const [failure, setFailure] = useState<CloudError | null>(null)
  const m = data.routingModel
  const retrain = () => {
    setFailure(null)
    void run(async () => {
      try {
        const dto = await call('settings', 'retrain', {})
        onSaved(dto)
        void Taro.showToast({ title: '已重新训练', icon: 'success' })
      } catch (e) {
        setFailure(toCloudError(e))
      }
    })
  }

  return (
    <View data-testid='section-model'>
      <View className='card dt-model'>
        <Text className='dt-model__label'>当前派单模型</Text>
        {m.source === 'trained' ? (
          <>
            <Text className='dt-model__source' data-testid='model-source'>
              {m.examples > 0 ? `已用 ${m.examples} 条退单转办样本重新训练` : '已重新训练'}
            </Text>
            <Text className='dt-model__time'>
              训练于 {formatDateTime(m.trainedAt)}
              {m.examples > 0 ? '' : ' · 当时还没有退单、转办后被签收的样本，效果与随安装附带的相同'}
            </Text>
          </>
        ) : (
          <>
            <Text className='dt-model__source' data-testid='model-source'>
              随安装附带
            </Text>
            <Text className='dt-model__time'>用起始样本训练，尚未按本区的退单、转办重新训练</Text>
          </>
        )}
        <FormAlert error={failure} />
        <View className='dt-model__button'>
          <Btn onClick={() => void retrain()} disabled={training}>
            {training ? '正在训练…' : '重新训练'}
          </Btn>
        </View>
      </View>
      <Help>
        <Text className='dt-help__line'>
          一条诉求被退单、转办或由调度员分派后，最终签收的部门就成了它的“正确答案”，这段文字成为该部门的样本。重新训练用“起始样本 + 这些样本”，几秒完成，下一次派单即用新模型。
        </Text>
        <Text className='dt-help__muted dt-help__line'>主机每天也会自动重新训练一次。派单规则始终优先于模型。</Text>
      </Help>
    </View>
  )
}

// ---------------------------------------------------------------------------------------------------

const SECTIONS: readonly { key: SectionKey; label: string }[] = [
  { key: 'rules', label: '派单规则' },
  { key: 'sla', label: '时限' },
  { key: 'calendar', label: '节假日' },
  { key: 'model', label: '派单模型' }
]

function useDepartments(enabled: boolean): DepartmentsState {
  const boot: Remote<Department[]> = useRemote(() => call('catalog', 'bootstrap', {}).then((b) => b.departments), [], { enabled })
  return { list: boot.data ?? [], loading: boot.loading, error: boot.error, reload: () => void boot.reload() }
}

/** 派单与时限设置: routing rules, time limits, the holiday calendar and the routing model. */
export function SettingsView() {
  const session = useSession()
  const allowed = canUse(session?.user, 'settings')
  const settings = useRemote(() => call('settings', 'get', {}), [session?.token], { enabled: allowed })
  const departments = useDepartments(allowed)
  const [section, setSection] = useState<SectionKey>('rules')
  usePullDownRefresh(() => {
    void settings.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session || !allowed) {
    return (
      <NotAllowed
        title='派单与时限设置'
        subtitle='派单规则、办理时限、节假日与派单模型'
        signedIn={!!session}
        who='调度员'
        description='这里维护派单规则、各类诉求的时限、节假日调整和派单模型，只对调度员和管理员开放。请在「我的」以调度员身份登录。'
      />
    )
  }
  const data = settings.data
  const onSaved = (dto: FlowSettingsDto) => settings.mutate(dto)
  const count = (key: SectionKey) => {
    if (!data) return ''
    if (key === 'rules') return data.rules.length ? ` ${data.rules.length}` : ''
    if (key === 'sla') {
      const custom = data.sla.filter((s) => s.custom).length
      return custom ? ` ${custom}` : ''
    }
    return ''
  }
  return (
    <View className='page dt-page'>
      <PageHeader title='派单与时限设置' subtitle='派单规则、办理时限、节假日与派单模型' />
      <ToolsNav current='settings' user={session.user} />
      <StateView loading={settings.loading} loadingText='正在读取设置…' error={settings.error} onRetry={() => void settings.reload()}>
        {data && (
          <>
            <CalendarWarnings warnings={data.calendarWarnings} onGo={section === 'calendar' ? undefined : () => setSection('calendar')} />
            <View className='dt-tabs' role='tablist'>
              {SECTIONS.map((s) => (
                <View
                  key={s.key}
                  className={`dt-tabs__tab${s.key === section ? ' dt-tabs__tab--on' : ''}`}
                  role='tab'
                  aria-selected={s.key === section}
                  data-testid={`tab-${s.key}`}
                  onClick={() => setSection(s.key)}
                >
                  <Text>
                    {s.label}
                    {count(s.key)}
                  </Text>
                  {s.key === 'calendar' && data.calendarWarnings.length > 0 && <View className='dt-tabs__dot' aria-label='有未录入的年份' />}
                </View>
              ))}
            </View>
            {section === 'rules' && <RulesSection data={data} departments={departments} onSaved={onSaved} />}
            {section === 'sla' && <SlaSection data={data} onSaved={onSaved} />}
            {section === 'calendar' && <CalendarSection data={data} onSaved={onSaved} />}
            {section === 'model' && <ModelSection data={data} onSaved={onSaved} />}
          </>
        )}
      </StateView>
    </View>
  )
}

export default SettingsView
