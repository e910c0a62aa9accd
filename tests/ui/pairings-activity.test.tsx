import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import type { ActivityDetail } from '@contract/pairings'
import { ActivityView } from '@/features/pairings/ActivityView'
import { AttendView, codeFrom } from '@/features/pairings/AttendView'
import { expiryText } from '@/features/pairings/ActivityTools'
import { chinaToday } from '@/features/pairings/dates'
import { ENV_TYPE, getEnv, navigateTo, previewImage, redirectTo, request, scanCode, switchTab } from '../stubs/taro'
import { answerBy, detailWith, errorBody, okBody, postedTo, resetAll, signIn } from './helpers'

beforeEach(resetAll)

const activity = (changes: Partial<ActivityDetail> = {}): ActivityDetail => ({
  id: 'act-1',
  pairingId: 'pair-2-murata',
  pairingTitle: '顺德图书馆党支部 ⇄ 村田智能公司党支部',
  type: 'lecture',
  title: '书香进厂区共上党课',
  heldOn: '2026-11-20',
  place: '村田智能公司党群服务中心',
  summary: '图书馆党支部书记为企业党员讲授专题党课，并赠送党建书籍。',
  cover: { id: 'ph-1', url: '/api/files/ph-1' },
  photoCount: 2,
  attendance: 26,
  problemsRaised: 0,
  photos: [
    { id: 'ph-1', url: '/api/files/ph-1' },
    { id: 'ph-2', url: '/api/files/ph-2' }
  ],
  createdByName: '陈晓敏',
  canManage: false,
  attended: false,
  attendedAt: null,
  problems: [],
  ...changes
})

const development = (changes: Partial<ActivityDetail> = {}) =>
  activity({
    type: 'development',
    title: '共商发展难题座谈会',
    canManage: true,
    problemsRaised: 1,
    problems: [{ id: 'p-7', number: 'SD20261112-0003', title: '厂区周边公交班次太少', status: 'accepted', solved: null }],
    ...changes
  })

