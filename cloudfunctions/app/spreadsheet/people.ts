import { ROLE_LABELS, ROLES, savePersonInput, type Role } from '@contract'
import { maskPhone, scopeKindOf } from '../../core'
import type { Queryable } from '../../db/client'
import { listPeople, writePerson, type PersonRecord } from '../../db/repos/admin/people'
import { recordAudit } from '../audit'
import type { Ctx } from '../context'
import { PEOPLE } from '../handlers/admin/entities'
import { grantAudited } from '../handlers/admin/grants'
import { toAdminPerson } from '../handlers/admin/person-view'
import { newId } from '../ids'
import { yesNoCell } from './cell-values'
import type { Column } from './columns'
import { differs, FirstSeen, nameKey, schemaErrors, type ImportPlan, type ImportSheet, type PlannedWrite, type SheetRow } from './import-plan'
import { nameIndex, type NameIndex } from './name-index'
import { RowReader } from './row-reader'

/** One row of the people list: a person with one of their roles (a person with none has one row without). */
export interface PersonRow {
  name: string
  /** Masked, as everywhere in the console. */
  phone: string | null
  partyMember: boolean
  role: Role | null
  scopeName: string | null
}

const H = { name: '姓名', phone: '手机号', party: '党员(是/否)', role: '角色', scope: '范围' } as const

const GRANTABLE = ROLES.filter((r) => r !== 'admin')
const ROLE_BY_LABEL = new Map<string, Role>(ROLES.flatMap((r) => [[nameKey(ROLE_LABELS[r]), r] as const, [r, r] as const]))
const SCOPE_NAMES = { enterprise: '企业', department: '部门', station: '站点' } as const

const COLUMNS: readonly Column<PersonRow>[] = [
  { header: H.name, required: true, note: '2–20 个字。', value: (p) => p.name },
  {
    header: H.phone,
    note: '11 位手机号或带区号的座机。填写后按手机号找到已有人员并更新；不填时按姓名（须只有一位同名人员）。导出的打码手机号（138****0000）按姓名与打码号码一起找人，号码不变。',
    value: (p) => p.phone
  },
  { header: H.party, note: '填“是”或“否”。', value: (p) => yesNoCell(p.partyMember) },
  {
    header: H.role,
    note: `可填：${GRANTABLE.map((r) => ROLE_LABELS[r]).join('、')}（系统管理员不能导入）。一行授予一个角色；同一人有多个角色时写多行，姓名、手机号相同。不会收回未列出的角色。`,
    value: (p) => (p.role ? ROLE_LABELS[p.role] : null)
  },
  {
    header: H.scope,
    note: '企业联络员、第一书记填企业名称；部门经办人填部门名称；站点管理员填站点名称；调度员不填。',
    value: (p) => p.scopeName
  }
]

async function load(q: Queryable): Promise<PersonRow[]> {
  const people = (await listPeople(q, { pattern: null })).filter((p) => !p.erased)
  return people.flatMap((p): PersonRow[] => {
    const base = { name: p.name, phone: maskPhone(p.phone), partyMember: p.partyMember }
    return p.roles.length ? p.roles.map((g) => ({ ...base, role: g.role, scopeName: g.scopeName })) : [{ ...base, role: null, scopeName: null }]
  })
}

/** The rows naming one person: the first gives the person's fields, each may add a role. */
interface Group {
  row: number
  name: string
  party: boolean | undefined
  phone: string | undefined
  target: PersonRecord | null
  grants: { role: Role; scopeId: string; row: number }[]
  grantRows: FirstSeen
  /** The first row was refused: no write is planned for this person. */
  refused: boolean
}

const MASKED = /^(\d{3}\*{4}\d{4}|\*{4}\d{1,4})$/

type Directory = { byPhone: Map<string, PersonRecord[]>; byName: Map<string, PersonRecord[]> }

