import Taro from '@tarojs/taro'
import { IMPORT_BYTES_MAX } from '@contract/admin-schemas'

/** A spreadsheet chosen for import, read whole: the import action takes its bytes as base64. */
export interface PickedFile {
  name: string
  size: number
  base64: string
}

/** Why a file cannot be imported before it is even sent, or null. */
export function fileProblem(name: string, size: number): string | null {
  if (!/\.(xlsx|csv)$/i.test(name)) return '只支持 .xlsx 或 .csv 文件；.xls 请先在 Excel 中另存为 .xlsx'
  if (size === 0) return '文件是空的，请重新选择'
  if (size > IMPORT_BYTES_MAX) return `文件有 ${(size / 1024 / 1024).toFixed(1)} MB，超过 2 MB，请分成几个文件分批导入`
  return null
}

/** H5: a File from <input type=file>, read with FileReader. */
export function readBrowserFile(file: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : ''
      // a data URL: data:<type>;base64,<bytes>
      resolve({ name: file.name, size: file.size, base64: url.slice(url.indexOf(',') + 1) })
    }
    reader.onerror = () => reject(new Error('读取文件失败'))
    reader.readAsDataURL(file)
  })
}

/** WeChat: a file from a chat (chooseMessageFile is the only way a mini program reaches a user's files). */
export async function chooseWeChatFile(): Promise<{ path: string; name: string; size: number } | null> {
  try {
    const res = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] })
    const f = res.tempFiles[0]
    return f ? { path: f.path, name: f.name, size: f.size } : null
  } catch {
    // cancelled
    return null
  }
}

export function readWeChatFile(file: { path: string; name: string; size: number }): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'base64',
      success: (r) => resolve({ name: file.name, size: file.size, base64: typeof r.data === 'string' ? r.data : '' }),
      fail: () => reject(new Error('读取文件失败'))
    })
  })
}
