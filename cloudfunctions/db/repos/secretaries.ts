import type { AssignedEnterprise, WeeklySummary } from '@contract'
import { shanghaiDate, weekBounds, weeklySummary, type WeekFigures } from '../../core'
import type { Queryable } from '../client'
import { iso } from './rows'

/**
 * First secretaries (role 'secretary', one person_roles row per assigned enterprise): their enterprises,
 * their visits (secretary_visits) and the problems they file on an enterprise's behalf (problems.on_behalf).
 */

/**
 * An unclosed problem is overdue when the sweeper marked it so, or when its lead's accept or reply deadline
 * has passed at `now` (the sweeper may not have run since). `$now` is the parameter holding ctx.now.
 */
const overdueAt = (now: string) => `(p.overdue OR p.accept_due < ${now} OR p.reply_due < ${now})`
const OPEN = `p.status <> 'closed' AND p.merged_into IS NULL`

/** The enterprises, with chain and town, open and overdue problems, and the person's last visit to each. */
export async function assignedEnterprises(q: Queryable, personId: string, enterpriseIds: readonly string[], now: Date): Promise<AssignedEnterprise[]> {
  if (!enterpriseIds.length) return []
  const rows = await q.query<{
    id: string
    name: string
    chain_name: string | null
    town_name: string | null
    open_problems: number
    overdue_problems: number
    last_visit_at: Date | null
  }>(
    `SELECT e.id, e.name, c.name AS chain_name, t.name AS town_name,
            (SELECT count(*) FROM problems p WHERE p.enterprise_id = e.id AND ${OPEN})::int AS open_problems,
            (SELECT count(*) FROM problems p WHERE p.enterprise_id = e.id AND ${OPEN} AND ${overdueAt('$3::timestamptz')})::int AS overdue_problems,
            (SELECT max(v.visited_at) FROM secretary_visits v WHERE v.enterprise_id = e.id AND v.person_id = $2) AS last_visit_at
       FROM enterprises e
       LEFT JOIN chains c ON c.id = e.chain_id
       LEFT JOIN towns t ON t.id = e.town_id
      WHERE e.id = ANY($1::text[])`,
    [enterpriseIds, personId, now]
  )
  return rows
    .map((r) => ({
      enterpriseId: r.id,
      name: r.name,
      chainName: r.chain_name,
      townName: r.town_name,
      openProblems: r.open_problems,
      overdueProblems: r.overdue_problems,
      lastVisitAt: r.last_visit_at ? iso(r.last_visit_at) : null
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'))
}

export async function enterpriseName(q: Queryable, id: string): Promise<string | null> {
  const [row] = await q.query<{ name: string }>('SELECT name FROM enterprises WHERE id = $1', [id])
  return row?.name ?? null
}

export interface NewVisit {
  id: string
  personId: string
  enterpriseId: string
  at: Date
  lat: number | null
  lng: number | null
  address: string | null
  note: string
}

export async function insertVisit(q: Queryable, v: NewVisit): Promise<void> {
  await q.query(
    `INSERT INTO secretary_visits (id, person_id, enterprise_id, visited_at, lat, lng, address, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [v.id, v.personId, v.enterpriseId, v.at, v.lat, v.lng, v.address, v.note]
  )
}

export interface VisitRow {
  id: string
  enterpriseId: string
  enterpriseName: string
  secretaryName: string
  visitedAt: string
  lat: number | null
  lng: number | null
  address: string | null
  note: string
}

/** Visits newest first: one person's (personId) or everyone's (null), optionally of one enterprise or one visit. */
export async function visitRows(
  q: Queryable,
  f: { personId: string | null; enterpriseId?: string; id?: string; limit: number }
): Promise<VisitRow[]> {
  const rows = await q.query<{
    id: string
    enterprise_id: string
    enterprise_name: string
    secretary_name: string
    visited_at: Date
    lat: number | null
    lng: number | null
    address: string | null
    note: string
  }>(
    `SELECT v.id, v.enterprise_id, e.name AS enterprise_name, pe.name AS secretary_name, v.visited_at, v.lat, v.lng, v.address, v.note
       FROM secretary_visits v
       JOIN enterprises e ON e.id = v.enterprise_id
       JOIN people pe ON pe.id = v.person_id
      WHERE ($1::text IS NULL OR v.person_id = $1)
        AND ($2::text IS NULL OR v.enterprise_id = $2)
        AND ($3::text IS NULL OR v.id = $3)
      ORDER BY v.visited_at DESC, v.id
      LIMIT $4`,
    [f.personId, f.enterpriseId ?? null, f.id ?? null, f.limit]
  )
  return rows.map((r) => ({
    id: r.id,
    enterpriseId: r.enterprise_id,
    enterpriseName: r.enterprise_name,
    secretaryName: r.secretary_name,
    visitedAt: iso(r.visited_at),
    lat: r.lat,
    lng: r.lng,
    address: r.address,
    note: r.note
  }))
}

/**
 * One secretary's week [start, end): their visits (to any enterprise), which of `assigned` had none, the
 * problems they filed on an enterprise's behalf during it, those (filed any time) closed during it, and
 * those open and overdue at `now`.
 */
export async function weekFigures(
  q: Queryable,
  personId: string,
  assigned: readonly string[],
  range: { start: Date; end: Date },
  now: Date
): Promise<WeekFigures> {
  const [v] = await q.query<{ visits: number; enterprises: number; visited: string[] }>(
    `SELECT count(*)::int AS visits, count(DISTINCT enterprise_id)::int AS enterprises,
            coalesce(array_agg(DISTINCT enterprise_id), '{}') AS visited
       FROM secretary_visits WHERE person_id = $1 AND visited_at >= $2 AND visited_at < $3`,
    [personId, range.start, range.end]
  )
  const [p] = await q.query<{ filed: number; closed: number; overdue: number }>(
    `SELECT count(*) FILTER (WHERE p.created_at >= $2 AND p.created_at < $3)::int AS filed,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM problem_events e WHERE e.problem_id = p.id AND e.type = 'closed'
                                              AND e.at >= $2 AND e.at < $3))::int AS closed,
            count(*) FILTER (WHERE ${OPEN} AND ${overdueAt('$4::timestamptz')})::int AS overdue
       FROM problems p WHERE p.filed_by = $1 AND p.on_behalf`,
    [personId, range.start, range.end, now]
  )
  const visited = new Set(v.visited.filter((id) => id !== null))
  const missing = assigned.filter((id) => !visited.has(id))
  const names = missing.length
    ? await q.query<{ name: string }>('SELECT name FROM enterprises WHERE id = ANY($1::text[])', [missing])
    : []
  return {
    visits: v.visits,
    enterprisesVisited: v.enterprises,
    enterprisesNotVisited: names.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'zh-Hans-CN')),
    problemsFiled: p.filed,
    problemsClosed: p.closed,
    problemsOverdue: p.overdue
  }
}

/** The summary of the week starting `weekOf` (a Monday) for one secretary, as seen at `now`. */
export async function weekSummaryOf(q: Queryable, personId: string, assigned: readonly string[], weekOf: string, now: Date): Promise<WeeklySummary> {
  const bounds = weekBounds(weekOf)
  const figures = await weekFigures(q, personId, assigned, bounds, now)
  return weeklySummary(bounds.monday, figures, shanghaiDate(now))
}

/** Every first secretary with their assigned enterprises. */
export async function secretaryAssignments(q: Queryable): Promise<Map<string, string[]>> {
  const rows = await q.query<{ person_id: string; scope_id: string }>(
    `SELECT person_id, scope_id FROM person_roles WHERE role = 'secretary' AND scope_id <> '' ORDER BY person_id, scope_id`
  )
  const out = new Map<string, string[]>()
  for (const r of rows) out.set(r.person_id, [...(out.get(r.person_id) ?? []), r.scope_id])
  return out
}