/**
 * Who a row is: by the phone when the row has a whole one (else the only person of that name who has
 * no phone yet); by the name and the masked number when it comes from the export; by the name alone
 * when there is no phone (then the name must be unique). Erased people are never matched.
 */
function findTarget(r: RowReader, name: string, phone: string | undefined, people: Directory): PersonRecord | null {
  const sameName = people.byName.get(nameKey(name)) ?? []
  let found: PersonRecord[]
  if (phone && MASKED.test(phone)) {
    found = sameName.filter((p) => maskPhone(p.phone) === phone)
    if (!found.length) r.fail('phone', `找不到手机号为 ${phone} 的“${name}”，请填写完整手机号`)
  } else if (phone) {
    found = people.byPhone.get(phone) ?? []
    if (!found.length) found = sameName.filter((p) => !p.phone).length === 1 ? sameName.filter((p) => !p.phone) : []
  } else {
    found = sameName
    if (found.length > 1) r.fail('name', `系统中有 ${found.length} 位名为“${name}”的人员，请填写手机号以区分`)
  }
  if (found.length > 1 && phone) r.fail('phone', `系统中有 ${found.length} 位人员使用手机号 ${phone}，无法确定是哪一位，请在管理台修改`)
  return found.length === 1 ? found[0] : null
}

function readGrant(r: RowReader, scopes: Record<'enterprise' | 'department' | 'station', NameIndex>): { role: Role; scopeId: string } | null {
  const roleText = r.optional(H.role)
  const scopeText = r.optional(H.scope)
  if (!roleText) {
    if (scopeText) r.fail('role', '填写了范围，请同时填写角色')
    return null
  }
  const role = ROLE_BY_LABEL.get(nameKey(roleText))
  if (!role) {
    r.fail('role', `角色“${roleText}”不正确，可填：${GRANTABLE.map((g) => ROLE_LABELS[g]).join('、')}`)
    return null
  }
  const kind = scopeKindOf(role)
  if (!kind) {
    if (scopeText) r.fail('scopeId', `${ROLE_LABELS[role]}是全区范围的角色，“范围”应留空`)
    return scopeText ? null : { role, scopeId: '' }
  }
  if (!scopeText) {
    r.fail('scopeId', `${ROLE_LABELS[role]}须在“范围”中填写${SCOPE_NAMES[kind]}名称`)
    return null
  }
  const scopeId = r.ref(H.scope, 'scopeId', scopes[kind], SCOPE_NAMES[kind])
  return scopeId ? { role, scopeId } : null
}

const held = (p: PersonRecord, g: { role: Role; scopeId: string }) => p.roles.some((h) => h.role === g.role && (h.scopeId ?? '') === g.scopeId)
const personFields = (g: Group) => ({
  name: g.name,
  phone: g.phone ?? g.target?.phone ?? null,
  partyMember: g.party ?? g.target?.partyMember ?? false
})

/**
 * Administrators are never made or changed by a spreadsheet (they hold the keys to everything and are
 * managed one by one in the console): a row granting the role is refused, and so is a row that would
 * change an administrator. A row restating an administrator as they are changes nothing and passes,
 * so that the people export imports back.
 */
function adminProblems(g: Group): { row: number; error: string }[] {
  const isAdmin = g.target?.roles.some((r) => r.role === 'admin') ?? false
  const problems = g.grants.filter((x) => x.role === 'admin' && !isAdmin).map((x) => ({ row: x.row, error: '不能通过导入授予系统管理员角色，请在管理台中授予' }))
  const t = g.target
  if (t && isAdmin && (differs({ name: t.name, phone: t.phone, partyMember: t.partyMember }, personFields(g)) || g.grants.some((x) => !held(t, x)))) {
    problems.push({ row: g.row, error: '系统管理员的资料和角色不能通过导入修改，请在管理台中操作' })
  }
  return problems
}

