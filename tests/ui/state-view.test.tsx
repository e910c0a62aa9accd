import { readFileSync } from 'fs'
import { resolve } from 'path'
import { render, screen, fireEvent } from '@testing-library/react'
import { PROBLEM_STATUS_LABELS, type ProblemStatus } from '@contract/problems'
import { StateView } from '@/components/StateView'
import { StatusTag } from '@/components/StatusTag'
import { CloudError } from '@/services/cloud'
import { switchTab, resetTaroStub } from '../stubs/taro'

beforeEach(resetTaroStub)

test('loading: a loading message and no content', () => {
  render(
    <StateView loading error={new CloudError('UNAVAILABLE', '网络不给力，请稍后重试')}>
      <span>内容</span>
    </StateView>
  )
  expect(screen.getByText('正在加载…')).toBeInTheDocument()
  expect(screen.queryByText('内容')).toBeNull()
  expect(screen.queryByText('网络不给力，请稍后重试')).toBeNull()
})

test('error: the Chinese message and 重试 calls onRetry', () => {
  const onRetry = jest.fn()
  render(
    <StateView error={new CloudError('UNAVAILABLE', '网络不给力，请稍后重试')} onRetry={onRetry} empty>
      <span>内容</span>
    </StateView>
  )
  expect(screen.getByText('网络不给力，请稍后重试')).toBeInTheDocument()
  expect(screen.queryByText('内容')).toBeNull()
  fireEvent.click(screen.getByRole('button', { name: '重试' }))
  expect(onRetry).toHaveBeenCalledTimes(1)
  expect(screen.queryByRole('button', { name: '去登录' })).toBeNull()
})

test('an expired sign-in also offers 去登录, which opens the 我的 tab', () => {
  render(<StateView error={new CloudError('UNAUTHENTICATED', '请先登录')} onRetry={() => undefined} />)
  fireEvent.click(screen.getByRole('button', { name: '去登录' }))
  expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' })
})

test('empty: title, explanation and the next step', () => {
  const next = jest.fn()
  render(
    <StateView empty emptyTitle='还没有诉求' emptyDescription='提交后会转给负责的部门' emptyAction={{ text: '提交诉求', onClick: next }}>
      <span>内容</span>
    </StateView>
  )
  expect(screen.getByText('还没有诉求')).toBeInTheDocument()
  expect(screen.getByText('提交后会转给负责的部门')).toBeInTheDocument()
  expect(screen.queryByText('内容')).toBeNull()
  fireEvent.click(screen.getByRole('button', { name: '提交诉求' }))
  expect(next).toHaveBeenCalledTimes(1)
})

test('otherwise: the children', () => {
  render(
    <StateView loading={false} error={null} empty={false}>
      <span>内容</span>
    </StateView>
  )
  expect(screen.getByText('内容')).toBeInTheDocument()
  expect(screen.queryByText('正在加载…')).toBeNull()
})

test('StatusTag: the contract label and a colour class for every status', () => {
  const css = readFileSync(resolve(__dirname, '../../src/components/StatusTag/index.css'), 'utf8')
  for (const [status, label] of Object.entries(PROBLEM_STATUS_LABELS)) {
    const { unmount } = render(<StatusTag status={status as ProblemStatus} />)
    const tag = screen.getByText(label)
    expect(tag).toHaveClass('status-tag', `status-tag--${status}`)
    expect(css).toMatch(new RegExp(`\\.status-tag--${status}\\s*\\{[^}]*color:`))
    unmount()
  }
})
