import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { ADMIN_ENTITIES, AUDIT_ACTION_LABELS, type AdminEntity, type AuditEntry } from '@contract/admin'
import { adminListUrl } from '@/utils/routes'
import { chinaDay, chinaTime } from '@/utils/china-time'
import { diffRows, type DiffRow } from './audit-diff'
import { SUBJECT_LABELS, keyLabel, subjectName, valueText, type NameLookup } from './audit-labels'
import { Tag, type Tone } from './cells'

const ACTION_TONES: Partial<Record<AuditEntry['action'], Tone>> = {
  create: 'green',
  delete: 'red',
  erase: 'red',
  revoke: 'amber',
  revoke_invite: 'amber',
  grant: 'blue',
  import: 'blue'
}

/** 2026-11-25 10:02, in China time whatever the computer's zone. */
export const auditTime = (at: string) => `${chinaDay(at)} ${chinaTime(at)}`

const isEntity = (s: string): s is AdminEntity => (ADMIN_ENTITIES as readonly string[]).includes(s)

function DiffTable({ rows, mode, names }: { rows: DiffRow[]; mode: 'both' | 'after' | 'before'; names?: NameLookup }) {
  return (
    <View className='adc-diff' role='table' data-testid='audit-diff'>
      <View className='adc-diff__row adc-diff__row--head' role='row'>
        <Text className='adc-diff__key'>项目</Text>
        {mode !== 'after' && <Text className='adc-diff__val'>{mode === 'before' ? '删除前' : '改前'}</Text>}
        {mode !== 'before' && <Text className='adc-diff__val'>{mode === 'after' ? '内容' : '改后'}</Text>}
      </View>
      {rows.map((r) => (
        <View
          key={r.key}
          className={`adc-diff__row${r.changed && mode === 'both' ? ' adc-diff__row--changed' : ''}`}
          role='row'
          data-testid='diff-row'
          data-key={r.key}
          data-changed={r.changed ? 'true' : 'false'}
        >
          <Text className='adc-diff__key'>{keyLabel(r.key)}</Text>
          {mode !== 'after' && <Text className={`adc-diff__val${mode === 'both' && r.changed ? ' adc-diff__val--old' : ''}`}>{valueText(r.key, r.before, names)}</Text>}
          {mode !== 'before' && <Text className={`adc-diff__val${mode === 'both' && r.changed ? ' adc-diff__val--new' : ''}`}>{valueText(r.key, r.after, names)}</Text>}
        </View>
      ))}
    </View>
  )
}

/** One entry of 操作日志: when, who, what was done to which record; the change itself on demand. */
export function AuditEntryCard({ entry, names }: { entry: AuditEntry; names?: NameLookup }) {
  const [open, setOpen] = useState(false)
  const [all, setAll] = useState(false)
  const rows = diffRows(entry.before, entry.after)
  const changed = rows.filter((r) => r.changed)
  const mode = entry.before && entry.after ? 'both' : entry.after ? 'after' : 'before'
  const shown = mode === 'both' && !all ? changed : rows
  const name = subjectName(entry)
  const openable = isEntity(entry.subject) && entry.action !== 'delete' && entry.action !== 'erase'
  const subject = entry.subject

  return (
    <View className='card adc-audit' data-testid='audit-entry' data-id={entry.id} data-action={entry.action}>
      <View className='adc-audit__top'>
        <Text className='adc-audit__time' data-testid='audit-time'>
          {auditTime(entry.at)}
        </Text>
        <Tag tone={ACTION_TONES[entry.action] ?? 'grey'} testId='audit-action'>
          {AUDIT_ACTION_LABELS[entry.action]}
        </Tag>
        <Text className='adc-audit__subject'>{SUBJECT_LABELS[entry.subject]}</Text>
      </View>
      <View className='adc-audit__line'>
        {openable && isEntity(subject) ? (
          <Text className='adc-audit__name link' onClick={() => void Taro.navigateTo({ url: adminListUrl(subject, entry.subjectId) })} data-testid='audit-open'>
            {name}
          </Text>
        ) : (
          <Text className='adc-audit__name'>{name}</Text>
        )}
        <Text className='adc-audit__actor' data-testid='audit-actor'>
          操作人：{entry.actorName}
        </Text>
      </View>
      {mode === 'both' && (
        <Text className='adc-audit__summary' data-testid='audit-summary'>
          {changed.length ? `改动了：${changed.map((r) => keyLabel(r.key)).join('、')}` : '没有内容变化'}
        </Text>
      )}
      {rows.length > 0 && (
        <View className='adc-audit__toggle' role='button' aria-expanded={open} onClick={() => setOpen(!open)} data-testid='audit-toggle'>
          <Text className='link'>{open ? '收起 ▴' : mode === 'both' ? '查看改前改后 ▾' : mode === 'after' ? '查看内容 ▾' : '查看删除前的内容 ▾'}</Text>
        </View>
      )}
      {open && (
        <View className='adc-audit__detail'>
          <DiffTable rows={shown} mode={mode} names={names} />
          {mode === 'both' && rows.length > changed.length && (
            <View className='adc-audit__toggle' role='button' onClick={() => setAll(!all)} data-testid='audit-all'>
              <Text className='link'>{all ? '只看改动的项目' : `显示未改动的 ${rows.length - changed.length} 项`}</Text>
            </View>
          )}
        </View>
      )}
    </View>
  )
}