async function plan(q: Queryable, rows: readonly SheetRow[]): Promise<ImportPlan> {
  const [enterprise, department, station, all] = await Promise.all([
    nameIndex(q, 'enterprises'),
    nameIndex(q, 'departments'),
    nameIndex(q, 'stations'),
    listPeople(q, { pattern: null })
  ])
  const people: Directory = { byPhone: new Map(), byName: new Map() }
  for (const p of all.filter((x) => !x.erased)) {
    if (p.phone) people.byPhone.set(p.phone, [...(people.byPhone.get(p.phone) ?? []), p])
    people.byName.set(nameKey(p.name), [...(people.byName.get(nameKey(p.name)) ?? []), p])
  }
  const groups = new Map<string, Group>()
  const targets = new FirstSeen()
  const errors = new Map<number, string[]>()
  const fail = (row: number, messages: string[]) => messages.length && errors.set(row, [...new Set([...(errors.get(row) ?? []), ...messages])])

  for (const row of rows) {
    const r = new RowReader(row)
    const name = r.required(H.name, 'name')
    const phone = r.optional(H.phone)?.replace(/\s+/g, '')
    const party = r.yesNo(H.party, 'partyMember', '党员')
    const grant = readGrant(r, { enterprise, department, station })
    const masked = phone !== undefined && MASKED.test(phone)
    r.errors.push(...schemaErrors(savePersonInput, { name, phone: masked ? undefined : phone, partyMember: party }, r.reported).errors)

    if (name) {
      const key = !phone ? `name:${nameKey(name)}` : masked ? `masked:${phone}|${nameKey(name)}` : `phone:${phone}`
      let group = groups.get(key)
      if (!group) {
        const target = findTarget(r, name, phone, people)
        const same = target ? targets.claim(target.id, r.row) : null
        if (same) r.fail('name', `与第 ${same} 行是同一人，请填写相同的姓名和手机号`)
        group = { row: r.row, name, party, phone: masked ? undefined : phone, target, grants: [], grantRows: new FirstSeen(), refused: false }
        groups.set(key, group)
      } else {
        if (nameKey(group.name) !== nameKey(name)) r.fail('name', `与第 ${group.row} 行手机号相同，但姓名不同`)
        if (party !== undefined && group.party !== undefined && party !== group.party) r.fail('partyMember', `与第 ${group.row} 行是同一人，但“党员”填写不同`)
        group.party ??= party
      }
      const again = group.grantRows.claim(grant ? `${grant.role}|${grant.scopeId}` : '', r.row)
      if (again) r.fail('role', `与第 ${again} 行重复`)
      else if (grant) group.grants.push({ ...grant, row: r.row })
      if (group.row === r.row && r.errors.length) group.refused = true
    }
    fail(r.row, r.errors)
  }
  for (const g of groups.values()) {
    for (const p of adminProblems(g)) fail(p.row, [p.error])
    if (errors.has(g.row)) g.refused = true
  }
  const rejected = [...errors].map(([row, messages]) => ({ row, errors: messages })).sort((a, b) => a.row - b.row)
  return { rejected, writes: [...groups.values()].filter((g) => !g.refused).map(personWrite) }
}

function personWrite(g: Group): PlannedWrite {
  const t = g.target
  return {
    outcome: t ? 'updated' : 'created',
    async write(ctx: Ctx) {
      const record = { id: t?.id ?? newId(PEOPLE.idPrefix), ...personFields(g) }
      if (!t || differs({ name: t.name, phone: t.phone, partyMember: t.partyMember }, personFields(g))) {
        await writePerson(ctx.q, record, !t, ctx.now)
        const after = await PEOPLE.find(ctx, record.id)
        await recordAudit(ctx, { subject: 'people', subjectId: record.id, action: 'import', before: t && toAdminPerson(t, ctx.now), after })
      }
      for (const grant of g.grants) await grantAudited(ctx, record.id, grant.role, grant.scopeId)
    }
  }
}

export const peopleSheet: ImportSheet<PersonRow> = { label: '人员', columns: COLUMNS, load, plan }
