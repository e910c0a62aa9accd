import type { ReactNode } from 'react'
import { View, Text, Input } from '@tarojs/components'
import type { CloudError } from '@/services/cloud'
import './forms.css'

/** One row of an account form: label, the control, a hint and the field's own error right under it. */
export function Field({
  name,
  label,
  hint,
  error,
  optional,
  children
}: {
  /** The schema's field name: the error's test id is `error-<name>`. */
  name: string
  label: string
  hint?: ReactNode
  error?: string
  optional?: boolean
  children: ReactNode
}) {
  return (
    <View className={`acc-field${error ? ' acc-field--error' : ''}`}>
      <Text className='acc-field__label'>
        {label}
        {optional && <Text className='acc-field__optional'>（选填）</Text>}
      </Text>
      {children}
      {hint && <Text className='acc-field__hint'>{hint}</Text>}
      {error && (
        <Text className='acc-field__error' data-testid={`error-${name}`}>
          {error}
        </Text>
      )}
    </View>
  )
}

/** A text box in the account forms' look (a password box when `password`). */
export function TextBox(props: {
  label: string
  value: string
  onInput: (value: string) => void
  placeholder?: string
  password?: boolean
  maxlength?: number
  type?: 'text' | 'number' | 'idcard' | 'digit'
  testId?: string
}) {
  return (
    <Input
      className='acc-input'
      value={props.value}
      password={props.password}
      type={props.type ?? 'text'}
      maxlength={props.maxlength ?? 64}
      placeholder={props.placeholder}
      placeholderClass='acc-input__placeholder'
      onInput={(e) => props.onInput(e.detail.value)}
      aria-label={props.label}
      data-testid={props.testId}
    />
  )
}

/**
 * A failed submission that no field explains (those errors sit under their fields): the server's own
 * words, as they are (e.g. the lockout time), and an optional hint of what to do next.
 */
export function FormAlert({ failure, hint, testId }: { failure: CloudError | null; hint?: string; testId: string }) {
  if (!failure) return null
  return (
    <View className='acc-alert' data-testid={testId} data-code={failure.code}>
      <Text className='acc-alert__title'>{failure.message}</Text>
      {hint && <Text className='acc-alert__hint'>{hint}</Text>}
    </View>
  )
}

/** True when the failure's message already stands under one of the form's fields. */
export function explainedByFields(failure: CloudError | null, errors: Record<string, string>): boolean {
  return !!failure?.fields && Object.keys(failure.fields).some((k) => k in errors)
}
