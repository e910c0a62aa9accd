import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'

/** Small pieces table cells are made of: a coloured tag, a grey dash for nothing, a second line. */

export type Tone = 'grey' | 'red' | 'green' | 'blue' | 'amber'

export function Tag({ children, tone = 'grey', testId }: { children: ReactNode; tone?: Tone; testId?: string }) {
  return (
    <Text className={`adc-tag adc-tag--${tone}`} data-testid={testId}>
      {children}
    </Text>
  )
}

/** An empty cell says so quietly instead of staying blank (blank reads as "still loading"). */
export function None({ text = '—' }: { text?: string }) {
  return <Text className='adc-none'>{text}</Text>
}

export function Main({ children, sub }: { children: ReactNode; sub?: ReactNode }) {
  return (
    <View className='adc-main'>
      <Text className='adc-main__title'>{children}</Text>
      {sub ? <Text className='adc-main__sub'>{sub}</Text> : null}
    </View>
  )
}

export function Tags({ children }: { children: ReactNode }) {
  return <View className='adc-tags'>{children}</View>
}

/** Text or the dash when there is none. */
export const orNone = (text: string | null | undefined): ReactNode => (text ? <Text>{text}</Text> : <None />)
