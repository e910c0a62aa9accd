import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { hasRole } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { TOOLS, canUse, type ToolKey } from './routes'
import './links.css'

const LINKS: readonly { key: ToolKey; title: string; desc: string }[] = [
  { key: 'settings', title: '派单与时限设置', desc: '派单规则、各类时限、节假日调整与派单模型' },
  { key: 'similar', title: '相似问题', desc: '多家企业反映的同类问题，合并为链级问题一次办好' },
  { key: 'sessions', title: '吐槽大会', desc: '为产业链召开大会，按“我也遇到”排议程' }
]

/**
 * The dispatcher's tools as a card of links, for 我的 (place it under 常用功能 for dispatchers).
 * Shows only what the signed-in person may open: all three for a dispatcher, the settings for an
 * administrator; nothing for anyone else.
 */
export function DispatchToolsLinks({ title = '调度工具' }: { title?: string }) {
  const session = useSession()
  const user = session?.user
  const links = LINKS.filter((l) => (l.key === 'sessions' ? hasRole(user, 'dispatcher') : canUse(user, l.key)))
  if (!links.length) return null
  return (
    <View className='dt-links-block' data-testid='dispatch-tools-links'>
      {title && (
        <View className='section-title'>
          <Text>{title}</Text>
        </View>
      )}
      <View className='card dt-links'>
        {links.map((l) => (
          <View key={l.key} className='dt-link' data-testid={`link-tools-${l.key}`} onClick={() => void Taro.navigateTo({ url: TOOLS[l.key] })}>
            <View className='dt-link__text'>
              <Text className='dt-link__title'>{l.title}</Text>
              <Text className='dt-link__desc'>{l.desc}</Text>
            </View>
            <Text className='dt-link__arrow'>›</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

export default DispatchToolsLinks
