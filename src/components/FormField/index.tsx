import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.css'

export interface FieldErrorProps {
  message?: string | null
  /** Tests find a field's message by this id; forms name theirs (error-note…) where a page has several. */
  testId?: string
}

/** A field's own message in red, or nothing. */
export function FieldError({ message, testId = 'field-error' }: FieldErrorProps) {
  return message ? (
    <Text className='form-field__error' data-testid={testId}>
      {message}
    </Text>
  ) : null
}

export interface FieldCounterProps {
  length: number
  max: number
  /** Said before the count while the text is still too short (“至少 5 个字 · ”). */
  prefix?: string
  testId?: string
}

/** How many characters of how many; red once over. */
export function FieldCounter({ length, max, prefix, testId }: FieldCounterProps) {
  return (
    <Text className={`form-field__counter${length > max ? ' form-field__counter--over' : ''}`} data-testid={testId}>
      {prefix}
      {length}/{max}
    </Text>
  )
}

export interface FormFieldProps {
  label?: ReactNode
  /** A red * after the label. */
  required?: boolean
  /** （选填） after the label; neither mark when a row is a group of its own (产业链与镇街). */
  optional?: boolean
  /** Beside the label on the right: a counter, a link such as 重新定位. */
  extra?: ReactNode
  /** Grey text under the control. */
  hint?: ReactNode
  error?: string | null
  errorTestId?: string
  /** Another class on the row, for a form's own spacing. */
  className?: string
  testId?: string
  children?: ReactNode
}

/**
 * One row of a form: the label (with * or （选填）), the control, a hint and the field's error. The controls
 * inside use the shared classes of index.css (form-field__input, __textarea, __picker, __static), so every
 * form in the app looks and reads alike.
 */
export function FormField({ label, required, optional, extra, hint, error, errorTestId, className, testId, children }: FormFieldProps) {
  let mark: ReactNode = null
  if (required) mark = <Text className='form-field__required'>*</Text>
  else if (optional) mark = <Text className='form-field__optional'>（选填）</Text>
  return (
    <View className={className ? `form-field ${className}` : 'form-field'} data-testid={testId}>
      {(label || extra) && (
        <View className='form-field__head'>
          {label && (
            <Text className='form-field__label'>
              {label}
              {mark}
            </Text>
          )}
          {extra}
        </View>
      )}
      {children}
      {hint && <Text className='form-field__hint'>{hint}</Text>}
      <FieldError message={error} testId={errorTestId} />
    </View>
  )
}

export default FormField
