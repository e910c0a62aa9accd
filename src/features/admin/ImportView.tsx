import { useRef, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ADMIN_ENTITY_LABELS, IMPORTABLE, type ImportableEntity, type ImportReport } from '@contract/admin'
import { importInput } from '@contract/admin-schemas'
import { call, toCloudError } from '@/services/cloud'
import { saveExportedFile } from '@/services/download'
import { hasRole } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { PageHeader } from '@/components/PageHeader'
import { PrivacyConsent } from '@/components/PrivacyConsent'
import { adminListUrl } from '@/utils/routes'
import { ConsoleNav } from './ConsoleNav'
import { ConsoleRefusal } from './ConsoleRefusal'
import { ImportReportView } from './ImportReportView'
import { chooseWeChatFile, fileProblem, readBrowserFile, readWeChatFile, type PickedFile } from './pick-file'
import { Btn } from './parts'
import './styles.css'
import './console.css'

/** What each import fills, so the right spreadsheet is chosen. */
const WHAT: Record<ImportableEntity, string> = {
  enterprises: '企业名称、统一社会信用代码、产业链、镇街、是否链主；已有的企业（按信用代码或名称）会更新。',
  pairings: '结对类型、期数、机关党组织与所在部门、企业党组织与企业、起止日期与共建目标。',
  stations: '站点名称、类型、地址、镇街、主管部门、经纬度、是否全天开放、开放时间、设施与电话；站长请在列表中指定。',
  people: '姓名、手机号、是否党员，以及要授予的角色与范围（一行一个角色，如“部门经办人”与部门名称；系统管理员不能导入）。'
}

interface Result {
  report: ImportReport
  /** The entity and file the report is about: another choice makes it stale. */
  key: string
}

const keyOf = (entity: ImportableEntity, file: PickedFile) => `${entity}:${file.name}:${file.size}:${file.base64.length}`

/**
 * packages/admin/import: 批量导入 — pick the list and a spreadsheet, 试导入 (checks every row, changes
 * nothing), then 正式导入 once the trial found no bad row: one bad row and the whole batch stays out.
 */
