import { AMENITIES, AMENITY_LABELS } from '@contract/stations'
import type { FieldErrors } from '@contract/schemas'
import type { Draft, DraftValue, FieldDef, Option, OptionLists, OptionSource } from '../console-types'
import { bool, hours, list, str } from '../draft'
import { Field } from '../parts'
import { NumberControl, TextControl } from './TextControl'
import { SelectControl, type ListState } from './SelectControl'
import { MultiControl } from './MultiControl'
import { SwitchControl } from './SwitchControl'
import { HoursEditor } from './HoursEditor'

const AMENITY_OPTIONS: Option[] = AMENITIES.map((a) => ({ value: a, label: AMENITY_LABELS[a] }))

/** The first message for a field: its own, or one about a part of it (hours.2.close, cooperatingDepartmentIds.0). */
export function errorFor(errors: FieldErrors, name: string): string | undefined {
  return errors[name] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1]
}

/** One field of a record form: its label, the control its kind calls for, the hint and the error under it. */
export function FormField({
  field,
  draft,
  set,
  errors,
  lists,
  listState
}: {
  field: FieldDef
  draft: Draft
  set: (name: string, value: DraftValue) => void
  errors: FieldErrors
  lists: OptionLists
  listState: ListState
}) {
  const { name, label } = field
  const hint = typeof field.hint === 'function' ? field.hint(draft) : field.hint
  const optionsOf = (source: Option[] | OptionSource): { options: Option[]; state: ListState } =>
    Array.isArray(source) ? { options: source, state: {} } : { options: lists[source] ?? [], state: listState }

  let control
  switch (field.kind) {
    case 'text':
    case 'textarea':
      control = (
        <TextControl
          label={label}
          value={str(draft, name)}
          onChange={(v) => set(name, v)}
          multiline={field.kind === 'textarea'}
          placeholder={field.placeholder}
          maxLength={field.maxLength}
        />
      )
      break
    case 'date':
      control = <TextControl label={label} value={str(draft, name)} onChange={(v) => set(name, v)} placeholder={field.placeholder ?? '如：2026-03-01'} maxLength={10} />
      break
    case 'number':
      control = (
        <NumberControl label={label} value={str(draft, name)} onChange={(v) => set(name, v)} placeholder={field.placeholder} unit={field.unit} decimals={field.decimals} />
      )
      break
    case 'select': {
      const { options, state } = optionsOf(field.options)
      control = <SelectControl name={name} label={label} value={str(draft, name)} options={options} clearable={field.clearable} onChange={(v) => set(name, v)} state={state} />
      break
    }
    case 'multi': {
      const { options, state } = optionsOf(field.options)
      control = <MultiControl name={name} label={label} value={list(draft, name)} options={options} onChange={(v) => set(name, v)} state={state} />
      break
    }
    case 'amenities':
      control = <MultiControl name={name} label={label} value={list(draft, name)} options={AMENITY_OPTIONS} onChange={(v) => set(name, v)} />
      break
    case 'switch':
      control = <SwitchControl label={label} on={bool(draft, name)} onChange={(v) => set(name, v)} onText={field.onText} offText={field.offText} />
      break
    case 'hours':
      control = <HoursEditor name={name} value={hours(draft, name)} onChange={(v) => set(name, v)} errors={errors} />
      break
  }
  // the weekly hours show their errors beside each day
  const error = field.kind === 'hours' ? errors[name] : errorFor(errors, name)
  return (
    <Field name={name} label={label} required={field.required} hint={hint} error={error}>
      {control}
    </Field>
  )
}
