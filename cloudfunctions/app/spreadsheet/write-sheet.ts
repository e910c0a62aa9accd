import type { Worksheet } from 'exceljs'
import { stringify } from 'csv-stringify/sync'
import type { ExportedFile } from '@contract'
import { shanghaiDate } from '../../core'
import { displayWidth, newWorkbook, styleHeader, toExportedFile } from '../xlsx'
import type { Cell, Column } from './columns'

/** A list ready to write: its name (the sheet and the file), the columns and the rows' cells. */
export interface SheetData {
  label: string
  columns: readonly Pick<Column<never>, 'header' | 'required' | 'note'>[]
  rows: Cell[][]
  /** How to fill the list in for an import; present for the lists that import back (a 填写说明 sheet). */
  guide?: readonly string[]
}

export type SheetFormat = 'xlsx' | 'csv'

export const CSV_MIME = 'text/csv; charset=utf-8'

/** The sheet that explains an importable list; an import reads the other one. */
export const GUIDE_SHEET = '填写说明'

/** 企业-20261125.xlsx: the China day, so that a file exported late at night is named for its day. */
export function exportFileName(label: string, format: SheetFormat, now: Date): string {
  return `${label}-${shanghaiDate(now).replace(/-/g, '')}.${format}`
}

export async function writeSheet(data: SheetData, format: SheetFormat, now: Date): Promise<ExportedFile> {
  const fileName = exportFileName(data.label, format, now)
  if (format === 'csv') {
    // the byte-order mark is what makes Excel read the file as UTF-8 instead of the Windows code page
    const text = `\ufeff${stringify([data.columns.map((c) => c.header), ...data.rows.map((r) => r.map((v) => v ?? ''))], { record_delimiter: 'windows' })}`
    return { fileName, mimeType: CSV_MIME, base64: Buffer.from(text, 'utf8').toString('base64') }
  }
  const wb = newWorkbook(`链上通 ${data.label}`, now)
  const ws = wb.addWorksheet(data.label, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.addRow(data.columns.map((c) => c.header))
  for (const r of data.rows) ws.addRow(r)
  styleHeader(ws, data.columns.length)
  data.columns.forEach((c, i) => {
    const cell = ws.getRow(1).getCell(i + 1)
    if (c.note) cell.note = `${c.required ? '必填。' : ''}${c.note}`
    // text cells stay text when edited: Excel would turn an 18-digit credit code or a phone into a number
    ws.getColumn(i + 1).numFmt = '@'
  })
  fitColumns(ws, data)
  if (data.guide) guideSheet(wb.addWorksheet(GUIDE_SHEET), data)
  return toExportedFile(wb, fileName)
}

function fitColumns(ws: Worksheet, data: SheetData): void {
  data.columns.forEach((c, i) => {
    const widest = Math.max(displayWidth(c.header), ...data.rows.slice(0, 500).map((r) => displayWidth(String(r[i] ?? ''))))
    ws.getColumn(i + 1).width = Math.min(Math.max(8, widest + 2), 60)
  })
}

function guideSheet(ws: Worksheet, data: SheetData): void {
  ws.addRow(['列', '必填', '填写说明'])
  for (const c of data.columns) ws.addRow([c.header, c.required ? '是' : '', c.note ?? ''])
  ws.addRow([])
  for (const line of data.guide ?? []) ws.addRow([line])
  styleHeader(ws, 3)
  ws.getColumn(1).width = Math.max(12, ...data.columns.map((c) => displayWidth(c.header) + 2))
  ws.getColumn(2).width = 6
  ws.getColumn(3).width = 90
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' }
}
