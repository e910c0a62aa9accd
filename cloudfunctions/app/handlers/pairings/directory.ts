import type { ListPairingsInput, Pairing, PairingDetail } from '@contract'
import { maskPhone, planProgress, shanghaiDate, yearOf } from '../../../core'
import type { Handlers } from '../index'
import type { Ctx } from '../../context'
import { notFound } from '../../errors'
import { canRunPairing } from '../../policy'
import { activityCountsByType, findPairing, listPairings, pairingContacts, planFor, toPairing } from '../../../db/repos/pairings'
import { listActivities } from '../../../db/repos/activities'
import { pairProblemCounts } from '../../../db/repos/pairing-problems'
import { summaries } from './activities'

const RECENT = 20

/** The directory: branch pairs, then 青蓝 mentoring pairs, later phases first. Public. */
async function list(ctx: Ctx, input: ListPairingsInput): Promise<Pairing[]> {
  return (await listPairings(ctx.q, input)).map(toPairing)
}

/**
 * A pair's page. The plan is the pair's own for the year, or the district's default; 青蓝 pairs have
 * none. Problem counts are derived from the problems (pairProblemCounts), never typed. Public: contacts'
 * phones are masked for everybody, and only those who run the pair may post.
 */
async function get(ctx: Ctx, input: { id: string; year?: number }): Promise<PairingDetail> {
  const pair = await findPairing(ctx.q, input.id)
  if (!pair) throw notFound('该结对')
  const today = shanghaiDate(ctx.now)
  const year = input.year ?? yearOf(today)
  const plan =
    pair.kind === 'mentoring'
      ? null
      : planProgress(year, await planFor(ctx.q, pair.id, year), await activityCountsByType(ctx.q, pair.id, year), today)
  const counts = (await pairProblemCounts(ctx.q, [pair.id])).get(pair.id) ?? { raised: 0, solved: 0 }
  const contacts = await pairingContacts(ctx.q, pair.id)
  return {
    ...toPairing(pair),
    contacts: contacts.map((c) => ({ side: c.side, name: c.name, phone: maskPhone(c.phone) })),
    plan,
    problemsSolved: counts.solved,
    problemsRaised: counts.raised,
    canPost: ctx.caller !== null && canRunPairing(ctx.caller, pair),
    activities: await summaries(ctx, await listActivities(ctx.q, { pairingId: pair.id, limit: RECENT }))
  }
}

export const directory: Pick<Handlers['pairings'], 'list' | 'get'> = { list, get }
