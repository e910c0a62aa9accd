import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { InboxInput } from '@contract/schemas'
import { call } from '@/services/cloud'
import { grantsOf } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { TAB } from '@/utils/routes'
import { ProblemCard } from './ProblemCard'
import { Tabs, type TabItem } from '@/components/Tabs'
import './list.css'
import './styles.css'

type InboxView = NonNullable<InboxInput['view']>

const VIEWS: readonly TabItem<InboxView>[] = [
  { key: 'open', label: '待办' },
  { key: 'overdue', label: '已超期' },
  { key: 'all', label: '全部' }
]

const EMPTY: Record<InboxView, { title: string; text: string }> = {
  open: {
    title: '暂无待办诉求',
    text: '派到本部门牵头或会办的诉求会出现在这里，超期和临期的排在前面。有求必应、无事不扰：有新诉求时再来处理，下拉可刷新。'
  },
  overdue: { title: '没有超期的诉求', text: '本部门的诉求都在期限内。马上就办、办就办好。' },
  all: { title: '还没有派到本部门的诉求', text: '企业提交的诉求按类别派单后会出现在这里。' }
}

/** 部门待办: problems the handler's department leads or co-handles, by view. */
export function HandlerInbox() {
  const session = useSession()
  const grants = grantsOf(session?.user, 'handler')
  const isHandler = grants.length > 0
  const token = session?.token
  const [view, setView] = useState<InboxView>('open')
  const inbox = useRemote(() => call('problems', 'inbox', { view }), [token, view], { enabled: isHandler, refreshOnShow: true })
  usePullDownRefresh(() => {
    void inbox.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session || !isHandler) {
    return (
      <View className='page'>
        <PageHeader title='部门待办' subtitle='派到本部门的企业诉求' />
        <StateView
          empty
          emptyTitle={session ? '当前身份不是部门经办人' : '请先登录'}
          emptyDescription='部门待办只对部门经办人开放：企业诉求按类别派到承办部门，由经办人签收、办理并答复。请在「我的」以部门经办人身份登录。'
          emptyAction={{ text: '去「我的」', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }

  const departments = grants.map((g) => g.scopeName).filter(Boolean).join('、')
  const items = inbox.data ?? []
  const overdue = items.filter((p) => p.overdue).length
  return (
    <View className='page'>
      <PageHeader title='部门待办' subtitle={departments ? `${departments}承办的企业诉求` : '派到本部门的企业诉求'} />
      <Tabs items={VIEWS} value={view} onChange={setView} />
      <StateView
        loading={inbox.loading}
        error={inbox.error}
        onRetry={() => void inbox.reload()}
        empty={items.length === 0}
        emptyTitle={EMPTY[view].title}
        emptyDescription={EMPTY[view].text}
      >
        <View className='section-title'>
          <Text>{VIEWS.find((v) => v.key === view)?.label}</Text>
          <Text className='section-title__extra'>
            共 {items.length} 条{overdue && view !== 'overdue' ? ` · 超期 ${overdue} 条` : ''}
          </Text>
        </View>
        {items.map((p) => (
          <ProblemCard key={p.id} problem={p} showEnterprise showRole />
        ))}
      </StateView>
    </View>
  )
}

export default HandlerInbox