describe('活动页面', () => {
  test('a member sees the photos, what, when and where, how many signed in, and 我要签到', async () => {
    signIn()
    answerBy({ 'pairings.activity': okBody(activity()) })
    render(<ActivityView id='act-1' />)
    const info = await screen.findByTestId('activity-info')
    expect(postedTo('pairings.activity')[0].input).toEqual({ id: 'act-1' })
    expect(within(info).getByTestId('activity-type')).toHaveTextContent('共上党课')
    expect(within(info).getByText('书香进厂区共上党课')).toBeInTheDocument()
    expect(within(info).getByTestId('activity-date')).toHaveTextContent('2026年11月20日')
    expect(within(info).getByText('村田智能公司党群服务中心')).toBeInTheDocument()
    expect(within(info).getByText(/讲授专题党课/)).toBeInTheDocument()
    expect(screen.getByTestId('attendance')).toHaveTextContent('26')
    const photos = screen.getAllByTestId('activity-photo')
    expect(photos).toHaveLength(2)
    fireEvent.click(photos[1])
    expect(previewImage).toHaveBeenCalledWith({ current: '/api/files/ph-2', urls: ['/api/files/ph-1', '/api/files/ph-2'] })
    expect(screen.queryByTestId('attendance-panel')).toBeNull()
    expect(screen.queryByTestId('raise-problem')).toBeNull()
    fireEvent.click(screen.getByTestId('go-attend'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/attend/index' })
    fireEvent.click(screen.getByTestId('activity-pair'))
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/pairings/detail/index?id=pair-2-murata' })
  })

  test('someone who signed in already sees so instead of the button', async () => {
    signIn()
    answerBy({ 'pairings.activity': okBody(activity({ attended: true })) })
    render(<ActivityView id='act-1' />)
    expect(await screen.findByTestId('attended')).toHaveTextContent('您已签到')
    expect(screen.queryByTestId('go-attend')).toBeNull()
  })

  test('the organiser shows the sign-in code: a big QR with its expiry; a refusal is explained', async () => {
    signIn()
    const expiresAt = `${chinaToday()}T12:00:00.000Z` // 20:00 in China
    let n = 0
    answerBy({
      'pairings.activity': okBody(activity({ canManage: true })),
      'pairings.attendanceCode': () =>
        ++n === 1 ? errorBody(409, 'CONFLICT', '签到码只在活动当天（11月20日）可用') : okBody({ token: 'att-1.abc.sig', qrImage: 'data:image/png;base64,iVBORw0KGgo=', expiresAt })
    })
    render(<ActivityView id='act-1' />)
    fireEvent.click(await screen.findByTestId('show-attendance-code'))
    expect(await screen.findByTestId('code-error')).toHaveTextContent('签到码只在活动当天（11月20日）可用')
    expect(screen.queryByTestId('go-attend')).toBeNull()
    fireEvent.click(screen.getByTestId('show-attendance-code'))
    expect(await screen.findByTestId('attendance-qr')).toHaveAttribute('src', 'data:image/png;base64,iVBORw0KGgo=')
    expect(postedTo('pairings.attendanceCode')[1].input).toEqual({ id: 'act-1' })
    expect(screen.getByTestId('code-expiry')).toHaveTextContent('今天 20:00 前有效')
    expect(screen.getByTestId('attendance-token')).toHaveTextContent('att-1.abc.sig')
    expect(screen.queryByTestId('code-error')).toBeNull()
  })

  test('共商发展难题: the raised problems with their states, each opening its detail', async () => {
    signIn()
    answerBy({
      'pairings.activity': okBody(
        development({
          problems: [
            { id: 'p-7', number: 'SD20261112-0003', title: '厂区周边公交班次太少', status: 'accepted', solved: null },
            { id: 'p-8', number: 'SD20261112-0004', title: '新厂房消防验收排期', status: 'closed', solved: true }
          ]
        })
      )
    })
    render(<ActivityView id='act-1' />)
    const rows = await screen.findAllByTestId('raised-problem')
    expect(screen.getByTestId('problem-count')).toHaveTextContent('2 件')
    expect(within(rows[0]).getByText('办理中', { selector: '.status-tag' })).toHaveClass('status-tag--accepted')
    expect(within(rows[1]).getByText('已办结', { selector: '.status-tag' })).toBeInTheDocument()
    expect(within(rows[1]).getByText('已解决')).toBeInTheDocument()
    fireEvent.click(rows[0])
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/problem/detail/index?id=p-7' })
  })

  test('提出问题: checked before sending, then in the list at once, linked to its detail', async () => {
    signIn()
    answerBy({
      'pairings.activity': okBody(development()),
      'pairings.raiseProblem': (input) => okBody(detailWith({ id: 'p-9', number: 'SD20261120-0001', title: input.title, status: 'routed', solved: null }))
    })
    render(<ActivityView id='act-1' />)
    fireEvent.click(await screen.findByTestId('raise-problem'))
    const form = screen.getByTestId('raise-form')
    fireEvent.click(within(form).getByTestId('raise-submit'))
    expect(within(form).getAllByTestId('field-error').map((e) => e.textContent)).toEqual(['标题至少 4 个字', '问题描述至少 10 个字', '请选择问题类别'])
    expect(postedTo('pairings.raiseProblem')).toHaveLength(0)

    fireEvent.change(within(form).getByLabelText('问题标题'), { target: { value: '新厂区急需招聘焊工' } })
    fireEvent.change(within(form).getByLabelText('问题描述'), { target: { value: '新厂区下月投产，焊工缺口 50 人，希望对接招聘会。' } })
    fireEvent.change(within(form).getByTestId('picker-问题类别'), { target: { value: '0' } })
    fireEvent.click(within(form).getByTestId('raise-submit'))

    await waitFor(() => expect(screen.getAllByTestId('raised-problem')).toHaveLength(2))
    const [sent] = postedTo('pairings.raiseProblem')
    expect(sent.input).toEqual({ activityId: 'act-1', title: '新厂区急需招聘焊工', content: '新厂区下月投产，焊工缺口 50 人，希望对接招聘会。', category: 'recruitment' })
    expect(sent.requestId).toBeTruthy()
    expect(screen.queryByTestId('raise-form')).toBeNull()
    const added = screen.getAllByTestId('raised-problem')[1]
    expect(added).toHaveTextContent('SD20261120-0001')
    expect(within(added).getByText('待签收', { selector: '.status-tag' })).toBeInTheDocument()
    fireEvent.click(added)
    expect(navigateTo).toHaveBeenLastCalledWith({ url: '/packages/problem/detail/index?id=p-9' })
  })

  test('提出问题 after a network failure is sent again with the same request id; a refusal is shown', async () => {
    signIn()
    let n = 0
    answerBy({
      'pairings.activity': okBody(development({ problems: [] })),
      'pairings.raiseProblem': () => (++n === 1 ? { statusCode: 0, data: '' } : errorBody(403, 'FORBIDDEN', '只有活动组织者可以提出问题'))
    })
    render(<ActivityView id='act-1' />)
    expect(await screen.findByTestId('problems-none')).toHaveTextContent('还没有提出问题')
    fireEvent.click(screen.getByTestId('raise-problem'))
    fireEvent.change(screen.getByLabelText('问题标题'), { target: { value: '新厂区急需招聘焊工' } })
    fireEvent.change(screen.getByLabelText('问题描述'), { target: { value: '新厂区下月投产，焊工缺口 50 人。' } })
    fireEvent.change(screen.getByTestId('picker-问题类别'), { target: { value: '2' } })
    fireEvent.click(screen.getByTestId('raise-submit'))
    expect(await screen.findByTestId('form-failure')).toHaveTextContent('可直接再次提交，不会重复登记')
    fireEvent.click(screen.getByTestId('raise-submit'))
    await waitFor(() => expect(screen.getByTestId('form-failure')).toHaveTextContent('只有活动组织者可以提出问题'))
    const ids = postedTo('pairings.raiseProblem').map((b) => b.requestId)
    expect(ids).toHaveLength(2)
    expect(ids[1]).toBe(ids[0])
    expect(postedTo('pairings.raiseProblem')[0].input.category).toBe('financing')
  })

  test('only 共商发展难题 raises problems; a missing activity shows the refusal', async () => {
    signIn()
    answerBy({ 'pairings.activity': okBody(activity({ canManage: true })) })
    const { unmount } = render(<ActivityView id='act-1' />)
    await screen.findByTestId('attendance-panel')
    expect(screen.queryByTestId('raise-problem')).toBeNull()
    expect(screen.queryByText('提出的问题')).toBeNull()
    unmount()
    answerBy({ 'pairings.activity': errorBody(404, 'NOT_FOUND', '活动不存在') })
    render(<ActivityView id='nope' />)
    expect(await screen.findByText('活动不存在')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: '重试' })).toBeInTheDocument()
  })
})

