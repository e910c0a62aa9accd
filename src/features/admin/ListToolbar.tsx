import { View, Text, Input } from '@tarojs/components'
import { ROLES, ROLE_LABELS, type Role } from '@contract/roles'
import type { EntityDef, ListQuery, Option } from './console-types'
import { SelectControl, type ListState } from './controls/SelectControl'

/** Above a list: the search box and the list's own filter (a station, a role). */
export function ListToolbar<R extends { id: string }>({
  def,
  query,
  onQuery,
  stations,
  stationState
}: {
  def: EntityDef<R>
  query: ListQuery
  onQuery: (q: Partial<ListQuery>) => void
  stations: Option[]
  stationState: ListState
}) {
  return (
    <View className='adc-toolbar' data-testid='list-toolbar'>
      <View className='adc-toolbar__search'>
        <Input
          className='adm-input adm-search adc-search'
          value={query.q}
          maxlength={40}
          placeholder={def.searchPlaceholder}
          onInput={(e) => onQuery({ q: e.detail.value })}
          aria-label={`搜索${def.noun}`}
          confirmType='search'
        />
        {query.q && (
          <View className='adc-search__clear' role='button' aria-label='清除搜索' onClick={() => onQuery({ q: '' })}>
            <Text>清除</Text>
          </View>
        )}
      </View>
      {def.filter === 'station' && (
        <View className='adc-toolbar__filter'>
          <SelectControl
            name='stationFilter'
            label='站点'
            value={query.stationId}
            options={stations}
            clearable='全部站点'
            onChange={(stationId) => onQuery({ stationId })}
            state={stationState}
          />
        </View>
      )}
      {def.filter === 'role' && (
        <View className='adm-chips adc-toolbar__roles' role='radiogroup' aria-label='按角色筛选'>
          {(['', ...ROLES] as (Role | '')[]).map((r) => (
            <View
              key={r || 'all'}
              className={`adm-chip adc-chip${query.role === r ? ' adm-chip--on' : ''}`}
              role='radio'
              aria-checked={query.role === r}
              data-testid={`role-filter-${r || 'all'}`}
              onClick={() => onQuery({ role: r })}
            >
              <Text>{r ? ROLE_LABELS[r] : '全部人员'}</Text>
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

/** 共 12 家, or 找到 3 家 while searching; nothing for an empty list (its empty state says more). */
export function ListCount({ count, unit, searching }: { count: number | null; unit: string; searching: boolean }) {
  if (count === null || (count === 0 && !searching)) return <View />
  return (
    <Text className='adc-bar__count' data-testid='list-count'>
      {searching ? `找到 ${count} ${unit}` : `共 ${count} ${unit}`}
    </Text>
  )
}
