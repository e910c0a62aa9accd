import type { Harness } from './harness'

/** A service with one slot of `capacity` places tomorrow at 10:00 China time, at a demo warm station. */
export async function slotFixture(h: Harness, capacity: number, audience = 'anyone'): Promise<{ serviceId: string; slotId: string; stationId: string }> {
  const [station] = await h.db.query<{ id: string }>(`SELECT id FROM stations WHERE id = 's-daliang-warm-1'`)
  const serviceId = `svc-test-${Math.random().toString(36).slice(2, 8)}`
  await h.db.query(
    `INSERT INTO service_items (id, station_id, name, duration_minutes, capacity, audience, min_notice_minutes, cancel_cutoff_minutes)
     VALUES ($1, $2, '测试服务', 60, $3, $4, 60, 120)`,
    [serviceId, station.id, capacity, audience]
  )
  const startsAt = new Date(h.clock.now.getTime() + 24 * 3600_000)
  const slotId = `${serviceId}-slot`
  await h.db.query('INSERT INTO slots (id, service_item_id, starts_at, ends_at, capacity) VALUES ($1, $2, $3, $4, $5)', [
    slotId,
    serviceId,
    startsAt,
    new Date(startsAt.getTime() + 3600_000),
    capacity
  ])
  return { serviceId, slotId, stationId: station.id }
}
