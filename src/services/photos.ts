import Taro from '@tarojs/taro'
import type { Photo } from '@contract/problems'
import { LIMITS, PHOTO_TYPES } from '@contract/schemas'
import { call, CloudError, uploadToCloudStorage, usesWxCloud } from './cloud'
import { refusalOf, type Refusal } from './privacy'

/**
 * Photos of a problem, from the phone to a photo id the form sends with `problems.file`.
 * Picking: Taro.chooseMedia on weapp (compressed by WeChat), Taro.chooseImage on H5 (a file input).
 * Uploading depends on the transport fixed at build time:
 *  - HTTP (local / self-hosted): the file is read as base64 and sent to `files.upload`;
 *  - WeChat cloud: the file goes to cloud storage (Taro.cloud.uploadFile), then `files.register`.
 */

export type PhotoType = (typeof PHOTO_TYPES)[number]

export interface PickedPhoto {
  /** A local path the page can show: a weapp temp file, or a blob: URL on H5. */
  path: string
  /** Bytes. */
  size: number
  /** The MIME type when known (from the browser, or from the file name's extension). */
  mimeType: string | null
}

export const PHOTO_TOO_BIG = `图片不超过 ${Math.round(LIMITS.photoBytesMax / 1024 / 1024)} MB，请压缩后再传`
export const PHOTO_WRONG_TYPE = '只支持 JPG、PNG 或 WebP 图片'
const PICK_FAILED = '无法打开相册，请稍后重试'

const EXTENSIONS: Record<string, PhotoType> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' }
const EXTENSION_OF: Record<PhotoType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }

function mimeFromName(name: string | undefined): PhotoType | null {
  const m = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(name ?? '')
  return m ? (EXTENSIONS[m[1].toLowerCase()] ?? null) : null
}

function isPhotoType(t: string | null): t is PhotoType {
  return !!t && (PHOTO_TYPES as readonly string[]).includes(t)
}

const isWeapp = () => process.env.TARO_ENV === 'weapp'

/** How the person can allow photos again, in Chinese: said where the photos field shows its messages. */
export function photoRefusalText(refused: Refusal): string {
  if (refused === 'privacy') return '您没有同意《隐私保护指引》，暂时无法选择照片。再点“添加照片”，在弹出的说明中点“同意”即可。'
  if (refused === 'system') return '手机没有允许微信使用相册或相机。请在手机的“设置”中为微信打开照片和相机权限后再试。'
  return isWeapp()
    ? '您没有允许使用相册或相机。请点右上角“···”→“设置”，打开“相册”和“摄像头”后再试。'
    : '浏览器没有允许选择照片。请在网站设置中允许后再试。'
}

const cancelled = (e: unknown) => /cancel/i.test(String((e as { errMsg?: string } | null)?.errMsg ?? e))

/**
 * Lets the person pick up to `max` photos; [] when they cancel. H5's file input does not enforce
 * `count`, so the caller still keeps only as many as fit.
 */
export async function pickPhotos(max: number): Promise<PickedPhoto[]> {
  if (max <= 0) return []
  try {
    if (isWeapp()) {
      const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      return (res.tempFiles ?? []).map((f) => ({ path: f.tempFilePath, size: f.size, mimeType: mimeFromName(f.tempFilePath) }))
    }
    const res = await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
    return (res.tempFiles ?? []).map((f) => ({
      path: f.path,
      size: f.size,
      mimeType: f.type || f.originalFileObj?.type || mimeFromName(f.originalFileObj?.name) || mimeFromName(f.path)
    }))
  } catch (e) {
    if (cancelled(e)) return []
    const refused = refusalOf(e)
    if (refused) throw new CloudError('FORBIDDEN', photoRefusalText(refused))
    throw new CloudError('INTERNAL', PICK_FAILED)
  }
}

/** Why a picked file cannot be sent (in Chinese), or null when it can. Checked before any upload. */
export function refusePhoto(p: PickedPhoto): string | null {
  if (!isPhotoType(p.mimeType)) return PHOTO_WRONG_TYPE
  if (!(p.size > 0)) return '图片内容为空'
  if (p.size > LIMITS.photoBytesMax) return PHOTO_TOO_BIG
  return null
}

function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = String(reader.result ?? '')
      const comma = url.indexOf(',')
      resolve(comma >= 0 ? url.slice(comma + 1) : '')
    }
    reader.onerror = () => reject(reader.error ?? new Error('read failed'))
    reader.readAsDataURL(blob)
  })
}

async function readBase64(path: string): Promise<string> {
  if (isWeapp()) {
    const res = await new Promise<{ data: string | ArrayBuffer }>((resolve, reject) => {
      Taro.getFileSystemManager().readFile({ filePath: path, encoding: 'base64', success: resolve, fail: reject })
    })
    return typeof res.data === 'string' ? res.data : ''
  }
  const res = await fetch(path)
  return blobToBase64(await res.blob())
}

const randomPart = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0')

/** Uploads one checked photo; resolves with its id and a link to show it. Failures are CloudErrors. */
export async function uploadPhoto(p: PickedPhoto): Promise<Photo> {
  const refusal = refusePhoto(p)
  if (refusal) throw new CloudError('VALIDATION', refusal)
  const mimeType = p.mimeType as PhotoType
  if (usesWxCloud()) {
    const fileId = await uploadToCloudStorage(`problem-photos/${Date.now()}-${randomPart()}.${EXTENSION_OF[mimeType]}`, p.path)
    return call('files', 'register', { fileId })
  }
  let base64: string
  try {
    base64 = await readBase64(p.path)
  } catch {
    throw new CloudError('INTERNAL', '读取图片失败，请重新选择')
  }
  if (!base64) throw new CloudError('INTERNAL', '读取图片失败，请重新选择')
  return call('files', 'upload', { mimeType, base64 })
}
