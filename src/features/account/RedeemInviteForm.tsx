import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Session, User } from '@contract/accounts'
import { ROLE_LABELS, type RoleGrant } from '@contract/roles'
import { redeemInviteInput, type FieldErrors } from '@contract/schemas'
import { call } from '@/services/cloud'
import { saveSession } from '@/services/session'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { Field, FormAlert, TextBox, explainedByFields } from './form'
import { ActionButton } from './ActionButton'
import { PASSWORD_RULE, formatInviteCode } from './codes'

/**
 * Who is redeeming:
 *  - `web-newcomer`: signed out on an HTTP host — a new account with a login and password;
 *  - `wechat-newcomer`: a WeChat user the system does not know — the OPENID becomes the account, so only a name;
 *  - `member`: someone signed in (or known by their OPENID) — the code alone adds a role.
 */
export type Redeemer = 'web-newcomer' | 'wechat-newcomer' | 'member'

const grantKey = (g: RoleGrant) => `${g.role}:${g.scopeId ?? ''}`

/** The grants `after` has that `before` had not, as 部门经办人（区人社局）. */
export function addedGrants(before: User | null | undefined, after: User): string {
  const had = new Set((before?.roles ?? []).map(grantKey))
  const added = after.roles.filter((g) => !had.has(grantKey(g)))
  return added.map((g) => (g.scopeName ? `${ROLE_LABELS[g.role]}（${g.scopeName}）` : ROLE_LABELS[g.role])).join('、')
}

/** 使用邀请码: the code an administrator issued, plus what a newcomer needs for an account. */
export function RedeemInviteForm({ who, user, onDone }: { who: Redeemer; user?: User | null; onDone?: (session: Session) => void }) {
  const newcomer = who !== 'member'
  const web = who === 'web-newcomer'
  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const [confirm, setConfirm] = useState('')
  const form = useFormSubmit()
  const { errors, failure, sending, retrying, clearError } = form

  const submit = async () => {
    // empty fields say what is missing (the schema would speak of lengths)
    const missing: FieldErrors = {}
    if (!code.trim()) missing.code = '请填写邀请码'
    if (newcomer && !name.trim()) missing.name = '请填写姓名'
    if (web && !login.trim()) missing.login = '请设置登录账号'
    if (web && !password) missing.password = '请设置密码'
    if (web && password && confirm !== password) missing.confirm = confirm ? '两次输入的密码不一致' : '请再输入一次密码'
    const checked = redeemInviteInput.safeParse({
      code,
      ...(newcomer && name.trim() ? { name } : {}),
      ...(web && login.trim() ? { login } : {}),
      ...(web && password ? { password } : {})
    })
    const session = await form.submit(checked, (data, requestId) => call('accounts', 'redeemInvite', data, { requestId }), missing)
    if (!session) return
    saveSession(session)
    const added = addedGrants(user, session.user)
    void Taro.showToast({ title: added ? `已获得角色：${added}` : '邀请码已使用', icon: 'none', duration: 2500 })
    setCode('')
    onDone?.(session)
  }

  const edit = (field: string, set: (v: string) => void) => (v: string) => {
    set(v)
    clearError(field)
  }

  return (
    <View className='acc-form' data-testid='redeem-form'>
      <Field name='code' label='邀请码' error={errors.code} hint='12 位字母和数字，不区分大小写；邀请码里没有 0、O、1、I。'>
        <TextBox
          label='邀请码'
          value={code}
          maxlength={24}
          placeholder='如 K7QM-3XRD-9PWT'
          onInput={edit('code', (v) => setCode(formatInviteCode(v)))}
          testId='invite-code-input'
        />
      </Field>
      {newcomer && (
        <Field name='name' label='姓名' error={errors.name} hint='请填写真实姓名，办理记录和消息中会显示。'>
          <TextBox label='姓名' value={name} maxlength={20} placeholder='如 何嘉欣' onInput={edit('name', setName)} />
        </Field>
      )}
      {web && (
        <>
          <Field name='login' label='登录账号' error={errors.login} hint='3–32 位，可用字母、数字和 . _ -，如 he.jiaxin；以后用它登录。'>
            <TextBox label='登录账号' value={login} maxlength={32} placeholder='设置登录账号' onInput={edit('login', setLogin)} />
          </Field>
          <Field name='password' label='设置密码' error={errors.password} hint={`${PASSWORD_RULE}。请勿使用生日、手机号等容易猜到的密码。`}>
            <TextBox label='设置密码' value={password} password maxlength={128} placeholder={PASSWORD_RULE} onInput={edit('password', setPassword)} />
          </Field>
          <Field name='confirm' label='确认密码' error={errors.confirm}>
            <TextBox label='确认密码' value={confirm} password maxlength={128} placeholder='再输入一次密码' onInput={edit('confirm', setConfirm)} />
          </Field>
        </>
      )}
      {!explainedByFields(failure, errors) && (
        <FormAlert failure={failure} hint={retrying ? '可直接再次提交，邀请码不会被重复使用。' : undefined} testId='redeem-failure' />
      )}
      <ActionButton onClick={() => void submit()} busy={sending} testId='redeem-submit'>
        {sending ? '正在提交…' : newcomer ? '开通账号' : '使用邀请码'}
      </ActionButton>
      <Text className='acc-form__foot'>
        {who === 'wechat-newcomer'
          ? '开通后账号与本微信绑定，以后打开链上通即自动登录，无需密码。'
          : who === 'web-newcomer'
            ? '每个邀请码只能使用一次，并有有效期；过期或被撤销请向管理员重新索取。'
            : '邀请码会为您的账号加上一个角色，原有角色不变。'}
      </Text>
    </View>
  )
}

export default RedeemInviteForm
