import { render, screen, fireEvent, within } from '@testing-library/react'
import { PROBLEM_EVENT_LABELS } from '@contract/problems'
import { ProblemDetailView } from '@/features/problems/ProblemDetailView'
import { MyProblems } from '@/features/problems/MyProblems'
import { HandlerInbox } from '@/features/problems/HandlerInbox'
import { formatDate, formatDateTime, formatMonthDay, shanghaiClock } from '@/utils/date'
import { navigateTo, request, switchTab } from '../stubs/taro'
import { errorBody, okBody, postedBody, resetAll, sampleDetail, signIn } from './helpers'

beforeEach(resetAll)

describe('诉求详情', () => {
  test('shows the problem and its history, newest first, in Shanghai time', async () => {
    signIn()
    request.mockResolvedValueOnce(okBody(sampleDetail))
    render(<ProblemDetailView id='p-1' />)
    expect(screen.getByText('正在加载…')).toBeInTheDocument()
    expect(await screen.findByText('新厂区急需招聘焊工')).toBeInTheDocument()
    expect(postedBody(0)).toMatchObject({ action: 'get', input: { id: 'p-1' } })
    expect(screen.getByText('SD20261125-0001')).toBeInTheDocument()
    expect(screen.getByText('待签收', { selector: '.status-tag' })).toHaveClass('status-tag--routed')
    expect(screen.getByText('用工招聘')).toBeInTheDocument()
    expect(screen.getByText(/派单依据：类别“用工招聘”/)).toBeInTheDocument()
    const items = screen.getAllByTestId('timeline-item')
    expect(items.map((i) => within(i).getAllByText(/.+/)[0].textContent)).toEqual([
      PROBLEM_EVENT_LABELS.routed,
      PROBLEM_EVENT_LABELS.filed
    ])
    expect(within(items[0]).getByText('派单至区民政和人力资源社会保障局')).toBeInTheDocument()
    expect(within(items[1]).getByText('2026-11-25 09:30')).toBeInTheDocument()
  })

  test('raised at a pairing activity: the row names the pair and the activity and opens it', async () => {
    signIn()
    const raisedAt = { activityId: 'act-9', activityTitle: '用工难题座谈会', pairingId: 'pair-2-murata', pairingTitle: '顺德图书馆党支部与村田智能公司党支部' }
    request.mockResolvedValueOnce(okBody({ ...sampleDetail, raisedAt }))
    render(<ProblemDetailView id='p-1' />)
    const row = await screen.findByTestId('raised-at')
    expect(row).toHaveTextContent('提出于顺德图书馆党支部与村田智能公司党支部「用工难题座谈会」')
    fireEvent.click(row)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/pairings/activity/index?id=act-9' })
  })

  test('station feedback shows its station instead of an enterprise', async () => {
    signIn()
    request.mockResolvedValueOnce(okBody({ ...sampleDetail, enterpriseId: '', enterpriseName: '', station: { id: 's-1', name: '大良德胜暖"新"驿站' } }))
    render(<ProblemDetailView id='p-1' />)
    expect(await screen.findByText('大良德胜暖"新"驿站')).toBeInTheDocument()
    expect(screen.getByText('站点')).toBeInTheDocument()
    expect(screen.queryByText('企业')).toBeNull()
    expect(screen.queryByTestId('raised-at')).toBeNull()
  })

  test('a failed load shows the message and 重试 loads again', async () => {
    signIn()
    request.mockResolvedValueOnce(errorBody(404, 'NOT_FOUND', '诉求不存在或无权查看')).mockResolvedValueOnce(okBody(sampleDetail))
    render(<ProblemDetailView id='p-1' />)
    expect(await screen.findByText('诉求不存在或无权查看')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '重试' }))
    expect(await screen.findByText('新厂区急需招聘焊工')).toBeInTheDocument()
    expect(request).toHaveBeenCalledTimes(2)
  })
})

describe('诉求 tab', () => {
  test('signed out: explains and leads to 我的', () => {
    render(<MyProblems />)
    expect(request).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: '去登录' }))
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
  })

  test('empty: explains how a 诉求 is handled, with the way to file one', async () => {
    signIn()
    request.mockResolvedValueOnce(okBody([]))
    render(<MyProblems />)
    expect(await screen.findByText('还没有提交过诉求')).toBeInTheDocument()
    expect(screen.getByText(/转给负责的部门/)).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: '提交第一条诉求' }))
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/file/index' })
  })

  test('lists my problems; a card opens its detail', async () => {
    signIn()
    request.mockResolvedValueOnce(okBody([sampleDetail]))
    render(<MyProblems />)
    const card = await screen.findByTestId('problem-card')
    expect(card).toHaveTextContent('SD20261125-0001')
    expect(card).toHaveTextContent('待签收')
    expect(card).toHaveTextContent('承办：区民政和人力资源社会保障局')
    expect(card).toHaveTextContent('2026-11-25 09:30')
    fireEvent.click(card)
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/problem/detail/index?id=p-1' })
  })
})

describe('部门待办', () => {
  test('not a handler: explains, loads nothing', () => {
    signIn()
    render(<HandlerInbox />)
    expect(screen.getByText('当前身份不是部门经办人')).toBeInTheDocument()
    expect(request).not.toHaveBeenCalled()
  })

  test('a handler sees the inbox', async () => {
    signIn({ token: 't', user: { id: 'h', name: '陈经办', roles: [{ role: 'handler', scopeId: 'hr', scopeName: '区人社局' }] } })
    request.mockResolvedValueOnce(okBody([sampleDetail]))
    render(<HandlerInbox />)
    expect(await screen.findByTestId('problem-card')).toHaveTextContent('美的集团')
    expect(postedBody(0)).toMatchObject({ action: 'inbox', input: { view: 'open' } })
    expect(screen.getByText('区人社局承办的企业诉求')).toBeInTheDocument()
  })
})


test('formatDateTime shows Shanghai local time whatever the zone of the input', () => {
  expect(formatDateTime('2026-11-24T16:05:00.000Z')).toBe('2026-11-25 00:05')
  expect(formatDateTime('2026-11-25T00:05:00+08:00')).toBe('2026-11-25 00:05')
  expect(formatDateTime(null)).toBe('')
  expect(formatDateTime('not a date')).toBe('')
  // a timestamp without a zone is UTC; across midnight and the year's end
  expect(formatDateTime('2026-11-25 08:00')).toBe('2026-11-25 16:00')
  expect(formatDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00')
})

test('formatDate, formatMonthDay and shanghaiClock read the Shanghai calendar', () => {
  expect(formatDate('2026-03-01')).toBe('2026-03-01')
  expect(formatDate('2026-11-24T16:05:00.000Z')).toBe('2026-11-25')
  expect(formatDate('2027-01-01T00:00:00-05:00')).toBe('2027-01-01')
  expect(formatDate('soon')).toBe('')
  expect(formatMonthDay('2026-11-24T16:05:00.000Z')).toBe('11月25日')
  expect(formatMonthDay(null)).toBe('')
  // Wednesday 2026-11-25 00:30 in Shanghai
  expect(shanghaiClock(new Date('2026-11-24T16:30:00Z'))).toEqual({ weekday: 3, minutes: 30 })
})
