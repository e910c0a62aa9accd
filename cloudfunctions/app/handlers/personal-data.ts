import { BOOKING_STATUS_LABELS, PROBLEM_STATUS_LABELS, ROLE_LABELS, type BookingStatus, type ExportedFile, type ProblemStatus, type Role } from '@contract'
import { shanghaiDate } from '../../core'
import type { Queryable } from '../../db/client'
import { lockSlot } from '../../db/repos/bookings'
import { loadPerson } from '../../db/repos/people'
import { recordAudit } from '../audit'
import type { Ctx } from '../context'
import { AppError } from '../errors'
import { requireCaller } from '../policy'
import { promoteWaitlist } from '../waitlist'

/** What an erased person's row is called wherever a name used to show (threads, lists, the audit log). */
export const ERASED_NAME = '已注销用户'

/**
 * Everything stored about the caller, as a JSON file they can keep: what they wrote, booked, attended
 * and were told, and the records of their photos (not the bytes). Secrets stay out: no password hash,
 * no OPENID (only whether WeChat is bound), no invite code.
 */
export async function exportMine(ctx: Ctx): Promise<ExportedFile> {
  const me = requireCaller(ctx.caller).personId
  const q = ctx.q
  const [person] = await q.query<{ name: string; phone: string | null; login: string | null; party_member: boolean; created_at: Date; wechat: boolean }>(
    'SELECT name, phone, login, party_member, created_at, openid IS NOT NULL AS wechat FROM people WHERE id = $1',
    [me]
  )
  const roles = (await loadPerson(q, me))?.roles ?? []
  const data = {
    说明: '链上通为您保存的全部个人数据（照片只列记录，不含图片本身）',
    导出时间: ctx.now.toISOString(),
    账号: {
      编号: me,
      姓名: person.name,
      电话: person.phone,
      登录名: person.login,
      党员: person.party_member,
      微信: person.wechat ? '已绑定微信' : '未绑定微信',
      创建时间: person.created_at
    },
    角色: roles.map((r) => ({ 角色: ROLE_LABELS[r.role], 范围: r.scopeName })),
    提交的诉求: await filedProblems(q, me),
    其他诉求中的办理记录: await eventsElsewhere(q, me),
    我也遇到: await q.query(
      `SELECT p.number AS 诉求编号, p.title AS 标题, v.at AS 时间 FROM problem_votes v JOIN problems p ON p.id = v.problem_id WHERE v.person_id = $1 ORDER BY v.at`,
      [me]
    ),
    预约: await bookingsOf(q, me),
    到站签到: await q.query(
      `SELECT s.name AS 站点, c.at AS 时间 FROM station_check_ins c JOIN bookings b ON b.id = c.booking_id JOIN stations s ON s.id = c.station_id
        WHERE b.person_id = $1 ORDER BY c.at`,
      [me]
    ),
    活动签到: await q.query(
      `SELECT a.title AS 活动, to_char(a.held_on, 'YYYY-MM-DD') AS 日期, t.at AS 签到时间
         FROM activity_attendance t JOIN pairing_activities a ON a.id = t.activity_id WHERE t.person_id = $1 ORDER BY t.at`,
      [me]
    ),
    记录的共建活动: await q.query(
      `SELECT a.id AS 编号, a.title AS 活动, to_char(a.held_on, 'YYYY-MM-DD') AS 日期, a.place AS 地点, a.summary AS 内容
         FROM pairing_activities a WHERE a.created_by = $1 ORDER BY a.held_on`,
      [me]
    ),
    负责的结对: await q.query(
      `SELECT p.agency_branch AS 机关支部, p.enterprise_branch AS 企业支部, CASE c.side WHEN 'agency' THEN '机关' ELSE '企业' END AS 所在一方 FROM pairing_contacts c JOIN pairings p ON p.id = c.pairing_id
        WHERE c.person_id = $1 ORDER BY p.id`,
      [me]
    ),
    走访: await q.query(
      `SELECT v.id AS 编号, e.name AS 企业, v.visited_at AS 时间, v.address AS 地址, v.lat AS 纬度, v.lng AS 经度, v.note AS 情况
         FROM secretary_visits v JOIN enterprises e ON e.id = v.enterprise_id WHERE v.person_id = $1 ORDER BY v.visited_at`,
      [me]
    ),
    消息: await q.query(`SELECT title AS 标题, body AS 内容, created_at AS 时间, read_at AS 已读时间 FROM notices WHERE person_id = $1 ORDER BY created_at`, [me]),
    照片记录: await q.query(
      `SELECT id AS 编号, mime_type AS 类型, bytes AS 字节数, created_at AS 上传时间, moderation AS 内容安全,
              problem_id AS 诉求, station_id AS 站点, activity_id AS 活动, visit_id AS 走访
         FROM files WHERE owner_person_id = $1 ORDER BY created_at`,
      [me]
    ),
    使用的邀请码: (
      await q.query<{ role: Role; scope_id: string; used_at: Date }>('SELECT role, scope_id, used_at FROM invites WHERE used_by = $1 ORDER BY used_at', [me])
    ).map((i) => ({ 角色: ROLE_LABELS[i.role], 范围: i.scope_id || null, 使用时间: i.used_at }))
  }
  return {
    fileName: `我的数据-${shanghaiDate(ctx.now).replace(/-/g, '')}.json`,
    mimeType: 'application/json',
    base64: Buffer.from(JSON.stringify(data, null, 2), 'utf8').toString('base64')
  }
}

