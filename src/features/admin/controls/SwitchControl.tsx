import { View, Text } from '@tarojs/components'

/** An on/off choice that says in words what each side means (是链主企业 / 不是链主企业). */
export function SwitchControl({ label, on, onChange, onText, offText }: { label: string; on: boolean; onChange: (on: boolean) => void; onText: string; offText: string }) {
  return (
    <View
      className={`adc-switch${on ? ' adc-switch--on' : ''}`}
      role='switch'
      aria-checked={on}
      aria-label={label}
      data-testid={`switch-${label}`}
      onClick={() => onChange(!on)}
    >
      <View className='adc-switch__track'>
        <View className='adc-switch__knob' />
      </View>
      <Text className='adc-switch__text'>{on ? onText : offText}</Text>
    </View>
  )
}
