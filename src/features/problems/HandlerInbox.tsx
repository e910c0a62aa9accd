import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { call } from '@/services/cloud'
import { grantsOf } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { TAB } from '@/utils/routes'
import { ProblemCard } from './ProblemCard'
import './styles.css'

/** 部门待办: problems routed to the signed-in handler's department. */
export function HandlerInbox() {
  const session = useSession()
  const grants = grantsOf(session?.user, 'handler')
  const isHandler = grants.length > 0
  const token = session?.token
  const inbox = useRemote(() => call('problems', 'inbox', {}), [token], { enabled: isHandler, refreshOnShow: true })
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
  const open = items.filter((p) => p.status !== 'closed').length
  return (
    <View className='page'>
      <PageHeader title='部门待办' subtitle={departments ? `${departments}承办的企业诉求` : '派到本部门的企业诉求'} />
      <StateView
        loading={inbox.loading}
        error={inbox.error}
        onRetry={() => void inbox.reload()}
        empty={items.length === 0}
        emptyTitle='暂无派到本部门的诉求'
        emptyDescription='企业提交的诉求按类别派单后会出现在这里。有求必应、无事不扰：有新诉求时再来处理即可，下拉可刷新。'
      >
        <View className='section-title'>
          <Text>待办诉求</Text>
          <Text className='section-title__extra'>
            未办结 {open} 条 · 共 {items.length} 条
          </Text>
        </View>
        {items.map((p) => (
          <ProblemCard key={p.id} problem={p} showEnterprise />
        ))}
      </StateView>
    </View>
  )
}

export default HandlerInbox
