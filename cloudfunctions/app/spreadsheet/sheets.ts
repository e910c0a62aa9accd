import type { AdminEntity, ImportableEntity } from '@contract'
import type { Queryable } from '../../db/client'
import { auditList } from './audit-list'
import type { Column } from './columns'
import { enterpriseSheet } from './enterprises'
import type { ImportSheet, ListSheet } from './import-plan'
import { pairingSheet } from './pairings'
import { peopleSheet } from './people'
import { chainList, departmentList, serviceList, townList } from './reference-lists'
import { stationSheet } from './stations'
import type { SheetData } from './write-sheet'

/** Data rows one import takes: a district's enterprises fit, and one transaction stays short. */
export const IMPORT_ROWS_MAX = 5000

/** How to fill an importable list in, on the 填写说明 sheet of its export. */
const GUIDE = [
  '第 1 行是表头，请勿修改列名；列的顺序可以调整，非必填的列可以删去。',
  '空白行会被跳过。空白单元格：更新已有记录时保留原值，新增记录时取默认值。',
  '产业链、镇街、部门、企业、站点都填写名称，须与系统中的名称一致。',
  `一次最多导入 ${IMPORT_ROWS_MAX} 行、文件不超过 2 MB。任何一行有错时整批都不导入：请按报告逐行改正后重新导入，可先“试导入”检查。`,
  '另存为 CSV 时请选“CSV UTF-8（逗号分隔）”。用 Excel 编辑 CSV 会把长数字（如统一社会信用代码、手机号）改成科学计数法，建议使用 .xlsx。'
]

type Head = Pick<Column<never>, 'header' | 'required' | 'note'>

/** An importable list with its record type erased, so that the four can sit in one table. */
export interface Importer {
  columns: readonly Head[]
  plan: ImportSheet<unknown>['plan']
}

export interface Exporter {
  render(q: Queryable, now: Date): Promise<SheetData>
}

function exporter<R>(list: ListSheet<R>, guide?: readonly string[]): Exporter {
  return {
    async render(q, now) {
      const records = await list.load(q, now)
      return { label: list.label, columns: list.columns, rows: records.map((r) => list.columns.map((c) => c.value(r))), guide }
    }
  }
}

export const IMPORTERS: Record<ImportableEntity, Importer> = {
  enterprises: enterpriseSheet,
  pairings: pairingSheet,
  stations: stationSheet,
  people: peopleSheet
}

export const EXPORTERS: Record<AdminEntity | 'audit', Exporter> = {
  departments: exporter(departmentList),
  towns: exporter(townList),
  chains: exporter(chainList),
  enterprises: exporter(enterpriseSheet, GUIDE),
  people: exporter(peopleSheet, GUIDE),
  stations: exporter(stationSheet, GUIDE),
  services: exporter(serviceList),
  pairings: exporter(pairingSheet, GUIDE),
  audit: exporter(auditList)
}
