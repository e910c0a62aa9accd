import { AMENITIES, AMENITY_LABELS, saveStationInput, STATION_TYPE_LABELS, STATION_TYPES, type AdminStation, type Amenity, type DayHours, type StationType } from '@contract'
import { formatWeekHours, parseWeekHours, WEEK_HOURS_FORMAT_HINT } from '../../core/stations/week-hours-text'
import type { Queryable } from '../../db/client'
import { listAdminStations, writeStation } from '../../db/repos/admin/stations'
import { STATIONS } from '../handlers/admin/entities'
import { newId } from '../ids'
import { LIST_SEPARATOR, splitList, yesNoCell } from './cell-values'
import type { Column } from './columns'
import { FirstSeen, nameKey, schemaErrors, type ImportPlan, type ImportSheet, type SheetRow } from './import-plan'
import { nameIndex } from './name-index'
import { upsert } from './planned-write'
import { RowReader } from './row-reader'

export interface StationRecord extends AdminStation {
  townName: string | null
  departmentName: string | null
}

const H = {
  name: '站点名称',
  type: '类型',
  address: '地址',
  town: '镇街',
  department: '主管部门',
  lat: '纬度',
  lng: '经度',
  open24h: '全天开放(是/否)',
  hours: '开放时间',
  amenities: '设施',
  phone: '电话'
} as const

