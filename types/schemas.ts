import { z } from 'zod'
import { CATEGORY_IDS } from './categories'
import { ROLES } from './roles'
import { STATION_TYPES } from './stations'

// Messages zod makes up itself (wrong type, unknown key…) come out in Chinese too.
z.config(z.locales.zhCN())

/** Limits defined once, used by the forms and the handlers. */
export const LIMITS = {
  titleMin: 4,
  titleMax: 60,
  contentMin: 10,
  contentMax: 2000,
  idMax: 64
} as const

const id = (label: string) =>
  z.string({ error: `请选择${label}` }).trim().min(1, { error: `请选择${label}` }).max(LIMITS.idMax, { error: `${label}编号过长` })

export const emptyInput = z.strictObject({})

export const demoSignInInput = z.strictObject({
  role: z.enum(ROLES, { error: '请选择一个演示角色' })
})

export const fileProblemInput = z.strictObject({
  title: z
    .string({ error: '请填写标题' })
    .trim()
    .min(LIMITS.titleMin, { error: `标题至少 ${LIMITS.titleMin} 个字` })
    .max(LIMITS.titleMax, { error: `标题不超过 ${LIMITS.titleMax} 个字` }),
  content: z
    .string({ error: '请描述遇到的问题' })
    .trim()
    .min(LIMITS.contentMin, { error: `问题描述至少 ${LIMITS.contentMin} 个字` })
    .max(LIMITS.contentMax, { error: `问题描述不超过 ${LIMITS.contentMax} 个字` }),
  category: z.enum(CATEGORY_IDS, { error: '请选择问题类别' }),
  enterpriseId: id('企业')
})

export const problemIdInput = z.strictObject({ id: id('诉求') })

export const listStationsInput = z.strictObject({
  townId: id('镇街').optional(),
  type: z.enum(STATION_TYPES, { error: '站点类型不正确' }).optional()
})

export const listEnterprisesInput = z.strictObject({
  chainId: id('产业链').optional()
})

export type DemoSignInInput = z.output<typeof demoSignInInput>
export type FileProblemInput = z.output<typeof fileProblemInput>
export type ListStationsInput = z.output<typeof listStationsInput>
export type ListEnterprisesInput = z.output<typeof listEnterprisesInput>

export type FieldErrors = Record<string, string>

/**
 * Turns a zod failure into one Chinese message per field (the first problem of each field wins),
 * so a form can show it under the input and a handler can return it as `fields`.
 */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.map(String).join('.') : '_'
    if (!(key in out)) out[key] = issue.message
  }
  return out
}
