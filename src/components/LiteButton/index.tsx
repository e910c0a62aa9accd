import type { ReactNode } from 'react'
import { Button, type ITouchEvent } from '@tarojs/components'
import './index.css'

export interface LiteButtonProps {
  children: ReactNode
  onClick?: (e: ITouchEvent) => void
  /** primary: Party red; default: a quiet grey frame. */
  type?: 'primary' | 'default'
  /** For primary buttons: filled (the default) or outlined. */
  fill?: 'solid' | 'outline'
  size?: 'small' | 'normal' | 'large'
  /** The full width of its container. */
  block?: boolean
  /** Shown faded; taps do nothing. */
  disabled?: boolean
}

/**
 * A button that looks like NutUI's Button as the app themes it (app.css), for the tab pages. NutUI's Button
 * brings its whole stylesheet (every type, size and fill) and, for its loading spinner, the icon stylesheet:
 * about 25 KB that the main package cannot spare (issue #7: at most 1.5× a bare Taro app). These few rules
 * draw the variants the tab pages use; subpackage pages keep NutUI's Button.
 *
 * It is Taro's Button underneath (a real button: WeChat's native one, taro-button-core on H5), with the
 * native frame and margins reset.
 */
export function LiteButton({ children, onClick, type = 'default', fill = 'solid', size = 'normal', block, disabled }: LiteButtonProps) {
  const look = type === 'primary' ? `lite-btn--primary-${fill}` : 'lite-btn--default'
  const className = `lite-btn ${look} lite-btn--${size}${block ? ' lite-btn--block' : ''}${disabled ? ' lite-btn--disabled' : ''}`
  return (
    <Button
      className={className}
      hoverClass={disabled ? 'none' : 'lite-btn--pressed'}
      aria-disabled={disabled ? true : undefined}
      onClick={(e) => {
        if (!disabled) onClick?.(e)
      }}
    >
      {children}
    </Button>
  )
}

export default LiteButton
