import type { Queryable } from '../../db/client'
import { nameKey } from './import-plan'

/** Records found by the names people type in a spreadsheet (several when a name is shared, as stations may be). */
export class NameIndex {
  private readonly ids = new Map<string, string[]>()
  private readonly names = new Map<string, string>()

  constructor(rows: readonly { id: string; name: string }[]) {
    for (const r of rows) {
      const k = nameKey(r.name)
      this.ids.set(k, [...(this.ids.get(k) ?? []), r.id])
      this.names.set(r.id, r.name)
    }
  }

  find(name: string): string[] {
    return this.ids.get(nameKey(name)) ?? []
  }

  nameOf(id: string | null | undefined): string | null {
    return id ? (this.names.get(id) ?? null) : null
  }
}

const TABLES = {
  departments: 'SELECT id, name FROM departments',
  towns: 'SELECT id, name FROM towns',
  chains: 'SELECT id, name FROM chains',
  enterprises: 'SELECT id, name FROM enterprises',
  stations: 'SELECT id, name FROM stations'
} as const

export async function nameIndex(q: Queryable, table: keyof typeof TABLES): Promise<NameIndex> {
  return new NameIndex(await q.query<{ id: string; name: string }>(TABLES[table]))
}
