import Taro from '@tarojs/taro'
import { ADMIN_ENTITIES, ADMIN_ENTITY_LABELS } from '@contract/admin'
import { PAGE, adminListUrl } from '@/utils/routes'

export interface NavItem {
  key: string
  label: string
  url: string
}

/** The console's places, in the order of the home page's tiles. */
export const NAV_ITEMS: NavItem[] = [
  { key: 'home', label: '后台首页', url: PAGE.adminHome },
  ...ADMIN_ENTITIES.map((e) => ({ key: e, label: e === 'people' ? '人员与角色' : ADMIN_ENTITY_LABELS[e], url: adminListUrl(e) })),
  { key: 'import', label: '批量导入', url: PAGE.adminImport },
  { key: 'audit', label: '操作日志', url: PAGE.adminAudit }
]

/**
 * Moves between the console's pages in place (redirectTo), so going from list to list on a PC does not
 * pile up pages that 返回 would walk back through; the page stack stays as it was when the console opened.
 */
export function goTo(url: string): void {
  void Taro.redirectTo({ url }).catch(() => Taro.navigateTo({ url }))
}
