import { AMENITIES, AMENITY_LABELS, STATION_TYPES, STATION_TYPE_LABELS, type Amenity, type StationType } from '@contract/stations'
import type { AdminStation } from '@contract/admin'
import { saveStationInput } from '@contract/admin-schemas'
import { call } from '@/services/cloud'
import type { EntityDef } from '../console-types'
import { Main, None, Tag, Tags } from '../cells'
import { bool, hours, list, nullable, numText, numberOf, str, withId } from '../draft'
import { saver } from '../saver'
import { weekText } from '../hours-text'

const isType = (v: string): v is StationType => (STATION_TYPES as readonly string[]).includes(v)
const isAmenity = (v: string): v is Amenity => (AMENITIES as readonly string[]).includes(v)

/** A new station starts open 09:00–18:00 on weekdays: the most common arrangement, quick to adjust. */
const WEEKDAYS_9_TO_6 = [null, ...Array.from({ length: 5 }, () => ({ open: '09:00', close: '18:00' })), null]

export const stations: EntityDef<AdminStation> = {
  entity: 'stations',
  noun: '站点',
  unit: '个',
  description: '暖“新”驿站、党群服务站等：位置、开放时间、设施与站长',
  emptyDescription: '骑手和企业职工在“驿站”页按位置找到这里的站点。新增站点时填好坐标和开放时间，再到“服务项目”为它添加可预约的服务。',
  searchPlaceholder: '搜索站点名称',
  sources: ['towns', 'departments', 'people'],
  columns: [
    {
      key: 'name',
      label: '站点',
      width: 2,
      render: (s) => (
        <Main sub={s.address}>
          {s.name}
          <Tag tone='blue'>{STATION_TYPE_LABELS[s.type]}</Tag>
        </Main>
      )
    },
    { key: 'townId', label: '镇街', width: 0.8, render: (s, { nameOf }) => nameOf('towns', s.townId) },
    {
      key: 'hours',
      label: '开放时间',
      width: 1.6,
      render: (s) => <Main sub={s.closedOnHolidays ? '法定节假日闭站' : undefined}>{s.open24h ? '全天开放' : weekText(s.hours)}</Main>
    },
    {
      key: 'amenities',
      label: '设施',
      width: 1.5,
      render: (s) =>
        s.amenities.length ? (
          <Tags>
            {s.amenities.map((a) => (
              <Tag key={a}>{AMENITY_LABELS[a]}</Tag>
            ))}
          </Tags>
        ) : (
          <None />
        )
    },
    {
      key: 'managerPersonId',
      label: '站长',
      width: 1.2,
      render: (s, { nameOf }) => <Main sub={s.phone ? `电话 ${s.phone}` : undefined}>{s.managerPersonId ? nameOf('people', s.managerPersonId) : <None text='未指定' />}</Main>
    }
  ],
  fields: [
    { name: 'name', label: '站点名称', kind: 'text', required: true, maxLength: 40, placeholder: '如：大良德胜暖“新”驿站' },
    {
      name: 'type',
      label: '站点类型',
      kind: 'select',
      required: true,
      options: STATION_TYPES.map((t) => ({ value: t, label: STATION_TYPE_LABELS[t] }))
    },
    { name: 'address', label: '地址', kind: 'text', required: true, maxLength: 100, wide: true, placeholder: '如：大良街道德胜路 8 号' },
    { name: 'townId', label: '所在镇街', kind: 'select', required: true, options: 'towns' },
    { name: 'departmentId', label: '主管部门', kind: 'select', options: 'departments', clearable: '暂不指定', hint: '站点反馈的问题转给这个部门。' },
    { name: 'lat', label: '纬度', kind: 'number', required: true, decimals: true, placeholder: '如：22.8409', hint: '用地图软件取点后复制，顺德约为北纬 22.7–23.0。' },
    { name: 'lng', label: '经度', kind: 'number', required: true, decimals: true, placeholder: '如：113.2497', hint: '顺德约为东经 113.0–113.4。' },
    { name: 'open24h', label: '全天开放', kind: 'switch', onText: '24 小时开放', offText: '按每周时间开放' },
    { name: 'closedOnHolidays', label: '节假日', kind: 'switch', onText: '法定节假日闭站', offText: '节假日照常开放' },
    {
      name: 'hours',
      label: '每周开放时间',
      kind: 'hours',
      required: true,
      wide: true,
      when: (d) => !bool(d, 'open24h'),
      hint: '关闭的日子在“驿站”页显示为休息；时间为 24 小时制。'
    },
    { name: 'amenities', label: '设施', kind: 'amenities', wide: true, hint: '骑手可以在“驿站”页按设施筛选站点。' },
    { name: 'phone', label: '联系电话', kind: 'text', maxLength: 13, placeholder: '如：0757-22212345' },
    { name: 'managerPersonId', label: '站长', kind: 'select', options: 'people', clearable: '暂不指定', hint: '站长的站点管理员角色请在“人员与角色”中授予。' }
  ],
  title: (s) => s.name,
  load: ({ q }) => call('admin', 'stations', q ? { q } : {}),
  blank: () => ({
    name: '',
    type: 'warm',
    address: '',
    townId: '',
    departmentId: '',
    lat: '',
    lng: '',
    open24h: false,
    closedOnHolidays: false,
    hours: WEEKDAYS_9_TO_6,
    amenities: [],
    phone: '',
    managerPersonId: ''
  }),
  toDraft: (s) => ({
    name: s.name,
    type: s.type,
    address: s.address,
    townId: s.townId,
    departmentId: s.departmentId ?? '',
    lat: numText(s.lat),
    lng: numText(s.lng),
    open24h: s.open24h,
    closedOnHolidays: s.closedOnHolidays,
    hours: s.hours.length === 7 ? s.hours : WEEKDAYS_9_TO_6,
    amenities: s.amenities,
    phone: s.phone ?? '',
    managerPersonId: s.managerPersonId ?? ''
  }),
  toInput: (d, id) => {
    const type = str(d, 'type')
    return withId(id, {
      name: str(d, 'name'),
      type: isType(type) ? type : undefined,
      address: str(d, 'address'),
      townId: str(d, 'townId') || undefined,
      departmentId: nullable(d, 'departmentId'),
      lat: numberOf(d, 'lat'),
      lng: numberOf(d, 'lng'),
      open24h: bool(d, 'open24h'),
      hours: hours(d, 'hours'),
      amenities: list(d, 'amenities').filter(isAmenity),
      phone: nullable(d, 'phone'),
      managerPersonId: nullable(d, 'managerPersonId'),
      closedOnHolidays: bool(d, 'closedOnHolidays')
    })
  },
  save: saver(saveStationInput, (input, requestId) => call('admin', 'saveStation', input, { requestId }))
}
