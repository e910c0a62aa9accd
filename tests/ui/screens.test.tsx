import { render, screen, fireEvent, waitFor, within } from '@testing-library/react'
import { PROBLEM_EVENT_LABELS } from '@contract/problems'
import type { Station } from '@contract/stations'
import { ProblemDetailView } from '@/features/problems/ProblemDetailView'
import { MyProblems } from '@/features/problems/MyProblems'
import { HandlerInbox } from '@/features/problems/HandlerInbox'
import { StationList } from '@/features/stations/StationList'
import { todayHours } from '@/features/stations/hours'
import { formatDateTime } from '@/utils/date'
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

const station: Station = {
  id: 's1',
  name: '北滘暖"新"驿站（美的大道）',
  type: 'warm',
  address: '北滘镇美的大道 6 号',
  townId: 'beijiao',
  townName: '北滘',
  lat: 22.92,
  lng: 113.2,
  open24h: false,
  hours: [null, { open: '08:00', close: '20:00' }, { open: '08:00', close: '20:00' }, { open: '08:00', close: '20:00' }, { open: '08:00', close: '20:00' }, { open: '08:00', close: '20:00' }, { open: '22:00', close: '02:00' }],
  amenities: ['water', 'charging', 'microwave'],
  phone: null,
  services: []
}

describe('驿站', () => {
  test('lists stations without sign-in; the type filter asks the server again', async () => {
    request.mockResolvedValueOnce(okBody([station])).mockResolvedValueOnce(okBody([]))
    render(<StationList />)
    const card = await screen.findByTestId('station-card')
    // the town is not repeated when the address starts with it
    expect(card).toHaveTextContent('北滘镇美的大道 6 号')
    expect(card).not.toHaveTextContent('北滘 · 北滘镇')
    expect(card).toHaveTextContent('饮水')
    expect(card).toHaveTextContent('热饭')
    expect(postedBody(0)).toMatchObject({ action: 'list', input: {} })
    expect(request.mock.calls[0][0].header?.Authorization).toBeUndefined()

    fireEvent.click(screen.getByTestId('filter-lab'))
    expect(await screen.findByText('暂无共享实验室')).toBeInTheDocument()
    expect(postedBody(1)).toMatchObject({ action: 'list', input: { type: 'lab' } })
    fireEvent.click(screen.getByRole('button', { name: '查看全部站点' }))
    await waitFor(() => expect(request).toHaveBeenCalledTimes(3))
  })

  test("today's hours in Shanghai time", () => {
    // 2026-11-23 is a Monday; 01:00Z = 09:00 in Shanghai
    expect(todayHours(station, new Date('2026-11-23T01:00:00Z'))).toEqual({ text: '今日 08:00–20:00', openNow: true })
    // 13:00Z Monday = 21:00 Monday in Shanghai: closed
    expect(todayHours(station, new Date('2026-11-23T13:00:00Z')).openNow).toBe(false)
    // Sunday 03:00 in Shanghai: closed all day
    expect(todayHours(station, new Date('2026-11-28T19:00:00Z'))).toEqual({ text: '今日休息', openNow: false })
    // Sunday 01:00 in Shanghai: still open from Saturday's night shift (22:00–02:00)
    expect(todayHours(station, new Date('2026-11-28T17:00:00Z'))).toEqual({ text: '今日休息', openNow: true })
    // Saturday 23:30 in Shanghai: the night shift runs past midnight
    expect(todayHours(station, new Date('2026-11-28T15:30:00Z')).openNow).toBe(true)
    expect(todayHours({ ...station, open24h: true }).text).toBe('24小时')
  })
})

test('formatDateTime shows Shanghai local time whatever the zone of the input', () => {
  expect(formatDateTime('2026-11-24T16:05:00.000Z')).toBe('2026-11-25 00:05')
  expect(formatDateTime('2026-11-25T00:05:00+08:00')).toBe('2026-11-25 00:05')
  expect(formatDateTime(null)).toBe('')
  expect(formatDateTime('not a date')).toBe('')
})
