import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'

/** A button drawn in our 750-design px (NutUI's stay 375-sized and look tiny on a PC). */
export function ActionButton({
  children,
  onClick,
  kind = 'primary',
  busy,
  testId
}: {
  children: ReactNode
  onClick: () => void
  kind?: 'primary' | 'plain'
  busy?: boolean
  testId?: string
}) {
  return (
    <View
      className={`acc-btn acc-btn--${kind}${busy ? ' acc-btn--busy' : ''}`}
      role='button'
      aria-disabled={busy ? true : undefined}
      data-testid={testId}
      onClick={() => {
        if (!busy) onClick()
      }}
    >
      <Text>{children}</Text>
    </View>
  )
}
