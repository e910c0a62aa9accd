import type { Queryable } from '../../../db/client'
import { AppError } from '../../errors'
import { holderOf, missingIds, type AdminTable } from '../../../db/repos/admin/lookup'

export interface Reference {
  table: AdminTable
  id: string | null | undefined
  /** The form field and its message when the record is missing, e.g. townId: '所选镇街不存在'. */
  field: string
  message: string
}

/** Refuses a save that points at records that do not exist, naming every such field at once. */
export async function checkReferences(q: Queryable, refs: readonly Reference[]): Promise<void> {
  const fields: Record<string, string> = {}
  for (const r of refs) {
    if (r.id && (await missingIds(q, r.table, [r.id])).length) fields[r.field] = r.message
  }
  const first = Object.values(fields)[0]
  if (first) throw new AppError('VALIDATION', first, fields)
}

/** CONFLICT when another record already has this value in a unique column. */
export async function requireUnique(
  q: Queryable,
  where: { table: 'departments' | 'towns' | 'chains' | 'enterprises'; column: 'name' | 'credit_code'; value: string; exceptId?: string },
  field: string,
  message: (holder: string) => string
): Promise<void> {
  const holder = await holderOf(q, where.table, where.column, where.value, where.exceptId)
  if (holder) {
    const text = message(holder.name)
    throw new AppError('CONFLICT', text, { [field]: text })
  }
}
