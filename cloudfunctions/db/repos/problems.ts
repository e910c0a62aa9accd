import type { CategoryId, ProblemDetail, ProblemStatus, ProblemSummary } from '@contract'
import { pairingTitle } from '../../core'
import type { Queryable } from '../client'
import { iso } from './rows'

/** Next number of the day; the upsert takes a row lock, so two filings never get the same number. */
export async function nextDailySeq(q: Queryable, day: string): Promise<number> {
  const [row] = await q.query<{ last: number }>(
    `INSERT INTO problem_counters (day, last) VALUES ($1, 1)
     ON CONFLICT (day) DO UPDATE SET last = problem_counters.last + 1
     RETURNING last`,
    [day]
  )
  return row.last
}

/** Gives a stored problem its number (it was inserted under a placeholder; see openNewProblem). */
export async function setProblemNumber(q: Queryable, id: string, number: string): Promise<void> {
  await q.query('UPDATE problems SET number = $2 WHERE id = $1', [id, number])
}

export interface NewProblem {
  id: string
  number: string
  title: string
  content: string
  category: CategoryId
  /** null on station feedback, which names the station instead */
  enterpriseId: string | null
  stationId: string | null
  /** Raised at a pair's 共商发展难题 activity: counts for that pair. */
  activityId?: string | null
  chainId: string | null
  townId: string | null
  filedBy: string
  onBehalf: boolean
  anonymous: boolean
  routingReason: string
  routingConfidence: number | null
  routingSuggestions: { departmentId: string; confidence: number }[]
  visibleToChain: boolean
  sessionId: string | null
  chainLevel: boolean
  at: Date
}

/** The row starts at version 0 in triage; saveFlow then stores the opening events and the real state. */
export async function insertProblem(q: Queryable, p: NewProblem): Promise<void> {
  await q.query(
    `INSERT INTO problems (id, number, title, content, category, status, enterprise_id, chain_id, town_id, filed_by, on_behalf,
                           anonymous, routing_reason, routing_confidence, routing_suggestions, visible_to_chain, session_id,
                           chain_level, version, created_at, updated_at, station_id, activity_id)
     VALUES ($1, $2, $3, $4, $5, 'triage', $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0, $18, $18, $19, $20)`,
    [p.id, p.number, p.title, p.content, p.category, p.enterpriseId, p.chainId, p.townId, p.filedBy, p.onBehalf, p.anonymous,
      p.routingReason, p.routingConfidence, JSON.stringify(p.routingSuggestions), p.visibleToChain, p.sessionId, p.chainLevel, p.at, p.stationId, p.activityId ?? null]
  )
}

const SUMMARY_COLUMNS = `
  p.id, p.number, p.title, p.category, p.status, p.enterprise_id, e.name AS enterprise_name, p.station_id, st.name AS station_name,
  p.lead_department_id, d.name AS lead_department_name, p.created_at, p.updated_at, p.accept_due, p.reply_due,
  p.overdue, p.reopen_count, p.supervision_level, p.anonymous, p.vote_count, p.visible_to_chain, p.chain_level,
  p.merged_into, p.session_id`
const SUMMARY_FROM = `
  FROM problems p
  LEFT JOIN enterprises e ON e.id = p.enterprise_id
  LEFT JOIN stations st ON st.id = p.station_id
  LEFT JOIN departments d ON d.id = p.lead_department_id`

interface SummaryRow {
  id: string
  number: string
  title: string
  category: CategoryId
  status: ProblemStatus
  enterprise_id: string | null
  enterprise_name: string | null
  station_id: string | null
  station_name: string | null
  lead_department_id: string | null
  lead_department_name: string | null
  created_at: Date
  updated_at: Date
  accept_due: Date | null
  reply_due: Date | null
  overdue: boolean
  reopen_count: number
  supervision_level: number
  anonymous: boolean
  vote_count: number
  visible_to_chain: boolean
  chain_level: boolean
  merged_into: string | null
  session_id: string | null
  unit_role?: 'lead' | 'co_handler'
  unit_accept_due?: Date | null
  unit_reply_due?: Date | null
  queue_reason?: 'triage' | 'returned' | 'overdue' | 'extension'
}

const toSummary = (r: SummaryRow): ProblemSummary => ({
  id: r.id,
  number: r.number,
  title: r.title,
  category: r.category,
  status: r.status,
  enterpriseId: r.enterprise_id ?? '',
  enterpriseName: r.enterprise_name ?? '',
  station: r.station_id ? { id: r.station_id, name: r.station_name ?? '' } : null,
  leadDepartmentId: r.lead_department_id,
  leadDepartmentName: r.lead_department_name,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  acceptDue: r.accept_due ? iso(r.accept_due) : null,
  replyDue: r.reply_due ? iso(r.reply_due) : null,
  overdue: r.overdue,
  reopenCount: r.reopen_count,
  supervisionLevel: r.supervision_level,
  anonymous: r.anonymous,
  votes: r.vote_count,
  visibleToChain: r.visible_to_chain,
  chainLevel: r.chain_level,
  mergedInto: r.merged_into,
  sessionId: r.session_id,
  ...(r.unit_role ? { unitRole: r.unit_role } : {}),
  ...(r.queue_reason ? { queueReason: r.queue_reason } : {})
})

