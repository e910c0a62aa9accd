import { useState } from 'react'
import { View, Text, Input } from '@tarojs/components'
import type { Option } from '../console-types'
import { matchesOption, type ListState } from './SelectControl'

const SEARCH_FROM = 12

/** Several choices as chips that toggle: the chosen ones in red, a search box when the list is long. */
export function MultiControl({
  name,
  label,
  value,
  options,
  onChange,
  state = {}
}: {
  name: string
  label: string
  value: string[]
  options: Option[]
  onChange: (value: string[]) => void
  state?: ListState
}) {
  const [query, setQuery] = useState('')
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
  const shown = q ? options.filter((o) => matchesOption(o, q) || value.includes(o.value)) : options
  const toggle = (v: string) => onChange(value.includes(v) ? value.filter((x) => x !== v) : [...value, v])
  return (
    <View className='adc-multi' data-testid={`multi-${name}`}>
      {options.length > SEARCH_FROM && (
        <Input
          className='adm-input adm-search'
          value={query}
          maxlength={30}
          placeholder={`搜索${label}`}
          onInput={(e) => setQuery(e.detail.value)}
          aria-label={`搜索${label}`}
        />
      )}
      <View className='adm-chips' role='group' aria-label={label}>
        {shown.map((o) => {
          const on = value.includes(o.value)
          return (
            <View key={o.value} className={`adm-chip adc-chip${on ? ' adm-chip--on' : ''}`} role='checkbox' aria-checked={on} onClick={() => toggle(o.value)}>
              <Text>{on ? `✓ ${o.label}` : o.label}</Text>
            </View>
          )
        })}
      </View>
      {options.length === 0 && <Text className='adc-dropdown__note'>还没有可选的{label}。</Text>}
      {value.length > 0 && <Text className='adc-multi__count'>已选 {value.length} 个</Text>}
    </View>
  )
}
