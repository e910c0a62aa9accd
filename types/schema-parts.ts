import { z } from 'zod'

// Building blocks of the input schemas, shared by schemas.ts and admin-schemas.ts (not part of the contract's surface).

export const ID_MAX = 64

export const id = (label: string) =>
  z.string({ error: `请选择${label}` }).trim().min(1, { error: `请选择${label}` }).max(ID_MAX, { error: `${label}编号过长` })

/** A day on the calendar (2026-02-30 is not), in years the database and the calendar rules both take. */
export const isCalendarDay = (v: string) => {
  const [y, m, d] = v.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1, d))
  return y >= 1900 && y <= 2100 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}
export const day = z
  .string({ error: '请选择日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine(isCalendarDay, { error: '日期不正确' })

export const hm = (what: string) => z.string({ error: `请填写${what}` }).regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { error: `${what}应为 00:00–24:00` })

export const text = (what: string, min: number, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(min, { error: min > 1 ? `${what}至少 ${min} 个字` : `请填写${what}` })
    .max(max, { error: `${what}不超过 ${max} 个字` })
