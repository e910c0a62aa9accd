import { savePairingInput, type AdminPairing } from '@contract'
import type { Queryable } from '../../db/client'
import { listAdminPairings, writePairing } from '../../db/repos/admin/pairings'
import { PAIRINGS } from '../handlers/admin/entities'
import { newId } from '../ids'
import type { Column } from './columns'
import { FirstSeen, nameKey, schemaErrors, type ImportPlan, type ImportSheet, type SheetRow } from './import-plan'
import { nameIndex } from './name-index'
import { upsert } from './planned-write'
import { RowReader } from './row-reader'

export interface PairingRecord extends AdminPairing {
  agencyDepartmentName: string | null
  enterpriseName: string | null
}

type PairingKind = AdminPairing['kind']
// the mini program's names for the two kinds (src/features/pairings), which the contract does not carry
const KIND_LABELS: Record<PairingKind, string> = { branch: '政企结对', mentoring: '青蓝结对' }
const KIND_BY_LABEL = new Map<string, PairingKind>([
  ['政企结对', 'branch'],
  ['政企共建', 'branch'],
  ['branch', 'branch'],
  ['青蓝结对', 'mentoring'],
  ['青蓝工程', 'mentoring'],
  ['mentoring', 'mentoring']
])

const H = {
  kind: '类型',
  phase: '期数',
  agencyBranch: '机关党组织',
  agencyDepartment: '机关部门',
  enterpriseBranch: '企业党组织',
  enterprise: '企业',
  startedOn: '开始日期',
  endsOn: '结束日期',
  goals: '共建目标'
} as const

const COLUMNS: readonly Column<PairingRecord>[] = [
  { header: H.kind, note: '政企结对 或 青蓝结对；不填为政企结对。', value: (p) => KIND_LABELS[p.kind] },
  { header: H.phase, required: true, note: '第几期，整数，如 2。', value: (p) => p.phase },
  {
    header: H.agencyBranch,
    required: true,
    note: '机关一方的党组织全称；青蓝结对填导师姓名。期数 + 机关党组织 + 企业党组织相同即为同一结对，导入时更新它。',
    value: (p) => p.agencyBranch
  },
  { header: H.agencyDepartment, note: '机关党组织所属的部门名称（须与系统中的一致），可不填。', value: (p) => p.agencyDepartmentName },
  { header: H.enterpriseBranch, required: true, note: '企业一方的党组织全称；青蓝结对填青年企业家姓名。', value: (p) => p.enterpriseBranch },
  { header: H.enterprise, note: '企业名称，须与系统中的一致。', value: (p) => p.enterpriseName },
  { header: H.startedOn, required: true, note: '如 2020-07-15。', value: (p) => p.startedOn },
  { header: H.endsOn, note: '如 2026-12-31；不填表示长期。', value: (p) => p.endsOn },
  { header: H.goals, note: '500 字以内。', value: (p) => p.goals }
]

async function load(q: Queryable): Promise<PairingRecord[]> {
  const [departments, enterprises, list] = await Promise.all([nameIndex(q, 'departments'), nameIndex(q, 'enterprises'), listAdminPairings(q, null)])
  return list.map((p) => ({ ...p, agencyDepartmentName: departments.nameOf(p.agencyDepartmentId), enterpriseName: enterprises.nameOf(p.enterpriseId) }))
}

const pairKey = (phase: number, agencyBranch: string, enterpriseBranch: string) => `${phase}|${nameKey(agencyBranch)}|${nameKey(enterpriseBranch)}`

/** The natural key is the phase with both branches: a pair has no name, and both sides sign again each phase. */
async function plan(q: Queryable, rows: readonly SheetRow[]): Promise<ImportPlan> {
  const [departments, enterprises, existing] = await Promise.all([nameIndex(q, 'departments'), nameIndex(q, 'enterprises'), listAdminPairings(q, null)])
  const byKey = new Map<string, AdminPairing[]>()
  for (const p of existing) {
    const k = pairKey(p.phase, p.agencyBranch, p.enterpriseBranch)
    byKey.set(k, [...(byKey.get(k) ?? []), p])
  }
  const keys = new FirstSeen()
  const out: ImportPlan = { rejected: [], writes: [] }

  for (const row of rows) {
    const r = new RowReader(row)
    const kindText = r.optional(H.kind)
    const kind = kindText ? KIND_BY_LABEL.get(nameKey(kindText)) : undefined
    if (kindText && !kind) r.fail('kind', `类型“${kindText}”不正确，可填：政企结对、青蓝结对`)
    const phase = r.required(H.phase, 'phase') && r.number(H.phase, 'phase', '期数')
    const agencyBranch = r.required(H.agencyBranch, 'agencyBranch')
    const agencyDepartmentId = r.ref(H.agencyDepartment, 'agencyDepartmentId', departments, '部门')
    const enterpriseBranch = r.required(H.enterpriseBranch, 'enterpriseBranch')
    const enterpriseId = r.ref(H.enterprise, 'enterpriseId', enterprises, '企业')
    const startedOn = r.required(H.startedOn, 'startedOn') && r.day(H.startedOn, 'startedOn', '开始日期')
    const endsOn = r.day(H.endsOn, 'endsOn', '结束日期')
    const goals = r.optional(H.goals)

    let target: AdminPairing | null = null
    if (typeof phase === 'number' && agencyBranch && enterpriseBranch) {
      const key = pairKey(phase, agencyBranch, enterpriseBranch)
      const same = keys.claim(key, r.row)
      if (same) r.fail('agencyBranch', `与第 ${same} 行是同一结对（期数、机关党组织、企业党组织相同）`)
      const matches = byKey.get(key) ?? []
      if (matches.length > 1) r.fail('agencyBranch', `系统中有 ${matches.length} 个相同的结对，无法确定更新哪一个，请在管理台修改`)
      else target = matches[0] ?? null
    }

    const { data, errors } = schemaErrors(
      savePairingInput,
      {
        kind: kind ?? target?.kind ?? 'branch',
        phase,
        agencyBranch,
        agencyDepartmentId: agencyDepartmentId ?? target?.agencyDepartmentId ?? null,
        enterpriseBranch,
        enterpriseId: enterpriseId ?? target?.enterpriseId ?? null,
        startedOn,
        endsOn: endsOn ?? target?.endsOn ?? null,
        goals: goals ?? target?.goals ?? ''
      },
      r.reported
    )
    const all = [...r.errors, ...errors]
    if (all.length || !data) {
      out.rejected.push({ row: r.row, errors: all })
      continue
    }
    const record: AdminPairing = {
      id: target?.id ?? newId(PAIRINGS.idPrefix),
      kind: data.kind,
      phase: data.phase,
      agencyBranch: data.agencyBranch,
      agencyDepartmentId: data.agencyDepartmentId ?? null,
      enterpriseBranch: data.enterpriseBranch,
      enterpriseId: data.enterpriseId ?? null,
      startedOn: data.startedOn,
      endsOn: data.endsOn ?? null,
      goals: data.goals ?? ''
    }
    out.writes.push(upsert(PAIRINGS, target, record, writePairing))
  }
  return out
}

export const pairingSheet: ImportSheet<PairingRecord> = { label: '结对', columns: COLUMNS, load, plan }
