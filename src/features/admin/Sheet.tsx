import { useEffect, useRef, type ReactNode } from 'react'
import { View, Text, ScrollView } from '@tarojs/components'
import Taro from '@tarojs/taro'

/**
 * A panel over the page for a form: full screen on a phone, a dialog in the middle of a PC screen.
 * The list stays underneath, so closing it returns to the same place.
 */
export function Sheet({ title, subtitle, onClose, children, footer, testId }: { title: string; subtitle?: string; onClose: () => void; children: ReactNode; footer?: ReactNode; testId?: string }) {
  const close = useRef(onClose)
  close.current = onClose
  // on a PC, Esc closes it as any dialog would
  useEffect(() => {
    if (Taro.getEnv() !== Taro.ENV_TYPE.WEB || typeof document === 'undefined') return undefined
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close.current()
    }
    document.addEventListener('keydown', onKey)
    return () => document.removeEventListener('keydown', onKey)
  }, [])
  return (
    <View className='adc-sheet' data-testid={testId}>
      <View className='adc-sheet__mask' onClick={onClose} />
      <View className='adc-sheet__panel' role='dialog' aria-label={title}>
        <View className='adc-sheet__head'>
          <View className='adc-sheet__titles'>
            <Text className='adc-sheet__title'>{title}</Text>
            {subtitle && <Text className='adc-sheet__subtitle'>{subtitle}</Text>}
          </View>
          <View className='adc-sheet__close' role='button' aria-label='关闭' data-testid='sheet-close' onClick={onClose}>
            <Text>×</Text>
          </View>
        </View>
        <ScrollView scrollY className='adc-sheet__body'>
          {children}
        </ScrollView>
        {footer && <View className='adc-sheet__foot'>{footer}</View>}
      </View>
    </View>
  )
}
