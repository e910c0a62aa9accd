import type { FiguresGroupBy } from '@contract'
import { toCounts, type FigureCounts } from '../../core/reports'
import type { Queryable } from '../client'

/**
 * The SQL behind the figures (docs/figures.md). Everything is aggregated in the database with one
 * GROUP BY per query and FILTER clauses, so the answer is a few rows whatever the number of problems.
 *
 * Problems: those filed in [start, end) (created_at, the range scan of `problems_created`; a handler's
 * view adds lead_department_id = ANY(…), which `problems_lead_status` serves), never the members merged
 * into a chain-level item (merged_into IS NULL), never 待分派 (status <> 'triage': they have no lead unit
 * yet and are in no denominator).
 * 响应率's denominator (accept_decided) depends on the moment of the query, `now` (ctx.now, never the
 * database clock): accepted (accepted_at IS NOT NULL), or still 待签收 past its accept deadline
 * (accept_due < now; accept_due is only set while the status is 'routed').
 * Returns: 'returned' events that happened in [start, end), by the unit that bounced the problem.
 */

export interface FiguresQuery {
  groupBy: FiguresGroupBy
  /** Half-open range of instants: the Shanghai months the report covers. */
  start: Date
  end: Date
  /** The moment the figures describe (ctx.now): whose accept deadline has passed. */
  now: Date
  /** Only problems led by (and 退单 by) these departments; null = district-wide. */
  departments: string[] | null
}

/** Counts per key: a department id, a chain id ('' for problems of no chain), or 'YYYY-MM'. */
export type CountsByKey = Map<string, FigureCounts>

// A Shanghai month of a timestamp. The zone name is resolved by the database (PGlite ships tzdata).
const shanghaiMonth = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')`

const PROBLEM_KEY: Record<FiguresGroupBy, string> = {
  department: 'p.lead_department_id',
  chain: "coalesce(p.chain_id, '')",
  month: shanghaiMonth('p.created_at')
}

const RETURN_KEY: Record<FiguresGroupBy, string> = {
  department: 'e.actor_department_id',
  chain: "coalesce(p.chain_id, '')",
  month: shanghaiMonth('e.at')
}

interface ProblemCountsRow {
  key: string | null
  routed: number
  accept_decided: number
  accepted_in_time: number
  confirmed_solved: number
  rated: number
  satisfied: number
  rating_sum: number
  overdue: number
  reopened: number
}

/** The problem figures of one grouping (everything but the 退单 count). */
export async function problemCounts(q: Queryable, f: FiguresQuery): Promise<ProblemCountsRow[]> {
  const params: unknown[] = [f.start, f.end, f.now]
  const scope = f.departments ? `AND p.lead_department_id = ANY($${params.push(f.departments)}::text[])` : ''
  return q.query<ProblemCountsRow>(
    `SELECT ${PROBLEM_KEY[f.groupBy]} AS key,
            count(*)::int                                                   AS routed,
            count(*) FILTER (WHERE p.accepted_at IS NOT NULL OR p.accept_due < $3::timestamptz)::int AS accept_decided,
            count(*) FILTER (WHERE p.accepted_in_time)::int                 AS accepted_in_time,
            count(*) FILTER (WHERE p.solved)::int                           AS confirmed_solved,
            count(p.rating)::int                                            AS rated,
            count(*) FILTER (WHERE p.rating >= 4)::int                      AS satisfied,
            coalesce(sum(p.rating), 0)::int                                 AS rating_sum,
            count(*) FILTER (WHERE p.overdue OR p.supervision_level > 0)::int AS overdue,
            count(*) FILTER (WHERE p.reopen_count > 0)::int                 AS reopened
       FROM problems p
      WHERE p.created_at >= $1 AND p.created_at < $2
        AND p.merged_into IS NULL
        AND p.status <> 'triage'
        ${scope}
      GROUP BY 1`,
    params
  )
}

/**
 * 退单 events in the period, by the grouping's key. A problem merged into a chain-level item counts
 * neither here nor above. Served best by an index on problem_events (at) WHERE type = 'returned'.
 */
export async function returnCounts(q: Queryable, f: FiguresQuery): Promise<{ key: string | null; returns: number }[]> {
  const params: unknown[] = [f.start, f.end]
  const scope = f.departments ? `AND e.actor_department_id = ANY($${params.push(f.departments)}::text[])` : ''
  return q.query<{ key: string | null; returns: number }>(
    `SELECT ${RETURN_KEY[f.groupBy]} AS key, count(*)::int AS returns
       FROM problem_events e
       JOIN problems p ON p.id = e.problem_id
      WHERE e.type = 'returned' AND e.at >= $1 AND e.at < $2
        AND p.merged_into IS NULL
        ${scope}
      GROUP BY 1`,
    params
  )
}

/** Both queries, merged into counts per key. Rows without a key (no lead unit, no department) are dropped. */
export async function figureCounts(q: Queryable, f: FiguresQuery): Promise<CountsByKey> {
  const [problems, returns] = await Promise.all([problemCounts(q, f), returnCounts(q, f)])
  const out: CountsByKey = new Map()
  for (const r of problems) {
    if (r.key === null) continue
    out.set(
      r.key,
      toCounts({
        routed: r.routed,
        acceptDecided: r.accept_decided,
        acceptedInTime: r.accepted_in_time,
        confirmedSolved: r.confirmed_solved,
        rated: r.rated,
        satisfied: r.satisfied,
        ratingSum: r.rating_sum,
        overdue: r.overdue,
        reopened: r.reopened
      })
    )
  }
  for (const r of returns) {
    if (r.key === null) continue
    const c = out.get(r.key) ?? toCounts(undefined)
    out.set(r.key, { ...c, returns: c.returns + Number(r.returns) })
  }
  return out
}

export interface Named {
  id: string
  name: string
}

/** Departments in the order of the seed (district units, then towns), for labels and ordering. */
export async function departmentNames(q: Queryable): Promise<Named[]> {
  return q.query<Named>(`SELECT id, name FROM departments ORDER BY (kind = 'town'), name`)
}

export async function chainNames(q: Queryable): Promise<Named[]> {
  return q.query<Named>('SELECT id, name FROM chains ORDER BY name')
}
