import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { signInInput } from '@contract/schemas'
import { call } from '@/services/cloud'
import { saveSession } from '@/services/session'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { Field, FormAlert, TextBox, explainedByFields } from './form'
import { ActionButton } from './ActionButton'

/** What to do after a refusal, beside the server's own words (which are shown as they are). */
function hintFor(code: string | undefined): string | undefined {
  if (code === 'UNAUTHENTICATED') return '请检查账号和密码（密码区分大小写）。连续输错 5 次，账号将锁定 15 分钟。'
  if (code === 'RATE_LIMITED') return '为保护账号安全，锁定期间无法登录。忘记密码请联系系统管理员重置。'
  return undefined
}

/** 账号登录 (HTTP hosts: the PC console and self-hosted builds): login and password; `onDone` once signed in. */
export function SignInForm({ onDone }: { onDone?: () => void }) {
  const [login, setLogin] = useState('')
  const [password, setPassword] = useState('')
  const form = useFormSubmit()
  const { errors, failure, sending, clearError } = form

  const submit = async () => {
    // signIn is not retried by request id: a second tap is a second attempt, counted like the first
    const session = await form.submit(signInInput.safeParse({ login, password }), (data) => call('accounts', 'signIn', data))
    if (!session) return
    saveSession(session)
    void Taro.showToast({ title: `欢迎，${session.user.name}`, icon: 'none' })
    onDone?.()
  }

  return (
    <View className='acc-form' data-testid='sign-in-form'>
      <Field name='login' label='账号' error={errors.login}>
        <TextBox
          label='账号'
          value={login}
          placeholder='管理员为您开通的登录账号'
          maxlength={64}
          onInput={(v) => {
            setLogin(v)
            clearError('login')
          }}
        />
      </Field>
      <Field name='password' label='密码' error={errors.password}>
        <TextBox
          label='密码'
          value={password}
          password
          maxlength={128}
          placeholder='登录密码'
          onInput={(v) => {
            setPassword(v)
            clearError('password')
          }}
        />
      </Field>
      {!explainedByFields(failure, errors) && <FormAlert failure={failure} hint={hintFor(failure?.code)} testId='sign-in-failure' />}
      <ActionButton onClick={() => void submit()} busy={sending} testId='sign-in-submit'>
        {sending ? '正在登录…' : '登录'}
      </ActionButton>
      <Text className='acc-form__foot'>忘记密码或账号被锁定，请联系系统管理员。</Text>
    </View>
  )
}

export default SignInForm
