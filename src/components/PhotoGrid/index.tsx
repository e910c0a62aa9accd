import { View, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './index.css'

export interface GridPhoto {
  /** Stable across renders (the photo id). */
  key: string
  url: string
}

export interface PhotoGridProps {
  photos: GridPhoto[]
  className?: string
  testId?: string
  itemTestId?: string
}

/** Photos three to a row; a tap opens them full screen, swiping through all of them. Nothing when there are none. */
export function PhotoGrid({ photos, className, testId, itemTestId }: PhotoGridProps) {
  if (!photos.length) return null
  const urls = photos.map((p) => p.url)
  return (
    <View className={className ? `photo-grid ${className}` : 'photo-grid'} data-testid={testId}>
      {photos.map((p, i) => (
        <View key={p.key} className='photo-cell' data-testid={itemTestId}>
          <Image
            className='photo-cell__img'
            src={p.url}
            mode='aspectFill'
            aria-label={`照片 ${i + 1}`}
            onClick={() => void Taro.previewImage({ current: p.url, urls }).catch(() => undefined)}
          />
        </View>
      ))}
    </View>
  )
}

export default PhotoGrid
