import type { AssignedEnterprise, LogVisitInput, Visit, WeeklySummary } from '@contract'
import { isDay, mondayOf, shanghaiDate } from '../../core'
import type { Handlers } from './index'
import type { Caller, Ctx } from '../context'
import { screenTexts } from '../content-guard'
import { AppError, forbidden, notFound } from '../errors'
import { newId } from '../ids'
import { isDistrict, requireCaller, scopesOf } from '../policy'
import { attachPhotos, photosOf } from './files'
import { assignedEnterprises, enterpriseName, insertVisit, visitRows, weekSummaryOf, type VisitRow } from '../../db/repos/secretaries'

/** The longest list of visits one request returns (newest first). */
const VISITS_MAX = 100

/** A first secretary and the enterprises assigned to them; anyone else is refused. */
function requireSecretary(ctx: Ctx): { caller: Caller; enterprises: string[] } {
  const caller = requireCaller(ctx.caller)
  const enterprises = [...new Set(scopesOf(caller, 'secretary'))]
  if (!enterprises.length) throw forbidden('仅第一书记可用')
  return { caller, enterprises }
}

async function withPhotos(ctx: Ctx, rows: VisitRow[]): Promise<Visit[]> {
  return Promise.all(rows.map(async (r) => ({ ...r, photos: await photosOf(ctx, r.id, 'visit') })))
}

async function mine(ctx: Ctx): Promise<AssignedEnterprise[]> {
  const { caller, enterprises } = requireSecretary(ctx)
  return assignedEnterprises(ctx.q, caller.personId, enterprises, ctx.now)
}

/** A visit to an assigned enterprise, logged now, where the secretary stands (when the phone told), with photos. */
async function logVisit(ctx: Ctx, input: LogVisitInput): Promise<Visit> {
  const { caller, enterprises } = requireSecretary(ctx)
  if (!enterprises.includes(input.enterpriseId)) {
    throw (await enterpriseName(ctx.q, input.enterpriseId)) === null ? notFound('企业') : forbidden('只能记录您联系的企业的走访')
  }
  await screenTexts(ctx, { note: input.note, address: input.address })
  const id = newId('vs')
  await insertVisit(ctx.q, {
    id,
    personId: caller.personId,
    enterpriseId: input.enterpriseId,
    at: ctx.now,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    address: input.address ? input.address : null,
    note: input.note
  })
  if (input.photos?.length) await attachPhotos(ctx.q, caller.personId, id, input.photos, 'visit')
  const [row] = await visitRows(ctx.q, { personId: caller.personId, id, limit: 1 })
  return (await withPhotos(ctx, [row]))[0]
}

/** A secretary's own visits; the district (dispatcher, administrator) sees everyone's. Newest first. */
async function visits(ctx: Ctx, input: { enterpriseId?: string }): Promise<Visit[]> {
  const caller = requireCaller(ctx.caller)
  const district = isDistrict(caller)
  if (!district && !scopesOf(caller, 'secretary').length) throw forbidden('走访记录仅第一书记和调度员可以查看')
  if (input.enterpriseId !== undefined && (await enterpriseName(ctx.q, input.enterpriseId)) === null) throw notFound('企业')
  const rows = await visitRows(ctx.q, { personId: district ? null : caller.personId, enterpriseId: input.enterpriseId, limit: VISITS_MAX })
  return withPhotos(ctx, rows)
}

/** The week (Monday–Sunday, China time) containing weekOf, this week by default; never one still ahead. */
async function week(ctx: Ctx, input: { weekOf?: string }): Promise<WeeklySummary> {
  const { caller, enterprises } = requireSecretary(ctx)
  const today = shanghaiDate(ctx.now)
  const day = input.weekOf ?? today
  if (!isDay(day)) throw new AppError('VALIDATION', '日期不正确', { weekOf: '日期不正确' })
  const monday = mondayOf(day)
  if (monday > mondayOf(today)) throw new AppError('VALIDATION', '这一周还没到，只能查看本周及以前', { weekOf: '不能选择以后的周' })
  return weekSummaryOf(ctx.q, caller.personId, enterprises, monday, ctx.now)
}

export const secretaries: Handlers['secretaries'] = { mine, logVisit, visits, week }
