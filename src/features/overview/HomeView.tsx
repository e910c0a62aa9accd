import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import type { Overview } from '@contract/catalog'
import { call } from '@/services/cloud'
import { grantsOf, hasRole } from '@/services/session'
import { useRemote } from '@/hooks/useRemote'
import { useSession } from '@/hooks/useSession'
import { StateView } from '@/components/StateView'
import { PAGE, TAB } from '@/utils/routes'
import './styles.css'

const FIGURES: { key: keyof Overview; label: string; unit: string }[] = [
  { key: 'enterprises', label: '企业', unit: '家' },
  { key: 'chains', label: '产业链', unit: '条' },
  { key: 'stations', label: '服务站点', unit: '处' },
  { key: 'pairings', label: '结对', unit: '对' },
  { key: 'problems', label: '诉求', unit: '件' },
  { key: 'problemsClosed', label: '已办结', unit: '件' }
]

interface Entry {
  title: string
  desc: string
  go: () => void
}

const ENTRIES: Entry[] = [
  { title: '提交诉求', desc: '企业难题直达承办部门', go: () => void Taro.navigateTo({ url: PAGE.fileProblem }) },
  { title: '找驿站', desc: '歇脚、充电、热饭、帮办', go: () => void Taro.switchTab({ url: TAB.stations }) },
  { title: '结对共建', desc: '机关与企业支部结对', go: () => void Taro.switchTab({ url: TAB.pairings }) }
]

/** 首页: what 链上通 is, the district's figures, and the ways in. */
export function HomeView() {
  const session = useSession()
  const overview = useRemote(() => call('catalog', 'overview', {}), [], { refreshOnShow: true })
  usePullDownRefresh(() => {
    void overview.reload().finally(() => void Taro.stopPullDownRefresh())
  })
  const handlerGrants = grantsOf(session?.user, 'handler')
  const isDispatcher = hasRole(session?.user, 'dispatcher')

  return (
    <View className='page home'>
      <View className='home-hero'>
        <Text className='home-hero__name'>链上通</Text>
        <Text className='home-hero__purpose'>产业链党建服务：企业诉求直达承办部门，驿站与结对共建一站可查</Text>
        {session && <Text className='home-hero__hello'>{session.user.name}，您好</Text>}
      </View>

      {handlerGrants.length > 0 && (
        <View className='home-console card' onClick={() => void Taro.navigateTo({ url: PAGE.handlerInbox })}>
          <View className='home-console__text'>
            <Text className='home-console__title'>部门待办</Text>
            <Text className='home-console__desc'>
              {handlerGrants.map((g) => g.scopeName).filter(Boolean).join('、') || '本部门'}承办的企业诉求
            </Text>
          </View>
          <Text className='home-console__go'>进入 ›</Text>
        </View>
      )}

      {isDispatcher && (
        <View className='home-console card' data-testid='home-dispatcher'>
          <View className='home-console__text' onClick={() => void Taro.navigateTo({ url: PAGE.dispatcherTriage })}>
            <Text className='home-console__title'>调度台</Text>
            <Text className='home-console__desc'>待分派、退单、延期审批与超期督办</Text>
          </View>
          <View className='home-console__links'>
            <Text className='home-console__go' onClick={() => void Taro.navigateTo({ url: PAGE.dispatcherTriage })}>
              进入 ›
            </Text>
            <Text className='home-console__sub' onClick={() => void Taro.navigateTo({ url: PAGE.dispatcherAll })}>
              全部诉求 ›
            </Text>
          </View>
        </View>
      )}

      <View className='section-title'>
        <Text>服务概况</Text>
      </View>
      <StateView loading={overview.loading} error={overview.error} onRetry={() => void overview.reload()}>
        {overview.data && (
          <View className='home-figures card'>
            {FIGURES.map((f) => (
              <View key={f.key} className='home-figure' data-testid={`figure-${f.key}`}>
                <View>
                  <Text className='home-figure__value'>{overview.data?.[f.key] ?? 0}</Text>
                  <Text className='home-figure__unit'>{f.unit}</Text>
                </View>
                <Text className='home-figure__label'>{f.label}</Text>
              </View>
            ))}
          </View>
        )}
      </StateView>

      <View className='section-title'>
        <Text>快捷入口</Text>
      </View>
      <View className='home-entries'>
        {ENTRIES.map((e) => (
          <View key={e.title} className='home-entry' onClick={e.go}>
            <Text className='home-entry__title'>{e.title}</Text>
            <Text className='home-entry__desc'>{e.desc}</Text>
          </View>
        ))}
      </View>
      <Text className='home-motto'>有求必应 · 无事不扰 · 马上就办 · 办就办好</Text>
    </View>
  )
}

export default HomeView
