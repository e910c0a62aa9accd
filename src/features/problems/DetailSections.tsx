import { View, Text } from '@tarojs/components'
import {
  CO_HANDLER_STATUS_LABELS,
  EXTENSION_STATUS_LABELS,
  SUPERVISION_KIND_LABELS,
  type ProblemDeadline,
  type ProblemDetail
} from '@contract/problems'
import { formatDateTime } from '@/utils/date'
import { DueLabel, type DueItem } from './Due'

const fromDeadline = (kind: DueItem['kind'], d: ProblemDeadline): DueItem => ({ kind, at: d.at, date: d.date, uncertain: d.uncertain })

/** The lead unit's deadlines that matter in this status (签收 until accepted; 答复 while it holds the problem). */
export function leadDues(p: ProblemDetail): DueItem[] {
  if (!p.lead) return []
  const out: DueItem[] = []
  if (p.status === 'routed' && !p.lead.acceptedAt) out.push(fromDeadline('accept', p.lead.acceptDue))
  if (p.status === 'routed' || p.status === 'accepted' || p.status === 'reopened') out.push(fromDeadline('reply', p.lead.replyDue))
  return out
}

function Reply({ label, text, at }: { label: string; text: string; at: string | null }) {
  return (
    <View className='unit__reply'>
      <Text className='unit__reply-head'>
        {label}
        {at ? ` · ${formatDateTime(at)}` : ''}
      </Text>
      <Text className='unit__reply-text'>{text}</Text>
    </View>
  )
}

/** 承办单位: the lead and every co-handler, each with its own status, deadlines and answer. */
export function Units({ problem, now }: { problem: ProblemDetail; now?: Date }) {
  const { lead, coHandlers } = problem
  if (!lead && !coHandlers.length) return null
  const waiting = coHandlers.filter((c) => c.status === 'pending' || c.status === 'accepted')
  const leadState = !lead
    ? ''
    : problem.status === 'returned'
      ? '已退单'
      : problem.status === 'reopened'
        ? '重办中'
        : lead.repliedAt
          ? '已答复'
          : lead.acceptedAt
            ? '办理中'
            : '待签收'
  return (
    <>
      <View className='section-title'>
        <Text>承办单位</Text>
        {coHandlers.length > 0 && <Text className='section-title__extra'>牵头 1 · 会办 {coHandlers.length}</Text>}
      </View>
      <View className='card units' data-testid='units'>
        {waiting.length > 0 && (
          <Text className='units__waiting' data-testid='co-waiting'>
            等待会办单位答复：{waiting.map((c) => c.departmentName).join('、')}。会办单位全部答复后，牵头单位再答复企业。
          </Text>
        )}
        {lead && (
          <View className='unit' data-testid='unit-lead'>
            <View className='unit__head'>
              <Text className='chip chip--role chip--lead'>牵头</Text>
              <Text className='unit__name'>{lead.departmentName}</Text>
              <Text className='unit__state'>{leadState}</Text>
            </View>
            {/* its deadlines head the page (see Head); here, what it has done and when */}
            {(lead.acceptedAt || lead.extensionDays > 0) && (
              <View className='dues'>
                {lead.acceptedAt && <Text className='due due--normal'>{formatDateTime(lead.acceptedAt)} 签收</Text>}
                {lead.extensionDays > 0 && <Text className='due due--normal'>已获延期 {lead.extensionDays} 个工作日</Text>}
              </View>
            )}
            {lead.reply && <Reply label='答复' text={lead.reply} at={lead.repliedAt} />}
          </View>
        )}
        {coHandlers.map((c) => {
          const dues: DueItem[] =
            c.status === 'pending'
              ? [fromDeadline('accept', c.acceptDue), fromDeadline('reply', c.replyDue)]
              : c.status === 'accepted'
                ? [fromDeadline('reply', c.replyDue)]
                : []
          return (
            <View key={c.departmentId} className={`unit unit--co unit--${c.status}`} data-testid='unit-co' data-department={c.departmentId}>
              <View className='unit__head'>
                <Text className='chip chip--role chip--co_handler'>会办</Text>
                <Text className='unit__name'>{c.departmentName}</Text>
                <Text className={`unit__state unit__state--${c.status}`}>{CO_HANDLER_STATUS_LABELS[c.status]}</Text>
              </View>
              {(dues.length > 0 || c.extensionDays > 0) && (
                <View className='dues'>
                  {dues.map((d) => (
                    <DueLabel key={d.kind} item={d} now={now} />
                  ))}
                  {c.extensionDays > 0 && <Text className='due due--normal'>已获延期 {c.extensionDays} 个工作日</Text>}
                </View>
              )}
              {c.reply && <Reply label='会办意见' text={c.reply} at={c.repliedAt} />}
            </View>
          )
        })}
      </View>
    </>
  )
}

