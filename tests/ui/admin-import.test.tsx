import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { ImportReport } from '@contract/admin'
import { ImportView } from '@/features/admin/ImportView'
import { navigateTo, request, showToast } from '../stubs/taro'
import { answerBy, okBody, postedTo, resetAll, signIn } from './helpers'
import { admin, handler } from './admin-fixtures'

beforeEach(() => resetAll())

const CSV = '站点名称,类型,地址\n大良德胜暖“新”驿站,暖“新”驿站,德胜路 8 号\n'
const base64Of = (text: string) => Buffer.from(text, 'utf8').toString('base64')

function pick(name: string, text: string) {
  const file = new File([text], name, { type: 'text/csv' })
  fireEvent.change(screen.getByTestId('import-file-input'), { target: { files: [file] } })
}

const report = (changes: Partial<ImportReport>): ImportReport => ({
  entity: 'stations',
  dryRun: true,
  total: 3,
  created: 1,
  updated: 1,
  rejected: [],
  applied: false,
  ...changes
})

test('not an administrator: refused, nothing asked', () => {
  signIn(handler)
  render(<ImportView />)
  expect(screen.getByText('仅系统管理员可以使用管理后台')).toBeInTheDocument()
  expect(request).not.toHaveBeenCalled()
})

test('试导入 reports each bad row; 正式导入 stays off until a clean trial, then imports the whole batch', async () => {
  signIn(admin)
  answerBy({
    'admin.import': (input) => {
      if (input.dryRun && input.fileName === 'stations.csv') {
        return okBody(report({ rejected: [{ row: 3, errors: ['镇街“容桂”不存在，请先在“镇街”中新增', '纬度不正确'] }] }))
      }
      return okBody(report({ dryRun: input.dryRun, applied: !input.dryRun }))
    }
  })
  render(<ImportView />)
  expect(screen.getByTestId('import-rule')).toHaveTextContent('有一行出错则整批不导入')
  fireEvent.click(screen.getByTestId('import-entity-stations'))
  expect(screen.getByTestId('import-apply')).toHaveAttribute('aria-disabled', 'true')
  expect(screen.getByTestId('apply-hint')).toHaveTextContent('请先选择文件')

  pick('stations.csv', CSV)
  expect(await screen.findByTestId('chosen-file')).toHaveTextContent('stations.csv')
  expect(screen.getByTestId('apply-hint')).toHaveTextContent('请先试导入')
  fireEvent.click(screen.getByTestId('import-dry-run'))

  const shown = await screen.findByTestId('import-report')
  expect(postedTo('admin.import')[0].input).toEqual({ entity: 'stations', fileName: 'stations.csv', base64: base64Of(CSV), dryRun: true })
  expect(postedTo('admin.import')[0].requestId).toEqual(expect.any(String))
  expect(within(shown).getByTestId('report-total')).toHaveTextContent('共读取3行')
  expect(within(shown).getByTestId('report-created')).toHaveTextContent('将新增1')
  expect(within(shown).getByTestId('report-updated')).toHaveTextContent('将更新1')
  expect(within(shown).getByTestId('report-rejected')).toHaveTextContent('有误1行')
  const [bad] = within(shown).getAllByTestId('reject-row')
  expect(bad).toHaveTextContent('第 3 行')
  expect(bad).toHaveTextContent('镇街“容桂”不存在，请先在“镇街”中新增')
  expect(bad).toHaveTextContent('纬度不正确')
  expect(within(shown).getByTestId('report-verdict')).toHaveTextContent('有 1 行有误，其余 2 行无误')

  // the bad row keeps the whole batch out: 正式导入 does nothing
  expect(screen.getByTestId('import-apply')).toHaveAttribute('aria-disabled', 'true')
  fireEvent.click(screen.getByTestId('import-apply'))
  expect(postedTo('admin.import')).toHaveLength(1)
  expect(screen.getByTestId('apply-hint')).toHaveTextContent('改好后重新选择文件再试导入')

  // the corrected file: a clean trial, then the import itself
  pick('stations-fixed.csv', CSV + '北滘党群服务站,党群服务站,林港路 1 号\n')
  await waitFor(() => expect(screen.getByTestId('chosen-file')).toHaveTextContent('stations-fixed.csv'))
  expect(screen.queryByTestId('import-report')).toBeNull()
  fireEvent.click(screen.getByTestId('import-dry-run'))
  expect(await screen.findByTestId('report-verdict')).toHaveTextContent('全部 3 行均无误，可以正式导入')
  await waitFor(() => expect(screen.getByTestId('import-apply')).not.toHaveAttribute('aria-disabled'))
  fireEvent.click(screen.getByTestId('import-apply'))
  expect(await screen.findByTestId('import-done')).toBeInTheDocument()
  expect(postedTo('admin.import')[2].input).toMatchObject({ entity: 'stations', fileName: 'stations-fixed.csv', dryRun: false })
  expect(screen.getByTestId('report-verdict')).toHaveTextContent('已全部导入：新增 1 条，更新 1 条')
  expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已导入' }))
  fireEvent.click(screen.getByTestId('open-list'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/list/index?entity=stations' })
})

test('a file of another kind is refused before anything is sent', async () => {
  signIn(admin)
  render(<ImportView />)
  pick('企业名单.xls', 'old excel')
  expect(await screen.findByTestId('file-error')).toHaveTextContent('只支持 .xlsx 或 .csv 文件')
  expect(screen.queryByTestId('chosen-file')).toBeNull()
  expect(request).not.toHaveBeenCalled()
})

test('the template is the current list, exported as .xlsx', async () => {
  signIn(admin)
  const created = jest.fn(() => 'blob:template')
  const revoke = jest.fn()
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
  Object.assign(URL, { createObjectURL: created, revokeObjectURL: revoke })
  answerBy({ 'admin.export': okBody({ fileName: '企业.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: base64Of('PK') }) })
  render(<ImportView />)
  expect(screen.getByTestId('download-template')).toHaveTextContent('下载当前企业列表（.xlsx）作为模板')
  fireEvent.click(screen.getByTestId('download-template'))
  await waitFor(() => expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已下载模板' })))
  expect(postedTo('admin.export')[0].input).toEqual({ entity: 'enterprises', format: 'xlsx' })
  expect(click).toHaveBeenCalled()
  click.mockRestore()
})
