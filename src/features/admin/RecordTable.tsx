import { View, Text } from '@tarojs/components'
import type { CellContext, EntityDef } from './console-types'
import { Btn } from './parts'

export interface RowState {
  /** The record being removed. */
  removing: string | null
  /** Why a record could not be removed (the server's CONFLICT reason), by id. */
  errors: Record<string, string>
  /** The record just saved: marked for a moment so the eye finds it. */
  fresh: string | null
}

/**
 * The records of one list: a table with a header on a PC, a card per record on a phone (each cell then
 * carries its column's name). The same markup serves both; styles.css decides by width.
 */
export function RecordTable<R extends { id: string }>({
  def,
  rows,
  ctx,
  state,
  onEdit,
  onRemove
}: {
  def: EntityDef<R>
  rows: R[]
  ctx: CellContext<R>
  state: RowState
  onEdit: (record: R) => void
  onRemove: (record: R) => void
}) {
  const columns = def.columns
  // the actions column is sized for its buttons; the rest share the width by their weights
  const grid = { gridTemplateColumns: `${columns.map((c) => `minmax(0, ${c.width ?? 1}fr)`).join(' ')} ${def.RowActions ? '300px' : '180px'}` }
  const Extra = def.RowActions
  return (
    <View className='adc-table' role='table' aria-label={`${def.noun}列表`} data-testid='record-table'>
      <View className='adc-table__head' role='row' style={grid}>
        {columns.map((c) => (
          <View key={c.key} className='adc-table__th' role='columnheader'>
            <Text>{c.label}</Text>
          </View>
        ))}
        <View className='adc-table__th adc-table__th--actions' role='columnheader'>
          <Text>操作</Text>
        </View>
      </View>
      {rows.map((r) => {
        const lockedBecause = def.locked?.(r) ?? null
        const error = state.errors[r.id]
        return (
          <View
            key={r.id}
            className={`adc-row${state.fresh === r.id ? ' adc-row--fresh' : ''}${lockedBecause ? ' adc-row--locked' : ''}`}
            role='row'
            style={grid}
            data-testid='record-row'
            data-id={r.id}
          >
            {columns.map((c, i) => (
              <View key={c.key} className={`adc-cell adc-cell--${c.key}${i === 0 ? ' adc-cell--first' : ''}`} role='cell' data-testid={`cell-${c.key}`}>
                {i > 0 && <Text className='adc-cell__label'>{c.short ?? c.label}</Text>}
                <View className='adc-cell__value'>{c.render(r, ctx)}</View>
              </View>
            ))}
            <View className='adc-cell adc-cell--actions' role='cell'>
              {lockedBecause ? (
                <Text className='adc-locked' data-testid='row-locked'>
                  不可修改
                </Text>
              ) : (
                <View className='adc-actions'>
                  <Btn kind='plain' small onClick={() => onEdit(r)} testId='row-edit' label={`编辑${def.title(r)}`}>
                    编辑
                  </Btn>
                  {Extra && <Extra record={r} onChange={ctx.replace} />}
                  <Btn kind='danger' small busy={state.removing === r.id} onClick={() => onRemove(r)} testId='row-remove' label={`删除${def.title(r)}`}>
                    {state.removing === r.id ? '删除中…' : '删除'}
                  </Btn>
                </View>
              )}
            </View>
            {lockedBecause && <Text className='adc-row__note'>{lockedBecause}</Text>}
            {error && (
              <View className='adc-row__error' data-testid='row-error' role='alert'>
                <Text className='adc-row__error-title'>不能删除“{def.title(r)}”</Text>
                <Text className='adc-row__error-text'>{error}</Text>
              </View>
            )}
          </View>
        )
      })}
    </View>
  )
}
