import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'

/** Spreadsheet files built and read the way people's tools do, for the admin import and export tests. */

export type Cells = (string | number | boolean | Date | null)[]

export async function xlsxBase64(rows: readonly Cells[], sheet = 'Sheet1'): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet(sheet)
  for (const r of rows) ws.addRow(r)
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64')
}

let gbTable: Map<string, number[]> | null = null

/**
 * GB18030 bytes for text, as Excel on a Chinese Windows saves CSV. Node decodes GB18030 but does not
 * encode it, so the table is built by decoding every two-byte code (enough for the Chinese used here).
 */
export function gb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map()
    const dec = new TextDecoder('gb18030')
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue
        const ch = dec.decode(Uint8Array.from([lead, trail]))
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [lead, trail])
      }
    }
  }
  const bytes: number[] = []
  for (const ch of text) {
    const code = ch.charCodeAt(0)
    if (code < 0x80) bytes.push(code)
    else {
      const b = gbTable.get(ch)
      if (!b) throw new Error(`no two-byte GB18030 code for ${ch}`)
      bytes.push(...b)
    }
  }
  return Buffer.from(bytes)
}

export function csvText(rows: readonly Cells[]): string {
  return stringify(rows.map((r) => r.map((v) => (v === null ? '' : String(v)))))
}

export function csvBase64(rows: readonly Cells[], encoding: 'utf8' | 'utf8-bom' | 'gb18030' = 'utf8-bom'): string {
  const text = csvText(rows)
  if (encoding === 'gb18030') return gb18030(text).toString('base64')
  return Buffer.from(encoding === 'utf8-bom' ? `\ufeff${text}` : text, 'utf8').toString('base64')
}

/** The first sheet of an .xlsx as text cells (row 1 = header), and its workbook for further looks. */
export async function readXlsx(base64: string): Promise<{ rows: string[][]; wb: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer)
  const rows: string[][] = []
  wb.worksheets[0].eachRow((row) => {
    const values = row.values as unknown[]
    rows.push(Array.from(values.slice(1), (v) => (v === null || v === undefined ? '' : String(v))))
  })
  return { rows, wb }
}

export function readCsv(base64: string): { rows: string[][]; bom: boolean } {
  const bytes = Buffer.from(base64, 'base64')
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  return { rows: parse(bytes.toString('utf8'), { bom: true }) as string[][], bom }
}
