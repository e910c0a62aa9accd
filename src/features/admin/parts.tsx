import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { StateView } from '@/components/StateView'
import { TAB } from '@/utils/routes'

/** One row of the issue form: label (* when required), the control, a hint and the field's error. */
export function Field({
  name,
  label,
  required,
  hint,
  error,
  children
}: {
  name: string
  label: string
  required?: boolean
  hint?: ReactNode
  error?: string
  children: ReactNode
}) {
  return (
    <View className={`adm-field${error ? ' adm-field--error' : ''}`} data-testid={`field-${name}`}>
      <Text className='adm-field__label'>
        {label}
        {required ? <Text className='adm-field__required'>*</Text> : <Text className='adm-field__optional'>（选填）</Text>}
      </Text>
      {children}
      {hint && <Text className='adm-field__hint'>{hint}</Text>}
      {error && (
        <Text className='adm-field__error' data-testid={`error-${name}`}>
          {error}
        </Text>
      )}
    </View>
  )
}

/** A button in our 750-design px: primary (red), plain (white with a border) or danger (red outline). */
export function Btn({
  children,
  onClick,
  kind = 'primary',
  small,
  busy,
  testId,
  label
}: {
  children: ReactNode
  onClick: () => void
  kind?: 'primary' | 'plain' | 'danger'
  small?: boolean
  busy?: boolean
  testId?: string
  /** The accessible name when the text alone is ambiguous (撤销 on every row). */
  label?: string
}) {
  return (
    <View
      className={`adm-btn adm-btn--${kind}${small ? ' adm-btn--small' : ''}${busy ? ' adm-btn--busy' : ''}`}
      role='button'
      aria-label={label}
      aria-disabled={busy ? true : undefined}
      data-testid={testId}
      onClick={(e) => {
        e.stopPropagation?.()
        if (!busy) onClick()
      }}
    >
      <Text>{children}</Text>
    </View>
  )
}

/** Signed out, or not an administrator: what the page is for and who can use it. */
export function Refusal({ signedIn }: { signedIn: boolean }) {
  return (
    <StateView
      empty
      emptyTitle={signedIn ? '仅系统管理员可以管理邀请码' : '请先登录'}
      emptyDescription={
        signedIn
          ? '邀请码用于为同事开通角色，只有系统管理员可以签发、查看和撤销。如需开通账号或增加角色，请向系统管理员索取邀请码，然后在「我的」→「使用邀请码」中填写。'
          : '邀请码管理只对系统管理员开放。请先在「我的」登录系统管理员账号。'
      }
      emptyAction={{ text: signedIn ? '回到「我的」' : '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
    />
  )
}
