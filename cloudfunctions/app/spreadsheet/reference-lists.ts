import {
  DEPARTMENT_KIND_LABELS,
  SERVICE_AUDIENCE_LABELS,
  type AdminChain,
  type AdminDepartment,
  type AdminService,
  type AdminTown
} from '@contract'
import type { Queryable } from '../../db/client'
import { listChains } from '../../db/repos/admin/chains'
import { listDepartments } from '../../db/repos/admin/departments'
import { listServiceItems } from '../../db/repos/admin/services'
import { listTowns } from '../../db/repos/admin/towns'
import { LIST_SEPARATOR } from './cell-values'
import type { ListSheet } from './import-plan'
import { nameIndex } from './name-index'

// The lists that only export: they are few and edited one by one in the console. References are
// written by name, as in the importable lists, so that the sheets read the same way.

export const departmentList: ListSheet<AdminDepartment> = {
  label: '部门',
  columns: [
    { header: '部门名称', value: (d) => d.name },
    { header: '类型', value: (d) => DEPARTMENT_KIND_LABELS[d.kind] },
    { header: '职责事项', value: (d) => d.matters }
  ],
  load: (q) => listDepartments(q, null)
}

export const townList: ListSheet<AdminTown & { office: string | null }> = {
  label: '镇街',
  columns: [
    { header: '镇街名称', value: (t) => t.name },
    { header: '办事机构', value: (t) => t.office }
  ],
  async load(q: Queryable) {
    const [departments, towns] = await Promise.all([nameIndex(q, 'departments'), listTowns(q, null)])
    return towns.map((t) => ({ ...t, office: departments.nameOf(t.departmentId) }))
  }
}

export const chainList: ListSheet<AdminChain & { lead: string | null; cooperating: string }> = {
  label: '产业链',
  columns: [
    { header: '产业链名称', value: (c) => c.name },
    { header: '链长', value: (c) => c.leader },
    { header: '牵头部门', value: (c) => c.lead },
    { header: '协同部门', value: (c) => c.cooperating },
    { header: '企业数', value: (c) => c.enterprises }
  ],
  async load(q: Queryable) {
    const [departments, chains] = await Promise.all([nameIndex(q, 'departments'), listChains(q, null)])
    return chains.map((c) => ({
      ...c,
      lead: departments.nameOf(c.leadDepartmentId),
      cooperating: c.cooperatingDepartmentIds.map((id) => departments.nameOf(id) ?? id).join(LIST_SEPARATOR)
    }))
  }
}

export const serviceList: ListSheet<AdminService & { stationName: string | null }> = {
  label: '服务项目',
  columns: [
    { header: '站点', value: (s) => s.stationName },
    { header: '服务名称', value: (s) => s.name },
    { header: '服务说明', value: (s) => s.description },
    { header: '时长(分钟)', value: (s) => s.durationMinutes },
    { header: '名额', value: (s) => s.capacity },
    { header: '服务对象', value: (s) => SERVICE_AUDIENCE_LABELS[s.audience] }
  ],
  async load(q: Queryable) {
    const [stations, services] = await Promise.all([nameIndex(q, 'stations'), listServiceItems(q, undefined)])
    return services
      .map((s) => ({ ...s, stationName: stations.nameOf(s.stationId) }))
      .sort((a, b) => (a.stationName ?? '').localeCompare(b.stationName ?? '', 'zh-CN') || a.name.localeCompare(b.name, 'zh-CN'))
  }
}
