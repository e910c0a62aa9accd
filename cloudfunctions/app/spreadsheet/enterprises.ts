import { saveEnterpriseInput, type AdminEnterprise } from '@contract'
import { creditCodeProblem } from '../../core'
import type { Queryable } from '../../db/client'
import { listEnterprises, writeEnterprise } from '../../db/repos/admin/enterprises'
import { ENTERPRISES } from '../handlers/admin/entities'
import { newId } from '../ids'
import { yesNoCell } from './cell-values'
import type { Column } from './columns'
import { FirstSeen, nameKey, schemaErrors, type ImportPlan, type ImportSheet, type SheetRow } from './import-plan'
import { nameIndex } from './name-index'
import { upsert } from './planned-write'
import { RowReader } from './row-reader'

export interface EnterpriseRecord extends AdminEnterprise {
  chainName: string | null
  townName: string | null
}

const H = { name: '企业名称', code: '统一社会信用代码', chain: '产业链', town: '镇街', leader: '链主企业(是/否)' } as const

const COLUMNS: readonly Column<EnterpriseRecord>[] = [
  { header: H.name, required: true, note: '企业全称。没有统一社会信用代码时，按名称找到已有企业并更新。', value: (e) => e.name },
  {
    header: H.code,
    note: '18 位，最后一位是校验位（不使用 I、O、S、V、Z）。填写后按此代码找到已有企业并更新，否则按名称。',
    value: (e) => e.creditCode
  },
  { header: H.chain, note: '产业链名称，须与系统中的一致，如“智能家电”。', value: (e) => e.chainName },
  { header: H.town, note: '镇街名称，须与系统中的一致，如“大良街道”。', value: (e) => e.townName },
  { header: H.leader, note: '填“是”或“否”；链主企业须填写产业链。', value: (e) => yesNoCell(e.isChainLeader) }
]

async function load(q: Queryable): Promise<EnterpriseRecord[]> {
  const [chains, towns, list] = await Promise.all([nameIndex(q, 'chains'), nameIndex(q, 'towns'), listEnterprises(q, null)])
  return list.map((e) => ({ ...e, chainName: chains.nameOf(e.chainId), townName: towns.nameOf(e.townId) }))
}

/**
 * The natural key is the credit code when the row has one, else the name (unique too). A row whose
 * code and name point at two different enterprises, or whose name belongs to an enterprise registered
 * under another code, is refused rather than guessed at.
 */
async function plan(q: Queryable, rows: readonly SheetRow[]): Promise<ImportPlan> {
  const [chains, towns, existing] = await Promise.all([nameIndex(q, 'chains'), nameIndex(q, 'towns'), listEnterprises(q, null)])
  const byCode = new Map(existing.filter((e) => e.creditCode).map((e) => [e.creditCode as string, e]))
  const byName = new Map(existing.map((e) => [nameKey(e.name), e]))
  const codes = new FirstSeen()
  const names = new FirstSeen()
  const targets = new FirstSeen()
  const out: ImportPlan = { rejected: [], writes: [] }

  for (const row of rows) {
    const r = new RowReader(row)
    const name = r.required(H.name, 'name')
    const rawCode = r.optional(H.code)
    let code: string | undefined
    if (rawCode) {
      const problem = creditCodeProblem(rawCode)
      if (problem) r.fail('creditCode', problem)
      else code = rawCode.trim().toUpperCase()
    }
    const chainId = r.ref(H.chain, 'chainId', chains, '产业链')
    const townId = r.ref(H.town, 'townId', towns, '镇街')
    const isChainLeader = r.yesNo(H.leader, 'isChainLeader', '链主企业')

    const sameCode = code ? codes.claim(code, r.row) : null
    if (sameCode) r.fail('creditCode', `统一社会信用代码与第 ${sameCode} 行重复`)
    const sameName = name ? names.claim(nameKey(name), r.row) : null
    if (sameName) r.fail('name', `企业名称与第 ${sameName} 行重复`)

    const viaCode = code ? byCode.get(code) : undefined
    const viaName = name ? byName.get(nameKey(name)) : undefined
    let target = viaCode ?? viaName ?? null
    if (viaCode && viaName && viaCode.id !== viaName.id) {
      r.fail('name', `企业名称“${viaName.name}”已被另一家企业使用（统一社会信用代码：${viaName.creditCode ?? '未填写'}）`)
      target = null
    } else if (!viaCode && viaName?.creditCode && code) {
      r.fail('creditCode', `企业“${viaName.name}”已登记统一社会信用代码 ${viaName.creditCode}，与本行不一致`)
      target = null
    }
    const sameTarget = target && !sameCode && !sameName ? targets.claim(target.id, r.row) : null
    if (sameTarget) r.fail('name', `与第 ${sameTarget} 行是同一家企业`)

    const { data, errors } = schemaErrors(
      saveEnterpriseInput,
      {
        name,
        creditCode: code ?? target?.creditCode ?? null,
        chainId: chainId ?? target?.chainId ?? null,
        townId: townId ?? target?.townId ?? null,
        isChainLeader: isChainLeader ?? target?.isChainLeader ?? false
      },
      r.reported
    )
    if (data?.isChainLeader && !data.chainId && !r.reported.has('chainId')) errors.push('链主企业须填写所属产业链')
    const all = [...r.errors, ...errors]
    if (all.length || !data) {
      out.rejected.push({ row: r.row, errors: all })
      continue
    }
    const record: AdminEnterprise = {
      id: target?.id ?? newId(ENTERPRISES.idPrefix),
      name: data.name,
      creditCode: data.creditCode ?? null,
      chainId: data.chainId ?? null,
      townId: data.townId ?? null,
      isChainLeader: data.isChainLeader ?? false
    }
    out.writes.push(upsert(ENTERPRISES, target, record, writeEnterprise))
  }
  return out
}

export const enterpriseSheet: ImportSheet<EnterpriseRecord> = { label: '企业', columns: COLUMNS, load, plan }