// the label's quotes are typed every way (暖"新"驿站, 暖“新”驿站, 暖新驿站): they do not tell types apart
const labelKey = (text: string) => nameKey(text).replace(/["'“”‘’]/g, '')
const TYPE_BY_LABEL = new Map<string, StationType>(STATION_TYPES.flatMap((t) => [[labelKey(STATION_TYPE_LABELS[t]), t] as const, [t, t] as const]))
const AMENITY_BY_LABEL = new Map<string, Amenity>(AMENITIES.flatMap((a) => [[labelKey(AMENITY_LABELS[a]), a] as const, [a, a] as const]))
const TYPE_CHOICES = STATION_TYPES.map((t) => STATION_TYPE_LABELS[t]).join('、')
const AMENITY_CHOICES = AMENITIES.map((a) => AMENITY_LABELS[a]).join(LIST_SEPARATOR)

/** A round-the-clock station's spans cover the whole day, so a reader comparing times also finds it open. */
const ALL_DAY: DayHours[] = Array.from({ length: 7 }, () => ({ open: '00:00', close: '24:00' }))

const COLUMNS: readonly Column<StationRecord>[] = [
  { header: H.name, required: true, note: '按名称找到已有站点并更新；系统中有同名站点时无法导入该行，请在管理台修改。', value: (s) => s.name },
  { header: H.type, required: true, note: `可填：${TYPE_CHOICES}。`, value: (s) => STATION_TYPE_LABELS[s.type] },
  { header: H.address, required: true, note: '详细地址。', value: (s) => s.address },
  { header: H.town, required: true, note: '镇街名称，须与系统中的一致，如“大良街道”。', value: (s) => s.townName },
  { header: H.department, note: '部门名称，须与系统中的一致。', value: (s) => s.departmentName },
  { header: H.lat, required: true, note: '十进制度数，如 22.8405（在地图上取点）。', value: (s) => s.lat },
  { header: H.lng, required: true, note: '十进制度数，如 113.2497。', value: (s) => s.lng },
  { header: H.open24h, note: '填“是”或“否”。全天开放的站点可不填开放时间。', value: (s) => yesNoCell(s.open24h) },
  {
    header: H.hours,
    note: `${WEEK_HOURS_FORMAT_HINT}。不写星期的时间适用于每天，后面的写法覆盖前面的，没有写到的日子为休息。`,
    value: (s) => formatWeekHours(s.hours)
  },
  { header: H.amenities, note: `用“${LIST_SEPARATOR}”分隔，可填：${AMENITY_CHOICES}。`, value: (s) => s.amenities.map((a) => AMENITY_LABELS[a]).join(LIST_SEPARATOR) },
  { header: H.phone, note: '11 位手机号或带区号的座机，如 0757-22221234。', value: (s) => s.phone }
]

async function load(q: Queryable): Promise<StationRecord[]> {
  const [towns, departments, list] = await Promise.all([nameIndex(q, 'towns'), nameIndex(q, 'departments'), listAdminStations(q, null)])
  return list.map((s) => ({ ...s, townName: towns.nameOf(s.townId), departmentName: departments.nameOf(s.departmentId) }))
}

function readAmenities(r: RowReader): Amenity[] | undefined {
  const text = r.text(H.amenities)
  if (!text) return undefined
  const labels = splitList(text)
  const unknown = labels.filter((l) => !AMENITY_BY_LABEL.has(labelKey(l)))
  if (unknown.length) {
    r.fail('amenities', `设施“${unknown.join(LIST_SEPARATOR)}”不正确，可填：${AMENITY_CHOICES}`)
    return undefined
  }
  return [...new Set(labels.map((l) => AMENITY_BY_LABEL.get(labelKey(l)) as Amenity))]
}

function readHours(r: RowReader): (DayHours | null)[] | undefined {
  const text = r.text(H.hours)
  if (!text) return undefined
  const parsed = parseWeekHours(text)
  if (parsed.ok) return parsed.hours
  r.fail('hours', parsed.error)
  return undefined
}

/**
 * The natural key is the name: stations have no code, and the name is what people know them by. The
 * database allows two of a name, so such a name cannot say which to update and its row is refused.
 * The manager, holiday closing and closure days are not in the sheet and stay as they are.
 */
async function plan(q: Queryable, rows: readonly SheetRow[]): Promise<ImportPlan> {
  const [towns, departments, existing] = await Promise.all([nameIndex(q, 'towns'), nameIndex(q, 'departments'), listAdminStations(q, null)])
  const byName = new Map<string, AdminStation[]>()
  for (const s of existing) byName.set(nameKey(s.name), [...(byName.get(nameKey(s.name)) ?? []), s])
  const names = new FirstSeen()
  const out: ImportPlan = { rejected: [], writes: [] }

  for (const row of rows) {
    const r = new RowReader(row)
    const name = r.required(H.name, 'name')
    const typeText = r.required(H.type, 'type')
    const type = typeText ? TYPE_BY_LABEL.get(labelKey(typeText)) : undefined
    if (typeText && !type) r.fail('type', `类型“${typeText}”不正确，可填：${TYPE_CHOICES}`)
    const address = r.required(H.address, 'address')
    const townId = r.required(H.town, 'townId') && r.ref(H.town, 'townId', towns, '镇街')
    const departmentId = r.ref(H.department, 'departmentId', departments, '主管部门')
    const lat = r.required(H.lat, 'lat') && r.number(H.lat, 'lat', '纬度')
    const lng = r.required(H.lng, 'lng') && r.number(H.lng, 'lng', '经度')
    const open24h = r.yesNo(H.open24h, 'open24h', '全天开放')
    const hours = readHours(r)
    const amenities = readAmenities(r)
    const phone = r.optional(H.phone)?.replace(/\s+/g, '')

    const same = name ? names.claim(nameKey(name), r.row) : null
    if (same) r.fail('name', `站点名称与第 ${same} 行重复`)
    const matches = name ? (byName.get(nameKey(name)) ?? []) : []
    if (matches.length > 1) r.fail('name', `系统中有 ${matches.length} 个名为“${name}”的站点，无法确定更新哪一个，请在管理台修改`)
    const target = matches.length === 1 ? matches[0] : null

    const allDay = open24h ?? target?.open24h ?? false
    if (!hours && !target && !allDay && !r.reported.has('hours')) r.fail('hours', '请填写开放时间（全天开放的站点可不填）')
    const { data, errors } = schemaErrors(
      saveStationInput,
      {
        name,
        type,
        address,
        townId,
        departmentId: departmentId ?? target?.departmentId ?? null,
        lat,
        lng,
        open24h: allDay,
        hours: hours ?? target?.hours ?? (allDay ? ALL_DAY : undefined),
        amenities: amenities ?? target?.amenities ?? [],
        phone: phone ?? target?.phone ?? null
      },
      r.reported
    )
    const all = [...r.errors, ...errors]
    if (all.length || !data) {
      out.rejected.push({ row: r.row, errors: all })
      continue
    }
    const record: AdminStation = {
      id: target?.id ?? newId(STATIONS.idPrefix),
      name: data.name,
      type: data.type,
      address: data.address,
      townId: data.townId,
      departmentId: data.departmentId ?? null,
      lat: data.lat,
      lng: data.lng,
      open24h: data.open24h ?? false,
      hours: data.hours,
      amenities: data.amenities ?? [],
      phone: data.phone ?? null,
      managerPersonId: target?.managerPersonId ?? null,
      closedOnHolidays: target?.closedOnHolidays ?? false
    }
    out.writes.push(upsert(STATIONS, target, record, writeStation))
  }
  return out
}

export const stationSheet: ImportSheet<StationRecord> = { label: '站点', columns: COLUMNS, load, plan }
