import { View, Text, Input, Textarea } from '@tarojs/components'

/** A line or a paragraph of text, with a counter when the field has a limit. */
export function TextControl({
  label,
  value,
  onChange,
  multiline,
  placeholder,
  maxLength
}: {
  label: string
  value: string
  onChange: (value: string) => void
  multiline?: boolean
  placeholder?: string
  maxLength?: number
}) {
  const length = value.trim().length
  const over = maxLength !== undefined && length > maxLength
  return (
    <View>
      {multiline ? (
        <Textarea
          className='adm-input adc-textarea'
          value={value}
          placeholder={placeholder}
          // a little past the limit, so a paste is not silently cut and the counter can say so
          maxlength={maxLength === undefined ? -1 : maxLength + 20}
          autoHeight
          onInput={(e) => onChange(e.detail.value)}
          aria-label={label}
        />
      ) : (
        <Input
          className='adm-input'
          value={value}
          placeholder={placeholder}
          maxlength={maxLength === undefined ? 140 : maxLength + 10}
          onInput={(e) => onChange(e.detail.value)}
          aria-label={label}
        />
      )}
      {maxLength !== undefined && multiline && (
        <Text className={`adm-counter${over ? ' adm-counter--over' : ''}`}>
          {length}/{maxLength}
        </Text>
      )}
    </View>
  )
}

/** A number typed on the digit keyboard, with its unit beside it (分钟, 人). */
export function NumberControl({
  label,
  value,
  onChange,
  placeholder,
  unit,
  decimals
}: {
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
  unit?: string
  decimals?: boolean
}) {
  return (
    <View className='adc-number'>
      <Input
        className='adm-input adc-number__input'
        type={decimals ? 'digit' : 'number'}
        value={value}
        placeholder={placeholder}
        maxlength={16}
        onInput={(e) => onChange(e.detail.value)}
        aria-label={label}
      />
      {unit && <Text className='adc-number__unit'>{unit}</Text>}
    </View>
  )
}