async function filedProblems(q: Queryable, me: string) {
  const problems = await q.query<{ id: string; number: string; title: string; content: string; category: string; status: ProblemStatus; anonymous: boolean; party: string | null; created_at: Date }>(
    `SELECT p.id, p.number, p.title, p.content, p.category, p.status, p.anonymous, COALESCE(e.name, s.name) AS party, p.created_at
       FROM problems p LEFT JOIN enterprises e ON e.id = p.enterprise_id LEFT JOIN stations s ON s.id = p.station_id
      WHERE p.filed_by = $1 ORDER BY p.created_at`,
    [me]
  )
  const ids = problems.map((p) => p.id)
  const events = await q.query<{ problem_id: string; type: string; note: string | null; data: unknown; at: Date }>(
    'SELECT problem_id, type, note, data, at FROM problem_events WHERE problem_id = ANY($1::text[]) AND actor_person_id = $2 ORDER BY problem_id, seq',
    [ids, me]
  )
  const photos = await q.query<{ id: string; problem_id: string }>('SELECT id, problem_id FROM files WHERE problem_id = ANY($1::text[]) ORDER BY position', [ids])
  return problems.map((p) => ({
    编号: p.number,
    标题: p.title,
    内容: p.content,
    类别: p.category,
    状态: PROBLEM_STATUS_LABELS[p.status] ?? p.status,
    匿名: p.anonymous,
    企业或站点: p.party,
    提交时间: p.created_at,
    我的办理记录: events.filter((e) => e.problem_id === p.id).map((e) => ({ 类型: e.type, 说明: e.note, 内容: e.data, 时间: e.at })),
    照片编号: photos.filter((f) => f.problem_id === p.id).map((f) => f.id)
  }))
}

/** Steps the caller took on problems others filed: a handler's replies, a dispatcher's routing. */
async function eventsElsewhere(q: Queryable, me: string) {
  return q.query(
    `SELECT p.number AS 诉求编号, e.type AS 类型, e.note AS 说明, e.data AS 内容, e.at AS 时间
       FROM problem_events e JOIN problems p ON p.id = e.problem_id
      WHERE e.actor_person_id = $1 AND p.filed_by <> $1 ORDER BY e.at, e.id`,
    [me]
  )
}

async function bookingsOf(q: Queryable, me: string) {
  const rows = await q.query<{ status: BookingStatus; station: string; service: string; starts_at: Date; ends_at: Date; created_at: Date; cancelled_at: Date | null }>(
    `SELECT b.status, s.name AS station, i.name AS service, sl.starts_at, sl.ends_at, b.created_at, b.cancelled_at
       FROM bookings b JOIN slots sl ON sl.id = b.slot_id JOIN service_items i ON i.id = sl.service_item_id JOIN stations s ON s.id = i.station_id
      WHERE b.person_id = $1 ORDER BY sl.starts_at`,
    [me]
  )
  return rows.map((b) => ({
    站点: b.station,
    服务: b.service,
    开始: b.starts_at,
    结束: b.ends_at,
    状态: BOOKING_STATUS_LABELS[b.status] ?? b.status,
    预约时间: b.created_at,
    取消时间: b.cancelled_at
  }))
}

/**
 * Erases the caller (注销), in one transaction. The row stays, renamed and emptied (name, phone, login,
 * password, OPENID), so that the problems they filed keep a filer: those stay, for the enterprise and
 * the departments that worked on them, but become anonymous. Their roles, contacts and messages go;
 * their future bookings are cancelled and the places given to the waitlist. From then on any token they
 * hold resolves to nobody (loadPerson skips erased people), and their OPENID is free to sign up again.
 */
