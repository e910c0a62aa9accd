import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { Button } from '@nutui/nutui-react-taro'
import { call } from '@/services/cloud'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { StateView } from '@/components/StateView'
import { PageHeader } from '@/components/PageHeader'
import { PAGE, TAB } from '@/utils/routes'
import { ProblemCard } from './ProblemCard'
import './styles.css'

const goFile = () => void Taro.navigateTo({ url: PAGE.fileProblem })

/** The 诉求 tab: the signed-in user's problems, with the way to file a new one. */
export function MyProblems() {
  const session = useSession()
  const token = session?.token
  const list = useRemote(() => call('problems', 'mine', {}), [token], { enabled: !!token, refreshOnShow: true })

  usePullDownRefresh(() => {
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
  return (
    <View className='page'>
      <PageHeader title='我的诉求' subtitle='提交的问题由承办部门跟进，直到您确认解决' />
      <View className='problems-cta'>
        <View className='problems-cta__text'>
          <Text className='problems-cta__title'>遇到难题？</Text>
          <Text className='problems-cta__desc'>用工、融资、审批、入学……说清楚，我们转给对的部门</Text>
        </View>
        <Button type='primary' size='large' onClick={goFile}>
          提交诉求
        </Button>
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
