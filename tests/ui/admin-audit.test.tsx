import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { AuditEntry } from '@contract/admin'
import { AuditView, AUDIT_PAGE } from '@/features/admin/AuditView'
import { navigateTo, request } from '../stubs/taro'
import { answerBy, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'
import { GOOD_CODE, admin, auditEntry, bootstrap, enterprises, handler, people, stations } from './admin-fixtures'

beforeEach(() => resetAll())

test('not an administrator: refused, nothing asked', () => {
  signIn(handler)
  render(<AuditView />)
  expect(screen.getByText('仅系统管理员可以使用管理后台')).toBeInTheDocument()
  expect(request).not.toHaveBeenCalled()
})

test('each entry: China time, who, what, the record; the change opens with only the changed keys highlighted', async () => {
  signIn(admin)
  const lists = {
    'catalog.bootstrap': okBody(bootstrap),
    'admin.enterprises': okBody(enterprises),
    'admin.stations': okBody(stations),
    'admin.people': okBody(people)
  }
  const edit = auditEntry({})
  answerBy({
    ...lists,
    'admin.audit': okBody([
      { ...edit, after: { ...edit.after, chainId: 'appliance' } },
      auditEntry({
        id: 'a-0',
        at: '2026-11-24T16:30:00.000Z',
        subject: 'people',
        subjectId: 'p-he',
        action: 'grant',
        before: { name: '何嘉欣', roles: [] },
        after: { name: '何嘉欣', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区人社局' }] }
      }),
      auditEntry({ id: 'a-x', subject: 'towns', subjectId: 't-1', action: 'delete', before: { id: 't-1', name: '容桂街道', departmentId: null }, after: null })
    ])
  })
  render(<AuditView />)
  const [update, grant, removed] = await screen.findAllByTestId('audit-entry')
  expect(within(update).getByTestId('audit-time')).toHaveTextContent('2026-11-25 10:05')
  expect(within(update).getByTestId('audit-action')).toHaveTextContent('修改')
  expect(update).toHaveTextContent('企业')
  expect(update).toHaveTextContent('高宝化工有限公司')
  expect(within(update).getByTestId('audit-actor')).toHaveTextContent('操作人：苏建明')
  expect(within(update).getByTestId('audit-summary')).toHaveTextContent('改动了：统一社会信用代码、所属产业链、链主企业')
  // after midnight in China, though still the 24th in UTC
  expect(within(grant).getByTestId('audit-time')).toHaveTextContent('2026-11-25 00:30')
  expect(within(grant).getByTestId('audit-action')).toHaveTextContent('授予角色')

  fireEvent.click(within(update).getByTestId('audit-toggle'))
  const rows = within(update).getAllByTestId('diff-row')
  expect(rows.map((r) => [r.getAttribute('data-key'), r.getAttribute('data-changed')])).toEqual([
    ['creditCode', 'true'],
    ['chainId', 'true'],
    ['isChainLeader', 'true']
  ])
  expect(rows[0]).toHaveTextContent(`统一社会信用代码（空）${GOOD_CODE}`)
  // ids of other records by their names
  await waitFor(() => expect(rows[1]).toHaveTextContent('所属产业链（空）智能家电'))
  expect(rows[2]).toHaveTextContent('链主企业否是')
  fireEvent.click(within(update).getByTestId('audit-all'))
  const all = within(update).getAllByTestId('diff-row')
  expect(all.map((r) => r.getAttribute('data-key'))).toEqual(['name', 'creditCode', 'chainId', 'townId', 'isChainLeader'])
  expect(all.filter((r) => r.getAttribute('data-changed') === 'true')).toHaveLength(3)
  expect(all[3]).toHaveTextContent('所在镇街大良街道大良街道')

  fireEvent.click(within(grant).getByTestId('audit-toggle'))
  expect(within(grant).getByTestId('audit-diff')).toHaveTextContent('部门经办人（区人社局）')

  // a deleted record shows what it was, and is no link
  expect(within(removed).queryByTestId('audit-open')).toBeNull()
  fireEvent.click(within(removed).getByTestId('audit-toggle'))
  expect(within(removed).getByTestId('audit-diff')).toHaveTextContent('删除前')
  expect(within(removed).getByTestId('audit-diff')).toHaveTextContent('容桂街道')

  // a record still there opens in its list
  fireEvent.click(within(update).getByTestId('audit-open'))
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/list/index?entity=enterprises&id=e-gaobao' })
})

test('by type, and older pages by the last id until there are no more', async () => {
  signIn(admin)
  const page = (from: number, n: number): AuditEntry[] => Array.from({ length: n }, (_, i) => auditEntry({ id: `a-${from - i}` }))
  answerBy({
    'admin.audit': (input) => {
      if (input.subject === 'invites') return okBody([])
      if (!input.before) return okBody(page(100, AUDIT_PAGE))
      if (input.before === `a-${100 - AUDIT_PAGE + 1}`) return okBody(page(100 - AUDIT_PAGE, 2))
      return errorBody(400, 'VALIDATION', '测试未准备')
    }
  })
  render(<AuditView />)
  expect(await screen.findAllByTestId('audit-entry')).toHaveLength(AUDIT_PAGE)
  expect(postedTo('admin.audit')[0].input).toEqual({ limit: AUDIT_PAGE })
  fireEvent.click(screen.getByTestId('load-more'))
  await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(AUDIT_PAGE + 2))
  expect(postedTo('admin.audit')[1].input).toEqual({ before: `a-${100 - AUDIT_PAGE + 1}`, limit: AUDIT_PAGE })
  expect(screen.getByTestId('audit-end')).toHaveTextContent(`已显示全部 ${AUDIT_PAGE + 2} 条`)
  expect(screen.queryByTestId('load-more')).toBeNull()

  fireEvent.click(screen.getByTestId('subject-invites'))
  expect(await screen.findByText('还没有“邀请码”的操作记录')).toBeInTheDocument()
  expect(postedTo('admin.audit')[2].input).toEqual({ subject: 'invites', limit: AUDIT_PAGE })
})
