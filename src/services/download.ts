import Taro from '@tarojs/taro'
import type { ExportedFile } from '@contract/reports'

/** Where the file ended up: downloaded by the browser (H5) or opened in WeChat's viewer (weapp). */
export type Saved = 'downloaded' | 'opened'

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(new ArrayBuffer(binary.length))
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function download(file: ExportedFile): Saved {
  const blob = new Blob([base64ToBytes(file.base64)], { type: file.mimeType })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = file.fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  // the click has handed the blob to the browser's download; free it once that has started
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return 'downloaded'
}

/** Writes the file to the mini program's user folder; resolves with its path. */
export async function writeToUserFolder(file: ExportedFile): Promise<string> {
  const filePath = `${Taro.env.USER_DATA_PATH}/${file.fileName}`
  await new Promise<void>((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data: file.base64,
      encoding: 'base64',
      success: () => resolve(),
      fail: (e) => reject(new Error(e?.errMsg ?? 'writeFile failed'))
    })
  })
  return filePath
}

async function openInWeapp(file: ExportedFile): Promise<Saved> {
  const filePath = await writeToUserFolder(file)
  // showMenu: 转发给同事、用其他应用打开、保存
  await Taro.openDocument({ filePath, fileType: 'xlsx', showMenu: true })
  return 'opened'
}

/**
 * WeChat's viewer opens only office files and PDF: a file it cannot show (the JSON of 导出我的数据) is
 * forwarded to a chat instead, where the person can keep it. WeChat allows that only inside a tap, so
 * write the file first (writeToUserFolder) and forward it from the next tap.
 */
export function forwardToChat(filePath: string, fileName: string): Promise<void> {
  return Taro.shareFileMessage({ filePath, fileName }).then(() => undefined)
}

/** H5 downloads the report; the mini program writes it to the user's folder and opens it. */
export function saveExportedFile(file: ExportedFile): Promise<Saved> {
  if (Taro.getEnv() === Taro.ENV_TYPE.WEB) return Promise.resolve(download(file))
  return openInWeapp(file)
}