export async function eraseMe(ctx: Ctx, _input: { confirm: '注销' }): Promise<{ erased: true }> {
  const caller = requireCaller(ctx.caller)
  const me = caller.personId
  const q = ctx.q
  const [row] = await q.query<{ erased_at: Date | null }>('SELECT erased_at FROM people WHERE id = $1 FOR UPDATE', [me])
  if (!row || row.erased_at) return { erased: true }

  // the administrators' rows are locked before counting: two of the last two erasing at once take turns,
  // and the second sees that it is now the last
  const admins = await q.query<{ person_id: string }>(`SELECT person_id FROM person_roles WHERE role = 'admin' FOR UPDATE`)
  const adminIds = new Set(admins.map((a) => a.person_id))
  if (adminIds.has(me) && adminIds.size <= 1) {
    throw new AppError('CONFLICT', '您是最后一位系统管理员，请先为他人授予系统管理员角色，再注销账号')
  }

  await cancelFutureBookings(ctx, me)
  await q.query('UPDATE problems SET anonymous = true WHERE filed_by = $1', [me])
  await q.query('DELETE FROM outbox WHERE notice_id IN (SELECT id FROM notices WHERE person_id = $1)', [me])
  await q.query('DELETE FROM notices WHERE person_id = $1', [me])
  await q.query('DELETE FROM person_roles WHERE person_id = $1', [me])
  await q.query('DELETE FROM pairing_contacts WHERE person_id = $1', [me])
  // a station page would otherwise name an erased manager
  await q.query('UPDATE stations SET manager_person_id = NULL WHERE manager_person_id = $1', [me])
  // uploads never attached to anything are theirs alone (unreachable without the row, bytes included)
  await q.query(
    'DELETE FROM files WHERE owner_person_id = $1 AND problem_id IS NULL AND station_id IS NULL AND activity_id IS NULL AND visit_id IS NULL',
    [me]
  )
  // answers kept for retried requests hold what they were shown (their problems, their name)
  await q.query('DELETE FROM request_log WHERE caller = $1', [me])
  await scrubAuditLog(q, me)
  await q.query(
    `UPDATE people SET name = $2, phone = NULL, openid = NULL, login = NULL, password_hash = NULL, party_member = false,
            failed_logins = 0, locked_until = NULL, erased_at = $3
      WHERE id = $1`,
    [me, ERASED_NAME, ctx.now]
  )
  // nothing personal in the entry: the id says whom, the action says what
  await recordAudit({ ...ctx, caller: { ...caller, name: ERASED_NAME } }, { subject: 'people', subjectId: me, action: 'erase', before: null, after: null })
  return { erased: true }
}

/** The personal fields the console copies into audit records about a person (people, roles). */
const NAMED = ['name', 'personName']
const CONTACT = ['phone', 'login']

function scrubbed(record: Record<string, unknown> | null): string | null {
  if (!record) return null
  const out = { ...record }
  for (const k of NAMED) if (k in out) out[k] = ERASED_NAME
  for (const k of CONTACT) if (k in out) out[k] = null
  return JSON.stringify(out)
}

/**
 * The audit log keeps what was done, to whom and by whom, by id; the names (and masked phones) it
 * copied, as actor or in the records of changes to this person, go like everywhere else.
 */
async function scrubAuditLog(q: Queryable, me: string): Promise<void> {
  await q.query('UPDATE audit_log SET actor_name = $2 WHERE actor_id = $1', [me, ERASED_NAME])
  const rows = await q.query<{ id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>(
    `SELECT id, before, after FROM audit_log WHERE subject IN ('people', 'roles') AND subject_id = $1`,
    [me]
  )
  for (const r of rows) await q.query('UPDATE audit_log SET before = $2, after = $3 WHERE id = $1', [r.id, scrubbed(r.before), scrubbed(r.after)])
}

/**
 * Live bookings of sittings still ahead are cancelled (no cut-off: the person is leaving), each slot
 * locked in id order so that concurrent bookers take turns, and the freed place goes to the waitlist.
 */
async function cancelFutureBookings(ctx: Ctx, me: string): Promise<void> {
  const live = await ctx.q.query<{ id: string; slot_id: string; service_name: string; station_name: string }>(
    `SELECT b.id, b.slot_id, i.name AS service_name, s.name AS station_name
       FROM bookings b JOIN slots sl ON sl.id = b.slot_id JOIN service_items i ON i.id = sl.service_item_id JOIN stations s ON s.id = i.station_id
      WHERE b.person_id = $1 AND b.status IN ('confirmed', 'waitlisted') AND sl.starts_at > $2
      ORDER BY b.slot_id`,
    [me, ctx.now]
  )
  for (const b of live) {
    const slot = await lockSlot(ctx.q, b.slot_id)
    await ctx.q.query(`UPDATE bookings SET status = 'cancelled', cancelled_at = $2 WHERE id = $1`, [b.id, ctx.now])
    if (slot) await promoteWaitlist(ctx.q, slot, { serviceName: b.service_name, stationName: b.station_name }, ctx.now)
  }
}
