import { activityTypeLabel, type PlanProgress } from '@contract'
import { chinaMinutes, monthDayText, pairingTitle, planProgress, shanghaiDate, weekBounds, weeklySummaryDue } from '../core'
import type { Queryable } from '../db/client'
import type { Deps } from './context'
import { addNotice } from './notice'
import { activityCountsOfYear, pairsOfYear, planReminderRecipients, type OversightPair } from '../db/repos/oversight'
import { planOf, plansForYear } from '../db/repos/plans'
import { secretaryAssignments, weekSummaryOf } from '../db/repos/secretaries'

/**
 * Messages sent on a calendar rather than on an event, from the sweep (every minute locally, by timer on
 * WeChat). Each is recorded in periodic_notices under (kind, subject, period) in the same transaction as
 * its notices: the insert claims it, so hosts sweeping together, or a rerun, never send it twice.
 *  - plan reminders: a branch pair behind its annual plan, to its contacts and its enterprise's first
 *    secretaries, at most once per pair and month (period 'YYYY-MM', China time);
 *  - weekly summaries: each first secretary's week just ended, from Monday 08:00 China time, once per person
 *    and week (period = the week's Monday).
 * Nothing is sent at night: both wait for 08:00 China time.
 */

export const PLAN_REMINDER = 'plan_reminder'
export const WEEKLY_SUMMARY = 'weekly_summary'
/** Neither kind goes out before this time of day, China time. */
export const SEND_FROM_MINUTES = 8 * 60

export interface PeriodicReport {
  planReminders: number
  weeklySummaries: number
}

export async function runPeriodic(deps: Deps): Promise<PeriodicReport> {
  const now = deps.now()
  if (chinaMinutes(now) < SEND_FROM_MINUTES) return { planReminders: 0, weeklySummaries: 0 }
  return { planReminders: await sendPlanReminders(deps, now), weeklySummaries: await sendWeeklySummaries(deps, now) }
}

async function sentSubjects(q: Queryable, kind: string, period: string): Promise<Set<string>> {
  const rows = await q.query<{ subject: string }>('SELECT subject FROM periodic_notices WHERE kind = $1 AND period = $2', [kind, period])
  return new Set(rows.map((r) => r.subject))
}

/** Records (kind, subject, period) as sent; false when it already was (by this run or another host's). */
async function claim(q: Queryable, kind: string, subject: string, period: string, now: Date): Promise<boolean> {
  const rows = await q.query(
    'INSERT INTO periodic_notices (kind, subject, period, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING kind',
    [kind, subject, period, now]
  )
  return rows.length > 0
}

/** 「…」2026年共建计划进度落后：共上党课已开展 0 次，按进度应达 1 次（全年 2 次）；… */
export function planReminderBody(title: string, progress: PlanProgress): string {
  const lines = progress.lines
    .filter((l) => l.behind)
    .map((l) => `${activityTypeLabel(l.type)}已开展 ${l.done} 次，按进度应达 ${l.expected} 次（全年 ${l.required} 次）`)
  return `「${title}」${progress.year}年共建计划进度落后：${lines.join('；')}。请尽快安排活动，并在“共建”中记录。`
}

function inTerm(p: OversightPair, today: string): boolean {
  return p.startedOn <= today && (p.endsOn === null || p.endsOn >= today)
}

async function sendPlanReminders(deps: Deps, now: Date): Promise<number> {
  const today = shanghaiDate(now)
  const year = Number(today.slice(0, 4))
  const month = today.slice(0, 7)
  const q = deps.db
  const sent = await sentSubjects(q, PLAN_REMINDER, month)
  const pairs = (await pairsOfYear(q, year)).filter((p) => p.kind === 'branch' && inTerm(p, today) && !sent.has(p.id))
  if (!pairs.length) return 0
  const [counts, plans] = [await activityCountsOfYear(q, year), await plansForYear(q, year)]
  const behind = pairs
    .map((p) => ({ pair: p, progress: planProgress(year, planOf(plans, p), counts.get(p.id) ?? {}, today) }))
    .filter((x): x is { pair: OversightPair; progress: PlanProgress } => x.progress?.behind === true)
  const recipients = await planReminderRecipients(q, behind.map((b) => b.pair.id))
  let n = 0
  for (const { pair, progress } of behind) {
    const people = recipients.get(pair.id) ?? []
    // nobody to tell yet: not recorded, so a contact added later this month is still reminded
    if (!people.length) continue
    const body = planReminderBody(pairingTitle(pair), progress)
    const done = await deps.db.tx(async (t) => {
      if (!(await claim(t, PLAN_REMINDER, pair.id, month, now))) return false
      for (const person of people) await addNotice(t, { person, title: '共建计划进度提醒', body }, now)
      return true
    })
    if (done) n++
  }
  return n
}

async function sendWeeklySummaries(deps: Deps, now: Date): Promise<number> {
  const weekOf = weeklySummaryDue(now)
  if (!weekOf) return 0
  const q = deps.db
  const sent = await sentSubjects(q, WEEKLY_SUMMARY, weekOf)
  const { sunday } = weekBounds(weekOf)
  let n = 0
  for (const [person, enterprises] of await secretaryAssignments(q)) {
    if (sent.has(person)) continue
    const summary = await weekSummaryOf(q, person, enterprises, weekOf, now)
    const done = await deps.db.tx(async (t) => {
      if (!(await claim(t, WEEKLY_SUMMARY, person, weekOf, now))) return false
      await addNotice(t, { person, title: `每周走访小结（${monthDayText(weekOf)}—${monthDayText(sunday)}）`, body: summary.text }, now)
      return true
    })
    if (done) n++
  }
  return n
}
