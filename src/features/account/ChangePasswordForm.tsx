import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { changePasswordInput, type FieldErrors } from '@contract/schemas'
import { call } from '@/services/cloud'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { Field, FormAlert, TextBox, explainedByFields } from './form'
import { ActionButton } from './ActionButton'
import { PASSWORD_RULE, markNoPassword } from './codes'

/** 修改密码: the current password, then the new one twice. */
export function ChangePasswordForm({ personId, onDone }: { personId: string; onDone: () => void }) {
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const form = useFormSubmit()
  const { errors, failure, sending, clearError } = form

  const submit = async () => {
    const extra: FieldErrors = {}
    if (next && next === current) extra.next = '新密码不能与当前密码相同'
    if (next && confirm !== next) extra.confirm = confirm ? '两次输入的新密码不一致' : '请再输入一次新密码'
    // not retried by request id: a wrong current password counts as what it is
    const done = await form.submit(changePasswordInput.safeParse({ current, next }), (data) => call('accounts', 'changePassword', data), extra)
    if (!done) return
    void Taro.showToast({ title: '密码已修改，下次请用新密码登录', icon: 'none', duration: 2500 })
    onDone()
  }

  // the server says the account has no password (a demo or WeChat account): stop offering the form
  useEffect(() => {
    if (failure?.code === 'CONFLICT') markNoPassword(personId)
  }, [failure, personId])

  const edit = (field: string, set: (v: string) => void) => (v: string) => {
    set(v)
    clearError(field)
  }

  return (
    <View className='acc-form' data-testid='password-form'>
      <Field name='current' label='当前密码' error={errors.current}>
        <TextBox label='当前密码' value={current} password maxlength={128} placeholder='正在使用的密码' onInput={edit('current', setCurrent)} />
      </Field>
      <Field name='next' label='新密码' error={errors.next} hint={`${PASSWORD_RULE}。`}>
        <TextBox label='新密码' value={next} password maxlength={128} placeholder={PASSWORD_RULE} onInput={edit('next', setNext)} />
      </Field>
      <Field name='confirm' label='确认新密码' error={errors.confirm}>
        <TextBox label='确认新密码' value={confirm} password maxlength={128} placeholder='再输入一次新密码' onInput={edit('confirm', setConfirm)} />
      </Field>
      {!explainedByFields(failure, errors) && <FormAlert failure={failure} testId='password-failure' />}
      <ActionButton onClick={() => void submit()} busy={sending} testId='password-submit'>
        {sending ? '正在保存…' : '保存新密码'}
      </ActionButton>
    </View>
  )
}

export default ChangePasswordForm
