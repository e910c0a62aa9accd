import type { AdminPairing } from '@contract/admin'
import { savePairingInput } from '@contract/admin-schemas'
import { phaseLabel } from '@contract/pairings'
import { call } from '@/services/cloud'
import type { EntityDef } from '../console-types'
import { Main, None, Tag } from '../cells'
import { nullable, numText, numberOf, str, withId } from '../draft'
import { saver } from '../saver'

type Kind = AdminPairing['kind']
const KIND_LABELS: Record<Kind, string> = { branch: '政企结对', mentoring: '青蓝结对' }
const KINDS: Kind[] = ['branch', 'mentoring']
const isKind = (v: string): v is Kind => v === 'branch' || v === 'mentoring'

export const pairings: EntityDef<AdminPairing> = {
  entity: 'pairings',
  noun: '结对',
  unit: '对',
  description: '机关党组织与企业党组织的政企结对，以及青蓝结对：期数、起止日期与共建目标',
  emptyDescription: '结对双方在“共建”页记录共建活动，督导看板按结对统计。可以逐对新增，也可以用“批量导入”一次导入。',
  searchPlaceholder: '搜索机关或企业党组织名称',
  sources: ['departments', 'enterprises'],
  columns: [
    {
      key: 'agencyBranch',
      label: '结对双方',
      width: 2.6,
      render: (p) => <Main sub={`与 ${p.enterpriseBranch}`}>{p.agencyBranch}</Main>
    },
    {
      key: 'kind',
      label: '类型',
      width: 1,
      render: (p) => (
        <Main>
          <Tag tone={p.kind === 'mentoring' ? 'amber' : 'red'}>{KIND_LABELS[p.kind]}</Tag>
          {phaseLabel(p.phase)}
        </Main>
      )
    },
    { key: 'enterpriseId', label: '企业', width: 1.4, render: (p, { nameOf }) => (p.enterpriseId ? nameOf('enterprises', p.enterpriseId) : <None />) },
    { key: 'startedOn', label: '起止日期', width: 1.2, render: (p) => `${p.startedOn} 至 ${p.endsOn ?? '长期'}` }
  ],
  fields: [
    {
      name: 'kind',
      label: '结对类型',
      kind: 'select',
      required: true,
      options: KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
      hint: '青蓝结对：党员企业家（导师）与青年企业家结对。'
    },
    { name: 'phase', label: '期数', kind: 'number', required: true, unit: '期', placeholder: '如：2' },
    { name: 'agencyBranch', label: '机关党组织（导师）', kind: 'text', required: true, maxLength: 60, wide: true, placeholder: '如：区委组织部机关第一党支部' },
    { name: 'agencyDepartmentId', label: '机关所在部门', kind: 'select', options: 'departments', clearable: '不指定' },
    { name: 'enterpriseId', label: '结对企业', kind: 'select', options: 'enterprises', clearable: '不指定' },
    { name: 'enterpriseBranch', label: '企业党组织（青年企业家）', kind: 'text', required: true, maxLength: 60, wide: true, placeholder: '如：广东村田智能科技有限公司党支部' },
    { name: 'startedOn', label: '开始日期', kind: 'date', required: true, placeholder: '如：2026-03-01' },
    { name: 'endsOn', label: '结束日期', kind: 'date', placeholder: '长期结对可留空' },
    { name: 'goals', label: '共建目标', kind: 'textarea', maxLength: 500, wide: true, placeholder: '如：共建党建阵地 1 个，协助解决用工难题' }
  ],
  title: (p) => `${p.agencyBranch} 与 ${p.enterpriseBranch}`,
  load: ({ q }) => call('admin', 'pairings', q ? { q } : {}),
  blank: () => ({ kind: 'branch', phase: '1', agencyBranch: '', agencyDepartmentId: '', enterpriseBranch: '', enterpriseId: '', startedOn: '', endsOn: '', goals: '' }),
  toDraft: (p) => ({
    kind: p.kind,
    phase: numText(p.phase),
    agencyBranch: p.agencyBranch,
    agencyDepartmentId: p.agencyDepartmentId ?? '',
    enterpriseBranch: p.enterpriseBranch,
    enterpriseId: p.enterpriseId ?? '',
    startedOn: p.startedOn,
    endsOn: p.endsOn ?? '',
    goals: p.goals
  }),
  toInput: (d, id) => {
    const kind = str(d, 'kind')
    return withId(id, {
      kind: isKind(kind) ? kind : undefined,
      phase: numberOf(d, 'phase'),
      agencyBranch: str(d, 'agencyBranch'),
      agencyDepartmentId: nullable(d, 'agencyDepartmentId'),
      enterpriseBranch: str(d, 'enterpriseBranch'),
      enterpriseId: nullable(d, 'enterpriseId'),
      startedOn: str(d, 'startedOn').trim(),
      endsOn: nullable(d, 'endsOn'),
      goals: str(d, 'goals')
    })
  },
  save: saver(savePairingInput, (input, requestId) => call('admin', 'savePairing', input, { requestId }))
}
