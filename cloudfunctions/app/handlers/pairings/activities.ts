import type { ActivityDetail, ActivityFeedInput, ActivitySummary, AttendanceCode, AttendResult, Photo, PostActivityInput, ProblemDetail, RaiseProblemInput } from '@contract'
import {
  attendanceCodeRefusal,
  attendanceExpiry,
  attendanceOpen,
  canRaiseFrom,
  checkActivity,
  checkDateRange,
  decodeCheckIn,
  encodeCheckIn,
  shanghaiDate,
  type PairingRefusal
} from '../../../core'
import type { Handlers } from '../index'
import type { Caller, Ctx } from '../../context'
import { AppError, forbidden, notFound } from '../../errors'
import { newId } from '../../ids'
import { canRunPairing, requireCaller, scopesOf } from '../../policy'
import { qrDataUrl } from '../../qr'
import { routeFiledProblem } from '../../routing'
import { attachPhotos, photoShownTo, photosOf } from '../files'
import { screenTexts } from '../../content-guard'
import { createProblem } from '../problems/create'
import { canRead } from '../problems/actors'
import * as repo from '../../../db/repos/activities'
import { findPairing, type PairingRecord } from '../../../db/repos/pairings'
import { findEnterprise } from '../../../db/repos/catalog'
import { findProblem } from '../../../db/repos/problems'

/** The purpose the sign-in codes are signed under: a booking's check-in code is never an attendance code. */
const ATTENDANCE = 'attendance'
const FEED_LIMIT = 30

/** A pure rule's refusal as the API error, with the field a form should mark. */
export function refusal(r: PairingRefusal): AppError {
  return new AppError(r.error, r.message, r.field ? { [r.field]: r.message } : undefined)
}

/** The feed's shape of activities: the first photo as the cover and how many there are. */
export async function summaries(ctx: Ctx, records: readonly repo.ActivityRecord[]): Promise<ActivitySummary[]> {
  const store = ctx.deps.photos
  const rows = store ? (await repo.activityPhotoRows(ctx.q, records.map((r) => r.id))).filter((p) => p.storage === store.kind && photoShownTo(ctx.caller, p)) : []
  const byActivity = new Map<string, repo.PhotoRow[]>()
  for (const p of rows) byActivity.set(p.activityId, [...(byActivity.get(p.activityId) ?? []), p])
  return Promise.all(
    records.map(async (r) => {
      const photos = byActivity.get(r.id) ?? []
      const first = photos[0]
      const cover: Photo | null = store && first ? { id: first.id, url: await store.url(first.storageKey, first.id, ctx.now) } : null
      return summaryOf(r, cover, photos.length)
    })
  )
}

const summaryOf = (r: repo.ActivityRecord, cover: Photo | null, photoCount: number): ActivitySummary => ({
  id: r.id,
  pairingId: r.pairingId,
  pairingTitle: r.pairingTitle,
  type: r.type,
  title: r.title,
  heldOn: r.heldOn,
  place: r.place,
  summary: r.summary,
  cover,
  photoCount,
  attendance: r.attendance,
  problemsRaised: r.problemsRaised
})

const RUNNERS = '结对联系人、所联系企业的第一书记或调度员'

async function pairOf(ctx: Ctx, activity: repo.ActivityRecord): Promise<PairingRecord> {
  const pair = await findPairing(ctx.q, activity.pairingId)
  if (!pair) throw notFound('该结对')
  return pair
}

async function activityAndPair(ctx: Ctx, id: string): Promise<{ activity: repo.ActivityRecord; pair: PairingRecord }> {
  const activity = await repo.findActivity(ctx.q, id)
  if (!activity) throw notFound('该活动')
  return { activity, pair: await pairOf(ctx, activity) }
}

/**
 * One activity for this caller. The problems raised at it are named (number, title, state) only to
 * those who run the pair, and otherwise only the ones the caller may read anyway (its enterprise's
 * staff, its first secretary, the units handling it); everybody sees how many were raised.
 */
async function detailOf(ctx: Ctx, activity: repo.ActivityRecord, pair: PairingRecord): Promise<ActivityDetail> {
  const caller = ctx.caller
  const canManage = caller !== null && canRunPairing(caller, pair)
  const photos = await photosOf(ctx, activity.id, 'activity')
  const at = caller ? await repo.attendedAt(ctx.q, activity.id, caller.personId) : null
  const raised = caller ? await repo.raisedProblems(ctx.q, activity.id) : []
  const shown = canManage ? raised : await readableOnly(ctx, caller, raised)
  return {
    ...summaryOf(activity, photos[0] ?? null, photos.length),
    photos,
    createdByName: activity.createdByName,
    canManage,
    attended: at !== null,
    attendedAt: at ? at.toISOString() : null,
    problems: shown
  }
}

async function readableOnly(ctx: Ctx, caller: Caller | null, raised: repo.RaisedProblem[]): Promise<repo.RaisedProblem[]> {
  if (!caller) return []
  const out: repo.RaisedProblem[] = []
  for (const p of raised) {
    const row = await findProblem(ctx.q, p.id)
    if (row && canRead(caller, row)) out.push(p)
  }
  return out
}

