import type { AdminService, ServiceAudience } from '@contract'
import type { Queryable } from '../../client'

const SELECT = `SELECT id, station_id AS "stationId", name, description, duration_minutes AS "durationMinutes", capacity, audience
  FROM service_items`

export async function listServiceItems(q: Queryable, stationId: string | undefined): Promise<AdminService[]> {
  return q.query<AdminService>(`${SELECT} WHERE ($1::text IS NULL OR station_id = $1) ORDER BY name, id`, [stationId ?? null])
}

export async function findServiceItem(q: Queryable, id: string): Promise<AdminService | null> {
  const [row] = await q.query<AdminService>(`${SELECT} WHERE id = $1`, [id])
  return row ?? null
}

/**
 * Writes what the console edits. The weekly schedule, horizon and notice periods are the station
 * manager's (station-console) and are left alone; a new item starts with none, so it has no sittings yet.
 */
export async function writeServiceItem(q: Queryable, s: AdminService, create: boolean): Promise<void> {
  await q.query(
    create
      ? `INSERT INTO service_items (id, station_id, name, description, duration_minutes, capacity, audience)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`
      : `UPDATE service_items SET station_id = $2, name = $3, description = $4, duration_minutes = $5, capacity = $6, audience = $7
          WHERE id = $1`,
    [s.id, s.stationId, s.name, s.description, s.durationMinutes, s.capacity, s.audience satisfies ServiceAudience]
  )
}

/** Future sittings take a new capacity, as when the station manager changes it. */
export async function setFutureSlotCapacity(q: Queryable, serviceId: string, now: Date, capacity: number): Promise<void> {
  await q.query('UPDATE slots SET capacity = $3 WHERE service_item_id = $1 AND starts_at > $2', [serviceId, now, capacity])
}
