import { filingParty, type FlowActor } from '../../../core'
import type { Caller } from '../../context'
import { hasRole, scopesOf } from '../../policy'
import type { ProblemRow } from '../../../db/repos/problems'

/**
 * The parts the caller can play on this problem. A person may hold several roles (a dispatcher who
 * is also a handler); the state machine decides which part, if any, may take a given action.
 */
export function actorsFor(caller: Caller, p: ProblemRow): FlowActor[] {
  const out: FlowActor[] = []
  // the enterprise's staff stand in for its filer; a chain-level item is the dispatcher's, filed under
  // its first member's enterprise only for counting, so that member's staff read it but do not evaluate it
  const staffOfFiler = !p.summary.chainLevel && scopesOf(caller, 'enterprise').includes(p.summary.enterpriseId)
  if (p.filedBy === caller.personId || staffOfFiler) {
    out.push({ kind: 'filer', personId: caller.personId, enterpriseId: filingParty(p.summary.enterpriseId, p.filedBy) })
  }
  for (const departmentId of scopesOf(caller, 'handler')) {
    if (p.units.includes(departmentId)) out.push({ kind: 'unit', personId: caller.personId, departmentId })
  }
  if (hasRole(caller, 'dispatcher')) out.push({ kind: 'dispatcher', personId: caller.personId })
  return out
}

/**
 * Who may read a problem: its enterprise's staff, the filer, first secretaries assigned to the
 * enterprise, the manager of the station it is about, departments with a part in it now, and the dispatcher. Others learn only that it is
 * not theirs to see (NOT_FOUND, so existence does not leak).
 */
export function canRead(caller: Caller, p: ProblemRow): boolean {
  const enterprises = [p.summary.enterpriseId, ...p.memberEnterprises]
  return (
    actorsFor(caller, p).length > 0 ||
    p.memberFilers.includes(caller.personId) ||
    (p.summary.station !== null && scopesOf(caller, 'station').includes(p.summary.station.id)) ||
    [...scopesOf(caller, 'enterprise'), ...scopesOf(caller, 'secretary')].some((e) => enterprises.includes(e))
  )
}

/** Departments never learn who filed an anonymous problem; the filer's side and the dispatcher do. */
export function seesFiler(caller: Caller, p: ProblemRow): boolean {
  if (!p.summary.anonymous) return true
  return (
    hasRole(caller, 'dispatcher') ||
    p.filedBy === caller.personId ||
    scopesOf(caller, 'enterprise').includes(p.summary.enterpriseId) ||
    scopesOf(caller, 'secretary').includes(p.summary.enterpriseId)
  )
}