describe('活动签到', () => {
  const attended = (changes: Partial<ActivityDetail> = {}, alreadyAttended = false) =>
    okBody({ activity: activity({ attended: true, attendance: 27, ...changes }), alreadyAttended })

  test('signed out: explains, offers sign-in, sends nothing even with a code', () => {
    render(<AttendView code='att-1.abc.sig' />)
    expect(screen.getByText('登录后才能签到')).toBeInTheDocument()
    expect(screen.getByText(/登录后请重新扫描签到码/)).toBeInTheDocument()
    fireEvent.click(screen.getByTestId('attend-sign-in'))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
    expect(request).not.toHaveBeenCalled()
  })

  test('a code in the link is sent at once: 签到成功 with the activity; an earlier sign-in reads 已签到过', async () => {
    signIn()
    answerBy({ 'pairings.attend': attended() })
    const { unmount } = render(<AttendView code='att-1.abc.sig' />)
    const result = await screen.findByTestId('attend-result')
    expect(result).toHaveAttribute('data-kind', 'ok')
    expect(result).toHaveTextContent('签到成功')
    expect(screen.getByTestId('attend-title')).toHaveTextContent('书香进厂区共上党课')
    expect(screen.getByTestId('attend-count')).toHaveTextContent('已有 27 人签到')
    expect(postedTo('pairings.attend')[0].input).toEqual({ code: 'att-1.abc.sig' })
    expect(postedTo('pairings.attend')[0].requestId).toBeTruthy()
    fireEvent.click(screen.getByTestId('open-activity'))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/pairings/activity/index?id=act-1' })
    unmount()

    // the server says when the person had signed in before
    answerBy({ 'pairings.attend': attended({}, true) })
    render(<AttendView code='att-1.abc.sig' />)
    const again = await screen.findByTestId('attend-result')
    expect(again).toHaveAttribute('data-kind', 'again')
    expect(again).toHaveTextContent('已签到过')
  })

  test('H5: no scanner, a code box; a short code is refused before sending; a refusal is shown with the way to try again', async () => {
    signIn()
    answerBy({ 'pairings.attend': errorBody(409, 'CONFLICT', '签到码已过期，请组织者重新出示') })
    render(<AttendView />)
    expect(screen.queryByTestId('scan-code')).toBeNull()
    fireEvent.change(screen.getByLabelText('签到码'), { target: { value: 'abc' } })
    fireEvent.click(screen.getByTestId('attend-submit'))
    expect(screen.getByTestId('attend-code-error')).toHaveTextContent('签到码不完整')
    expect(request).not.toHaveBeenCalled()

    fireEvent.change(screen.getByLabelText('签到码'), { target: { value: '  att-1.abc.sig  ' } })
    fireEvent.click(screen.getByTestId('attend-submit'))
    const result = await screen.findByTestId('attend-result')
    expect(result).toHaveAttribute('data-kind', 'refused')
    expect(screen.getByTestId('attend-message')).toHaveTextContent('签到码已过期，请组织者重新出示')
    expect(postedTo('pairings.attend')[0].input).toEqual({ code: 'att-1.abc.sig' })
    fireEvent.click(screen.getByTestId('attend-again'))
    expect(screen.queryByTestId('attend-result')).toBeNull()
    expect(screen.getByLabelText('签到码')).toBeInTheDocument()
  })

  test('WeChat: 扫码签到 opens the scanner; a link in the QR gives its code; cancelling sends nothing', async () => {
    signIn()
    getEnv.mockImplementation(() => ENV_TYPE.WEAPP)
    answerBy({ 'pairings.attend': attended() })
    render(<AttendView />)
    fireEvent.click(screen.getByTestId('scan-code'))
    await waitFor(() => expect(scanCode).toHaveBeenCalledTimes(1))
    expect(request).not.toHaveBeenCalled()

    scanCode.mockResolvedValueOnce({ result: 'https://example.org/#/packages/pairings/attend/index?code=att-9.x%2By.sig' })
    fireEvent.click(screen.getByTestId('scan-code'))
    expect(await screen.findByTestId('attend-result')).toHaveTextContent('签到成功')
    expect(scanCode).toHaveBeenLastCalledWith({ onlyFromCamera: true, scanType: ['qrCode'] })
    expect(postedTo('pairings.attend')[0].input).toEqual({ code: 'att-9.x+y.sig' })
  })

  test('after a network failure the same code is sent again with the same request id', async () => {
    signIn()
    let n = 0
    answerBy({ 'pairings.attend': () => (++n === 1 ? { statusCode: 0, data: '' } : attended()) })
    render(<AttendView />)
    fireEvent.change(screen.getByLabelText('签到码'), { target: { value: 'att-1.abc.sig' } })
    fireEvent.click(screen.getByTestId('attend-submit'))
    expect(await screen.findByTestId('attend-message')).toHaveTextContent('网络不给力，请稍后重试')
    fireEvent.click(screen.getByTestId('attend-again'))
    fireEvent.change(screen.getByLabelText('签到码'), { target: { value: 'att-1.abc.sig' } })
    fireEvent.click(screen.getByTestId('attend-submit'))
    expect(await screen.findByText('签到成功')).toBeInTheDocument()
    const ids = postedTo('pairings.attend').map((b) => b.requestId)
    expect(ids[1]).toBe(ids[0])
  })

  test('codeFrom and expiryText', () => {
    expect(codeFrom('  att-1.abc.sig ')).toBe('att-1.abc.sig')
    expect(codeFrom('/packages/pairings/attend/index?code=a%2Fb&x=1')).toBe('a/b')
    const now = new Date('2026-11-20T02:00:00Z')
    expect(expiryText('2026-11-20T15:59:00Z', now)).toBe('今天 23:59')
    // a code valid to the end of the day reads 今天 24:00, not the next day's 00:00
    expect(expiryText('2026-11-20T16:00:00Z', now)).toBe('今天 24:00')
    expect(expiryText('2026-11-20T16:30:00Z', now)).toBe('2026年11月21日 00:30')
  })
})
