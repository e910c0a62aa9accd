import { useCallback, useEffect, useRef, useState } from 'react'
import type { Photo } from '@contract/problems'
import { LIMITS } from '@contract/schemas'
import { toCloudError } from '@/services/cloud'
import { pickPhotos, refusePhoto, uploadPhoto, type PickedPhoto } from '@/services/photos'

export type PhotoStatus = 'uploading' | 'done' | 'failed'

export interface PhotoItem {
  key: string
  file: PickedPhoto
  status: PhotoStatus
  photo?: Photo
  error?: string
}

export interface PhotoUploads {
  items: PhotoItem[]
  /** Why some picked files were not added (too big, not an image, too many), in Chinese. */
  notice: string | null
  add: () => Promise<void>
  retry: (key: string) => void
  remove: (key: string) => void
  /** Uploaded photo ids, in the order shown. */
  ids: string[]
  uploading: boolean
  failed: boolean
}

let seq = 0

/** Photos being added to a form: each uploads right after it is picked, and can be retried or removed. */
export function usePhotoUploads(max: number = LIMITS.photosMax): PhotoUploads {
  const [items, setItems] = useState<PhotoItem[]>([])
  const [notice, setNotice] = useState<string | null>(null)
  const itemsRef = useRef(items)
  itemsRef.current = items
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])

  const patch = useCallback((key: string, change: Partial<PhotoItem>) => {
    if (!alive.current) return
    // a photo removed while it was uploading stays removed
    setItems((list) => list.map((i) => (i.key === key ? { ...i, ...change } : i)))
  }, [])

  const start = useCallback(
    (item: PhotoItem) => {
      uploadPhoto(item.file).then(
        (photo) => patch(item.key, { status: 'done', photo, error: undefined }),
        (e: unknown) => patch(item.key, { status: 'failed', error: toCloudError(e).message })
      )
    },
    [patch]
  )

  const add = useCallback(async () => {
    const room = max - itemsRef.current.length
    if (room <= 0) {
      setNotice(`照片最多 ${max} 张`)
      return
    }
    let picked: PickedPhoto[]
    try {
      picked = await pickPhotos(room)
    } catch (e) {
      setNotice(toCloudError(e).message)
      return
    }
    if (!picked.length || !alive.current) return
    const reasons: string[] = []
    const accepted: PhotoItem[] = []
    for (const file of picked) {
      const refusal = refusePhoto(file)
      if (refusal) {
        if (!reasons.includes(refusal)) reasons.push(refusal)
      } else if (accepted.length >= room) {
        const tooMany = `照片最多 ${max} 张，多选的未添加`
        if (!reasons.includes(tooMany)) reasons.push(tooMany)
      } else {
        accepted.push({ key: `photo-${Date.now()}-${++seq}`, file, status: 'uploading' })
      }
    }
    setNotice(reasons.length ? reasons.join('；') : null)
    if (!accepted.length) return
    setItems((list) => [...list, ...accepted])
    accepted.forEach(start)
  }, [max, start])

  const retry = useCallback(
    (key: string) => {
      const item = itemsRef.current.find((i) => i.key === key)
      if (!item || item.status !== 'failed') return
      patch(key, { status: 'uploading', error: undefined })
      start(item)
    },
    [patch, start]
  )

  const remove = useCallback((key: string) => {
    setItems((list) => list.filter((i) => i.key !== key))
    setNotice(null)
  }, [])

  return {
    items,
    notice,
    add,
    retry,
    remove,
    ids: items.filter((i) => i.status === 'done' && i.photo).map((i) => (i.photo as Photo).id),
    uploading: items.some((i) => i.status === 'uploading'),
    failed: items.some((i) => i.status === 'failed')
  }
}

/** The photos field's own error before sending (`verb`: 提交, 发布, 保存…), or none. */
export function photoErrors(photos: Pick<PhotoUploads, 'uploading' | 'failed'>, verb: string): { photos?: string } {
  if (photos.uploading) return { photos: `照片还在上传，请稍候再${verb}` }
  if (photos.failed) return { photos: `有照片上传失败，请点“重试”或删除后再${verb}` }
  return {}
}
