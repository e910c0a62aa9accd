import { View, Text, ScrollView } from '@tarojs/components'
import { NAV_ITEMS, goTo } from './console-nav'

/** A strip of the console's pages above each page: quick to switch lists on a PC, scrolls on a phone. */
export function ConsoleNav({ current }: { current: string }) {
  return (
    <ScrollView scrollX className='adc-nav' enhanced showScrollbar={false}>
      <View className='adc-nav__row' role='navigation' aria-label='管理后台'>
        {NAV_ITEMS.map((item) => (
          <View
            key={item.key}
            className={`adc-nav__item${item.key === current ? ' adc-nav__item--on' : ''}`}
            role='link'
            aria-current={item.key === current ? 'page' : undefined}
            data-testid={`nav-${item.key}`}
            onClick={() => item.key !== current && goTo(item.url)}
          >
            <Text>{item.label}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  )
}
