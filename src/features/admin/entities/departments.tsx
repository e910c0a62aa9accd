import { DEPARTMENT_KINDS, DEPARTMENT_KIND_LABELS, type AdminDepartment, type DepartmentKind } from '@contract/admin'
import { saveDepartmentInput } from '@contract/admin-schemas'
import { call } from '@/services/cloud'
import type { EntityDef } from '../console-types'
import { Main, Tag, orNone } from '../cells'
import { optionalText, str, withId } from '../draft'
import { saver } from '../saver'

const isKind = (v: string): v is DepartmentKind => (DEPARTMENT_KINDS as readonly string[]).includes(v)

export const departments: EntityDef<AdminDepartment> = {
  entity: 'departments',
  noun: '部门',
  unit: '个',
  description: '承办诉求的区直部门与镇街办事机构；派单规则与产业链都指向这里的部门',
  emptyDescription: '诉求按类别派给部门办理。请先录入区直部门和各镇街的办事机构，再设置派单规则。',
  searchPlaceholder: '搜索部门名称',
  sources: [],
  columns: [
    { key: 'name', label: '部门名称', width: 2, render: (d) => <Main>{d.name}</Main> },
    { key: 'kind', label: '类型', render: (d) => <Tag tone={d.kind === 'town' ? 'blue' : 'grey'}>{DEPARTMENT_KIND_LABELS[d.kind]}</Tag> },
    { key: 'matters', label: '职责事项', width: 3, render: (d) => orNone(d.matters) }
  ],
  fields: [
    { name: 'name', label: '部门名称', kind: 'text', required: true, maxLength: 30, placeholder: '如：区民政和人力资源社会保障局' },
    {
      name: 'kind',
      label: '类型',
      kind: 'select',
      required: true,
      options: DEPARTMENT_KINDS.map((k) => ({ value: k, label: DEPARTMENT_KIND_LABELS[k] }))
    },
    {
      name: 'matters',
      label: '职责事项',
      kind: 'textarea',
      maxLength: 300,
      wide: true,
      placeholder: '如：就业创业、社保、劳动关系',
      hint: '写明主要职责，调度员分派和转办时参考。'
    }
  ],
  title: (d) => d.name,
  load: ({ q }) => call('admin', 'departments', q ? { q } : {}),
  blank: () => ({ name: '', kind: 'district', matters: '' }),
  toDraft: (d) => ({ name: d.name, kind: d.kind, matters: d.matters }),
  toInput: (d, id) => {
    const kind = str(d, 'kind')
    return withId(id, { name: str(d, 'name'), kind: isKind(kind) ? kind : undefined, matters: optionalText(d, 'matters') ?? '' })
  },
  save: saver(saveDepartmentInput, (input, requestId) => call('admin', 'saveDepartment', input, { requestId }))
}
