import { View, Text } from '@tarojs/components'
import type { ProblemStatus, ProblemSummary } from '@contract/problems'
import { dueTone, formatMonthDay, type DueTone } from '@/utils/date'

/** Statuses in which a unit is on the clock (the dispatcher and the filer hold the others). */
const ON_CLOCK: readonly ProblemStatus[] = ['routed', 'accepted', 'reopened']

export interface DueItem {
  kind: 'accept' | 'reply'
  /** ISO instant it falls due. */
  at: string
  /** The calendar day, 'YYYY-MM-DD' (defaults to the Shanghai day of `at`). */
  date?: string
  uncertain?: boolean
}

/** '11月26日前签收' / '12月2日前答复', with the tone for its colour. */
export function dueText(item: DueItem): string {
  const day = formatMonthDay(item.date ?? item.at)
  return `${day}前${item.kind === 'accept' ? '签收' : '答复'}`
}

/** Which deadlines matter now: 签收 only until it is accepted; 答复 while a unit holds it. */
export function summaryDues(p: Pick<ProblemSummary, 'status' | 'acceptDue' | 'replyDue'>): DueItem[] {
  if (!ON_CLOCK.includes(p.status)) return []
  const out: DueItem[] = []
  if (p.status === 'routed' && p.acceptDue) out.push({ kind: 'accept', at: p.acceptDue })
  if (p.replyDue) out.push({ kind: 'reply', at: p.replyDue })
  return out
}

const TONE_CLASS: Record<DueTone, string> = { overdue: 'due--overdue', soon: 'due--soon', normal: 'due--normal' }

/** One deadline as a small coloured label: red past due, amber due within a day. */
export function DueLabel({ item, now }: { item: DueItem; now?: Date }) {
  const tone = dueTone(item.at, now)
  return (
    <Text className={`due ${TONE_CLASS[tone]}`} data-testid={`due-${item.kind}`} data-tone={tone}>
      {dueText(item)}
      {tone === 'overdue' ? '（已超期）' : ''}
      {item.uncertain ? '（以放假安排公布为准）' : ''}
    </Text>
  )
}

/** The deadlines of a problem in a list card, and how often it has been supervised. */
export function SummaryDues({ problem, now }: { problem: ProblemSummary; now?: Date }) {
  const dues = summaryDues(problem)
  if (!dues.length && !problem.overdue && problem.supervisionLevel <= 0) return null
  return (
    <View className='dues'>
      {dues.map((d) => (
        <DueLabel key={d.kind} item={d} now={now} />
      ))}
      {problem.overdue && !dues.some((d) => dueTone(d.at, now) === 'overdue') && <Text className='due due--overdue'>已超期</Text>}
      {problem.supervisionLevel > 0 && <Text className='due due--supervised'>已督办 {problem.supervisionLevel} 次</Text>}
    </View>
  )
}