export async function listFiledBy(q: Queryable, personId: string, limit = 100): Promise<ProblemSummary[]> {
  const rows = await q.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE p.filed_by = $1 ORDER BY p.created_at DESC, p.number DESC LIMIT $2`,
    [personId, limit]
  )
  return rows.map(toSummary)
}

/** Feedback on a station that its filer has not yet confirmed solved, newest first. */
export async function listOpenForStation(q: Queryable, stationId: string, limit = 50): Promise<ProblemSummary[]> {
  const rows = await q.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE p.station_id = $1 AND p.status <> 'closed' ORDER BY p.created_at DESC LIMIT $2`,
    [stationId, limit]
  )
  return rows.map(toSummary)
}

/**
 * A department's inbox: problems it leads or co-handles. What it still owes comes first, the most
 * urgent deadline first (overdue before due soon); answered and closed ones follow, newest first.
 *
 * A page, read from the index: for each department and each part (owed, answered) at most `limit` units,
 * an ordered range of `problem_units_inbox` (department_id, state, due, problem_created_at DESC) that
 * stops there; the page is the first `limit` of those, and only its rows are joined to their problems.
 * The work is the page's size, not the department's history.
 */
export async function listForDepartments(
  q: Queryable,
  departmentIds: string[],
  view: 'open' | 'overdue' | 'all',
  now: Date,
  limit = 200
): Promise<ProblemSummary[]> {
  const part = (state: 'open' | 'done', extra = '') => `(
      SELECT u.problem_id, u.role, u.state, u.accept_due, u.reply_due, u.due, u.problem_created_at
        FROM problem_units u
       WHERE u.department_id = dep.id AND u.state = '${state}'${extra}
       ORDER BY u.due, u.problem_created_at DESC
       LIMIT $2)`
  const parts =
    view === 'all' ? [part('open'), part('done')] : view === 'overdue' ? [part('open', ' AND u.due < $3::timestamptz')] : [part('open')]
  const order = "(u.state = 'open') DESC, u.due ASC NULLS LAST, u.problem_created_at DESC"
  const rows = await q.query<SummaryRow>(
    `WITH page AS (
       SELECT u.* FROM unnest($1::text[]) AS dep(id)
       CROSS JOIN LATERAL (${parts.join(' UNION ALL ')}) u
        ORDER BY ${order}
        LIMIT $2
     )
     SELECT ${SUMMARY_COLUMNS}, u.role AS unit_role, u.accept_due AS unit_accept_due, u.reply_due AS unit_reply_due
       FROM page u
       JOIN problems p ON p.id = u.problem_id
       LEFT JOIN enterprises e ON e.id = p.enterprise_id
       LEFT JOIN stations st ON st.id = p.station_id
       LEFT JOIN departments d ON d.id = p.lead_department_id
      ORDER BY ${order}`,
    view === 'overdue' ? [departmentIds, limit, now] : [departmentIds, limit]
  )
  // in its inbox a unit sees its own clock: a co-handler's deadlines are not the lead's
  return rows.map((r) => ({ ...toSummary(r), acceptDue: r.unit_accept_due ? iso(r.unit_accept_due) : null, replyDue: r.unit_reply_due ? iso(r.unit_reply_due) : null }))
}

/** The dispatcher's queue: unplaced, handed back, waiting for an extension decision, or overdue. */
export async function listTriage(q: Queryable, limit = 200): Promise<ProblemSummary[]> {
  const rows = await q.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS},
            CASE WHEN p.status = 'triage' THEN 'triage' WHEN p.status = 'returned' THEN 'returned'
                 WHEN p.pending_extension THEN 'extension' ELSE 'overdue' END AS queue_reason
       ${SUMMARY_FROM}
      WHERE (p.status IN ('triage', 'returned') OR p.overdue OR p.pending_extension) AND p.merged_into IS NULL
      ORDER BY CASE WHEN p.status IN ('triage', 'returned') THEN 0 WHEN p.pending_extension THEN 1 ELSE 2 END, p.created_at
      LIMIT $1`,
    [limit]
  )
  return rows.map(toSummary)
}

export async function listAll(
  q: Queryable,
  f: { status?: ProblemStatus; departmentId?: string; overdue?: boolean; limit?: number }
): Promise<ProblemSummary[]> {
  const rows = await q.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM}
      WHERE ($1::text IS NULL OR p.status = $1) AND ($2::text IS NULL OR p.lead_department_id = $2)
        AND ($3::boolean IS NULL OR p.overdue = $3)
      ORDER BY p.created_at DESC LIMIT $4`,
    [f.status ?? null, f.departmentId ?? null, f.overdue ?? null, f.limit ?? 100]
  )
  return rows.map(toSummary)
}

