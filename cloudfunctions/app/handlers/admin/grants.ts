import type { Role } from '@contract'
import type { Ctx } from '../../context'
import { recordAudit } from '../../audit'
import { grantShown } from '../../role-grants'
import { addGrant, findPersonRecord } from '../../../db/repos/admin/people'

/**
 * Grants a role (its scope already checked) and audits it; granting one already held changes nothing
 * and leaves no entry, so a retried or repeated save does not fill the log.
 */
export async function grantAudited(ctx: Ctx, personId: string, role: Role, scopeId: string): Promise<void> {
  if (!(await addGrant(ctx.q, personId, role, scopeId))) return
  const person = await findPersonRecord(ctx.q, personId)
  if (!person) return
  const grant = person.roles.find((g) => g.role === role && (g.scopeId ?? '') === scopeId) ?? { role, scopeId: scopeId || null, scopeName: null }
  await recordAudit(ctx, { subject: 'roles', subjectId: personId, action: 'grant', before: null, after: grantShown(person, grant) })
}
