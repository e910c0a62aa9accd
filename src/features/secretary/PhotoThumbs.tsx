import { View, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Photo } from '@contract/problems'
import { assetUrl } from '@/services/cloud'

const preview = (current: string, urls: string[]) => void Taro.previewImage({ current, urls }).catch(() => undefined)

/** A visit's photos, small; a tap opens the viewer on that photo. */
export function PhotoThumbs({ photos }: { photos: Photo[] }) {
  if (!photos.length) return null
  const urls = photos.map((p) => assetUrl(p.url))
  return (
    <View className='sec-photos' data-testid='visit-photos'>
      {urls.map((url, i) => (
        <View key={photos[i].id} className='sec-photo'>
          <Image className='sec-photo__img' src={url} mode='aspectFill' onClick={() => preview(url, urls)} aria-label={`查看第 ${i + 1} 张照片`} />
        </View>
      ))}
    </View>
  )
}
