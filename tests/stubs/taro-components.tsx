// Plain-DOM stand-ins for @tarojs/components: enough to test page logic with @testing-library/react.
// Taro events carry their value in `detail`; the stand-ins translate DOM events into that shape.
import { createElement, forwardRef, type ReactNode } from 'react'

const PASS = new Set(['id', 'style', 'role', 'title', 'tabIndex', 'disabled', 'placeholder', 'src', 'alt', 'children'])
const EVENTS = new Set(['onClick', 'onTouchStart', 'onTouchMove', 'onTouchEnd'])

function pick(rest: Record<string, unknown>) {
  const props: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(rest)) {
    if (PASS.has(k) || EVENTS.has(k) || k.startsWith('data-') || k.startsWith('aria-')) props[k] = v
  }
  return props
}

function host(tag: string, name: string) {
  const C = forwardRef<any, any>(({ className, type, ...rest }, ref) => {
    const props: any = { ref, className, 'data-taro': name, ...pick(rest) }
    if (type !== undefined) props['data-type'] = type
    return createElement(tag, props)
  })
  C.displayName = name
  return C
}

function field(tag: 'input' | 'textarea', name: string) {
  const C = forwardRef<any, any>(({ className, onInput, onBlur, value, maxlength, type, password, ...rest }, ref) => {
    const props: any = {
      ref,
      className,
      'data-taro': name,
      ...pick(rest),
      value: value ?? '',
      onChange: (e: any) => onInput?.({ detail: { value: e.target.value } }),
      onBlur: (e: any) => onBlur?.({ detail: { value: e.target.value } })
    }
    if (typeof maxlength === 'number' && maxlength >= 0) props.maxLength = maxlength
    if (tag === 'input') props.type = password ? 'password' : 'text'
    else if (type !== undefined) props['data-type'] = type
    return createElement(tag, props)
  })
  C.displayName = name
  return C
}

export const View = host('div', 'View')
export const Text = host('span', 'Text')
export const Button = host('button', 'Button')
export const Image = host('img', 'Image')
export const ScrollView = host('div', 'ScrollView')
export const Label = host('label', 'Label')
export const Input = field('input', 'Input')
export const Textarea = field('textarea', 'Textarea')
export const Block = ({ children }: { children?: ReactNode }) => <>{children}</>

/**
 * Picker (mode 'selector'): its children are what the user taps; the choice is a <select> the test
 * changes. onChange gets `{ detail: { value: index } }` like the real component.
 */
export const Picker = ({ children, range = [], rangeKey, value, onChange, disabled, 'aria-label': label, ...rest }: any) => {
  const labels: string[] = range.map((r: any) => (rangeKey && r && typeof r === 'object' ? String(r[rangeKey]) : String(r)))
  return (
    <div data-taro='Picker' {...pick(rest)}>
      {children}
      <select
        aria-label={label}
        data-testid={label ? `picker-${label}` : undefined}
        value={String(value ?? 0)}
        disabled={disabled}
        onChange={(e) => onChange?.({ detail: { value: Number(e.target.value) } })}
      >
        {labels.map((l, i) => (
          <option key={i} value={String(i)}>
            {l}
          </option>
        ))}
      </select>
    </div>
  )
}
