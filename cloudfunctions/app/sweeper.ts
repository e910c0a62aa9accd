import { sweep } from '../core'
import type { Deps } from './context'
import { lockFlow, saveFlow } from '../db/repos/flow'
import { loadFlowSettings } from './flow-env'
import { notify } from './notify'

// Any constant, the same for every host: only one sweeper works at a time across all of them.
const SWEEP_LOCK = 7_204_312
const BATCH = 100
// a run stops after this many batches; the next run continues where it left off
const MAX_BATCHES = 50

export interface SweepReport {
  /** False when another host's sweeper held the lock. */
  ran: boolean
  problems: number
  escalations: number
}

/**
 * 督办 of missed deadlines. Each batch is one transaction holding the sweep lock; a problem's
 * escalations are keyed in its history (core/problems/supervision), so a second run, or a rerun
 * after a crash halfway, raises nothing twice.
 */
export async function runSweep(deps: Deps): Promise<SweepReport> {
  const now = deps.now()
  const report: SweepReport = { ran: false, problems: 0, escalations: 0 }
  for (let i = 0; i < MAX_BATCHES; i++) {
    const batch = await deps.db.tx(async (q) => {
      const [{ locked }] = await q.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [SWEEP_LOCK])
      if (!locked) return null
      const due = await q.query<{ id: string; number: string }>(
        'SELECT id, number FROM problems WHERE next_due < $1 ORDER BY next_due LIMIT $2',
        [now, BATCH]
      )
      const settings = await loadFlowSettings(q)
      let escalations = 0
      for (const p of due) {
        const flow = await lockFlow(q, p.id)
        if (!flow) continue
        const { next, events } = sweep(flow.state, now, settings.env.calendar)
        // saved even without events: next_due moves on, so this row is not read again for nothing
        await saveFlow(q, p.id, flow.version, next, events, now, settings.env.calendar)
        await notify(q, p.id, p.number, next, events, now)
        escalations += events.length
      }
      return { problems: due.length, escalations }
    })
    if (!batch) return report
    report.ran = true
    report.problems += batch.problems
    report.escalations += batch.escalations
    if (batch.problems < BATCH) return report
  }
  return report
}
