import type { AdminEntity } from '@contract'
import type { Queryable } from '../../client'

// What still points at a record, counted for the refusal's message. Role grants and invites name their
// scope without a foreign key, so only these counts keep them from dangling; the savepointed DELETE
// (app/handlers/admin/remove.ts) catches any reference not listed here.

type Count = readonly [unit: string, sql: string]

/** Unused invites whose scope is the record ($1); $2 is now. */
const pendingInvites = (roles: string): Count => [
  '个未使用的邀请码',
  `SELECT count(*) FROM invites WHERE scope_id = $1 AND role IN (${roles}) AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $2`
]

const COUNTS: Record<Exclude<AdminEntity, 'people'>, readonly Count[]> = {
  departments: [
    ['个镇街', 'SELECT count(*) FROM towns WHERE department_id = $1'],
    ['条产业链（牵头）', 'SELECT count(*) FROM chains WHERE lead_department_id = $1'],
    ['条产业链（协同）', 'SELECT count(*) FROM chain_cooperating_departments WHERE department_id = $1'],
    ['个站点', 'SELECT count(*) FROM stations WHERE department_id = $1'],
    ['个结对', 'SELECT count(*) FROM pairings WHERE agency_department_id = $1'],
    ['件诉求', 'SELECT count(DISTINCT problem_id) FROM problem_units WHERE department_id = $1'],
    ['条派单规则', 'SELECT count(*) FROM routing_rules WHERE department_id = $1'],
    ['条派单学习样本', 'SELECT count(*) FROM routing_examples WHERE department_id = $1'],
    ['位部门经办人', `SELECT count(*) FROM person_roles WHERE role = 'handler' AND scope_id = $1`],
    pendingInvites(`'handler'`)
  ],
  towns: [
    ['家企业', 'SELECT count(*) FROM enterprises WHERE town_id = $1'],
    ['个站点', 'SELECT count(*) FROM stations WHERE town_id = $1'],
    ['件诉求', 'SELECT count(*) FROM problems WHERE town_id = $1']
  ],
  chains: [
    ['家企业', 'SELECT count(*) FROM enterprises WHERE chain_id = $1'],
    ['场吐槽大会', 'SELECT count(*) FROM tucao_sessions WHERE chain_id = $1'],
    ['件诉求', 'SELECT count(*) FROM problems WHERE chain_id = $1']
  ],
  enterprises: [
    ['件诉求', 'SELECT count(*) FROM problems WHERE enterprise_id = $1'],
    ['条“我也遇到”', 'SELECT count(*) FROM problem_votes WHERE enterprise_id = $1'],
    ['次走访', 'SELECT count(*) FROM secretary_visits WHERE enterprise_id = $1'],
    ['个结对', 'SELECT count(*) FROM pairings WHERE enterprise_id = $1'],
    ['位企业联络员或第一书记', `SELECT count(*) FROM person_roles WHERE role IN ('enterprise', 'secretary') AND scope_id = $1`],
    pendingInvites(`'enterprise', 'secretary'`)
  ],
  stations: [
    ['件诉求或反馈', 'SELECT count(*) FROM problems WHERE station_id = $1'],
    ['条预约', 'SELECT count(*) FROM bookings b JOIN slots sl ON sl.id = b.slot_id JOIN service_items i ON i.id = sl.service_item_id WHERE i.station_id = $1'],
    ['条到站签到', 'SELECT count(*) FROM station_check_ins WHERE station_id = $1'],
    ['张站点照片', 'SELECT count(*) FROM files WHERE station_id = $1'],
    ['位站点管理员', `SELECT count(*) FROM person_roles WHERE role = 'station' AND scope_id = $1`],
    pendingInvites(`'station'`)
  ],
  services: [['条预约', 'SELECT count(*) FROM bookings b JOIN slots sl ON sl.id = b.slot_id WHERE sl.service_item_id = $1']],
  // contacts and plans go with the pair; its activities are the record of what was done and stay
  pairings: [['次共建活动', 'SELECT count(*) FROM pairing_activities WHERE pairing_id = $1']]
}

/** What refers to the record, as "3 条派单规则", in the order above; empty when nothing does. */
export async function referencesTo(q: Queryable, entity: Exclude<AdminEntity, 'people'>, id: string, now: Date): Promise<string[]> {
  const counts = COUNTS[entity]
  const sql = `SELECT ${counts.map(([, c], i) => `(${c})::int AS c${i}`).join(', ')}`
  // an unused $2 would leave its type undetermined, so `now` goes only where an invite count needs it
  const [row] = await q.query<Record<string, number>>(sql, sql.includes('$2') ? [id, now] : [id])
  return counts.flatMap(([unit], i) => (row[`c${i}`] > 0 ? [`${row[`c${i}`]} ${unit}`] : []))
}
