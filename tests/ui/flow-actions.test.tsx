import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { FlowActionType, ProblemDetail } from '@contract/problems'
import type { Session } from '@contract/accounts'
import { ProblemDetailView } from '@/features/problems/ProblemDetailView'
import { showToast } from '../stubs/taro'
import { answerBy, detailWith, errorBody, hoursFromNow, okBody, postedTo, resetAll, sampleDetail, signIn } from './helpers'

beforeEach(resetAll)

const handler: Session = {
  token: 'tok-handler',
  user: { id: 'u-h', name: '何嘉欣', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区民政和人力资源社会保障局' }] }
}
const dispatcher: Session = { token: 'tok-d', user: { id: 'u-d', name: '黄振华', roles: [{ role: 'dispatcher', scopeId: null, scopeName: null }] } }

const departments = [
  { id: 'dispatch', name: '区委社会工作部（两新工委）调度中心', matters: '' },
  { id: 'hr', name: '区民政和人力资源社会保障局', matters: '' },
  { id: 'economy', name: '区经济促进局', matters: '' },
  { id: 'finance', name: '区金融工作部门', matters: '' }
]

/** Opens the detail page of `detail`; `act` answers problems.act. */
async function openDetail(detail: ProblemDetail, act?: Parameters<typeof answerBy>[0][string]) {
  answerBy({
    'problems.get': okBody(detail),
    'catalog.bootstrap': okBody({ departments, towns: [], chains: [] }),
    ...(act ? { 'problems.act': act } : {})
  })
  render(<ProblemDetailView id={detail.id} />)
  await screen.findByText(detail.title)
}

const barLabels = () => {
  const bar = screen.queryByTestId('action-bar')
  return bar ? within(bar).getAllByRole('button').map((b) => b.textContent) : []
}

const sheet = () => screen.getByTestId('action-sheet')
const submitSheet = () => fireEvent.click(within(screen.getByTestId('sheet-submit')).getByRole('button'))
const pick = (label: string) => fireEvent.click(within(screen.getByTestId('action-bar')).getByRole('button', { name: label }))

describe('the action bar shows exactly what detail.actions lists', () => {
  const cases: [string, FlowActionType[], string[]][] = [
    ['a routed problem, for its lead unit', ['accept', 'return'], ['签收', '退单']],
    ['an accepted problem, for its lead unit', ['return', 'request_co', 'reply', 'request_extension'], ['答复', '发起会办', '申请延期', '退单']],
    ['a replied problem, for the filer', ['evaluate'], ['确认已解决并评价', '未解决，申请重办']],
    ['the dispatcher on a returned problem', ['reroute', 'insist', 'supervise'], ['转办', '维持原派单', '督办']],
    [
      'the dispatcher with a pending extension and a co-handler',
      ['reroute', 'request_co', 'cancel_co', 'approve_extension', 'refuse_extension', 'supervise'],
      ['转办', '同意延期', '不同意延期', '发起会办', '撤销会办', '督办']
    ],
    ['a co-handler', ['co_accept'], ['会办签收']]
  ]
  test.each(cases)('%s', async (_name, actions, labels) => {
    signIn(handler)
    await openDetail(detailWith({ status: 'accepted', actions }))
    expect(barLabels()).toEqual(labels)
  })

  test('nothing listed, no bar — even on a replied problem seen by its filer', async () => {
    signIn()
    await openDetail(detailWith({ status: 'replied', actions: [] }))
    expect(screen.queryByTestId('action-bar')).toBeNull()
    expect(screen.queryByRole('button', { name: '确认已解决并评价' })).toBeNull()
  })
})

describe('评价', () => {
  const replied = detailWith({
    status: 'replied',
    actions: ['evaluate'],
    lead: { ...sampleDetail.lead!, acceptedAt: '2026-11-25T02:00:00.000Z', repliedAt: '2026-11-26T02:00:00.000Z', reply: '已对接 12 月 3 日专场招聘会。' }
  })

  test('已解决 needs a rating: nothing is sent without one; with 5 stars the problem closes', async () => {
    signIn()
    const closed = detailWith({ ...replied, status: 'closed', actions: [], solved: true, rating: 5 })
    await openDetail(replied, okBody(closed))
    pick('确认已解决并评价')
    expect(within(sheet()).getByText('确认已解决并评价')).toBeInTheDocument()
    submitSheet()
    expect(await within(sheet()).findByText('确认解决时请打分（1–5 星）')).toBeInTheDocument()
    expect(postedTo('problems.act')).toHaveLength(0)

    fireEvent.click(screen.getByTestId('star-5'))
    expect(within(sheet()).queryByText('确认解决时请打分（1–5 星）')).toBeNull()
    fireEvent.change(screen.getByLabelText('评价'), { target: { value: '对接很及时' } })
    submitSheet()
    await waitFor(() => expect(screen.queryByTestId('action-sheet')).toBeNull())
    const [body] = postedTo('problems.act')
    expect(body.input).toEqual({ id: 'p-1', action: { type: 'evaluate', solved: true, rating: 5, comment: '对接很及时' } })
    expect(body.requestId).toBeTruthy()
    // the page shows what the server answered: closed, solved, 5 stars, no more actions
    expect(screen.getByText('已办结', { selector: '.status-tag' })).toBeInTheDocument()
    expect(screen.getByTestId('verdict')).toHaveTextContent('已解决')
    expect(screen.queryByTestId('action-bar')).toBeNull()
    expect(showToast).toHaveBeenCalledWith({ title: '已确认解决', icon: 'success' })
  })

  test('未解决 needs a word on what is still wrong, and sends solved: false', async () => {
    signIn()
    await openDetail(replied, okBody(detailWith({ ...replied, status: 'reopened', actions: [], solved: false, reopenCount: 1 })))
    pick('未解决，申请重办')
    expect(screen.queryByTestId('star-1')).toBeNull()
    submitSheet()
    expect(await within(sheet()).findByText('请说明哪里还没解决（至少 4 个字）')).toBeInTheDocument()
    expect(postedTo('problems.act')).toHaveLength(0)
    fireEvent.change(screen.getByLabelText('尚未解决的情况'), { target: { value: '招聘会只来了 3 名焊工' } })
    submitSheet()
    await waitFor(() => expect(postedTo('problems.act')).toHaveLength(1))
    expect(postedTo('problems.act')[0].input.action).toEqual({ type: 'evaluate', solved: false, comment: '招聘会只来了 3 名焊工' })
    expect(await screen.findByText('重办中', { selector: '.status-tag' })).toBeInTheDocument()
  })
})

describe('refusals and retries', () => {
  const accepted = detailWith({ status: 'accepted', actions: ['reply', 'return'] })

  test('a CONFLICT refusal shows its message and reloads the problem behind the sheet', async () => {
    signIn(handler)
    await openDetail(accepted, errorBody(409, 'CONFLICT', '会办单位尚未全部答复（economy），暂不能答复'))
    pick('答复')
    fireEvent.change(screen.getByLabelText('答复内容'), { target: { value: '已联系企业，安排 12 月 3 日专场招聘会。' } })
    submitSheet()
    expect(await screen.findByTestId('action-failure')).toHaveTextContent('会办单位尚未全部答复（economy），暂不能答复')
    await waitFor(() => expect(postedTo('problems.get')).toHaveLength(2))
    // still open so the message can be read; nothing changed on the page
    expect(screen.getByTestId('action-sheet')).toBeInTheDocument()
    expect(showToast).not.toHaveBeenCalled()
  })

  test('the schema is checked before sending: a short 退单理由 gets its Chinese message', async () => {
    signIn(handler)
    await openDetail(accepted)
    pick('退单')
    fireEvent.change(screen.getByLabelText('退单理由'), { target: { value: '不对' } })
    submitSheet()
    expect(await within(sheet()).findByText('退单理由至少 4 个字')).toBeInTheDocument()
    expect(postedTo('problems.act')).toHaveLength(0)
  })

  test("the server's VALIDATION fields ('action.reason') show under the field", async () => {
    signIn(handler)
    await openDetail(accepted, errorBody(400, 'VALIDATION', '提交的内容有误', { 'action.reason': '退单理由不能只写标点' }))
    pick('退单')
    fireEvent.change(screen.getByLabelText('退单理由'), { target: { value: '。。。。。' } })
    submitSheet()
    expect(await within(sheet()).findByText('退单理由不能只写标点')).toBeInTheDocument()
    expect(screen.getByTestId('action-failure')).toHaveTextContent('提交的内容有误')
  })

  test('after a network failure the retry reuses the requestId; after a refusal the next submission gets a new one', async () => {
    signIn(handler)
    let calls = 0
    await openDetail(accepted, () => {
      calls++
      if (calls === 1) throw new TypeError('Failed to fetch')
      if (calls === 2) return errorBody(400, 'VALIDATION', '提交的内容有误', { 'action.reason': '请写明应由哪个单位承办' })
      return okBody(detailWith({ status: 'returned', actions: [], returnCount: 1 }))
    })
    pick('退单')
    fireEvent.change(screen.getByLabelText('退单理由'), { target: { value: '不属于本单位职责' } })
    submitSheet()
    expect(await screen.findByText('网络不给力，请稍后重试')).toBeInTheDocument()
    expect(screen.getByText('可直接再次提交，不会重复办理')).toBeInTheDocument()
    submitSheet()
    expect(await within(sheet()).findByText('请写明应由哪个单位承办')).toBeInTheDocument()
    fireEvent.change(screen.getByLabelText('退单理由'), { target: { value: '属于区经济促进局职责' } })
    submitSheet()
    await waitFor(() => expect(screen.queryByTestId('action-sheet')).toBeNull())
    const [first, retry, next] = postedTo('problems.act')
    expect(first.requestId).toBeTruthy()
    expect(retry.requestId).toBe(first.requestId)
    expect(next.requestId).toBeTruthy()
    expect(next.requestId).not.toBe(first.requestId)
    expect(next.input.action).toEqual({ type: 'return', reason: '属于区经济促进局职责' })
    expect(await screen.findByText('退单待调度', { selector: '.status-tag' })).toBeInTheDocument()
    expect(showToast).toHaveBeenCalledWith({ title: '已退单', icon: 'success' })
  })
})

describe('department pickers', () => {
  test('转办 lists the other units (suggestions first) and sends the chosen one', async () => {
    signIn(dispatcher)
    const returned = detailWith({
      status: 'returned',
      actions: ['reroute', 'insist'],
      suggestions: [{ departmentId: 'economy', departmentName: '区经济促进局', confidence: 0.62 }]
    })
    await openDetail(returned, okBody(detailWith({ status: 'routed', leadDepartmentId: 'economy', leadDepartmentName: '区经济促进局', actions: ['reroute'] })))
    pick('转办')
    await screen.findByTestId('dept-finance')
    // the current lead is not offered
    expect(screen.queryByTestId('dept-hr')).toBeNull()
    expect(screen.getByTestId('dept-economy')).toHaveTextContent('62%')
    submitSheet()
    expect(await within(sheet()).findByText('请选择部门')).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('dept-economy'))
    submitSheet()
    await waitFor(() => expect(postedTo('problems.act')).toHaveLength(1))
    expect(postedTo('problems.act')[0].input.action).toEqual({ type: 'reroute', departmentId: 'economy' })
  })

  test('发起会办 sends several departments', async () => {
    signIn(handler)
    await openDetail(detailWith({ status: 'accepted', actions: ['request_co', 'reply'] }), okBody(detailWith({ status: 'accepted', actions: [] })))
    pick('发起会办')
    fireEvent.click(await screen.findByTestId('dept-economy'))
    fireEvent.click(screen.getByTestId('dept-finance'))
    fireEvent.change(screen.getByLabelText('会办事由'), { target: { value: '涉及稳岗补贴与贷款贴息' } })
    submitSheet()
    await waitFor(() => expect(postedTo('problems.act')).toHaveLength(1))
    expect(postedTo('problems.act')[0].input.action).toEqual({
      type: 'request_co',
      departmentIds: ['economy', 'finance'],
      reason: '涉及稳岗补贴与贷款贴息'
    })
  })
})

