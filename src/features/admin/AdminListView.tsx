import { View } from '@tarojs/components'
import { ADMIN_ENTITIES, type AdminEntity } from '@contract/admin'
import { StateView } from '@/components/StateView'
import { PAGE } from '@/utils/routes'
import { ENTITY_DEFS } from './entities'
import { EntityList } from './EntityList'
import { goTo } from './console-nav'
import './styles.css'
import './console.css'

const isEntity = (v: string | undefined): v is AdminEntity => !!v && (ADMIN_ENTITIES as readonly string[]).includes(v)

// each entity's list keeps its own record type: the generic function ties the definition to it
function listOf<E extends AdminEntity>(entity: E, openId: string | undefined) {
  return <EntityList key={entity} def={ENTITY_DEFS[entity]} openId={openId} />
}

/** packages/admin/list?entity=…[&id=…]: one list of the console, driven by its definition. */
export function AdminListView({ entity, openId }: { entity: string | undefined; openId?: string }) {
  if (!isEntity(entity)) {
    return (
      <View className='page adm-page adc-page'>
        <StateView
          empty
          emptyTitle='没有这个列表'
          emptyDescription='链接可能不完整。请回到管理后台首页，从那里打开要管理的列表。'
          emptyAction={{ text: '回到管理后台', onClick: () => goTo(PAGE.adminHome) }}
        />
      </View>
    )
  }
  return listOf(entity, openId)
}

export default AdminListView