/** 延期申请: every request with its decision. */
export function Extensions({ problem }: { problem: ProblemDetail }) {
  if (!problem.extensions.length) return null
  return (
    <>
      <View className='section-title'>
        <Text>延期申请</Text>
        <Text className='section-title__extra'>{problem.extensions.length} 次</Text>
      </View>
      <View className='card'>
        {problem.extensions.map((x) => (
          <View key={x.id} className='record' data-testid='extension'>
            <View className='record__head'>
              <Text className='record__title'>
                {x.departmentName} 申请延期 {x.days} 个工作日
              </Text>
              <Text className={`record__state record__state--${x.status}`}>{EXTENSION_STATUS_LABELS[x.status]}</Text>
            </View>
            <Text className='record__text'>理由：{x.reason}</Text>
            {x.status === 'approved' && x.grantedDays !== null && <Text className='record__text'>同意延期 {x.grantedDays} 个工作日</Text>}
            {x.decisionReason && <Text className='record__text'>审批意见：{x.decisionReason}</Text>}
            <Text className='record__time'>
              {formatDateTime(x.requestedAt)}
              {x.decidedAt ? ` 申请 · ${formatDateTime(x.decidedAt)} 审批` : ' 申请'}
            </Text>
          </View>
        ))}
      </View>
    </>
  )
}

/** 督办记录. */
export function Supervision({ problem }: { problem: ProblemDetail }) {
  if (!problem.supervision.length) return null
  return (
    <>
      <View className='section-title'>
        <Text>督办记录</Text>
        <Text className='section-title__extra'>{problem.supervision.length} 次</Text>
      </View>
      <View className='card'>
        {problem.supervision.map((r) => (
          <View key={r.key} className='record' data-testid='supervision'>
            <View className='record__head'>
              <Text className='record__title record__title--red'>{SUPERVISION_KIND_LABELS[r.kind]}</Text>
              <Text className='record__time'>{formatDateTime(r.at)}</Text>
            </View>
            {r.note && <Text className='record__text'>{r.note}</Text>}
          </View>
        ))}
      </View>
    </>
  )
}

/** 企业评价: the filer's verdict and stars. */
export function Verdict({ problem }: { problem: ProblemDetail }) {
  if (problem.solved === null && problem.rating === null) return null
  return (
    <>
      <View className='section-title'>
        <Text>企业评价</Text>
      </View>
      <View className='card verdict' data-testid='verdict'>
        <Text className={`verdict__solved${problem.solved ? ' verdict__solved--yes' : ''}`}>{problem.solved ? '已解决' : '未解决'}</Text>
        {problem.rating !== null && (
          <Text className='verdict__stars' aria-label={`${problem.rating} 星`}>
            {'★'.repeat(problem.rating)}
            <Text className='verdict__stars-off'>{'★'.repeat(Math.max(0, 5 - problem.rating))}</Text>
          </Text>
        )}
        {problem.reopenCount > 0 && <Text className='verdict__note'>已重办 {problem.reopenCount} 次</Text>}
      </View>
    </>
  )
}
