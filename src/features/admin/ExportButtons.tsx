import { useState } from 'react'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ExportListInput } from '@contract/admin-schemas'
import { call, toCloudError } from '@/services/cloud'
import { saveExportedFile } from '@/services/download'
import { Btn } from './parts'

type Format = 'xlsx' | 'csv'
const FORMAT_LABELS: Record<Format, string> = { xlsx: 'Excel', csv: 'CSV' }

/**
 * 导出 a list as .xlsx or .csv (same columns as the import template). The mini program opens files in
 * WeChat's viewer, which cannot show a .csv, so there only Excel is offered.
 */
export function ExportButtons({ entity, what }: { entity: ExportListInput['entity']; what: string }) {
  const [busy, setBusy] = useState<Format | null>(null)
  const formats: Format[] = Taro.getEnv() === Taro.ENV_TYPE.WEB ? ['xlsx', 'csv'] : ['xlsx']

  const run = async (format: Format) => {
    if (busy) return
    setBusy(format)
    try {
      const file = await call('admin', 'export', { entity, format })
      const saved = await saveExportedFile(file)
      void Taro.showToast({ title: saved === 'downloaded' ? `已下载 ${FORMAT_LABELS[format]}` : '已打开，可转发或保存', icon: 'none' })
    } catch (e) {
      void Taro.showModal({ title: `${what}导出失败`, content: toCloudError(e).message, showCancel: false, confirmText: '知道了' })
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className='adc-export'>
      {formats.map((f) => (
        <Btn key={f} kind='plain' small busy={busy === f} onClick={() => void run(f)} testId={`export-${f}`} label={`导出${what}（${FORMAT_LABELS[f]}）`}>
          {busy === f ? '正在导出…' : `导出 ${FORMAT_LABELS[f]}`}
        </Btn>
      ))}
    </View>
  )
}