export function ImportView() {
  const session = useSession()
  const admin = hasRole(session?.user, 'admin')
  const [entity, setEntity] = useState<ImportableEntity>('enterprises')
  const [file, setFile] = useState<PickedFile | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [reading, setReading] = useState(false)
  const [result, setResult] = useState<Result | null>(null)
  const [template, setTemplate] = useState(false)
  const trial = useFormSubmit()
  const apply = useFormSubmit()
  const input = useRef<HTMLInputElement | null>(null)
  const web = Taro.getEnv() === Taro.ENV_TYPE.WEB

  const title = '批量导入'
  const subtitle = '从 Excel（.xlsx）或 .csv 一次导入企业、结对、站点或人员'
  if (!session || !admin) {
    return (
      <View className='page adm-page adc-page'>
        <PageHeader title={title} subtitle={subtitle} />
        <ConsoleRefusal signedIn={!!session} />
      </View>
    )
  }

  const label = ADMIN_ENTITY_LABELS[entity]
  const current = file ? keyOf(entity, file) : null
  const report = result && result.key === current ? result.report : null
  const canApply = !!report && report.dryRun && report.total > 0 && report.rejected.length === 0
  const failure = apply.failure ?? trial.failure
  const busy = trial.sending || apply.sending || reading

  const take = (picked: PickedFile) => {
    setFile(picked)
    setResult(null)
  }
  const check = (name: string, size: number): boolean => {
    const problem = fileProblem(name, size)
    setFileError(problem)
    if (problem) {
      setFile(null)
      setResult(null)
    }
    return !problem
  }

  const onBrowserFile = async (picked: File | undefined) => {
    if (input.current) input.current.value = ''
    if (!picked || !check(picked.name, picked.size)) return
    setReading(true)
    try {
      take(await readBrowserFile(picked))
    } catch {
      setFileError('读取文件失败，请确认文件没有被其他程序占用后重新选择')
    } finally {
      setReading(false)
    }
  }

  const choose = async () => {
    if (busy) return
    if (web) {
      input.current?.click()
      return
    }
    const chosen = await chooseWeChatFile()
    if (!chosen || !check(chosen.name, chosen.size)) return
    setReading(true)
    try {
      take(await readWeChatFile(chosen))
    } catch {
      setFileError('读取文件失败，请重新选择')
    } finally {
      setReading(false)
    }
  }

  const run = async (dryRun: boolean) => {
    if (!file || busy) return
    const form = dryRun ? trial : apply
    const key = keyOf(entity, file)
    const answer = await form.submit(importInput.safeParse({ entity, fileName: file.name, base64: file.base64, dryRun }), (data, requestId) =>
      call('admin', 'import', data, { requestId })
    )
    if (!answer) return
    setResult({ report: answer, key })
    if (answer.applied) void Taro.showToast({ title: '已导入', icon: 'success' })
  }

  const downloadTemplate = async () => {
    if (template) return
    setTemplate(true)
    try {
      const saved = await saveExportedFile(await call('admin', 'export', { entity, format: 'xlsx' }))
      void Taro.showToast({ title: saved === 'downloaded' ? '已下载模板' : '已打开，可转发到电脑编辑', icon: 'none' })
    } catch (e) {
      void Taro.showModal({ title: '模板下载失败', content: toCloudError(e).message, showCancel: false, confirmText: '知道了' })
    } finally {
      setTemplate(false)
    }
  }

  const pickEntity = (e: ImportableEntity) => {
    if (e === entity || busy) return
    setEntity(e)
    setResult(null)
  }

  const applied = report?.applied ? report : null
  return (
    <View className='page adm-page adc-page'>
      <ConsoleNav current='import' />
      <PageHeader title={title} subtitle={subtitle} />
      <View className='adm-layout'>
        <View className='adm-layout__side'>
          <View className='card adc-steps' data-testid='import-form'>
            <Text className='adm-card-title'>1. 选择要导入的列表</Text>
            <View className='adm-chips' role='radiogroup' aria-label='导入的列表'>
              {IMPORTABLE.map((e) => (
                <View key={e} className={`adm-chip${e === entity ? ' adm-chip--on' : ''}`} role='radio' aria-checked={e === entity} onClick={() => pickEntity(e)} data-testid={`import-entity-${e}`}>
                  <Text>{ADMIN_ENTITY_LABELS[e]}</Text>
                </View>
              ))}
            </View>
            <Text className='adm-field__hint'>每行一条{label}：{WHAT[entity]}</Text>
            <View className='adc-template' role='button' onClick={() => void downloadTemplate()} data-testid='download-template'>
              <Text className='link'>{template ? '正在准备模板…' : `下载当前${label}列表（.xlsx）作为模板 ›`}</Text>
            </View>
            <Text className='adm-field__hint'>模板的列与导入要求的一致：在导出的表格上增改后导入，已有的记录会更新，新的会新增。</Text>

            <Text className='adm-card-title adc-steps__next'>2. 选择文件</Text>
            {web && (
              <input
                ref={input}
                type='file'
                accept='.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv'
                style={{ display: 'none' }}
                data-testid='import-file-input'
                onChange={(e) => void onBrowserFile(e.target.files?.[0])}
              />
            )}
            <View className={`adc-file${file ? ' adc-file--chosen' : ''}`} onClick={() => void choose()} role='button' data-testid='choose-file'>
              {reading ? (
                <Text className='adc-file__name'>正在读取文件…</Text>
              ) : file ? (
                <>
                  <Text className='adc-file__name' data-testid='chosen-file'>
                    {file.name}
                  </Text>
                  <Text className='adc-file__meta'>{(file.size / 1024).toFixed(file.size < 10240 ? 1 : 0)} KB · 点击重新选择</Text>
                </>
              ) : (
                <>
                  <Text className='adc-file__name'>选择 .xlsx 或 .csv 文件</Text>
                  <Text className='adc-file__meta'>{web ? '不超过 2 MB' : '从微信聊天中选择文件，不超过 2 MB'}</Text>
                </>
              )}
            </View>
            {fileError && (
              <Text className='adm-field__error' data-testid='file-error'>
                {fileError}
              </Text>
            )}

            <Text className='adm-card-title adc-steps__next'>3. 先试导入，再正式导入</Text>
            <View className='adc-rule' data-testid='import-rule'>
              <Text className='adc-rule__title'>有一行出错则整批不导入</Text>
              <Text className='adc-rule__text'>
                试导入逐行检查但不改动任何数据。只有全部行都无误，正式导入才会把整批一次写入；哪怕只有一行有误，也一行都不导入，以免数据只进去一半。
              </Text>
            </View>
            {failure && (
              <View className='adm-alert' data-testid='import-failure' data-code={failure.code}>
                <Text className='adm-alert__title'>{failure.message}</Text>
                {Object.values(failure.fields ?? {}).map((m, i) => (
                  <Text key={i} className='adm-alert__hint'>
                    {m}
                  </Text>
                ))}
              </View>
            )}
            <View className='adc-form__buttons'>
              <Btn kind='plain' onClick={() => void run(true)} busy={trial.sending || !file} testId='import-dry-run'>
                {trial.sending ? '正在检查…' : report?.dryRun ? '重新试导入' : '试导入'}
              </Btn>
              <Btn onClick={() => void run(false)} busy={apply.sending || !canApply} testId='import-apply'>
                {apply.sending ? '正在导入…' : '正式导入'}
              </Btn>
            </View>
            {!canApply && !applied && (
              <Text className='adm-field__hint' data-testid='apply-hint'>
                {!file ? '请先选择文件。' : !report ? '请先试导入，检查无误后才能正式导入。' : report.rejected.length ? '试导入发现有误的行：改好后重新选择文件再试导入。' : report.total === 0 ? '文件中没有数据行。' : ''}
              </Text>
            )}
          </View>
        </View>
        <View className='adm-layout__main'>
          <View className='section-title'>
            <Text>{report ? (report.dryRun ? '试导入结果' : '导入结果') : '导入结果'}</Text>
            {report && <Text className='section-title__extra'>{file?.name}</Text>}
          </View>
          {report ? (
            <>
              <ImportReportView report={report} />
              {applied && (
                <View className='adc-done' data-testid='import-done'>
                  <Btn kind='plain' onClick={() => void Taro.navigateTo({ url: adminListUrl(entity) })} testId='open-list'>
                    {`查看${label}列表`}
                  </Btn>
                </View>
              )}
            </>
          ) : (
            <View className='card adc-placeholder' data-testid='report-placeholder'>
              <Text className='adc-placeholder__text'>选择文件并试导入后，这里会列出将新增、更新的条数，以及每一行有误的原因（行号与 Excel 中的一致，第 1 行是表头）。</Text>
            </View>
          )}
        </View>
      </View>
      {/* chooseMessageFile waits for privacy consent on WeChat like photos do */}
      <PrivacyConsent />
    </View>
  )
}

export default ImportView
