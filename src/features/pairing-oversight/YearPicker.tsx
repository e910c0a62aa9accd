import { View, Text, Picker } from '@tarojs/components'

/** ‹ 2026年 ▾ ›: older to the left, like the reports' month picker. */
export function YearPicker({ years, value, onChange }: { years: readonly number[]; value: number; onChange: (year: number) => void }) {
  const index = Math.max(0, years.indexOf(value))
  const older = index < years.length - 1
  const newer = index > 0
  return (
    <View className='po-year' data-testid='year-picker'>
      <Text
        className={`po-year__step${older ? '' : ' po-year__step--off'}`}
        aria-label='上一年'
        aria-disabled={!older}
        onClick={() => older && onChange(years[index + 1])}
        data-testid='year-prev'
      >
        ‹
      </Text>
      <Picker mode='selector' range={years.map((y) => `${y}年`)} value={index} onChange={(e) => onChange(years[Number(e.detail.value)])} aria-label='年份'>
        <Text className='po-year__label' data-testid='year-label'>
          {value}年 ▾
        </Text>
      </Picker>
      <Text
        className={`po-year__step${newer ? '' : ' po-year__step--off'}`}
        aria-label='下一年'
        aria-disabled={!newer}
        onClick={() => newer && onChange(years[index - 1])}
        data-testid='year-next'
      >
        ›
      </Text>
    </View>
  )
}
