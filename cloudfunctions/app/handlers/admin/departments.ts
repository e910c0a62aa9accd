import type { AdminDepartment, SaveDepartmentInput } from '@contract'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { newId } from '../../ids'
import { containsPattern } from '../../../db/repos/admin/lookup'
import { listDepartments, writeDepartment } from '../../../db/repos/admin/departments'
import { requireAdmin } from './guard'
import { DEPARTMENTS } from './entities'
import { editing, saved } from './records'
import { requireUnique } from './checks'

async function departments(ctx: Ctx, input: { q?: string }): Promise<AdminDepartment[]> {
  requireAdmin(ctx)
  return listDepartments(ctx.q, containsPattern(input.q))
}

async function saveDepartment(ctx: Ctx, input: SaveDepartmentInput): Promise<AdminDepartment> {
  requireAdmin(ctx)
  const before = await editing(ctx, DEPARTMENTS, input.id)
  await requireUnique(ctx.q, { table: 'departments', column: 'name', value: input.name, exceptId: input.id }, 'name', (n) => `已有名为“${n}”的部门`)
  const id = input.id ?? newId(DEPARTMENTS.idPrefix)
  const record: AdminDepartment = { id, name: input.name, matters: input.matters ?? '', kind: input.kind }
  return saved(ctx, DEPARTMENTS, before, id, () => writeDepartment(ctx.q, record, !before))
}

export const departmentActions: Pick<Handlers['admin'], 'departments' | 'saveDepartment'> = { departments, saveDepartment }
