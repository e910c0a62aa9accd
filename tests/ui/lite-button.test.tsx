import { render, screen, fireEvent } from '@testing-library/react'
import { LiteButton } from '@/components/LiteButton'

test('the look follows type, fill, size and block, as NutUI names them', () => {
  render(
    <>
      <LiteButton type='primary' size='large'>
        提交诉求
      </LiteButton>
      <LiteButton type='primary' fill='outline' size='small'>
        重试
      </LiteButton>
      <LiteButton block size='large'>
        退出登录
      </LiteButton>
    </>
  )
  expect(screen.getByRole('button', { name: '提交诉求' })).toHaveClass('lite-btn', 'lite-btn--primary-solid', 'lite-btn--large')
  expect(screen.getByRole('button', { name: '重试' })).toHaveClass('lite-btn--primary-outline', 'lite-btn--small')
  expect(screen.getByRole('button', { name: '退出登录' })).toHaveClass('lite-btn--default', 'lite-btn--large', 'lite-btn--block')
})

test('a tap calls onClick; a disabled button says so and ignores taps', () => {
  const onClick = jest.fn()
  const { rerender } = render(<LiteButton onClick={onClick}>我也遇到</LiteButton>)
  fireEvent.click(screen.getByRole('button', { name: '我也遇到' }))
  expect(onClick).toHaveBeenCalledTimes(1)
  rerender(
    <LiteButton onClick={onClick} disabled>
      我也遇到
    </LiteButton>
  )
  const button = screen.getByRole('button', { name: '我也遇到' })
  expect(button).toHaveAttribute('aria-disabled', 'true')
  expect(button).toHaveClass('lite-btn--disabled')
  fireEvent.click(button)
  expect(onClick).toHaveBeenCalledTimes(1)
})
