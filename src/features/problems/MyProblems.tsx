import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { LiteButton } from '@/components/LiteButton'
import { call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { PAGE, TAB } from '@/utils/routes'
import { ProblemCard } from './ProblemCard'
import { ChainBoard } from './ChainBoard'
import { Tabs, type TabItem } from '@/components/Tabs'
import './list.css'

type ProblemsTab = 'mine' | 'board'
const VIEWS: readonly TabItem<ProblemsTab>[] = [
  { key: 'mine', label: '我的诉求' },
  { key: 'board', label: '链上诉求' }
]

const goFile = () => void Taro.navigateTo({ url: PAGE.fileProblem })

/** The 诉求 tab: the signed-in user's problems, with the way to file a new one; and the chain's public board. */
export function MyProblems() {
  const session = useSession()
  const token = session?.token
  const [view, setView] = useState<ProblemsTab>('mine')
  const list = useRemote(() => call('problems', 'mine', {}), [token], { enabled: !!token && view === 'mine', refreshOnShow: true })
  // the board reloads itself when shown; a pull on it remounts it
  const [boardKey, setBoardKey] = useState(0)

  usePullDownRefresh(() => {
    if (view === 'board') {
      setBoardKey((k) => k + 1)
      void Taro.stopPullDownRefresh()
      return
    }
    void list.reload().finally(() => void Taro.stopPullDownRefresh())
  })

  if (!session) {
    return (
      <View className='page'>
        <PageHeader title='诉求' subtitle='企业遇到的难题，在这里直达承办部门' />
        <StateView
          empty
          emptyTitle='登录后提交和跟进诉求'
          emptyDescription='诉求会按类别转给负责的部门办理，每一步进展都记录在案。请先在「我的」选择身份登录。'
          emptyAction={{ text: '去登录', onClick: () => void Taro.switchTab({ url: TAB.me }) }}
        />
      </View>
    )
  }

  const problems = list.data ?? []
  if (view === 'board') {
    return (
      <View className='page'>
        <PageHeader title='链上诉求' subtitle='同一产业链的企业一起反映，共性问题一次办好' />
        <Tabs items={VIEWS} value={view} onChange={setView} />
        <ChainBoard key={boardKey} session={session} />
      </View>
    )
  }
  return (
    <View className='page'>
      <PageHeader title='我的诉求' subtitle='提交的问题由承办部门跟进，直到您确认解决' />
      <Tabs items={VIEWS} value={view} onChange={setView} />
      <View className='problems-cta'>
        <View className='problems-cta__text'>
          <Text className='problems-cta__title'>遇到难题？</Text>
          <Text className='problems-cta__desc'>用工、融资、审批、入学……说清楚，我们转给对的部门</Text>
        </View>
        <LiteButton type='primary' size='large' onClick={goFile}>
          提交诉求
        </LiteButton>
      </View>
      <StateView
        loading={list.loading}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={problems.length === 0}
        emptyTitle='还没有提交过诉求'
        emptyDescription='像在“吐槽大会”上一样说出企业遇到的问题：提交后系统按类别转给负责的部门，部门签收、办理、答复，全程跟进，直到您确认问题解决。'
        emptyAction={{ text: '提交第一条诉求', onClick: goFile }}
      >
        <View className='section-title'>
          <Text>全部诉求</Text>
          <Text className='section-title__extra'>共 {problems.length} 条</Text>
        </View>
        {problems.map((p) => (
          <ProblemCard key={p.id} problem={p} />
        ))}
      </StateView>
    </View>
  )
}

export default MyProblems
