import type { ReactNode } from 'react'
import { View, Text, Picker } from '@tarojs/components'
// the pickers below draw with the shared form classes
import '@/components/FormField/index.css'

export interface SelectOption {
  id: string
  name: string
}

interface SelectProps {
  /** The accessible name (also the jsdom stand-in's test id: picker-<label>). */
  label: string
  options: readonly SelectOption[]
  value: string
  placeholder: string
  onPick: (id: string) => void
  /** Loading or failed: shown instead of the picker. */
  state?: { loading: boolean; error?: { message: string }; onRetry: () => void }
  className?: string
}

/** A selector picker drawn like the form's other pickers, with its loading and error states. */
export function Select({ label, options, value, placeholder, onPick, state, className }: SelectProps) {
  if (state?.loading) {
    return <Text className={`form-field__static form-field__placeholder ${className ?? ''}`}>正在加载…</Text>
  }
  if (state?.error) {
    return (
      <View className={`form-field__picker ${className ?? ''}`} onClick={state.onRetry} data-testid={`retry-${label}`}>
        <Text className='form-field__placeholder form-field__ellipsis'>{state.error.message}</Text>
        <Text className='link'>重试</Text>
      </View>
    )
  }
  const index = options.findIndex((o) => o.id === value)
  return (
    <Picker
      className={className}
      mode='selector'
      range={options.map((o) => o.name)}
      value={index < 0 ? 0 : index}
      onChange={(e) => {
        const picked = options[Number(e.detail.value)]
        if (picked) onPick(picked.id)
      }}
      aria-label={label}
    >
      <View className='form-field__picker'>
        {index >= 0 ? (
          <Text className='form-field__ellipsis'>{options[index].name}</Text>
        ) : (
          <Text className='form-field__placeholder form-field__ellipsis'>{placeholder}</Text>
        )}
        <Text className='form-field__arrow'>选择 ›</Text>
      </View>
    </Picker>
  )
}

interface SwitchRowProps {
  title: string
  hint: ReactNode
  on: boolean
  disabled?: boolean
  onToggle: () => void
  label: string
  testId: string
}

/** A labelled on/off switch (role=switch); a disabled one says why in its hint. */
export function SwitchRow({ title, hint, on, disabled, onToggle, label, testId }: SwitchRowProps) {
  return (
    <View className={`switch-row${disabled ? ' switch-row--disabled' : ''}`}>
      <View className='switch-row__text'>
        <Text className='form-field__label form-field__label--inline'>{title}</Text>
        <Text className='form-field__hint'>{hint}</Text>
      </View>
      <View
        className={`switch${on ? ' switch--on' : ''}${disabled ? ' switch--disabled' : ''}`}
        role='switch'
        aria-checked={on}
        aria-disabled={disabled ? true : undefined}
        aria-label={label}
        data-testid={testId}
        onClick={() => {
          if (!disabled) onToggle()
        }}
      >
        <View className='switch__knob' />
      </View>
    </View>
  )
}
