import { useState } from 'react'
import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Photo } from '@contract/problems'
import { LIMITS } from '@contract/schemas'
import { assetUrl, call, newRequestId, toCloudError } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { usePhotoUploads } from '@/hooks/usePhotoUploads'
import { StateView } from '@/components/StateView'
import { PrivacyConsent } from '@/components/PrivacyConsent'

function Editor({ stationId, initial, onSaved }: { stationId: string; initial: Photo[]; onSaved: (photos: Photo[]) => void }) {
  const [kept, setKept] = useState(initial)
  const uploads = usePhotoUploads(LIMITS.stationPhotosMax - kept.length)
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const room = LIMITS.stationPhotosMax - kept.length - uploads.items.length

  const save = async () => {
    if (uploads.uploading) return setError('照片还在上传，请稍候')
    if (uploads.failed) return setError('有照片上传失败，请删除后重试')
    setSaving(true)
    try {
      const photos = await call('stations', 'savePhotos', { stationId, photos: [...kept.map((p) => p.id), ...uploads.ids] }, { requestId: newRequestId() })
      onSaved(photos)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='card'>
      <PrivacyConsent />
      <Text className='sc-editor__label'>站点照片（最多 {LIMITS.stationPhotosMax} 张，第一张作封面）</Text>
      <View className='sc-photos' data-testid='station-photo-grid'>
        {kept.map((p) => (
          <View key={p.id} className='sc-photo'>
            <Image className='sc-photo__img' src={assetUrl(p.url)} mode='aspectFill' />
            <Text className='sc-photo__remove' onClick={() => setKept(kept.filter((x) => x.id !== p.id))} aria-label='删除照片'>
              ×
            </Text>
          </View>
        ))}
        {uploads.items.map((item) => (
          <View key={item.key} className='sc-photo' data-status={item.status}>
            <Image className='sc-photo__img' src={item.file.path} mode='aspectFill' />
            {item.status !== 'done' && <Text className='sc-photo__state'>{item.status === 'uploading' ? '上传中' : '上传失败'}</Text>}
            <Text className='sc-photo__remove' onClick={() => uploads.remove(item.key)} aria-label='删除照片'>
              ×
            </Text>
          </View>
        ))}
        {room > 0 && (
          <View className='sc-photo sc-photo--add' onClick={() => void uploads.add()} data-testid='station-photo-add'>
            <Text className='sc-photo__plus'>+</Text>
            <Text className='muted'>添加照片</Text>
          </View>
        )}
      </View>
      {(uploads.notice || error) && <Text className='sc-error'>{error ?? uploads.notice}</Text>}
      <Text className='muted sc-editor__note'>照片显示在站点页上，帮助骑手和群众一眼认出站点入口。</Text>
      <View className={`sc-btn sc-btn--primary${saving ? ' sc-btn--off' : ''}`} onClick={() => void save()} data-testid='save-photos'>
        <Text>{saving ? '正在保存…' : '保存照片'}</Text>
      </View>
    </View>
  )
}

/** 照片: the pictures on the station's public page. */
export function PhotosPanel({ stationId }: { stationId: string }) {
  const page = useRemote(() => call('stations', 'get', { id: stationId }), [stationId])
  return (
    <StateView loading={page.loading} error={page.error} onRetry={() => void page.reload()}>
      {page.data && (
        <Editor
          key={page.data.photos.map((p) => p.id).join()}
          stationId={stationId}
          initial={page.data.photos}
          onSaved={(photos) => page.data && page.mutate({ ...page.data, photos })}
        />
      )}
    </StateView>
  )
}
