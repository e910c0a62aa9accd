import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.css'

interface PageHeaderProps {
  title: string
  subtitle?: string
  /** Right-hand side, e.g. a button. */
  extra?: ReactNode
}

/** The title block at the top of a page: what this page is for, in one line. */
export function PageHeader({ title, subtitle, extra }: PageHeaderProps) {
  return (
    <View className='page-header'>
      <View className='page-header__main'>
        <Text className='page-header__title'>{title}</Text>
        {subtitle && <Text className='page-header__subtitle'>{subtitle}</Text>}
      </View>
      {extra && <View className='page-header__extra'>{extra}</View>}
    </View>
  )
}

export default PageHeader
