import type { AdminEnterprise } from '@contract/admin'
import { saveEnterpriseInput } from '@contract/admin-schemas'
import { call } from '@/services/cloud'
import type { Draft, EntityDef } from '../console-types'
import { Main, None, Tag } from '../cells'
import { bool, nullable, str, withId } from '../draft'
import { saver } from '../saver'

/** Under the code: what a valid one looks like, and how far the typing has got. */
export function creditCodeHint(d: Draft): string {
  const typed = str(d, 'creditCode').replace(/\s+/g, '').length
  const check = '最后一位是校验位，保存时会核对，抄错一位也能发现。'
  if (!typed) return `共 18 位，由数字和大写字母组成（不含 I、O、S、V、Z），${check}暂不知道可留空。`
  if (typed === 18) return `已输入 18 位。${check}`
  return typed < 18 ? `已输入 ${typed} 位，还差 ${18 - typed} 位。${check}` : `已输入 ${typed} 位，多了 ${typed - 18} 位：统一社会信用代码共 18 位。`
}

export const enterprises: EntityDef<AdminEnterprise> = {
  entity: 'enterprises',
  noun: '企业',
  unit: '家',
  description: '企业名录：统一社会信用代码、所属产业链与镇街、是否链主',
  emptyDescription: '企业联络员、第一书记和结对都要选到企业。可以逐家新增，也可以用“批量导入”从 Excel 一次导入。',
  searchPlaceholder: '搜索企业名称',
  sources: ['chains', 'towns'],
  columns: [
    {
      key: 'name',
      label: '企业名称',
      width: 2.4,
      render: (e) => (
        <Main>
          {e.name}
          {e.isChainLeader ? <Tag tone='red'>链主</Tag> : null}
        </Main>
      )
    },
    {
      key: 'creditCode',
      label: '统一社会信用代码',
      short: '信用代码',
      width: 1.6,
      render: (e) => (e.creditCode ? <Main>{e.creditCode}</Main> : <None text='未登记' />)
    },
    { key: 'chainId', label: '产业链', render: (e, { nameOf }) => (e.chainId ? nameOf('chains', e.chainId) : <None />) },
    { key: 'townId', label: '镇街', render: (e, { nameOf }) => (e.townId ? nameOf('towns', e.townId) : <None />) }
  ],
  fields: [
    { name: 'name', label: '企业名称', kind: 'text', required: true, maxLength: 60, wide: true, placeholder: '与营业执照一致，如：广东村田智能科技有限公司' },
    { name: 'creditCode', label: '统一社会信用代码', kind: 'text', maxLength: 18, wide: true, placeholder: '如：91440606MA4UJ0XX0X', hint: creditCodeHint },
    { name: 'chainId', label: '所属产业链', kind: 'select', options: 'chains', clearable: '不属于任何产业链' },
    { name: 'townId', label: '所在镇街', kind: 'select', options: 'towns', clearable: '暂不指定' },
    { name: 'isChainLeader', label: '链主企业', kind: 'switch', onText: '是链主企业', offText: '不是链主企业', hint: '链主企业在产业链中带动上下游，看板中单独标出。' }
  ],
  title: (e) => e.name,
  load: ({ q }) => call('admin', 'enterprises', q ? { q } : {}),
  blank: () => ({ name: '', creditCode: '', chainId: '', townId: '', isChainLeader: false }),
  toDraft: (e) => ({ name: e.name, creditCode: e.creditCode ?? '', chainId: e.chainId ?? '', townId: e.townId ?? '', isChainLeader: e.isChainLeader }),
  toInput: (d, id) =>
    withId(id, {
      name: str(d, 'name'),
      // spaces pasted in the middle are never part of a code
      creditCode: nullable(d, 'creditCode')?.replace(/\s+/g, '') ?? null,
      chainId: nullable(d, 'chainId'),
      townId: nullable(d, 'townId'),
      isChainLeader: bool(d, 'isChainLeader')
    }),
  save: saver(saveEnterpriseInput, (input, requestId) => call('admin', 'saveEnterprise', input, { requestId }))
}
