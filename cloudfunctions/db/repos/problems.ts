import type { CategoryId, ProblemDetail, ProblemEventType, ProblemStatus, ProblemSummary } from '@contract'
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

export interface NewProblem {
  id: string
  number: string
  title: string
  content: string
  category: CategoryId
  status: ProblemStatus
  enterpriseId: string
  chainId: string | null
  townId: string | null
  filedBy: string
  leadDepartmentId: string | null
  routingReason: string
  at: Date
}

export async function insertProblem(q: Queryable, p: NewProblem): Promise<void> {
  await q.query(
    `INSERT INTO problems (id, number, title, content, category, status, enterprise_id, chain_id, town_id, filed_by,
                           lead_department_id, routing_reason, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
    [p.id, p.number, p.title, p.content, p.category, p.status, p.enterpriseId, p.chainId, p.townId, p.filedBy,
      p.leadDepartmentId, p.routingReason, p.at]
  )
}

export interface NewEvent {
  problemId: string
  type: ProblemEventType
  actorPersonId: string | null
  actorDepartmentId: string | null
  note: string | null
  at: Date
}

export async function appendEvent(q: Queryable, e: NewEvent): Promise<void> {
  await q.query(
    `INSERT INTO problem_events (problem_id, type, actor_person_id, actor_department_id, note, at)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [e.problemId, e.type, e.actorPersonId, e.actorDepartmentId, e.note, e.at]
  )
}

const SUMMARY_COLUMNS = `
  p.id, p.number, p.title, p.category, p.status, p.enterprise_id, e.name AS enterprise_name,
  p.lead_department_id, d.name AS lead_department_name, p.created_at, p.updated_at, p.filed_by`
const SUMMARY_FROM = `
  FROM problems p
  JOIN enterprises e ON e.id = p.enterprise_id
  LEFT JOIN departments d ON d.id = p.lead_department_id`

interface SummaryRow {
  id: string
  number: string
  title: string
  category: CategoryId
  status: ProblemStatus
  enterprise_id: string
  enterprise_name: string
  lead_department_id: string | null
  lead_department_name: string | null
  created_at: Date
  updated_at: Date
  filed_by: string
}

const toSummary = (r: SummaryRow): ProblemSummary => ({
  id: r.id,
  number: r.number,
  title: r.title,
  category: r.category,
  status: r.status,
  enterpriseId: r.enterprise_id,
  enterpriseName: r.enterprise_name,
  leadDepartmentId: r.lead_department_id,
  leadDepartmentName: r.lead_department_name,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at)
})

export async function listFiledBy(q: Queryable, personId: string, limit = 100): Promise<ProblemSummary[]> {
  const rows = await q.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM} WHERE p.filed_by = $1 ORDER BY p.created_at DESC, p.number DESC LIMIT $2`,
    [personId, limit]
  )
  return rows.map(toSummary)
}

/** A department's inbox: what waits for it first (to accept, then in progress), newest first within each. */
export async function listForDepartment(q: Queryable, departmentIds: string[], limit = 200): Promise<ProblemSummary[]> {
  const rows = await q.query<SummaryRow>(
    `SELECT ${SUMMARY_COLUMNS} ${SUMMARY_FROM}
      WHERE p.lead_department_id = ANY($1::text[])
      ORDER BY CASE p.status WHEN 'routed' THEN 0 WHEN 'accepted' THEN 1 WHEN 'replied' THEN 2 ELSE 3 END,
               p.created_at DESC
      LIMIT $2`,
    [departmentIds, limit]
  )
  return rows.map(toSummary)
}

export interface ProblemRecord {
  detail: Omit<ProblemDetail, 'events'>
  filedBy: string
}

export async function findProblem(q: Queryable, id: string): Promise<ProblemRecord | null> {
  const [r] = await q.query<
    SummaryRow & { content: string; chain_id: string | null; chain_name: string | null; town_id: string | null; town_name: string | null; routing_reason: string | null }
  >(
    `SELECT ${SUMMARY_COLUMNS}, p.content, p.chain_id, c.name AS chain_name, p.town_id, t.name AS town_name, p.routing_reason
       ${SUMMARY_FROM}
       LEFT JOIN chains c ON c.id = p.chain_id
       LEFT JOIN towns t ON t.id = p.town_id
      WHERE p.id = $1`,
    [id]
  )
  if (!r) return null
  return {
    filedBy: r.filed_by,
    detail: {
      ...toSummary(r),
      content: r.content,
      chainId: r.chain_id,
      chainName: r.chain_name,
      townId: r.town_id,
      townName: r.town_name,
      routingReason: r.routing_reason
    }
  }
}

export interface EventRow {
  id: string
  type: ProblemEventType
  actorPersonId: string | null
  actorPersonName: string | null
  actorDepartmentName: string | null
  note: string | null
  at: Date
}

export async function listEvents(q: Queryable, problemId: string): Promise<EventRow[]> {
  const rows = await q.query<{
    id: number
    type: ProblemEventType
    actor_person_id: string | null
    person_name: string | null
    department_name: string | null
    note: string | null
    at: Date
  }>(
    `SELECT ev.id, ev.type, ev.actor_person_id, pe.name AS person_name, d.name AS department_name, ev.note, ev.at
       FROM problem_events ev
       LEFT JOIN people pe ON pe.id = ev.actor_person_id
       LEFT JOIN departments d ON d.id = ev.actor_department_id
      WHERE ev.problem_id = $1 ORDER BY ev.id`,
    [problemId]
  )
  return rows.map((r) => ({
    id: String(r.id),
    type: r.type,
    actorPersonId: r.actor_person_id,
    actorPersonName: r.person_name,
    actorDepartmentName: r.department_name,
    note: r.note,
    at: r.at
  }))
}
