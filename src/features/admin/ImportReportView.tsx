import { View, Text } from '@tarojs/components'
import type { ImportReport } from '@contract/admin'

/** The counts of a (trial) import and each rejected row with its reasons, as the spreadsheet numbers rows. */
export function ImportReportView({ report }: { report: ImportReport }) {
  const rejected = report.rejected.length
  const good = report.total - rejected
  const tiles = [
    { key: 'total', label: '共读取', value: report.total, unit: '行' },
    { key: 'created', label: report.applied ? '已新增' : '将新增', value: report.created, unit: '条' },
    { key: 'updated', label: report.applied ? '已更新' : '将更新', value: report.updated, unit: '条' },
    { key: 'rejected', label: '有误', value: rejected, unit: '行' }
  ]
  return (
    <View className='card adc-report' data-testid='import-report' data-dry-run={report.dryRun ? 'true' : 'false'}>
      <View className='adc-report__tiles'>
        {tiles.map((t) => (
          <View key={t.key} className={`adc-report__tile${t.key === 'rejected' && rejected ? ' adc-report__tile--bad' : ''}`} data-testid={`report-${t.key}`}>
            <Text className='adc-report__label'>{t.label}</Text>
            <Text className='adc-report__value'>{t.value}</Text>
            <Text className='adc-report__unit'>{t.unit}</Text>
          </View>
        ))}
      </View>
      {report.total === 0 ? (
        <Text className='adc-report__verdict adc-report__verdict--bad'>文件中没有数据行（第 1 行是表头，其余空行会跳过）。请检查是否选错了文件或工作表。</Text>
      ) : rejected ? (
        <Text className='adc-report__verdict adc-report__verdict--bad' data-testid='report-verdict'>
          {report.dryRun ? '' : '整批未导入：'}有 {rejected} 行有误{good ? `，其余 ${good} 行无误` : ''}。请按下表在 Excel 中改好，保存后重新选择文件再试导入。
        </Text>
      ) : (
        <Text className='adc-report__verdict adc-report__verdict--good' data-testid='report-verdict'>
          {report.applied ? `已全部导入：新增 ${report.created} 条，更新 ${report.updated} 条。` : `全部 ${report.total} 行均无误，可以正式导入。`}
        </Text>
      )}
      {rejected > 0 && (
        <View className='adc-rejects' role='table' aria-label='有误的行'>
          <View className='adc-rejects__row adc-rejects__row--head' role='row'>
            <Text className='adc-rejects__no'>行号</Text>
            <Text className='adc-rejects__why'>问题</Text>
          </View>
          {report.rejected.map((r) => (
            <View key={r.row} className='adc-rejects__row' role='row' data-testid='reject-row' data-row={r.row}>
              <Text className='adc-rejects__no'>第 {r.row} 行</Text>
              <View className='adc-rejects__why'>
                {r.errors.map((e, i) => (
                  <Text key={i} className='adc-rejects__error'>
                    {e}
                  </Text>
                ))}
              </View>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}
