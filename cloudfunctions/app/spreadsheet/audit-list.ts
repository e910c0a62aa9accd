import { ADMIN_ENTITY_LABELS, AUDIT_ACTION_LABELS, type AuditEntry, type AuditSubject } from '@contract'
import { listAudit } from '../../db/repos/admin/audit'
import type { ListSheet } from './import-plan'

const SUBJECT_LABELS: Record<AuditSubject, string> = {
  ...ADMIN_ENTITY_LABELS,
  routing_rules: '派单规则',
  sla: '办理时限',
  calendar: '工作日历',
  plans: '年度计划',
  invites: '邀请码',
  roles: '角色'
}

/**
 * The newest entries only: the log only grows, and one file has to fit a cloud function's answer.
 * Older entries stay readable page by page in the console.
 */
export const AUDIT_EXPORT_MAX = 10_000

/** '2026-11-25 14:03:09' on a China wall clock. */
function chinaTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
}

const json = (v: Record<string, unknown> | null) => (v ? JSON.stringify(v) : null)

export const auditList: ListSheet<AuditEntry> = {
  label: '操作日志',
  columns: [
    { header: '时间(北京时间)', value: (e) => chinaTime(e.at) },
    { header: '操作人', value: (e) => e.actorName },
    { header: '类型', value: (e) => SUBJECT_LABELS[e.subject] ?? e.subject },
    { header: '记录编号', value: (e) => e.subjectId },
    { header: '操作', value: (e) => AUDIT_ACTION_LABELS[e.action] ?? e.action },
    { header: '修改前', value: (e) => json(e.before) },
    { header: '修改后', value: (e) => json(e.after) }
  ],
  load: (q) => listAudit(q, { limit: AUDIT_EXPORT_MAX })
}
