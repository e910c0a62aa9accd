import { useRef, useState, type ReactNode } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { User } from '@contract/accounts'
import { hasRole } from '@/services/session'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { PAGE, TAB } from '@/utils/routes'
import { formatDate } from '@/utils/date'
import { TOOLS, canUse, type ToolKey } from './routes'

export { canUse }
export { MAYBE_STORED } from '@/services/cloud'

/**
 * One submission at a time: `run` ignores calls while one is under way (a double tap sends once), and
 * `busy` drives the button's label.
 */
export function useSubmit(): { busy: boolean; run: (work: () => Promise<void>) => Promise<void> } {
  const running = useRef(false)
  const [busy, setBusy] = useState(false)
  const run = async (work: () => Promise<void>) => {
    if (running.current) return
    running.current = true
    setBusy(true)
    try {
      await work()
    } finally {
      running.current = false
      setBusy(false)
    }
  }
  return { busy, run }
}

/** Today's calendar day in China, YYYY-MM-DD. */
export function todayInChina(now: Date = new Date()): string {
  return formatDate(now.toISOString())
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** '周五' for a YYYY-MM-DD day (the weekday of the calendar day itself, whatever the device's zone). */
export function weekdayOf(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return ''
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return Number.isNaN(d.getTime()) ? '' : WEEKDAYS[d.getUTCDay()]
}

export function FieldError({ message, testId }: { message?: string; testId?: string }) {
  return message ? (
    <Text className='dt-field__error' data-testid={testId}>
      {message}
    </Text>
  ) : null
}

export function Switch({ on, onChange, label, testId }: { on: boolean; onChange: (on: boolean) => void; label: string; testId?: string }) {
  return (
    <View
      className={`dt-switch${on ? ' dt-switch--on' : ''}`}
      role='switch'
      aria-checked={on}
      aria-label={label}
      data-testid={testId}
      onClick={(e) => {
        e.stopPropagation?.()
        onChange(!on)
      }}
    >
      <View className='dt-switch__knob' />
    </View>
  )
}

/**
 * A calendar day: typed as YYYY-MM-DD (quick on a PC) or picked from the date wheel (quick on a phone).
 */
export function DateField(props: {
  value: string
  onChange: (value: string) => void
  label: string
  placeholder?: string
  start?: string
  end?: string
}) {
  const { value, onChange, label } = props
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value)
  return (
    <View className='dt-date'>
      <Input
        className='dt-input dt-date__input'
        value={value}
        maxlength={10}
        placeholder={props.placeholder ?? 'YYYY-MM-DD'}
        onInput={(e) => onChange(e.detail.value.trim())}
        aria-label={label}
      />
      <Picker
        mode='date'
        value={valid ? value : todayInChina()}
        start={props.start}
        end={props.end}
        onChange={(e) => onChange(String(e.detail.value))}
        aria-label={`${label}（日历）`}
      >
        <View className='dt-date__pick'>
          <Text>{valid ? weekdayOf(value) || '选择' : '选择'}</Text>
          <Text className='dt-date__arrow'> ›</Text>
        </View>
      </Picker>
    </View>
  )
}

interface NavItem {
  key: ToolKey | 'triage'
  label: string
  url: string
}

/** Links between the dispatcher's pages; the current one is marked. */
export function ToolsNav({ current, user }: { current: ToolKey | 'agenda'; user: User | null | undefined }) {
  const items: NavItem[] = []
  if (hasRole(user, 'dispatcher')) items.push({ key: 'triage', label: '调度台', url: PAGE.dispatcherTriage })
  if (canUse(user, 'settings')) items.push({ key: 'settings', label: '派单与时限', url: TOOLS.settings })
  if (canUse(user, 'similar')) items.push({ key: 'similar', label: '相似问题', url: TOOLS.similar })
  items.push({ key: 'sessions', label: '吐槽大会', url: TOOLS.sessions })
  if (items.length < 2 && current !== 'agenda') return null
  const go = (item: NavItem) => {
    if (item.key === current) return
    // the tools are siblings: swap pages instead of stacking them; the console is a page of its own
    if (item.key === 'triage') void Taro.navigateTo({ url: item.url })
    else void Taro.redirectTo({ url: item.url })
  }
  return (
    <View className='dt-nav' data-testid='tools-nav'>
      {items.map((item) => {
        const on = item.key === current || (current === 'agenda' && item.key === 'sessions')
        return (
          <Text
            key={item.key}
            className={`dt-nav__item${on ? ' dt-nav__item--on' : ''}`}
            aria-current={item.key === current ? 'page' : undefined}
            data-testid={`nav-${item.key}`}
            onClick={() => go(item)}
          >
            {item.label}
          </Text>
        )
      })}
    </View>
  )
}

/** Signed out, or a role the page is not for: what the page is and how to get in. */
export function NotAllowed({ title, subtitle, signedIn, who, description }: { title: string; subtitle: string; signedIn: boolean; who: string; description: string }) {
  return (
    <View className='page dt-page'>
      <PageHeader title={title} subtitle={subtitle} />
      <StateView
        empty
        emptyTitle={signedIn ? `当前身份不是${who}` : '请先登录'}
        emptyDescription={description}
        emptyAction={{ text: '去「我的」', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
      />
    </View>
  )
}

/**
 * A button drawn in our own 750-design px (NutUI's are drawn at 375 and do not grow with the page on a
 * PC): primary (red), plain (white with a border) or ghost.
 */
export function Btn({
  children,
  onClick,
  kind = 'primary',
  block,
  disabled,
  testId
}: {
  children: ReactNode
  onClick: () => void
  kind?: 'primary' | 'plain'
  block?: boolean
  disabled?: boolean
  testId?: string
}) {
  return (
    <View
      className={`dt-btn dt-btn--${kind}${block ? ' dt-btn--block' : ''}${disabled ? ' dt-btn--disabled' : ''}`}
      role='button'
      aria-disabled={disabled ? true : undefined}
      data-testid={testId}
      onClick={(e) => {
        e.stopPropagation?.()
        if (!disabled) onClick()
      }}
    >
      <Text>{children}</Text>
    </View>
  )
}

/**
 * The empty state of a list, in StateView's look, with our own button (StateView's NutUI button stays
 * 375-sized and looks tiny on a PC).
 */
export function EmptyState({
  title,
  description,
  action,
  mark = '空'
}: {
  title: string
  description: string
  action?: { text: string; onClick: () => void }
  /** The sign in the circle: 空 for nothing yet, ! for something that went wrong. */
  mark?: string
}) {
  return (
    <View className='state-view state-view--empty' data-state='empty'>
      <View className={`state-view__mark${mark === '!' ? ' state-view__mark--error' : ''}`}>{mark}</View>
      <Text className='state-view__title'>{title}</Text>
      <Text className='state-view__text'>{description}</Text>
      {action && (
        <View className='state-view__actions'>
          <Btn onClick={action.onClick}>{action.text}</Btn>
        </View>
      )}
    </View>
  )
}

/** A short explanation at the top of a tool: what it does and what happens when you act. */
export function Help({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <View className='dt-help' data-testid={testId}>
      {children}
    </View>
  )
}