describe('the thread', () => {
  test('deadlines as 月日, red when overdue; supervision count; lead and co-handlers with their own status', async () => {
    signIn(handler)
    const lead = {
      ...sampleDetail.lead!,
      acceptedAt: '2026-11-25T02:00:00.000Z',
      replyDue: { date: '2026-12-02', at: hoursFromNow(-5), uncertain: false, basis: { start: '2026-11-25', workdays: 5 } }
    }
    const co = (departmentId: string, departmentName: string, status: 'pending' | 'replied', reply: string | null) => ({
      departmentId,
      departmentName,
      status,
      requestedAt: '2026-11-26T02:00:00.000Z',
      acceptDue: { date: '2026-11-27', at: hoursFromNow(10), uncertain: false, basis: { start: '2026-11-26', workdays: 1 } },
      replyDue: { date: '2026-12-03', at: hoursFromNow(100), uncertain: false, basis: { start: '2026-11-26', workdays: 5 } },
      acceptedAt: null,
      repliedAt: reply ? '2026-11-27T02:00:00.000Z' : null,
      reply,
      extensionDays: 0
    })
    await openDetail(
      detailWith({
        status: 'accepted',
        overdue: true,
        supervisionLevel: 2,
        anonymous: true,
        filerName: '匿名',
        lead,
        coHandlers: [co('economy', '区经济促进局', 'pending', null), co('finance', '区金融工作部门', 'replied', '可申请稳岗贷款贴息。')],
        supervision: [
          { key: 'k1', kind: 'reply_overdue', departmentId: 'hr', dueAt: lead.replyDue.at, at: hoursFromNow(-1), note: '答复超期' },
          { key: 'k2', kind: 'manual', departmentId: 'hr', dueAt: null, at: hoursFromNow(-0.5), note: '请今天答复企业' }
        ],
        actions: ['request_extension']
      })
    )
    const head = screen.getByTestId('detail-dues')
    const replyDue = within(head).getByTestId('due-reply')
    expect(replyDue).toHaveTextContent('12月2日前答复')
    expect(replyDue).toHaveAttribute('data-tone', 'overdue')
    expect(replyDue).toHaveClass('due--overdue')
    expect(within(head).queryByTestId('due-accept')).toBeNull()
    expect(screen.getByTestId('supervised-count')).toHaveTextContent('已督办 2 次')
    expect(screen.getByTestId('anonymous')).toHaveTextContent('匿名')

    const cos = screen.getAllByTestId('unit-co')
    expect(cos[0]).toHaveTextContent('区经济促进局')
    expect(cos[0]).toHaveTextContent('待签收')
    expect(within(cos[0]).getByTestId('due-accept')).toHaveTextContent('11月27日前签收')
    expect(within(cos[0]).getByTestId('due-accept')).toHaveAttribute('data-tone', 'soon')
    expect(cos[1]).toHaveTextContent('已答复')
    expect(cos[1]).toHaveTextContent('可申请稳岗贷款贴息。')
    expect(screen.getAllByTestId('supervision')).toHaveLength(2)
  })
})
