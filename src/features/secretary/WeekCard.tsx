import { View, Text } from '@tarojs/components'
import type { WeeklySummary } from '@contract/secretaries'
import type { Remote } from '@/hooks/useRemote'
import { weekTitle } from './days'

function Figure({ name, value, unit, alert, testId }: { name: string; value: number; unit: string; alert?: boolean; testId: string }) {
  return (
    <View className={`sec-week__figure${alert ? ' sec-week__figure--alert' : ''}`} data-testid={testId}>
      <Text className='sec-week__value'>
        {value}
        <Text className='sec-week__unit'>{unit}</Text>
      </Text>
      <Text className='sec-week__name'>{name}</Text>
    </View>
  )
}

/**
 * 本周小结: the week's visits and the problems filed on behalf of the enterprises, and who has not been
 * visited yet. Its own loading and failure states: the page below stays usable when only this fails.
 */
export function WeekCard({ week, onOpenVisits }: { week: Remote<WeeklySummary>; onOpenVisits?: () => void }) {
  if (week.loading) {
    return (
      <View className='card sec-week sec-week--quiet' data-testid='week-card' data-state='loading'>
        <Text className='muted'>正在统计本周走访…</Text>
      </View>
    )
  }
  if (week.error || !week.data) {
    return (
      <View className='card sec-week sec-week--quiet' data-testid='week-card' data-state='error'>
        <Text className='sec-week__title'>本周小结</Text>
        <Text className='muted sec-week__text'>{week.error ? `暂时无法统计本周情况：${week.error.message}` : '暂无本周小结'}</Text>
        <View className='sec-link sec-week__retry' role='button' onClick={() => void week.reload()} data-testid='week-retry'>
          <Text>重试</Text>
        </View>
      </View>
    )
  }
  const w = week.data
  return (
    <View className='card sec-week' data-testid='week-card'>
      <View className='sec-week__head'>
        <Text className='sec-week__title'>{weekTitle(w.weekOf)}小结</Text>
        {onOpenVisits && (
          <View className='sec-link' role='button' onClick={onOpenVisits} data-testid='open-visits'>
            <Text>走访记录 ›</Text>
          </View>
        )}
      </View>
      <Text className='sec-week__text' data-testid='week-text'>
        {w.text}
      </Text>
      <View className='sec-week__figures'>
        <Figure name='走访' value={w.visits} unit='次' testId='week-visits' />
        <Figure name='走访企业' value={w.enterprisesVisited} unit='家' testId='week-enterprises' />
        <Figure name='代提诉求' value={w.problemsFiled} unit='件' testId='week-filed' />
        <Figure name='办结' value={w.problemsClosed} unit='件' testId='week-closed' />
        <Figure name='超期' value={w.problemsOverdue} unit='件' alert={w.problemsOverdue > 0} testId='week-overdue' />
      </View>
      <View className='sec-week__pending' data-testid='week-not-visited'>
        {w.enterprisesNotVisited.length ? (
          <>
            <Text className='sec-week__pending-title'>本周尚未走访（{w.enterprisesNotVisited.length} 家）</Text>
            <View className='sec-week__names'>
              {w.enterprisesNotVisited.map((name) => (
                <Text key={name} className='chip chip--red'>
                  {name}
                </Text>
              ))}
            </View>
          </>
        ) : (
          <Text className='sec-week__done'>{w.enterprisesVisited ? '本周联系的企业都已走访' : '本周还没有走访记录'}</Text>
        )}
      </View>
    </View>
  )
}
