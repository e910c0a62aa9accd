import { useState } from 'react'
import { View, Text, Input, Picker } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AUDIENCE_LABELS, type ManagedService } from '@contract/station-console'
import { fieldErrors, saveServiceInput } from '@contract/schemas'
import { call, newRequestId, toCloudError } from '@/services/cloud'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { WEEKDAY_NAMES } from './dates'

type Schedule = ManagedService['schedule']

/** Monday first, as people read a week; the schedule itself is Sunday first. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0]

const byStart = (a: { start: string }, b: { start: string }) => a.start.localeCompare(b.start)

function NumberField({ label, unit, value, onChange, testId }: { label: string; unit: string; value: number; onChange: (n: number) => void; testId: string }) {
  return (
    <View className='sc-field'>
      <Text className='sc-field__label'>{label}</Text>
      <Input
        className='sc-field__input'
        type='number'
        value={String(value)}
        onInput={(e) => onChange(Number(e.detail.value))}
        aria-label={label}
        data-testid={testId}
      />
      <Text className='sc-field__unit'>{unit}</Text>
    </View>
  )
}

function AddSitting({ onAdd }: { onAdd: (start: string, end: string) => void }) {
  const [start, setStart] = useState('09:00')
  const [end, setEnd] = useState('10:00')
  return (
    <View className='sc-add'>
      <Picker mode='time' value={start} onChange={(e) => setStart(String(e.detail.value))}>
        <Text className='sc-add__time'>{start}</Text>
      </Picker>
      <Text className='sc-add__dash'>至</Text>
      <Picker mode='time' value={end} onChange={(e) => setEnd(String(e.detail.value))}>
        <Text className='sc-add__time'>{end}</Text>
      </Picker>
      <Text className='sc-add__ok' onClick={() => onAdd(start, end)} data-testid='add-sitting-ok'>
        添加
      </Text>
    </View>
  )
}

function Editor({ service, onSaved }: { service: ManagedService; onSaved: (s: ManagedService) => void }) {
  const [draft, setDraft] = useState(service)
  const [adding, setAdding] = useState<number | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const set = (patch: Partial<ManagedService>) => {
    setDraft((d) => ({ ...d, ...patch }))
    setError(null)
  }
  const setDay = (weekday: number, list: { start: string; end: string }[]) => {
    const schedule: Schedule = draft.schedule.map((x, i) => (i === weekday ? (list.length ? [...list].sort(byStart) : null) : x))
    set({ schedule })
  }
  const copyMonday = (weekdays: number[]) => {
    const monday = draft.schedule[1] ?? []
    set({ schedule: draft.schedule.map((x, i) => (weekdays.includes(i) ? (monday.length ? monday.map((t) => ({ ...t })) : null) : x)) })
  }

  const save = async () => {
    const parsed = saveServiceInput.safeParse({
      serviceId: draft.id,
      capacity: draft.capacity,
      schedule: draft.schedule,
      horizonDays: draft.horizonDays,
      minNoticeMinutes: draft.minNoticeMinutes,
      cancelCutoffMinutes: draft.cancelCutoffMinutes
    })
    if (!parsed.success) {
      setError(Object.values(fieldErrors(parsed.error))[0] ?? '请检查填写的内容')
      return
    }
    setSaving(true)
    try {
      const saved = await call('stations', 'saveService', parsed.data, { requestId: newRequestId() })
      setDraft(saved)
      onSaved(saved)
      void Taro.showToast({ title: '已保存', icon: 'success' })
    } catch (e) {
      setError(toCloudError(e).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='sc-editor' data-testid='service-editor'>
      <NumberField label='每个时段名额' unit='人' value={draft.capacity} onChange={(n) => set({ capacity: n })} testId='field-capacity' />
      <NumberField label='可提前预约' unit='天' value={draft.horizonDays} onChange={(n) => set({ horizonDays: n })} testId='field-horizon' />
      <NumberField label='最晚提前' unit='分钟预约' value={draft.minNoticeMinutes} onChange={(n) => set({ minNoticeMinutes: n })} testId='field-notice' />
      <NumberField label='开始前' unit='分钟停止取消' value={draft.cancelCutoffMinutes} onChange={(n) => set({ cancelCutoffMinutes: n })} testId='field-cutoff' />

      <Text className='sc-editor__label'>每周时段</Text>
      {WEEK_ORDER.map((weekday) => {
        const list = draft.schedule[weekday] ?? []
        return (
          <View key={weekday} className='sc-week' data-testid={`week-${weekday}`}>
            <Text className='sc-week__day'>{WEEKDAY_NAMES[weekday]}</Text>
            <View className='sc-week__list'>
              {list.length === 0 && <Text className='muted'>不开放</Text>}
              {list.map((t, i) => (
                <Text key={`${t.start}-${i}`} className='sc-chip' onClick={() => setDay(weekday, list.filter((_, j) => j !== i))}>
                  {t.start}–{t.end} ×
                </Text>
              ))}
              <Text className='sc-chip sc-chip--add' onClick={() => setAdding(adding === weekday ? null : weekday)} data-testid={`add-sitting-${weekday}`}>
                ＋ 时段
              </Text>
              {adding === weekday && (
                <AddSitting
                  onAdd={(start, end) => {
                    setDay(weekday, [...list, { start, end }])
                    setAdding(null)
                  }}
                />
              )}
            </View>
          </View>
        )
      })}
      <View className='sc-editor__copy'>
        <Text className='sc-link' onClick={() => copyMonday([2, 3, 4, 5])}>
          周一的时段用于周二至周五
        </Text>
        <Text className='sc-link' onClick={() => copyMonday([0, 2, 3, 4, 5, 6])}>
          用于每天
        </Text>
      </View>
      <Text className='muted sc-editor__note'>已有的预约不受影响：删去的时段若有人预约会保留；减少名额不会取消已约的人，增加的名额先给候补。</Text>
      {error && (
        <Text className='sc-error' data-testid='service-error'>
          {error}
        </Text>
      )}
      <View className={`sc-btn sc-btn--primary${saving ? ' sc-btn--off' : ''}`} onClick={() => void save()} data-testid='save-service'>
        <Text>{saving ? '正在保存…' : '保存'}</Text>
      </View>
    </View>
  )
}

/** 服务时段: each service's places, weekly sittings and booking rules. */
export function ServicesPanel({ stationId }: { stationId: string }) {
  const settings = useRemote(() => call('stations', 'settings', { id: stationId }), [stationId])
  const [open, setOpen] = useState<string | null>(null)
  const services = settings.data?.services ?? []
  return (
    <StateView loading={settings.loading} error={settings.error} onRetry={() => void settings.reload()}>
      {settings.data && services.length === 0 ? (
        <StateView empty emptyTitle='本站还没有可预约的服务' emptyDescription='服务项目由区里统一登记，登记后可在这里设置名额和时段。' />
      ) : (
        services.map((s) => (
          <View key={s.id} className='card sc-service' data-testid='console-service'>
            <View className='sc-service__head' onClick={() => setOpen(open === s.id ? null : s.id)}>
              <View>
                <Text className='sc-service__name'>{s.name}</Text>
                <Text className='muted'>
                  {AUDIENCE_LABELS[s.audience]} · 每时段 {s.capacity} 人 · 可提前 {s.horizonDays} 天
                </Text>
              </View>
              <Text className='sc-link'>{open === s.id ? '收起' : '调整'}</Text>
            </View>
            {open === s.id && (
              <Editor
                service={s}
                onSaved={(saved) => settings.data && settings.mutate({ ...settings.data, services: services.map((x) => (x.id === saved.id ? saved : x)) })}
              />
            )}
          </View>
        ))
      )}
    </StateView>
  )
}
