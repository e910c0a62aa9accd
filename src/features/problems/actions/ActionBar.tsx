import { View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { FlowActionType } from '@contract/problems'
import { requestSubscribe } from '@/services/subscribe'
import { ACTION_LABELS, actionKeys, type ActionKey } from './forms'

/** A handler's answer: the tap where WeChat lets us ask to send their to-dos as subscribe messages. */
const SUBSCRIBE_ON: ReadonlySet<ActionKey> = new Set<ActionKey>(['reply', 'co_reply'])

/**
 * The buttons for exactly the actions the server lists for this reader (`detail.actions`); the first
 * is the step that moves the problem forward and is drawn as the primary button.
 */
export function ActionBar({ actions, onPick }: { actions: readonly FlowActionType[]; onPick: (key: ActionKey) => void }) {
  const keys = actionKeys(actions)
  if (!keys.length) return null
  // one wide button, two per row for 2 or 4, otherwise three per row (set here: WXSS lacks :nth-last-child)
  const width = keys.length === 1 ? 'wide' : keys.length === 2 || keys.length === 4 ? 'half' : 'third'
  return (
    <View className='action-bar' data-testid='action-bar'>
      {keys.map((k, i) => (
        <View key={k} className={`action-bar__item action-bar__item--${width}`} data-testid={`action-${k}`}>
          <Button
            type={i === 0 ? 'primary' : 'default'}
            fill={i === 0 ? 'solid' : 'outline'}
            size='normal'
            block
            onClick={() => {
              // inside the tap, before anything else (WeChat refuses later); never waits, never blocks
              if (SUBSCRIBE_ON.has(k)) requestSubscribe()
              onPick(k)
            }}
          >
            {ACTION_LABELS[k]}
          </Button>
        </View>
      ))}
    </View>
  )
}
