import { View, Text, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { LIMITS } from '@contract/schemas'
import type { PhotoUploads } from '@/hooks/usePhotoUploads'
import { FieldError, FormField } from '@/components/FormField'
import { PrivacyConsent } from '@/components/PrivacyConsent'
// the grid and its cells are PhotoGrid's; this field adds the upload states on top
import '@/components/PhotoGrid/index.css'
import './index.css'

export interface PhotoFieldProps {
  uploads: PhotoUploads
  max?: number
  /** A message from the form's validation (e.g. photos still uploading). */
  error?: string
  /** What the photos are for; the limits are added after it. */
  hint?: string
  /** Another class on the field's row, for a form's own spacing. */
  className?: string
}

/**
 * A form's photos field: thumbnails with their upload state, remove and retry, and 添加照片, in the shared
 * form row (label, hint, messages), so any form can use it; `usePhotoUploads` does the work. On WeChat it
 * carries the privacy consent popup, since picking a photo is what asks for it.
 */
export function PhotoField({ uploads, max = LIMITS.photosMax, error, hint = '现场照片有助于部门了解情况。', className }: PhotoFieldProps) {
  const { items } = uploads
  const preview = (path: string) => {
    const urls = items.map((i) => i.file.path)
    void Taro.previewImage({ current: path, urls }).catch(() => undefined)
  }
  return (
    <FormField
      label='照片'
      optional
      extra={
        <Text className='photo-field__count' data-testid='photo-count'>
          {items.length}/{max}
        </Text>
      }
      error={error}
      errorTestId='photo-error'
      className={className ? `photo-field ${className}` : 'photo-field'}
    >
      <View className='photo-grid' data-testid='photo-field'>
        {items.map((item, index) => (
          <View key={item.key} className={`photo-cell photo-cell--${item.status}`} data-testid='photo-item' data-status={item.status}>
            <Image className='photo-cell__img' src={item.file.path} mode='aspectFill' onClick={() => preview(item.file.path)} />
            {item.status === 'uploading' && (
              <View className='photo-cell__overlay'>
                <View className='photo-cell__spinner' />
                <Text>上传中</Text>
              </View>
            )}
            {item.status === 'failed' && (
              <View
                className='photo-cell__overlay photo-cell__overlay--failed'
                role='button'
                aria-label={`重新上传第 ${index + 1} 张照片`}
                data-testid='photo-retry'
                onClick={() => uploads.retry(item.key)}
              >
                <Text className='photo-cell__failed'>上传失败</Text>
                <Text className='photo-cell__retry'>点此重试</Text>
              </View>
            )}
            <View
              className='photo-cell__remove'
              role='button'
              aria-label={`删除第 ${index + 1} 张照片`}
              data-testid='photo-remove'
              onClick={() => uploads.remove(item.key)}
            >
              <Text>×</Text>
            </View>
          </View>
        ))}
        {items.length < max && (
          <View className='photo-cell photo-add' role='button' aria-label='添加照片' data-testid='photo-add' onClick={() => void uploads.add()}>
            <Text className='photo-add__plus'>+</Text>
            <Text className='photo-add__text'>添加照片</Text>
          </View>
        )}
      </View>
      <Text className='form-field__hint'>
        {hint}最多 {max} 张，每张不超过 3 MB，支持 JPG、PNG、WebP。
      </Text>
      <FieldError message={uploads.notice} testId='photo-notice' />
      <PrivacyConsent />
    </FormField>
  )
}

export default PhotoField
