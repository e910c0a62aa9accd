import type { CellValue } from 'exceljs'
import { parse } from 'csv-parse/sync'
import { AppError } from '../errors'
import { loadExcel } from '../xlsx'
import { decodeCsvBytes } from './decode-text'
import { GUIDE_SHEET } from './write-sheet'

/** A sheet as text: the header row (row 1) and the non-blank rows under it, each with its spreadsheet row number. */
export interface SheetGrid {
  header: string[]
  rows: { row: number; cells: string[] }[]
}

export const UNREADABLE = '无法读取文件，请确认是 .xlsx 或 .csv'

/**
 * Reads the first worksheet of an .xlsx (the guide of an exported template aside), or a .csv. The content decides, not the name: Excel users
 * rename files freely, and a zip is an .xlsx whatever it is called.
 */
export async function readSheet(bytes: Buffer): Promise<SheetGrid> {
  if (bytes.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) {
    throw new AppError('VALIDATION', '不支持旧版 .xls 文件，请在 Excel 中“另存为” .xlsx 后再导入')
  }
  const grid = bytes.subarray(0, 4).equals(Buffer.from('PK\u0003\u0004', 'latin1')) ? await xlsxGrid(bytes) : csvGrid(bytes)
  const [first, ...rest] = grid
  if (!first || first.row !== 1) throw new AppError('VALIDATION', '文件第 1 行应为表头（列名），请使用导出的模板')
  return { header: first.cells, rows: rest }
}

type Line = { row: number; cells: string[] }
const blank = (cells: string[]) => cells.every((c) => c === '')

async function xlsxGrid(bytes: Buffer): Promise<Line[]> {
  const ExcelJS = loadExcel()
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw new AppError('VALIDATION', UNREADABLE)
  }
  const ws = wb.worksheets.find((w) => w.name !== GUIDE_SHEET)
  if (!ws) throw new AppError('VALIDATION', UNREADABLE)
  const lines: Line[] = []
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = []
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value)
    })
    const filled = Array.from(cells, (c) => c ?? '')
    if (!blank(filled)) lines.push({ row: rowNumber, cells: filled })
  })
  return lines
}

function csvGrid(bytes: Buffer): Line[] {
  const text = decodeCsvBytes(bytes)
  if (text === null) throw new AppError('VALIDATION', UNREADABLE)
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  // "Unicode text" from Excel is tab-separated; a comma in a tab-separated header is unlikely
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
  let records: string[][]
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][]
  } catch {
    throw new AppError('VALIDATION', UNREADABLE)
  }
  // a record is a spreadsheet row: Excel shows a quoted cell with line breaks on one row too
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) })).filter((l) => !blank(l.cells))
}

const pad = (n: number) => String(n).padStart(2, '0')

/** One cell as the text a person typed or sees. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v.trim()
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : ''
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return ''
    // Excel's dates carry no zone and exceljs reads them as UTC; a time alone sits on 1899-12-30
    if (v.getUTCFullYear() < 1900) return `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`
  }
  if ('richText' in v) return v.richText.map((t) => t.text).join('').trim()
  if ('formula' in v || 'sharedFormula' in v) return cellText((v as { result?: CellValue }).result)
  if ('hyperlink' in v) return cellText(v.text)
  return ''
}
