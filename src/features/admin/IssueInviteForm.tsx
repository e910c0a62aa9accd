import { useRef, useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import type { IssuedInvite } from '@contract/accounts'
import { ROLES, ROLE_LABELS, type Role } from '@contract/roles'
import { issueInviteInput, type FieldErrors } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { useRemote } from '@/hooks/useRemote'
import { formatDateTime } from '@/utils/date'
import { Btn, Field } from './parts'
import { DAYS, NOTE_MAX, ROLE_HINTS, SCOPE_LABELS, scopeKindOf, type ScopeKind } from './scopes'

interface ScopeOption {
  id: string
  name: string
  /** A second line: a station's town. */
  sub?: string
}

/** Past this many choices the picker gets a search box (there are dozens of enterprises and stations). */
const SEARCH_FROM = 8

async function loadScopes(kind: ScopeKind): Promise<ScopeOption[]> {
  if (kind === 'enterprise') return (await call('catalog', 'enterprises', {})).map((e) => ({ id: e.id, name: e.name }))
  if (kind === 'department') return (await call('catalog', 'bootstrap', {})).departments.map((d) => ({ id: d.id, name: d.name }))
  return (await call('stations', 'list', {})).map((s) => ({ id: s.id, name: s.name, sub: s.townName }))
}

/** The enterprise, department or station the role is over: loaded for the kind, searchable when long. */
function ScopeField({ kind, value, onPick, error }: { kind: ScopeKind; value: string; onPick: (id: string) => void; error?: string }) {
  // each kind's list is loaded once per visit, however often the role is changed
  const cache = useRef(new Map<ScopeKind, ScopeOption[]>())
  const options = useRemote(
    async () => {
      const known = cache.current.get(kind)
      if (known) return known
      const loaded = await loadScopes(kind)
      cache.current.set(kind, loaded)
      return loaded
    },
    [kind]
  )
  const [query, setQuery] = useState('')
  const label = SCOPE_LABELS[kind]
  const all = options.data ?? []
  const q = query.trim()
  const shown = q ? all.filter((o) => o.name.includes(q) || (o.sub ?? '').includes(q)) : all
  const chosen = all.find((o) => o.id === value) ?? null
  const index = shown.findIndex((o) => o.id === value)

  let control
  if (options.loading) control = <Text className='adm-static adm-placeholder'>正在读取{label}名单…</Text>
  else if (options.error) {
    control = (
      <View className='adm-static' onClick={() => void options.reload()} data-testid='scope-retry'>
        <Text className='adm-placeholder'>{options.error.message}</Text>
        <Text className='link'> 重试</Text>
      </View>
    )
  } else if (all.length === 0) {
    control = <Text className='adm-static adm-placeholder'>还没有可选的{label}，请先录入基础数据。</Text>
  } else {
    control = (
      <>
        {all.length > SEARCH_FROM && (
          <Input
            className='adm-input adm-search'
            value={query}
            maxlength={30}
            placeholder={`搜索${label}名称`}
            onInput={(e) => setQuery(e.detail.value)}
            aria-label={`搜索${label}`}
          />
        )}
        {shown.length === 0 ? (
          <Text className='adm-static adm-placeholder'>没有名称含“{q}”的{label}</Text>
        ) : (
          <Picker
            mode='selector'
            range={shown.map((o) => (o.sub ? `${o.name}（${o.sub}）` : o.name))}
            value={index < 0 ? 0 : index}
            onChange={(e) => {
              const picked = shown[Number(e.detail.value)]
              if (picked) onPick(picked.id)
            }}
            aria-label={label}
          >
            <View className='adm-picker' data-testid='scope-value'>
              {chosen ? <Text className='adm-picker__text'>{chosen.name}</Text> : <Text className='adm-picker__text adm-placeholder'>选择{label}</Text>}
              <Text className='adm-picker__arrow'>{q ? `${shown.length} 个匹配 ›` : '选择 ›'}</Text>
            </View>
          </Picker>
        )}
      </>
    )
  }
  return (
    <Field name='scopeId' label={label} required error={error}>
      {control}
    </Field>
  )
}

/** The whole days text as a number; anything else is NaN, which the schema refuses in Chinese. */
const daysOf = (text: string): number => (/^\d{1,3}$/.test(text.trim()) ? Number(text.trim()) : Number.NaN)

/** 签发邀请码: a role, its scope when it has one, days valid, a note for the record. */
export function IssueInviteForm({ onIssued }: { onIssued: (invite: IssuedInvite) => void }) {
  const [role, setRole] = useState<Role | ''>('')
  const [scopeId, setScopeId] = useState('')
  const [days, setDays] = useState(String(DAYS.default))
  const [note, setNote] = useState('')
  const form = useFormSubmit()
  const { errors, failure, sending, retrying, clearError } = form
  const kind = role ? scopeKindOf(role) : null
  const n = daysOf(days)
  const validDays = Number.isInteger(n) && n >= DAYS.min && n <= DAYS.max

  const pickRole = (r: Role) => {
    if (r === role) return
    setRole(r)
    // a scope of another kind does not carry over
    if (scopeKindOf(r) !== kind) setScopeId('')
    clearError('role')
    clearError('scopeId')
  }
  const step = (by: number) => {
    const from = Number.isNaN(n) ? DAYS.default : n
    setDays(String(Math.min(DAYS.max, Math.max(DAYS.min, from + by))))
    clearError('days')
  }

  const submit = async () => {
    const checked = issueInviteInput.safeParse({
      role: role || undefined,
      ...(kind ? { scopeId: scopeId || undefined } : {}),
      days: n,
      ...(note.trim() ? { note } : {})
    })
    const missing: FieldErrors = kind && !scopeId ? { scopeId: `请选择${SCOPE_LABELS[kind]}` } : {}
    const issued = await form.submit(checked, (data, requestId) => call('accounts', 'issueInvite', data, { requestId }), missing)
    if (!issued) return
    setRole('')
    setScopeId('')
    setDays(String(DAYS.default))
    setNote('')
    onIssued(issued)
  }

  const noteLength = note.trim().length
  return (
    <View className='card adm-form' data-testid='issue-form'>
      <Text className='adm-card-title'>签发邀请码</Text>
      <Field name='role' label='角色' required error={errors.role} hint={role ? ROLE_HINTS[role] : '邀请码使用后，对方即获得所选角色。'}>
        <View className='adm-chips' role='radiogroup' aria-label='角色'>
          {ROLES.map((r) => (
            <View
              key={r}
              className={`adm-chip${r === role ? ' adm-chip--on' : ''}`}
              role='radio'
              aria-checked={r === role}
              onClick={() => pickRole(r)}
              data-testid={`invite-role-${r}`}
            >
              <Text>{ROLE_LABELS[r]}</Text>
            </View>
          ))}
        </View>
      </Field>

      {kind ? (
        <ScopeField
          kind={kind}
          value={scopeId}
          error={errors.scopeId}
          onPick={(id) => {
            setScopeId(id)
            clearError('scopeId')
          }}
        />
      ) : (
        role && (
          <View className='adm-field' data-testid='scope-none'>
            <Text className='adm-field__label'>范围</Text>
            <Text className='adm-static'>全区（{ROLE_LABELS[role]}无需选择范围）</Text>
          </View>
        )
      )}

      <Field
        name='days'
        label='有效天数'
        required
        error={errors.days}
        hint={
          validDays
            ? `${DAYS.min}–${DAYS.max} 天，默认 ${DAYS.default} 天。按现在签发，有效至 ${formatDateTime(new Date(Date.now() + n * 86_400_000).toISOString())}；到期未使用自动失效。`
            : `请填写 ${DAYS.min}–${DAYS.max} 之间的整数天数。`
        }
      >
        <View className='adm-stepper'>
          <View className='adm-stepper__btn' role='button' aria-label='少一天' onClick={() => step(-1)}>
            <Text>−</Text>
          </View>
          <Input
            className='adm-input adm-stepper__input'
            type='number'
            value={days}
            maxlength={3}
            onInput={(e) => {
              setDays(e.detail.value)
              clearError('days')
            }}
            aria-label='有效天数'
          />
          <View className='adm-stepper__btn' role='button' aria-label='多一天' onClick={() => step(1)}>
            <Text>+</Text>
          </View>
          <Text className='adm-stepper__unit'>天</Text>
        </View>
      </Field>

      <Field name='note' label='备注' error={errors.note} hint='写明发给谁、做什么，便于日后核对，如“人社局新同事 何嘉欣”。对方看不到备注。'>
        <Input
          className='adm-input'
          value={note}
          maxlength={NOTE_MAX + 10}
          placeholder='如：人社局新同事 何嘉欣'
          onInput={(e) => {
            setNote(e.detail.value)
            clearError('note')
          }}
          aria-label='备注'
        />
        <Text className={`adm-counter${noteLength > NOTE_MAX ? ' adm-counter--over' : ''}`}>
          {noteLength}/{NOTE_MAX}
        </Text>
      </Field>

      {failure && !(failure.fields && Object.keys(failure.fields).some((k) => k in errors)) && (
        <View className='adm-alert' data-testid='issue-failure' data-code={failure.code}>
          <Text className='adm-alert__title'>{failure.message}</Text>
          {retrying && <Text className='adm-alert__hint'>可直接再次签发，不会多生成一个邀请码。</Text>}
        </View>
      )}
      <Btn onClick={() => void submit()} busy={sending} testId='issue-submit'>
        {sending ? '正在签发…' : retrying ? '重新签发' : '签发邀请码'}
      </Btn>
    </View>
  )
}

export default IssueInviteForm
