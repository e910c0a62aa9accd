import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import type { AdminPerson } from '@contract/admin'
import { grantRoleInput } from '@contract/admin-schemas'
import { ROLES, ROLE_LABELS, type Role } from '@contract/roles'
import type { FieldErrors } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import type { OptionSource } from './console-types'
import { SelectControl } from './controls/SelectControl'
import { useOptionLists } from './useOptionLists'
import { Btn, Field } from './parts'
import { SCOPE_LABELS, scopeKindOf, type ScopeKind } from './scopes'
import { grantLabel } from './PersonRoles'

const SOURCE_OF: Record<ScopeKind, OptionSource> = { enterprise: 'enterprises', department: 'departments', station: 'stations' }

/** What the person will be able to do once granted, under the role chips. */
const GRANT_HINTS: Record<Role, string> = {
  enterprise: '为所选企业提交诉求、跟进办理并评价；可以同时联系多家企业，每家授予一次。',
  secretary: '联系、走访所选企业，并代企业反映诉求；联系多家企业时，每家授予一次。',
  handler: '签收、办理派到所选部门的诉求。',
  dispatcher: '分派、督办全区诉求，召开吐槽大会；全区范围，无需选择范围。',
  station: '管理所选站点的服务时段、预约与签到。',
  admin: '维护全区基础数据、签发邀请码、授予角色；全区范围。请只授予确需管理系统的同事。'
}

/** 授予角色 to someone already known: a role and, for scoped roles, the enterprise, department or station. */
export function GrantRoleForm({ person, onGranted, onCancel }: { person: AdminPerson; onGranted: (p: AdminPerson) => void; onCancel: () => void }) {
  const [role, setRole] = useState<Role | ''>('')
  const [scopeId, setScopeId] = useState('')
  const form = useFormSubmit()
  const kind = role ? scopeKindOf(role) : null
  const options = useOptionLists(kind ? [SOURCE_OF[kind]] : [])
  const scopeOptions = kind ? (options.lists[SOURCE_OF[kind]] ?? []) : []
  const held = new Set(person.roles.map((g) => `${g.role}:${g.scopeId ?? ''}`))

  const pickRole = (r: Role) => {
    if (r === role) return
    setRole(r)
    if (scopeKindOf(r) !== kind) setScopeId('')
    form.clearError('role')
    form.clearError('scopeId')
  }

  const submit = async () => {
    const checked = grantRoleInput.safeParse({ personId: person.id, role: role || undefined, ...(kind && scopeId ? { scopeId } : {}) })
    const extra: FieldErrors = {}
    if (kind && !scopeId) extra.scopeId = `请选择${SCOPE_LABELS[kind]}`
    else if (role && held.has(`${role}:${kind ? scopeId : ''}`)) extra.role = '此人已有这个角色'
    const updated = await form.submit(checked, (data, requestId) => call('admin', 'grantRole', data, { requestId }), extra)
    if (updated) onGranted(updated)
  }

  const shownErrors = Object.keys(form.errors)
  return (
    <View className='adc-form' data-testid='grant-form'>
      {person.roles.length > 0 && (
        <Text className='adc-form__note'>现有角色：{person.roles.map(grantLabel).join('；')}</Text>
      )}
      <Field name='role' label='角色' required error={form.errors.role} hint={role ? GRANT_HINTS[role] : '授予后立即生效，对方重新打开链上通即可看到相应页面。'}>
        <View className='adm-chips' role='radiogroup' aria-label='角色'>
          {ROLES.map((r) => (
            <View key={r} className={`adm-chip${r === role ? ' adm-chip--on' : ''}`} role='radio' aria-checked={r === role} onClick={() => pickRole(r)} data-testid={`grant-role-${r}`}>
              <Text>{ROLE_LABELS[r]}</Text>
            </View>
          ))}
        </View>
      </Field>
      {kind ? (
        <Field name='scopeId' label={SCOPE_LABELS[kind]} required error={form.errors.scopeId}>
          <SelectControl
            name='scopeId'
            label={SCOPE_LABELS[kind]}
            value={scopeId}
            options={scopeOptions}
            onChange={(v) => {
              setScopeId(v)
              form.clearError('scopeId')
              form.clearError('role')
            }}
            state={{ loading: options.remote.loading, failed: options.remote.error?.message, onRetry: () => void options.remote.reload() }}
          />
        </Field>
      ) : (
        role && (
          <View className='adm-field' data-testid='scope-none'>
            <Text className='adm-field__label'>范围</Text>
            <Text className='adm-static'>全区（{ROLE_LABELS[role]}无需选择范围）</Text>
          </View>
        )
      )}
      {form.failure && !shownErrors.some((k) => k === 'role' || k === 'scopeId') && (
        <View className='adm-alert' data-testid='grant-failure'>
          <Text className='adm-alert__title'>{form.failure.message}</Text>
          {form.retrying && <Text className='adm-alert__hint'>可直接再次授予，不会重复授予。</Text>}
        </View>
      )}
      <View className='adc-form__buttons'>
        <Btn kind='plain' onClick={onCancel} testId='grant-cancel'>
          取消
        </Btn>
        <Btn onClick={() => void submit()} busy={form.sending} testId='grant-submit'>
          {form.sending ? '正在授予…' : `授予${person.name}`}
        </Btn>
      </View>
    </View>
  )
}
