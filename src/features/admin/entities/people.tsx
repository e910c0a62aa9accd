import type { AdminPerson } from '@contract/admin'
import { savePersonInput } from '@contract/admin-schemas'
import { call } from '@/services/cloud'
import { formatDateTime } from '@/utils/date'
import type { Draft, EntityDef } from '../console-types'
import { Main, None, Tag, Tags } from '../cells'
import { bool, str, withId } from '../draft'
import { saver } from '../saver'
import { PersonRoles } from '../PersonRoles'
import { GrantRoleButton } from '../GrantRoleButton'

/** The list only ever holds a masked number: kept in the draft to say what is on file. */
const MASKED = '_maskedPhone'

function phoneHint(d: Draft): string {
  const masked = str(d, MASKED)
  if (masked) return `已登记 ${masked}（只显示部分号码）。留空则保持不变，填写则替换为新号码。`
  return '11 位手机号，或带区号的座机，如 0757-22212345。'
}

/** Where the person signs in: a login on the web, WeChat, or not yet. */
function signInText(p: AdminPerson): string {
  const ways = [p.login ? `账号 ${p.login}` : '', p.wechatBound ? '微信已绑定' : ''].filter(Boolean)
  return ways.length ? ways.join(' · ') : '尚未开通登录'
}

export const people: EntityDef<AdminPerson> = {
  entity: 'people',
  noun: '人员',
  unit: '人',
  description: '授予或收回角色；电话只显示部分号码，已注销的人员不能修改',
  emptyDescription: '人员通过邀请码自行开通，也可以在这里新增或批量导入，再授予角色。',
  searchPlaceholder: '搜索姓名',
  filter: 'role',
  sources: [],
  columns: [
    {
      key: 'name',
      label: '姓名',
      width: 1.2,
      render: (p) => (
        <Main sub={p.deleted ? '本人已注销，仅为保留其诉求记录' : undefined}>
          {p.name}
          {p.deleted ? <Tag testId='person-erased'>已注销</Tag> : null}
          {p.partyMember && !p.deleted ? <Tag tone='red'>党员</Tag> : null}
        </Main>
      )
    },
    { key: 'phone', label: '电话', render: (p) => (p.phone ? <Main>{p.phone}</Main> : <None />) },
    {
      key: 'login',
      label: '登录方式',
      width: 1.2,
      render: (p) =>
        p.deleted ? (
          <None />
        ) : (
          <Tags>
            <Main sub={p.lockedUntil ? `密码输错过多，锁定至 ${formatDateTime(p.lockedUntil)}` : undefined}>{signInText(p)}</Main>
          </Tags>
        )
    },
    { key: 'roles', label: '角色', width: 2.6, render: (p, { replace }) => <PersonRoles person={p} onChange={replace} /> }
  ],
  fields: [
    { name: 'name', label: '姓名', kind: 'text', required: true, maxLength: 20, placeholder: '如：何嘉欣' },
    { name: 'phone', label: '电话', kind: 'text', maxLength: 13, placeholder: '如：13800001234', hint: phoneHint },
    { name: 'partyMember', label: '政治面貌', kind: 'switch', onText: '中共党员', offText: '非党员', hint: '党员可以预约面向党员的站点服务。' }
  ],
  title: (p) => p.name,
  load: ({ q, role }) => call('admin', 'people', { ...(q ? { q } : {}), ...(role ? { role } : {}) }),
  blank: () => ({ name: '', phone: '', partyMember: false }),
  toDraft: (p) => ({ name: p.name, phone: '', partyMember: p.partyMember, [MASKED]: p.phone ?? '' }),
  toInput: (d, id) => {
    const phone = str(d, 'phone').trim()
    // an untouched phone is left out: the list only knows it masked, and sending that back would overwrite it
    return withId(id, { name: str(d, 'name'), ...(phone ? { phone } : id ? {} : { phone: null }), partyMember: bool(d, 'partyMember') })
  },
  save: saver(savePersonInput, (input, requestId) => call('admin', 'savePerson', input, { requestId })),
  locked: (p) => (p.deleted ? '此人已申请注销个人数据，记录只为保留其提交过的诉求，不能修改或授予角色。' : null),
  RowActions: GrantRoleButton
}