/** Problems their filers opened to the chain, newest first; `chains` null = every chain (dispatcher). */
export async function listChainBoard(q: Queryable, chains: string[] | null, limit = 100): Promise<ProblemSummary[]> {
  const rows = await q.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM}
      WHERE p.visible_to_chain AND p.merged_into IS NULL AND ($1::text[] IS NULL OR p.chain_id = ANY($1::text[]))
      ORDER BY p.vote_count DESC, p.created_at DESC LIMIT $2`,
    [chains, limit]
  )
  return rows.map(toSummary)
}

/** A session's agenda: what was raised in it, the most shared first. */
export async function listSession(q: Queryable, sessionId: string): Promise<ProblemSummary[]> {
  const rows = await q.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE p.session_id = $1 ORDER BY p.vote_count DESC, p.created_at`,
    [sessionId]
  )
  return rows.map(toSummary)
}

export interface ProblemRow {
  summary: ProblemSummary
  content: string
  chainId: string | null
  chainName: string | null
  townId: string | null
  townName: string | null
  routingReason: string | null
  routingConfidence: number | null
  routingSuggestions: { departmentId: string; confidence: number }[]
  filedBy: string
  filerName: string
  onBehalf: boolean
  /** Departments with a part in it now (lead, co-handlers that were not released). */
  units: string[]
  /** For a chain-level item: the enterprises whose problems were merged into it, and their filers. */
  memberEnterprises: string[]
  memberFilers: string[]
  raisedAt: ProblemDetail['raisedAt']
}

export async function findProblem(q: Queryable, id: string): Promise<ProblemRow | null> {
  const [r] = await q.query<
    SummaryRow & {
      content: string
      chain_id: string | null
      chain_name: string | null
      town_id: string | null
      town_name: string | null
      routing_reason: string | null
      routing_confidence: number | null
      routing_suggestions: { departmentId: string; confidence: number }[]
      filed_by: string
      filer_name: string
      on_behalf: boolean
      units: string[] | null
      member_enterprises: string[] | null
      member_filers: string[] | null
      activity_id: string | null
      activity_title: string | null
      pairing_id: string | null
      agency_branch: string | null
      enterprise_branch: string | null
    }
  >(
    `SELECT ${SUMMARY_COLUMNS}, p.content, p.chain_id, c.name AS chain_name, p.town_id, t.name AS town_name, p.routing_reason,
            p.routing_confidence, p.routing_suggestions, p.filed_by, pe.name AS filer_name, p.on_behalf,
            (SELECT array_agg(u.department_id) FROM problem_units u WHERE u.problem_id = p.id AND u.state <> 'gone') AS units,
            (SELECT array_agg(DISTINCT m.enterprise_id) FROM problems m WHERE m.merged_into = p.id) AS member_enterprises,
            (SELECT array_agg(DISTINCT m.filed_by) FROM problems m WHERE m.merged_into = p.id) AS member_filers,
            p.activity_id, act.title AS activity_title, pr.id AS pairing_id, pr.agency_branch, pr.enterprise_branch
       ${SUMMARY_FROM}
       JOIN people pe ON pe.id = p.filed_by
       LEFT JOIN pairing_activities act ON act.id = p.activity_id
       LEFT JOIN pairings pr ON pr.id = act.pairing_id
       LEFT JOIN chains c ON c.id = p.chain_id
       LEFT JOIN towns t ON t.id = p.town_id
      WHERE p.id = $1`,
    [id]
  )
  if (!r) return null
  return {
    summary: toSummary(r),
    content: r.content,
    chainId: r.chain_id,
    chainName: r.chain_name,
    townId: r.town_id,
    townName: r.town_name,
    routingReason: r.routing_reason,
    routingConfidence: r.routing_confidence === null ? null : Number(r.routing_confidence),
    routingSuggestions: r.routing_suggestions,
    filedBy: r.filed_by,
    filerName: r.filer_name,
    onBehalf: r.on_behalf,
    units: r.units ?? [],
    memberEnterprises: r.member_enterprises ?? [],
    memberFilers: r.member_filers ?? [],
    raisedAt:
      r.activity_id && r.pairing_id
        ? {
            activityId: r.activity_id,
            activityTitle: r.activity_title ?? '',
            pairingId: r.pairing_id,
            pairingTitle: pairingTitle({ agencyBranch: r.agency_branch ?? '', enterpriseBranch: r.enterprise_branch ?? '' })
          }
        : null
  }
}

export async function departmentNames(q: Queryable): Promise<Map<string, string>> {
  const rows = await q.query<{ id: string; name: string }>('SELECT id, name FROM departments')
  return new Map(rows.map((r) => [r.id, r.name]))
}

export async function personNames(q: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows = await q.query<{ id: string; name: string }>('SELECT id, name FROM people WHERE id = ANY($1::text[])', [ids])
  return new Map(rows.map((r) => [r.id, r.name]))
}
