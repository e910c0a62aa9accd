import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import { MAYBE_STORED, type CloudError } from '@/services/cloud'

/** One row of a form: its label (with * when required), the control, a hint and the field's error. */
export function Field({ label, required, hint, error, extra, children }: { label: string; required?: boolean; hint?: ReactNode; error?: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <View className='pa-field'>
      <View className='pa-field__head'>
        <Text className='pa-field__label'>
          {label}
          {required ? <Text className='pa-field__required'>*</Text> : <Text className='pa-field__optional'>（选填）</Text>}
        </Text>
        {extra}
      </View>
      {children}
      {hint && <Text className='pa-field__hint'>{hint}</Text>}
      {error && (
        <Text className='pa-field__error' data-testid='field-error'>
          {error}
        </Text>
      )}
    </View>
  )
}

/** A failed submission: the message, and when it may have been stored, that sending again is safe. */
export function FailureAlert({ failure }: { failure: CloudError | null }) {
  if (!failure) return null
  return (
    <View className='pa-form-alert' data-testid='form-failure'>
      <Text>{failure.message}</Text>
      {MAYBE_STORED.has(failure.code) && <Text className='pa-form-alert__hint'>可直接再次提交，不会重复登记</Text>}
    </View>
  )
}
