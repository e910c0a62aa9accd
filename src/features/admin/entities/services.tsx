import { SERVICE_AUDIENCES, SERVICE_AUDIENCE_LABELS, type AdminService, type ServiceAudience } from '@contract/admin'
import { saveServiceItemInput } from '@contract/admin-schemas'
import { call } from '@/services/cloud'
import type { EntityDef } from '../console-types'
import { Main, Tag } from '../cells'
import { numText, numberOf, str, withId } from '../draft'
import { saver } from '../saver'

const isAudience = (v: string): v is ServiceAudience => (SERVICE_AUDIENCES as readonly string[]).includes(v)

export const services: EntityDef<AdminService> = {
  entity: 'services',
  noun: '服务项目',
  unit: '项',
  description: '各站点可预约的服务：时长、每个时段的名额与服务对象（时段由站点管理员设置）',
  emptyDescription: '服务项目是站点可预约的内容，如“午间休息位”“暑期托管”。新增后，由站点管理员在站点工作台设置每周的服务时段。',
  searchPlaceholder: '搜索服务名称',
  filter: 'station',
  sources: ['stations'],
  columns: [
    { key: 'name', label: '服务名称', width: 1.6, render: (s) => <Main sub={s.description || undefined}>{s.name}</Main> },
    { key: 'stationId', label: '站点', width: 1.6, render: (s, { nameOf }) => nameOf('stations', s.stationId) },
    { key: 'durationMinutes', label: '每次时长', width: 0.8, render: (s) => `${s.durationMinutes} 分钟` },
    { key: 'capacity', label: '每段名额', width: 0.8, render: (s) => `${s.capacity} 人` },
    { key: 'audience', label: '服务对象', width: 0.8, render: (s) => <Tag tone={s.audience === 'anyone' ? 'green' : 'blue'}>{SERVICE_AUDIENCE_LABELS[s.audience]}</Tag> }
  ],
  fields: [
    { name: 'stationId', label: '所属站点', kind: 'select', required: true, options: 'stations', wide: true },
    { name: 'name', label: '服务名称', kind: 'text', required: true, maxLength: 30, placeholder: '如：午间休息位' },
    {
      name: 'audience',
      label: '服务对象',
      kind: 'select',
      required: true,
      options: SERVICE_AUDIENCES.map((a) => ({ value: a, label: SERVICE_AUDIENCE_LABELS[a] }))
    },
    { name: 'durationMinutes', label: '每次时长', kind: 'number', required: true, unit: '分钟', placeholder: '如：60', hint: '5 分钟至 24 小时。' },
    { name: 'capacity', label: '每个时段名额', kind: 'number', required: true, unit: '人', placeholder: '如：10', hint: '约满后可以候补，1–500 人。' },
    { name: 'description', label: '服务说明', kind: 'textarea', maxLength: 300, wide: true, placeholder: '如：提供躺椅、饮水和充电，午间 12:00–14:00 可用' }
  ],
  title: (s) => s.name,
  load: ({ stationId }) => call('admin', 'services', stationId ? { stationId } : {}),
  matches: (s, q) => s.name.includes(q) || s.description.includes(q),
  blank: ({ stationId }) => ({ stationId, name: '', audience: 'anyone', durationMinutes: '60', capacity: '10', description: '' }),
  toDraft: (s) => ({
    stationId: s.stationId,
    name: s.name,
    audience: s.audience,
    durationMinutes: numText(s.durationMinutes),
    capacity: numText(s.capacity),
    description: s.description
  }),
  toInput: (d, id) => {
    const audience = str(d, 'audience')
    return withId(id, {
      stationId: str(d, 'stationId') || undefined,
      name: str(d, 'name'),
      description: str(d, 'description'),
      durationMinutes: numberOf(d, 'durationMinutes'),
      capacity: numberOf(d, 'capacity'),
      audience: isAudience(audience) ? audience : undefined
    })
  },
  save: saver(saveServiceItemInput, (input, requestId) => call('admin', 'saveServiceItem', input, { requestId }))
}
