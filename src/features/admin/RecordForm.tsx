import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { Draft, DraftValue, EntityDef, OptionLists } from './console-types'
import type { ListState } from './controls/SelectControl'
import { FormField } from './controls/FormField'
import { useFormSubmit } from '@/hooks/useFormSubmit'
import { Btn } from './parts'
import { Sheet } from './Sheet'

const belongsTo = (key: string, name: string) => key === name || key.startsWith(`${name}.`)

/**
 * 新增 or 编辑 one record in a panel over its list. The schema checks the draft first; what the server
 * still refuses comes back per field (`error.fields`) and shows under those fields, the rest above the buttons.
 */
export function RecordForm<R extends { id: string }>({
  def,
  record,
  initial,
  lists,
  listState,
  onSaved,
  onClose
}: {
  def: EntityDef<R>
  record: R | null
  initial: Draft
  lists: OptionLists
  listState: ListState
  onSaved: (saved: R, created: boolean) => void
  onClose: () => void
}) {
  const [draft, setDraft] = useState<Draft>(initial)
  const form = useFormSubmit()
  const { errors, failure, sending, retrying } = form
  const visible = def.fields.filter((f) => !f.when || f.when(draft))

  const set = (name: string, value: DraftValue) => {
    setDraft((d) => ({ ...d, [name]: value }))
    for (const key of Object.keys(errors)) if (belongsTo(key, name)) form.clearError(key)
  }

  const submit = async () => {
    const saved = await def.save(form, def.toInput(draft, record?.id))
    if (saved) onSaved(saved, !record)
  }

  const close = async () => {
    if (sending) return
    if (JSON.stringify(draft) !== JSON.stringify(initial)) {
      const answer = await Taro.showModal({ title: '放弃未保存的修改？', content: '关闭后，刚才填写的内容不会保存。', confirmText: '放弃', cancelText: '继续填写' })
      if (!answer.confirm) return
    }
    onClose()
  }

  // errors with no field on screen (a hidden field, or the record as a whole) are listed above the buttons
  const loose = Object.entries(errors).filter(([key]) => !visible.some((f) => belongsTo(key, f.name)))
  const placed = Object.keys(errors).length - loose.length
  const labelOf = (key: string) => def.fields.find((f) => belongsTo(key, f.name))?.label

  const footer = (
    <View className='adc-form__foot'>
      {(failure || placed > 0 || loose.length > 0) && (
        <View className='adm-alert adc-form__alert' data-testid='save-failure' data-code={failure?.code}>
          <Text className='adm-alert__title'>{failure && !(failure.code === 'VALIDATION' && placed) ? failure.message : `有 ${placed + loose.length} 处需要修改，见标红的项目`}</Text>
          {loose.map(([key, message]) => (
            <Text key={key} className='adm-alert__hint'>
              {labelOf(key) ? `${labelOf(key)}：` : ''}
              {message}
            </Text>
          ))}
          {retrying && <Text className='adm-alert__hint'>可直接再次保存，不会重复保存。</Text>}
        </View>
      )}
      <View className='adc-form__buttons'>
        <Btn kind='plain' onClick={() => void close()} testId='form-cancel'>
          取消
        </Btn>
        <Btn onClick={() => void submit()} busy={sending} testId='form-save'>
          {sending ? '正在保存…' : retrying ? '重新保存' : '保存'}
        </Btn>
      </View>
    </View>
  )

  return (
    <Sheet
      title={record ? `编辑${def.noun}` : `新增${def.noun}`}
      subtitle={record ? def.title(record) : undefined}
      onClose={() => void close()}
      footer={footer}
      testId='record-form'
    >
      <View className='adc-form adc-form--grid'>
        {visible.map((field) => (
          <View key={field.name} className={`adc-form__cell${field.wide || field.kind === 'hours' ? ' adc-form__cell--wide' : ''}`}>
            <FormField field={field} draft={draft} set={set} errors={errors} lists={lists} listState={listState} />
          </View>
        ))}
      </View>
    </Sheet>
  )
}
