import type * as ExcelJSModule from 'exceljs'
import type { Workbook, Worksheet } from 'exceljs'
import type { ExportedFile } from '@contract'

/** The .xlsx exports' shared machinery (the monthly report, the pairing oversight): one look, one loader. */

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/**
 * exceljs without its streaming reader/writer (archiver, unzipper): half the bundle, same Workbook.
 * Loaded on first export only, so the other actions of a cloud function never evaluate it.
 */
export function loadExcel(): typeof ExcelJSModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the typed entry pulls in the streaming half we do not use
  return require('exceljs/lib/exceljs.bare.js') as typeof ExcelJSModule
}

/** A new workbook signed by 链上通, dated `now`. */
export function newWorkbook(title: string, now: Date): Workbook {
  const ExcelJS = loadExcel()
  const wb = new ExcelJS.Workbook()
  wb.creator = '链上通'
  wb.title = title
  wb.created = now
  wb.modified = now
  return wb
}

export const RED = 'FFC8161D'
export const LINE = 'FFD9DCE1'

/** Display width of a value in Excel's character units: CJK characters count double. */
export function displayWidth(text: string): number {
  let w = 0
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1
  return w
}

/** The first row as a header: bold white on red, the first column left-aligned, the others centred. */
export function styleHeader(ws: Worksheet, columns: number): void {
  const header = ws.getRow(1)
  header.height = 24
  for (let c = 1; c <= columns; c++) {
    const cell = header.getCell(c)
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: RED } }
    cell.alignment = { vertical: 'middle', horizontal: c === 1 ? 'left' : 'center', wrapText: true }
  }
}

/** A bold row with a thin line above it (a 合计 row). */
export function styleTotal(ws: Worksheet, rowNumber: number): void {
  const total = ws.getRow(rowNumber)
  total.font = { bold: true }
  total.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = { top: { style: 'thin', color: { argb: LINE } } }
  })
}

/** The workbook as the contract's ExportedFile (base64 bytes). */
export async function toExportedFile(wb: Workbook, fileName: string): Promise<ExportedFile> {
  const bytes = await wb.xlsx.writeBuffer()
  return { fileName, mimeType: XLSX_MIME, base64: Buffer.from(bytes as ArrayBuffer).toString('base64') }
}
