import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import type { Option } from '../console-types'

/** Past this many choices a search box comes first (dozens of departments, hundreds of people). */
const SEARCH_FROM = 8
/** Drawn at once; the rest are reached by searching, so a list of thousands stays quick. */
const SHOW_MAX = 60

export const matchesOption = (o: Option, q: string) => o.label.includes(q) || (o.sub ?? '').includes(q) || o.value === q

/** What a pick list says when there is nothing to pick from yet. */
export interface ListState {
  loading?: boolean
  failed?: string
  onRetry?: () => void
}

/**
 * One choice from a list, opened in place (no wheel: on a PC a click and a few typed characters are
 * quicker, and a phone scrolls it just as well). `clearable` names the empty choice (暂不指定).
 */
export function SelectControl({
  name,
  label,
  value,
  options,
  onChange,
  clearable,
  state = {}
}: {
  name: string
  label: string
  value: string
  options: Option[]
  onChange: (value: string) => void
  clearable?: string
  state?: ListState
}) {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const chosen = options.find((o) => o.value === value)

  if (state.loading) return <Text className='adm-static adm-placeholder'>正在读取{label}…</Text>
  if (state.failed) {
    return (
      <View className='adm-static' onClick={() => state.onRetry?.()} data-testid={`retry-${name}`}>
        <Text className='adm-placeholder'>{state.failed}</Text>
        <Text className='link'> 重试</Text>
      </View>
    )
  }

  const q = query.trim()
  const found = q ? options.filter((o) => matchesOption(o, q)) : options
  const shown = found.slice(0, SHOW_MAX)
  const pick = (v: string) => {
    onChange(v)
    setOpen(false)
    setQuery('')
  }

  return (
    <View className={`adc-select${open ? ' adc-select--open' : ''}`}>
      <View
        className='adm-picker'
        role='combobox'
        aria-expanded={open}
        aria-label={label}
        data-testid={`select-${name}`}
        onClick={() => setOpen(!open)}
      >
        {chosen ? (
          <Text className='adm-picker__text'>{chosen.label}</Text>
        ) : (
          <Text className='adm-picker__text adm-placeholder'>{value ? '（已不存在，请重新选择）' : clearable && !open ? clearable : `选择${label}`}</Text>
        )}
        <Text className='adm-picker__arrow'>{open ? '收起 ▴' : '▾'}</Text>
      </View>
      {open && (
        <View className='adc-dropdown' data-testid={`dropdown-${name}`}>
          {options.length > SEARCH_FROM && (
            <Input
              className='adm-input adm-search adc-dropdown__search'
              value={query}
              focus
              maxlength={30}
              placeholder={`输入名称搜索（共 ${options.length} 个）`}
              onInput={(e) => setQuery(e.detail.value)}
              aria-label={`搜索${label}`}
            />
          )}
          <View className='adc-dropdown__list' role='listbox' aria-label={label}>
            {clearable && !q && (
              <View className={`adc-option adc-option--clear${value ? '' : ' adc-option--on'}`} role='option' aria-selected={!value} onClick={() => pick('')}>
                <Text>{clearable}</Text>
              </View>
            )}
            {shown.map((o) => (
              <View
                key={o.value}
                className={`adc-option${o.value === value ? ' adc-option--on' : ''}`}
                role='option'
                aria-selected={o.value === value}
                data-value={o.value}
                onClick={() => pick(o.value)}
              >
                <Text className='adc-option__label'>{o.label}</Text>
                {o.sub && <Text className='adc-option__sub'>{o.sub}</Text>}
              </View>
            ))}
            {found.length === 0 && (
              <Text className='adc-dropdown__note'>{options.length ? `没有名称含“${q}”的${label}` : `还没有可选的${label}，请先在对应列表中新增。`}</Text>
            )}
            {found.length > shown.length && <Text className='adc-dropdown__note'>还有 {found.length - shown.length} 个，请输入关键词缩小范围</Text>}
          </View>
        </View>
      )}
    </View>
  )
}
