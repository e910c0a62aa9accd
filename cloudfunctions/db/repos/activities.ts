import type { ActivityType, PairingKind } from '@contract'
import { pairingTitle } from '../../core'
import type { Queryable } from '../client'

/** An activity as stored, with its pair's name and the counts derived from other tables. */
export interface ActivityRecord {
  id: string
  pairingId: string
  pairingTitle: string
  pairingKind: PairingKind
  type: ActivityType
  title: string
  heldOn: string
  place: string
  summary: string
  createdBy: string | null
  createdByName: string | null
  /** People signed in by the QR code. */
  attendance: number
  /** Problems raised at it; one merged into a chain-level item no longer counts (as in pairProblemCounts). */
  problemsRaised: number
}

interface Row {
  id: string
  pairing_id: string
  kind: PairingKind
  agency_branch: string
  enterprise_branch: string
  type: ActivityType
  title: string
  held_on: string
  place: string
  summary: string
  created_by: string | null
  created_by_name: string | null
  attendance: number
  problems_raised: number
}

const SELECT = `
  SELECT a.id, a.pairing_id, p.kind, p.agency_branch, p.enterprise_branch, a.type, a.title,
         to_char(a.held_on, 'YYYY-MM-DD') AS held_on, a.place, a.summary, a.created_by, cb.name AS created_by_name,
         (SELECT count(*) FROM activity_attendance t WHERE t.activity_id = a.id)::int AS attendance,
         (SELECT count(*) FROM problems pb WHERE pb.activity_id = a.id AND pb.merged_into IS NULL)::int AS problems_raised
    FROM pairing_activities a
    JOIN pairings p ON p.id = a.pairing_id
    LEFT JOIN enterprises e ON e.id = p.enterprise_id
    LEFT JOIN people cb ON cb.id = a.created_by`

const toRecord = (r: Row): ActivityRecord => ({
  id: r.id,
  pairingId: r.pairing_id,
  pairingTitle: pairingTitle({ agencyBranch: r.agency_branch, enterpriseBranch: r.enterprise_branch }),
  pairingKind: r.kind,
  type: r.type,
  title: r.title,
  heldOn: r.held_on,
  place: r.place,
  summary: r.summary,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  attendance: r.attendance,
  problemsRaised: r.problems_raised
})

export interface ActivityFilter {
  pairingId?: string
  type?: ActivityType
  phase?: number
  /** The chain of the pair's enterprise. */
  chainId?: string
  /** China dates, both included. */
  from?: string
  to?: string
  limit: number
}

/** Newest held first (then newest recorded). */
export async function listActivities(q: Queryable, f: ActivityFilter): Promise<ActivityRecord[]> {
  const rows = await q.query<Row>(
    `${SELECT}
      WHERE ($1::text IS NULL OR a.pairing_id = $1)
        AND ($2::text IS NULL OR a.type = $2)
        AND ($3::int IS NULL OR p.phase = $3)
        AND ($4::text IS NULL OR e.chain_id = $4)
        AND ($5::date IS NULL OR a.held_on >= $5::date)
        AND ($6::date IS NULL OR a.held_on <= $6::date)
      ORDER BY a.held_on DESC, a.created_at DESC, a.id
      LIMIT $7`,
    [f.pairingId ?? null, f.type ?? null, f.phase ?? null, f.chainId ?? null, f.from ?? null, f.to ?? null, f.limit]
  )
  return rows.map(toRecord)
}

export async function findActivity(q: Queryable, id: string): Promise<ActivityRecord | null> {
  const [row] = await q.query<Row>(`${SELECT} WHERE a.id = $1`, [id])
  return row ? toRecord(row) : null
}

export async function insertActivity(
  q: Queryable,
  a: { id: string; pairingId: string; type: ActivityType; title: string; heldOn: string; place: string; summary: string; createdBy: string; at: Date }
): Promise<void> {
  await q.query(
    `INSERT INTO pairing_activities (id, pairing_id, type, title, held_on, place, summary, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [a.id, a.pairingId, a.type, a.title, a.heldOn, a.place, a.summary, a.createdBy, a.at]
  )
}

export interface PhotoRow {
  id: string
  activityId: string
  storage: 'local' | 'wxcloud'
  storageKey: string
  /** Content security: only 'pass' photos are shown to others than their owner. */
  moderation: string
  ownerId: string
}

/** The photos of these activities, each activity's in order. */
export async function activityPhotoRows(q: Queryable, activityIds: readonly string[]): Promise<PhotoRow[]> {
  if (!activityIds.length) return []
  const rows = await q.query<{ id: string; activity_id: string; storage: 'local' | 'wxcloud'; storage_key: string; moderation: string; owner_person_id: string }>(
    `SELECT id, activity_id, storage, storage_key, moderation, owner_person_id FROM files WHERE activity_id = ANY($1::text[]) ORDER BY activity_id, position, id`,
    [activityIds]
  )
  return rows.map((r) => ({ id: r.id, activityId: r.activity_id, storage: r.storage, storageKey: r.storage_key, moderation: r.moderation, ownerId: r.owner_person_id }))
}

/** Records a sign-in; a second one by the same person changes nothing. */
/** Records a sign-in; false when the person had signed in already (the first time stands). */
export async function recordAttendance(q: Queryable, activityId: string, personId: string, at: Date): Promise<boolean> {
  const rows = await q.query(
    'INSERT INTO activity_attendance (activity_id, person_id, at) VALUES ($1, $2, $3) ON CONFLICT (activity_id, person_id) DO NOTHING RETURNING at',
    [activityId, personId, at]
  )
  return rows.length > 0
}

/** When the person signed in to the activity, or null. */
export async function attendedAt(q: Queryable, activityId: string, personId: string): Promise<Date | null> {
  const [row] = await q.query<{ at: Date }>('SELECT at FROM activity_attendance WHERE activity_id = $1 AND person_id = $2', [activityId, personId])
  return row?.at ?? null
}

export interface RaisedProblem {
  id: string
  number: string
  title: string
  status: string
  solved: boolean | null
}

/** Problems raised at an activity (not merged away), oldest first. */
export async function raisedProblems(q: Queryable, activityId: string): Promise<RaisedProblem[]> {
  return q.query<RaisedProblem>(
    'SELECT id, number, title, status, solved FROM problems WHERE activity_id = $1 AND merged_into IS NULL ORDER BY created_at, id',
    [activityId]
  )
}
