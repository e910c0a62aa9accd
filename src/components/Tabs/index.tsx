import { View, Text } from '@tarojs/components'
import './index.css'

export interface TabItem<K extends string> {
  key: K
  label: string
}

/** A row of tabs; the selected one in Party red. */
export function Tabs<K extends string>({ items, value, onChange }: { items: readonly TabItem<K>[]; value: K; onChange: (k: K) => void }) {
  return (
    <View className='tabs' role='tablist'>
      {items.map((t) => (
        <View
          key={t.key}
          className={`tabs__tab${t.key === value ? ' tabs__tab--on' : ''}`}
          role='tab'
          aria-selected={t.key === value}
          data-testid={`tab-${t.key}`}
          onClick={() => t.key !== value && onChange(t.key)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  )
}
