import type { AdminChain } from '@contract/admin'
import { saveChainInput } from '@contract/admin-schemas'
import { call } from '@/services/cloud'
import type { EntityDef } from '../console-types'
import { Main, None, Tag, Tags, orNone } from '../cells'
import { list, nullable, str, withId } from '../draft'
import { saver } from '../saver'

export const chains: EntityDef<AdminChain> = {
  entity: 'chains',
  noun: '产业链',
  unit: '条',
  description: '各产业链的链长、牵头部门与协同部门，链上诉求由牵头部门统筹',
  emptyDescription: '企业按产业链归属，链上诉求由牵头部门统筹。请先在“部门”中录入部门，再在这里新增产业链。',
  searchPlaceholder: '搜索产业链名称',
  sources: ['departments'],
  columns: [
    { key: 'name', label: '产业链', width: 1.5, render: (c) => <Main sub={c.leader ? `链长：${c.leader}` : undefined}>{c.name}</Main> },
    { key: 'leadDepartmentId', label: '牵头部门', width: 1.5, render: (c, { nameOf }) => nameOf('departments', c.leadDepartmentId) },
    {
      key: 'cooperatingDepartmentIds',
      label: '协同部门',
      width: 2.5,
      render: (c, { nameOf }) =>
        c.cooperatingDepartmentIds.length ? (
          <Tags>
            {c.cooperatingDepartmentIds.map((id) => (
              <Tag key={id}>{nameOf('departments', id)}</Tag>
            ))}
          </Tags>
        ) : (
          <None />
        )
    },
    { key: 'enterprises', label: '企业数', width: 0.7, render: (c) => orNone(c.enterprises ? `${c.enterprises} 家` : null) }
  ],
  fields: [
    { name: 'name', label: '产业链名称', kind: 'text', required: true, maxLength: 30, placeholder: '如：智能家电' },
    { name: 'leader', label: '链长', kind: 'text', maxLength: 40, placeholder: '如：区委常委、副区长 张三' },
    { name: 'leadDepartmentId', label: '牵头部门', kind: 'select', required: true, options: 'departments' },
    {
      name: 'cooperatingDepartmentIds',
      label: '协同部门',
      kind: 'multi',
      options: 'departments',
      wide: true,
      hint: '可选多个，最多 20 个。'
    }
  ],
  title: (c) => c.name,
  load: ({ q }) => call('admin', 'chains', q ? { q } : {}),
  blank: () => ({ name: '', leader: '', leadDepartmentId: '', cooperatingDepartmentIds: [] }),
  toDraft: (c) => ({ name: c.name, leader: c.leader ?? '', leadDepartmentId: c.leadDepartmentId, cooperatingDepartmentIds: c.cooperatingDepartmentIds }),
  toInput: (d, id) =>
    withId(id, {
      name: str(d, 'name'),
      leader: nullable(d, 'leader'),
      leadDepartmentId: str(d, 'leadDepartmentId') || undefined,
      cooperatingDepartmentIds: list(d, 'cooperatingDepartmentIds')
    }),
  save: saver(saveChainInput, (input, requestId) => call('admin', 'saveChain', input, { requestId }))
}