async function feed(ctx: Ctx, input: ActivityFeedInput): Promise<ActivitySummary[]> {
  const range = checkDateRange(input.from, input.to)
  if (!range.ok) throw refusal(range)
  if (input.pairingId && !(await findPairing(ctx.q, input.pairingId))) throw notFound('该结对')
  if (input.chainId && !(await ctx.q.query('SELECT 1 FROM chains WHERE id = $1', [input.chainId])).length) {
    throw new AppError('VALIDATION', '所选产业链不存在', { chainId: '所选产业链不存在' })
  }
  const records = await repo.listActivities(ctx.q, { ...input, limit: input.limit ?? FEED_LIMIT })
  return summaries(ctx, records)
}

async function activity(ctx: Ctx, input: { id: string }): Promise<ActivityDetail> {
  const { activity: found, pair } = await activityAndPair(ctx, input.id)
  return detailOf(ctx, found, pair)
}

/** Records a held activity with its photos; only those who run the pair may. */
async function postActivity(ctx: Ctx, input: PostActivityInput): Promise<ActivityDetail> {
  const caller = requireCaller(ctx.caller)
  const pair = await findPairing(ctx.q, input.pairingId)
  if (!pair) throw notFound('该结对')
  if (!canRunPairing(caller, pair)) throw forbidden(`只有${RUNNERS}可以记录共建活动`)
  const verdict = checkActivity(pair, input, shanghaiDate(ctx.now))
  if (!verdict.ok) throw refusal(verdict)
  await screenTexts(ctx, { title: input.title, place: input.place, summary: input.summary }, 'social')
  const id = newId('act')
  await repo.insertActivity(ctx.q, {
    id,
    pairingId: pair.id,
    type: input.type,
    title: input.title,
    heldOn: input.heldOn,
    place: input.place,
    summary: input.summary,
    createdBy: caller.personId,
    at: ctx.now
  })
  if (input.photos?.length) await attachPhotos(ctx.q, caller.personId, id, input.photos, 'activity')
  return detailOf(ctx, (await repo.findActivity(ctx.q, id)) as repo.ActivityRecord, pair)
}

/** The organiser's code on the activity's day: its id and the end of that day, signed; nothing personal. */
async function attendanceCode(ctx: Ctx, input: { id: string }): Promise<AttendanceCode> {
  const caller = requireCaller(ctx.caller)
  const { activity: found, pair } = await activityAndPair(ctx, input.id)
  if (!canRunPairing(caller, pair)) throw forbidden(`只有活动组织者（${RUNNERS}）可以出示签到码`)
  const open = attendanceOpen(found.heldOn, shanghaiDate(ctx.now))
  if (!open.ok) throw refusal(open)
  const exp = attendanceExpiry(found.heldOn)
  const token = encodeCheckIn(found.id, exp, (d) => ctx.deps.tokens.sign(ATTENDANCE, d))
  return { token, qrImage: await qrDataUrl(token), expiresAt: exp.toISOString() }
}

/** A scan of the code: one row per person, so scanning again answers the same and counts once. */
async function attend(ctx: Ctx, input: { code: string }): Promise<AttendResult> {
  const caller = requireCaller(ctx.caller)
  const decoded = decodeCheckIn(input.code, ctx.now, (d, sig) => ctx.deps.tokens.verifySignature(ATTENDANCE, d, sig))
  if (!decoded.ok) throw refusal(attendanceCodeRefusal(decoded.code))
  const { activity: found, pair } = await activityAndPair(ctx, decoded.bookingId)
  const open = attendanceOpen(found.heldOn, shanghaiDate(ctx.now))
  if (!open.ok) throw refusal(open)
  const first = await repo.recordAttendance(ctx.q, found.id, caller.personId, ctx.now)
  return { activity: await detailOf(ctx, (await repo.findActivity(ctx.q, found.id)) as repo.ActivityRecord, pair), alreadyAttended: !first }
}

/**
 * 共商发展难题: a problem the meeting found goes into the flow at once, for the pair's enterprise, routed
 * like any filed problem, and counted for the pair (problems.activity_id). The enterprise's staff confirm
 * it solved as with any problem of theirs.
 */
async function raiseProblem(ctx: Ctx, input: RaiseProblemInput): Promise<ProblemDetail> {
  const caller = requireCaller(ctx.caller)
  const { activity: found, pair } = await activityAndPair(ctx, input.activityId)
  if (!canRunPairing(caller, pair)) throw forbidden(`只有${RUNNERS}可以提交会上梳理的企业问题`)
  const verdict = canRaiseFrom(pair, found)
  if (!verdict.ok) throw refusal(verdict)
  await screenTexts(ctx, { title: input.title, content: input.content })
  const enterprise = await findEnterprise(ctx.q, pair.enterpriseId as string)
  if (!enterprise) throw notFound('结对企业')
  const chainId = enterprise.chain_id
  const townId = enterprise.town_id
  const decision = await routeFiledProblem(ctx.q, { title: input.title, content: input.content, category: input.category, chainId, townId })
  return createProblem(
    ctx,
    caller,
    {
      title: input.title,
      content: input.content,
      category: input.category,
      enterpriseId: enterprise.id,
      stationId: null,
      activityId: found.id,
      chainId,
      townId,
      onBehalf: !scopesOf(caller, 'enterprise').includes(enterprise.id),
      anonymous: false,
      visibleToChain: false,
      sessionId: null,
      chainLevel: false
    },
    decision
  )
}

export const activities: Pick<Handlers['pairings'], 'activities' | 'activity' | 'postActivity' | 'attendanceCode' | 'attend' | 'raiseProblem'> = {
  activities: feed,
  activity,
  postActivity,
  attendanceCode,
  attend,
  raiseProblem
}
