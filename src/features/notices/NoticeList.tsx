import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import type { Notice } from '@contract/notices'
import { call, toCloudError } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { formatDateTime } from '@/utils/date'
import { TAB, problemDetailUrl } from '@/utils/routes'
import './styles.css'

/** 消息: in-app notices, newest first; tap one to open its problem; 全部已读. */
export function NoticeList() {
  const session = useSession()
  const token = session?.token
  const list = useRemote(() => call('notices', 'list', {}), [token], { enabled: !!token, refreshOnShow: true })
  const [marking, setMarking] = useState(false)
  usePullDownRefresh(() => {
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session) {
    return (
      <View className='page'>
        <PageHeader title='消息' subtitle='诉求办理进展的通知' />
        <StateView
          empty
          emptyTitle='请先登录'
          emptyDescription='登录后，诉求的派单、签收、答复、督办等进展会以消息通知您。'
          emptyAction={{ text: '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }

  const notices = list.data ?? []
  const unread = notices.filter((n) => !n.readAt).length
  const now = new Date().toISOString()
  const markLocally = (ids: string[] | null) => {
    list.mutate(notices.map((n) => (!n.readAt && (ids === null || ids.includes(n.id)) ? { ...n, readAt: now } : n)))
  }

  const open = (n: Notice) => {
    if (!n.readAt) {
      markLocally([n.id])
      // reading it is enough; a failed mark is retried the next time the list loads
      call('notices', 'markRead', { ids: [n.id] }).catch(() => undefined)
    }
    if (n.problemId) void Taro.navigateTo({ url: problemDetailUrl(n.problemId) })
  }

  const markAll = async () => {
    if (marking || !unread) return
    setMarking(true)
    try {
      await call('notices', 'markRead', {})
      markLocally(null)
      void Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch (e) {
      void Taro.showToast({ title: toCloudError(e).message, icon: 'none' })
    } finally {
      setMarking(false)
    }
  }

  return (
    <View className='page'>
      <PageHeader
        title='消息'
        subtitle={unread ? `${unread} 条未读` : '诉求办理进展的通知'}
        extra={
          unread > 0 ? (
            <Button size='small' fill='outline' type='primary' disabled={marking} onClick={() => void markAll()}>
              全部已读
            </Button>
          ) : undefined
        }
      />
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={notices.length === 0}
        emptyTitle='暂无消息'
        emptyDescription='诉求被派单、签收、答复、督办时，相关的人会在这里收到消息。无事不扰：没有进展就不打扰您。'
      >
        {notices.map((n) => (
          <View
            key={n.id}
            className={`notice card${n.readAt ? '' : ' notice--unread'}`}
            onClick={() => open(n)}
            data-testid='notice'
            data-read={n.readAt ? 'yes' : 'no'}
          >
            <View className='notice__head'>
              {!n.readAt && <View className='notice__dot' />}
              <Text className='notice__title'>{n.title}</Text>
              <Text className='notice__time'>{formatDateTime(n.createdAt)}</Text>
            </View>
            <Text className='notice__body'>{n.body}</Text>
            {n.problemId && <Text className='notice__go'>查看诉求 ›</Text>}
          </View>
        ))}
      </StateView>
    </View>
  )
}

export default NoticeList
