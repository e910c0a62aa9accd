import { View, Text } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { call } from '@/services/cloud'
import { hasRole } from '@/services/session'
import { useSession } from '@/hooks/useSession'
import { useRemote } from '@/hooks/useRemote'
import { PageHeader } from '@/components/PageHeader'
import { PAGE } from '@/utils/routes'
import { TILE_GROUPS, type Tile } from './console-tiles'
import { auditSentence } from './audit-labels'
import { auditTime } from './AuditEntryCard'
import { ConsoleRefusal } from './ConsoleRefusal'
import './styles.css'
import './console.css'

function TileCard({ tile, count }: { tile: Tile; count: string | null }) {
  return (
    <View className='adc-tile' role='link' aria-label={tile.title} data-testid={`tile-${tile.key}`} onClick={() => void Taro.navigateTo({ url: tile.url })}>
      <Text className={`adc-tile__glyph adc-tile__glyph--${tile.tone}`}>{tile.glyph}</Text>
      <View className='adc-tile__body'>
        <View className='adc-tile__top'>
          <Text className='adc-tile__title'>{tile.title}</Text>
          {count && <Text className='adc-tile__count'>{count}</Text>}
        </View>
        <Text className='adc-tile__text'>{tile.description}</Text>
      </View>
    </View>
  )
}

/** packages/admin/home: 管理后台 — every list, the flow settings, invites, import and the log, one tap away. */
export function AdminHome() {
  const session = useSession()
  const admin = hasRole(session?.user, 'admin')
  const overview = useRemote(() => call('catalog', 'overview', {}), [], { enabled: admin, refreshOnShow: true })
  // the latest changes; its FORBIDDEN is also the server's word that this account is no admin (any more)
  const recent = useRemote(() => call('admin', 'audit', { limit: 5 }), [session?.token], { enabled: admin, refreshOnShow: true })
  usePullDownRefresh(() => {
    void Promise.all([overview.reload(), recent.reload()]).finally(() => void Taro.stopPullDownRefresh())
  })

  const header = <PageHeader title='管理后台' subtitle='维护全区基础数据、人员与角色；批量导入与操作日志' />
  if (!session || !admin || recent.error?.code === 'FORBIDDEN') {
    return (
      <View className='page adm-page adc-page'>
        {header}
        <ConsoleRefusal signedIn={!!session} />
      </View>
    )
  }

  return (
    <View className='page adm-page adc-page adc-home'>
      {header}
      <View className='adc-home__layout'>
        <View className='adc-home__tiles'>
          {TILE_GROUPS.map((g) => (
            <View key={g.title} className='adc-group' data-testid='tile-group'>
              <Text className='adc-group__title'>{g.title}</Text>
              <View className='adc-tiles'>
                {g.tiles.map((t) => (
                  <TileCard key={t.key} tile={t} count={t.count && overview.data ? t.count(overview.data) : null} />
                ))}
              </View>
            </View>
          ))}
        </View>
        <View className='adc-home__side'>
          <View className='card adc-recent' data-testid='recent-changes'>
            <View className='adc-recent__head'>
              <Text className='adc-group__title'>最近操作</Text>
              <Text className='link adc-recent__all' onClick={() => void Taro.navigateTo({ url: PAGE.adminAudit })}>
                全部日志 ›
              </Text>
            </View>
            {recent.loading ? (
              <Text className='adc-recent__note'>正在读取…</Text>
            ) : recent.error ? (
              <Text className='adc-recent__note' onClick={() => void recent.reload()}>
                {recent.error.message}（点击重试）
              </Text>
            ) : !recent.data?.length ? (
              <Text className='adc-recent__note'>还没有操作记录。新增、修改或导入数据后，每一次改动都会记在操作日志里。</Text>
            ) : (
              recent.data.map((e) => (
                <View key={e.id} className='adc-recent__item' data-testid='recent-entry'>
                  <Text className='adc-recent__what'>
                    <Text className='adc-recent__actor'>{e.actorName}</Text>
                    {auditSentence(e)}
                  </Text>
                  <Text className='adc-recent__when'>{auditTime(e.at)}</Text>
                </View>
              ))
            )}
          </View>
        </View>
      </View>
    </View>
  )
}

export default AdminHome
