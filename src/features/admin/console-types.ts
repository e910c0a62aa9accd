import type { ComponentType, ReactNode } from 'react'
import type {
  AdminChain,
  AdminDepartment,
  AdminEnterprise,
  AdminEntity,
  AdminPairing,
  AdminPerson,
  AdminService,
  AdminStation,
  AdminTown
} from '@contract/admin'
import type { Role } from '@contract/roles'
import type { DayHours } from '@contract/stations'
import type { FormSubmit } from '@/hooks/useFormSubmit'

/** The record each list of the console holds, as admin.<entity> answers it. */
export interface AdminRecords {
  departments: AdminDepartment
  towns: AdminTown
  chains: AdminChain
  enterprises: AdminEnterprise
  people: AdminPerson
  stations: AdminStation
  services: AdminService
  pairings: AdminPairing
}

/** Opening hours Sunday..Saturday, null = closed that day (the contract's shape). */
export type Hours = (DayHours | null)[]

/** What a form control holds while being edited: text (also numbers and ids), a switch, a set, or hours. */
export type DraftValue = string | boolean | string[] | Hours
export type Draft = Record<string, DraftValue>

/** Lists other records are picked from (a town's office, an enterprise's chain, a station's manager…). */
export type OptionSource = 'departments' | 'towns' | 'chains' | 'enterprises' | 'people' | 'stations'
export type OptionLists = Partial<Record<OptionSource, Option[]>>

export interface Option {
  value: string
  label: string
  /** A second line: a person's login, a station's town. */
  sub?: string
}

interface FieldBase {
  /** The input's key: the server's `fields` errors use it too, so they land under the right control. */
  name: string
  label: string
  required?: boolean
  hint?: string | ((draft: Draft) => string)
  /** Takes a whole row of the two-column form on a PC. */
  wide?: boolean
  /** Shown only while this holds (the weekly hours are hidden for a 24-hour station). */
  when?: (draft: Draft) => boolean
}

export type FieldDef =
  | (FieldBase & { kind: 'text' | 'textarea'; placeholder?: string; maxLength?: number })
  | (FieldBase & { kind: 'number'; placeholder?: string; unit?: string; decimals?: boolean })
  | (FieldBase & { kind: 'date'; placeholder?: string })
  | (FieldBase & { kind: 'select'; options: Option[] | OptionSource; clearable?: string })
  | (FieldBase & { kind: 'multi'; options: Option[] | OptionSource })
  | (FieldBase & { kind: 'switch'; onText: string; offText: string })
  | (FieldBase & { kind: 'hours' })
  | (FieldBase & { kind: 'amenities' })

/** Names of other records, for cells that hold an id. */
export type NameOf = (source: OptionSource, id: string | null | undefined) => string

export interface CellContext<R> {
  nameOf: NameOf
  /** Shows a changed record in its row (after a role was granted or taken back). */
  replace: (record: R) => void
}

export interface ColumnDef<R> {
  key: string
  label: string
  /** The label beside the value in a phone's card, when the column's is too long for it. */
  short?: string
  /** Share of the table's width on a PC (1 when not given). */
  width?: number
  render: (record: R, ctx: CellContext<R>) => ReactNode
}

/** What narrows a list beside the search box. */
export interface ListQuery {
  q: string
  stationId: string
  role: Role | ''
}

/** Sends a form: checks `values` with the action's schema, then saves under one request id per intent. */
export type Saver<R> = (form: FormSubmit, values: unknown) => Promise<R | undefined>

/** Everything the generic list page needs to know about one list of the console. */
export interface EntityDef<R extends { id: string }> {
  entity: AdminEntity
  /** 企业, 站点… */
  noun: string
  /** The measure word in 共 12 家. */
  unit: string
  description: string
  emptyDescription: string
  searchPlaceholder: string
  /** Options the columns and the form need. */
  sources: OptionSource[]
  columns: ColumnDef<R>[]
  fields: FieldDef[]
  /** How a record is named in confirmations and messages. */
  title: (record: R) => string
  load: (query: ListQuery) => Promise<R[]>
  /** When the server has no search for the list, the page filters what it loaded. */
  matches?: (record: R, q: string) => boolean
  /** Beside the search box: pick a station (services) or a role (people). */
  filter?: 'station' | 'role'
  blank: (query: ListQuery) => Draft
  toDraft: (record: R) => Draft
  /** The draft as the save action's input (`id` when editing), still to be checked by its schema. */
  toInput: (draft: Draft, id: string | undefined) => unknown
  save: Saver<R>
  /** False for records that cannot be changed any more (an erased person), with the reason. */
  locked?: (record: R) => string | null
  /** More buttons in a row (授予角色). */
  RowActions?: ComponentType<{ record: R; onChange: (record: R) => void }>
}
