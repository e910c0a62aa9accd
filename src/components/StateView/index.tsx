import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LiteButton } from '@/components/LiteButton'
import type { CloudError } from '@/services/cloud'
import { TAB } from '@/utils/routes'
import './index.css'

export interface EmptyAction {
  text: string
  onClick: () => void
}

export interface StateViewProps {
  loading?: boolean
  loadingText?: string
  error?: CloudError | null
  onRetry?: () => void
  /** True when there is nothing to show (an empty list). */
  empty?: boolean
  emptyTitle?: string
  /** What the empty state means and what to do next. */
  emptyDescription?: string
  emptyAction?: EmptyAction
  children?: ReactNode
}

/** One place for the loading, error (with 重试) and empty states; otherwise renders its children. */
export function StateView(props: StateViewProps) {
  const { loading, error, empty } = props
  if (loading) {
    return (
      <View className='state-view state-view--loading' data-state='loading'>
        <View className='state-view__spinner' />
        <Text className='state-view__text'>{props.loadingText ?? '正在加载…'}</Text>
      </View>
    )
  }
  if (error) {
    const needsSignIn = error.code === 'UNAUTHENTICATED'
    return (
      <View className='state-view state-view--error' data-state='error'>
        <View className='state-view__mark state-view__mark--error'>!</View>
        <Text className='state-view__title'>{error.message}</Text>
        {needsSignIn && <Text className='state-view__text'>登录已失效，请到「我的」重新登录</Text>}
        <View className='state-view__actions'>
          {props.onRetry && (
            <LiteButton type='primary' fill='outline' size='small' onClick={() => props.onRetry?.()}>
              重试
            </LiteButton>
          )}
          {needsSignIn && (
            <LiteButton type='primary' size='small' onClick={() => void Taro.switchTab({ url: TAB.me })}>
              去登录
            </LiteButton>
          )}
        </View>
      </View>
    )
  }
  if (empty) {
    return (
      <View className='state-view state-view--empty' data-state='empty'>
        <View className='state-view__mark'>空</View>
        {props.emptyTitle && <Text className='state-view__title'>{props.emptyTitle}</Text>}
        {props.emptyDescription && <Text className='state-view__text'>{props.emptyDescription}</Text>}
        {props.emptyAction && (
          <View className='state-view__actions'>
            <LiteButton type='primary' size='small' onClick={() => props.emptyAction?.onClick()}>
              {props.emptyAction.text}
            </LiteButton>
          </View>
        )}
      </View>
    )
  }
  return <>{props.children}</>
}

export default StateView
