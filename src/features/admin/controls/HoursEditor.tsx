import { View, Text, Input } from '@tarojs/components'
import type { FieldErrors } from '@contract/schemas'
import type { Hours } from '../console-types'
import { DAY_NAMES, WEEK_ORDER } from '../hours-text'

/** 9:00, 9：00 and 0900 all mean 09:00: typed quickly on a PC or with a Chinese keyboard. */
export function normalTime(text: string): string {
  const t = text.trim().replace('：', ':')
  const m = /^(\d{1,2}):?(\d{2})$/.exec(t)
  return m ? `${m[1].padStart(2, '0')}:${m[2]}` : t
}

const DEFAULT_DAY = { open: '09:00', close: '18:00' }

/** The first error the server or schema gave for one weekday (hours.3 or hours.3.close). */
function dayError(errors: FieldErrors, name: string, day: number): string | undefined {
  const key = `${name}.${day}`
  return errors[key] ?? Object.entries(errors).find(([k]) => k.startsWith(`${key}.`))?.[1]
}

function TimeInput({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <Input
      className='adm-input adc-time'
      value={value}
      maxlength={5}
      placeholder='09:00'
      onInput={(e) => onChange(e.detail.value)}
      onBlur={(e) => onChange(normalTime(e.detail.value))}
      aria-label={label}
    />
  )
}

/** Opening hours of each weekday, Monday first: open or closed, and from when to when. */
export function HoursEditor({ name, value, onChange, errors }: { name: string; value: Hours; onChange: (v: Hours) => void; errors: FieldErrors }) {
  const setDay = (day: number, hours: Hours[number]) => onChange(value.map((h, i) => (i === day ? hours : h)))
  const monday = value[1]
  const sameAsMonday = () => onChange(value.map((h, i) => (i >= 2 && i <= 5 ? (monday ? { ...monday } : null) : h)))
  return (
    <View className='adc-hours' data-testid={`hours-${name}`}>
      {WEEK_ORDER.map((day) => {
        const h = value[day]
        const error = dayError(errors, name, day)
        return (
          <View key={day} className={`adc-hours__day${h ? '' : ' adc-hours__day--closed'}${error ? ' adc-hours__day--error' : ''}`} data-testid={`day-${day}`}>
            <View className='adc-hours__row'>
              <Text className='adc-hours__name'>{DAY_NAMES[day]}</Text>
              <View
                className={`adc-hours__toggle${h ? ' adc-hours__toggle--on' : ''}`}
                role='switch'
                aria-checked={!!h}
                aria-label={`${DAY_NAMES[day]}开放`}
                onClick={() => setDay(day, h ? null : { ...(value.find((x) => x) ?? DEFAULT_DAY) })}
              >
                <Text>{h ? '开放' : '休息'}</Text>
              </View>
              {h ? (
                <View className='adc-hours__times'>
                  <TimeInput label={`${DAY_NAMES[day]}开门时间`} value={h.open} onChange={(open) => setDay(day, { ...h, open })} />
                  <Text className='adc-hours__dash'>至</Text>
                  <TimeInput label={`${DAY_NAMES[day]}关门时间`} value={h.close} onChange={(close) => setDay(day, { ...h, close })} />
                </View>
              ) : (
                <Text className='adc-hours__off'>全天休息</Text>
              )}
            </View>
            {error && (
              <Text className='adm-field__error' data-testid={`error-${name}.${day}`}>
                {DAY_NAMES[day]}：{error}
              </Text>
            )}
          </View>
        )
      })}
      <View className='adc-hours__tools'>
        <View className='adc-hours__tool' role='button' onClick={sameAsMonday} data-testid='hours-same-as-monday'>
          <Text className='link'>周二至周五与周一相同</Text>
        </View>
      </View>
    </View>
  )
}
