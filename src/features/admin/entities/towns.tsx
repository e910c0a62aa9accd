import type { AdminTown } from '@contract/admin'
import { saveTownInput } from '@contract/admin-schemas'
import { call } from '@/services/cloud'
import type { EntityDef } from '../console-types'
import { Main, None } from '../cells'
import { nullable, str, withId } from '../draft'
import { saver } from '../saver'

export const towns: EntityDef<AdminTown> = {
  entity: 'towns',
  noun: '镇街',
  unit: '个',
  description: '企业与站点所在的镇街，以及办理本镇街诉求的办事机构',
  emptyDescription: '企业和站点都按镇街归属。请先录入各镇街，并指定办理本镇街诉求的办事机构（在“部门”中录入）。',
  searchPlaceholder: '搜索镇街名称',
  sources: ['departments'],
  columns: [
    { key: 'name', label: '镇街名称', render: (t) => <Main>{t.name}</Main> },
    {
      key: 'departmentId',
      label: '办事机构',
      width: 2,
      render: (t, { nameOf }) => (t.departmentId ? nameOf('departments', t.departmentId) : <None text='未指定' />)
    }
  ],
  fields: [
    { name: 'name', label: '镇街名称', kind: 'text', required: true, maxLength: 20, placeholder: '如：大良街道' },
    {
      name: 'departmentId',
      label: '办事机构',
      kind: 'select',
      options: 'departments',
      clearable: '暂不指定',
      hint: '本镇街企业提出、按属地办理的诉求派给这个机构。'
    }
  ],
  title: (t) => t.name,
  load: ({ q }) => call('admin', 'towns', q ? { q } : {}),
  blank: () => ({ name: '', departmentId: '' }),
  toDraft: (t) => ({ name: t.name, departmentId: t.departmentId ?? '' }),
  toInput: (d, id) => withId(id, { name: str(d, 'name'), departmentId: nullable(d, 'departmentId') }),
  save: saver(saveTownInput, (input, requestId) => call('admin', 'saveTown', input, { requestId }))
}
